"""The pure rules: which days a round reminds on for a person, reading a preference, and who
missed two rounds in a row. Dates come from the test clock's today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.commands import normalise, parse
from bot.routes import COMMANDS
from domain.escalation import RoundOutcome, missed_twice
from domain.reminder_prefs import parse_preference
from domain.reminders import (
    NO_PREFERENCE,
    Preference,
    reminds_today,
    round_days,
    send_at,
    working_day,
)
from tests.clock import STOCKHOLM, next_working_week


@dataclass(frozen=True)
class R:
    due_date: date | None
    opened_at: datetime
    reminder_days_before: int | None = None


def opened(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=UTC)


def january_sixth_on_a_weekday(after: date) -> date:
    year = after.year + 1
    while date(year, 1, 6).weekday() >= 5:
        year += 1
    return date(year, 1, 6)


def test_trettondedag_jul_is_no_reminder_day(clock):
    sixth = january_sixth_on_a_weekday(clock.today)
    assert not working_day(sixth)
    rnd = R(sixth, opened(sixth - timedelta(days=14)), 0)  # due on the holiday itself
    assert sixth not in round_days(rnd, NO_PREFERENCE, STOCKHOLM)
    assert not reminds_today(sixth, [rnd], NO_PREFERENCE, STOCKHOLM)


def test_a_preferred_weekday_replaces_the_slots_but_keeps_one_before_the_due_date(clock):
    monday = next_working_week(clock.today)
    friday = monday + timedelta(days=4)
    rnd = R(friday, opened(monday - timedelta(days=7)))
    assert round_days(rnd, NO_PREFERENCE, STOCKHOLM) == {monday + timedelta(days=2), friday}
    tuesday = Preference(weekday=1)
    assert round_days(rnd, tuesday, STOCKHOLM) == {monday + timedelta(days=1)}
    # Opened on that Tuesday: the Tuesday cannot carry a reminder, the round's own days do.
    late = R(friday, opened(monday + timedelta(days=1)))
    assert round_days(late, tuesday, STOCKHOLM) == {monday + timedelta(days=2), friday}
    # Never after the due date.
    after = friday + timedelta(days=4)
    assert not reminds_today(after, [rnd], tuesday, STOCKHOLM)
    assert not reminds_today(monday + timedelta(days=1), [rnd], tuesday, STOCKHOLM,
                             away_until=monday + timedelta(days=1))


def test_a_preferred_hour_holds_the_reminder_back(clock):
    day = next_working_week(clock.today)
    assert send_at(day, NO_PREFERENCE, STOCKHOLM) is None
    assert send_at(day, Preference(hour=14), STOCKHOLM) == datetime.combine(
        day, time(14), tzinfo=STOCKHOLM)


@pytest.mark.parametrize(("text", "weekday", "hour"), [
    ("påminn mig på tisdagar", 1, None), ("påminn mig kl 9", None, 9),
    ("påminn mig på tisdagar kl 14", 1, 14), ("Påminn mig varje fredag klockan 8.00", 4, 8),
    ("paminn mig pa mandagar", 0, None), ("remind me on tuesdays at 9", 1, 9),
    ("remind me every thursday", 3, None), ("påminn mig på onsdagarna kl. 10", 2, 10),
])
def test_preferences_are_read(text, weekday, hour):
    assert parse_preference(normalise(text)) == Preference(weekday, hour)
    intent = parse(text, COMMANDS)
    assert intent is not None and intent.name == "reminder_prefer"


@pytest.mark.parametrize("text", ["påminn mig kl 23", "påminn mig på lördagar",
                                  "påminn mig kl 5", "påminn mig kl"])
def test_what_is_no_preference_is_refused(text):
    assert parse_preference(normalise(text)) is None


def test_one_day_is_left_to_snoozing_and_the_other_commands_are_found():
    """"påminn mig på tisdag" (one day) is not a standing preference."""
    assert parse_preference("påminn mig på tisdag") is None
    intent = parse("påminn mig på tisdag", COMMANDS)
    assert intent is None or intent.name != "reminder_prefer"
    for text, name in (("mina påminnelser", "reminder_show"), ("my reminders", "reminder_show"),
                       ("påminn mig när som helst", "reminder_clear"),
                       ("rensa påminnelser", "reminder_clear"),
                       ("remind me any time", "reminder_clear")):
        found = parse(text, COMMANDS)
        assert found is not None and found.name == name, text


def test_two_misses_in_a_row_make_one_event():
    rounds = [RoundOutcome(1, frozenset({1, 2, 3}), frozenset({1, 2})),
              RoundOutcome(2, frozenset({1, 2}), frozenset({1})),
              RoundOutcome(3, frozenset({3}), frozenset({3})),  # 3 owned nothing in round 2
              RoundOutcome(4, frozenset({1, 2, 3}), frozenset({1, 3}))]
    assert missed_twice(rounds) == {1: (2, 4), 3: (3, 4)}  # 2 answered round 4
    assert missed_twice(rounds[:3]) == {1: (1, 2)}
