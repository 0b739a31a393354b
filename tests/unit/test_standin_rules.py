"""The pure parts: the stand-in command's wording, who receives for whom, and the response
rate's definitions (a role-less coordinator answer, medians, nothing answered)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.response_rate import Duty, FirstAnswer, RateInput, response_rate
from domain.standin import StandIn, parse_end, parse_standin, receivers

T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)


def test_the_command_reads_stand_in_owner_and_last_day():
    own = parse_standin("anna.andersson@stad.se till 2027-01-10")
    assert (own.standin_email, own.owner_email, own.until) == (
        "anna.andersson@stad.se", None, date(2027, 1, 10))
    other = parse_standin("anna.andersson@stad.se för kim.kommunpolis@polisen.se till 2027-01-10")
    assert (other.standin_email, other.owner_email) == ("anna.andersson@stad.se",
                                                        "kim.kommunpolis@polisen.se")
    assert parse_standin("anna.andersson@stad.se").error == "standin_usage"
    assert parse_standin("till 2027-01-10").error == "standin_usage"
    assert parse_standin("a@b.se till 2027-02-30").error == "standin_err_date"
    assert parse_end("för kim.kommunpolis@polisen.se") == "kim.kommunpolis@polisen.se"
    assert parse_end("") is None


def test_receivers_hold_through_the_last_day_and_not_after():
    day = date(2026, 12, 10)
    records = [StandIn(1, 7, 8, day, T0), StandIn(2, 9, 8, day, T0, ended_at=T0),
               StandIn(3, 7, 5, day, T0)]  # a newer record for 7 wins
    assert receivers({7, 9}, records, day) == {7: 5}
    assert receivers({7, 9}, records, day + timedelta(days=1)) == {}
    assert receivers({9}, records, day) == {}


def test_rate_counts_a_role_less_answer_for_every_role_of_its_action():
    data = RateInput(1, "V", "Kungsholmen", T0,
                     duties=(Duty(1, 10, "Polis"), Duty(1, 20, "Skola"), Duty(2, 10, "Polis"),
                             Duty(3, 20, "Skola")),
                     answers=(FirstAnswer(1, None, T0 + timedelta(hours=3)),
                              FirstAnswer(2, 10, T0 + timedelta(hours=1)),
                              FirstAnswer(2, 10, T0 + timedelta(minutes=30))),
                     reminders=3)
    rate = response_rate(data)
    assert (rate.overall.asked, rate.overall.answered) == (4, 3)
    assert rate.overall.share == 0.75
    assert rate.overall.median_hours == 3.0  # 3 h, 3 h and 0.5 h
    assert rate.overall.reminders_per_answer == 1.0
    roles = dict(rate.by_role)
    assert (roles["Polis"].answered, roles["Polis"].median_hours) == (2, 1.75)
    assert (roles["Skola"].asked, roles["Skola"].answered) == (2, 1)
    assert roles["Skola"].reminders_per_answer is None


def test_rate_of_an_unanswered_round():
    rate = response_rate(RateInput(1, "V", "D", T0, (Duty(1, 10, "Polis"),), (), 2)).overall
    assert (rate.share, rate.median_hours, rate.reminders_per_answer) == (0.0, None, None)
    empty = response_rate(RateInput(1, "V", "D", T0, (), (), 0)).overall
    assert empty.share is None
