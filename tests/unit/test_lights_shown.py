"""The traffic lights where a status overview is shown: the styrgrupp card (and its Markdown
fallback), the year-end report, and the city roll-up built from plain lists."""

from __future__ import annotations

from datetime import date

from domain.city import CityAction, CityAnswer, DistrictPlan, build_city
from domain.lights import Light
from domain.summary import (
    ActionInfo,
    OwnerRole,
    PersonInfo,
    ReportInfo,
    SummaryInput,
    build_summary,
)
from domain.yearend import PartyReport, compile_year_end
from reports.summary import renderer, summary_markdown
from reports.yearend import year_end_html, year_end_markdown
from tests.schemas import assert_valid_card

POLICE = OwnerRole(1, "Kommunpolis", "polis", True)


def _actions() -> tuple[ActionInfo, ...]:
    """Area 1 "Unga": four actions; area 2 "Otrygga platser": two."""
    return tuple(ActionInfo(i, 1 if i <= 4 else 2, "Unga" if i <= 4 else "Otrygga platser",
                            1 if i <= 4 else 2, i, f"Åtgärd {i}", (POLICE,)) for i in range(1, 7))


def _summary():
    reports = (ReportInfo(1, 1, 10, 1, "done"), ReportInfo(2, 2, 10, 1, "on_track"),
               ReportInfo(3, 3, 10, 1, "done"), ReportInfo(4, 4, 10, 1, "done",
                                                           needs_support=True, support_text="x"),
               ReportInfo(5, 5, 10, 1, "partial"))
    return build_summary(SummaryInput(1, "Kungsholmen 2025", 7, "T1", date(2025, 4, 30),
                                      _actions(), reports, (PersonInfo(10, "Tove", (1,)),)))


def test_the_styrgrupp_card_shows_a_light_per_area_and_for_the_plan():
    summary = _summary()
    # Unga: 1 of 4 red (support asked) = a quarter → red; Otrygga: 1 of 2 answered, yellow.
    assert [(a.name, a.light) for a in summary.areas] == [("Unga", Light.RED),
                                                          ("Otrygga platser", Light.YELLOW)]
    assert summary.light is Light.YELLOW  # 1 red of 5 answered: a fifth, under a quarter
    activity = renderer("sv")(summary)
    card = activity["attachments"][0]["content"]
    assert_valid_card(card)
    rows = [b for b in card["body"] if b["type"] == "ColumnSet"]
    assert [r["columns"][0]["items"][0]["text"] for r in rows] == ["🔴", "🟡"]
    assert any(b.get("text") == "Läget i planen: 🟡 gult" for b in card["body"])
    markdown = summary_markdown(summary, "sv")
    assert "- 🔴 Unga:" in markdown and "- 🟡 Otrygga platser:" in markdown


def test_the_year_end_report_shows_a_light_per_area():
    reports = [PartyReport(i, 1, i, "polis", "Kommunpolis", s, "Text", None, needs_support=i == 5)
               for i, s in ((1, "done"), (2, "done"), (3, "on_track"), (4, "done"), (5, "done"),
                            (6, "done"))]
    report = compile_year_end("Kungsholmen 2025", 2025, "", _actions(), reports)
    assert [a.light for a in report.areas] == [Light.GREEN, Light.RED]  # support asked: red
    md = year_end_markdown(report, "sv")
    assert "| Otrygga platser | 2 |" in md and "| 🔴 Rött |" in md and "| 🟢 Grönt |" in md
    html = year_end_html(report, "sv")
    assert "<th>Läge</th>" in html and "🔴 Rött</td>" in html


def test_the_city_counts_an_action_once_with_the_worst_of_its_parties():
    plans = [DistrictPlan(2, "Norrmalm", 2025), DistrictPlan(1, "Kungsholmen", 2025)]
    actions = [CityAction(1, 1, "Unga", 1, "A"), CityAction(2, 1, "Unga", 1, "B"),
               CityAction(3, 2, "1. UNGA", 1, "C"), CityAction(9, 7, "Unga", 1, "other plan")]
    answers = [CityAnswer(1, "done"), CityAnswer(1, "delayed"),  # two parties: delayed counts
               CityAnswer(2, "on_track", True, "Lokal"), CityAnswer(2, "on_track", True, ""),
               CityAnswer(9, "done")]
    city = build_city(2025, None, plans, actions, answers)
    kungsholmen, norrmalm = city.districts
    assert (kungsholmen.district, kungsholmen.answered, kungsholmen.needs_support) == (
        "Kungsholmen", 2, 1)
    assert dict(kungsholmen.statuses)["delayed"] == 1 and dict(kungsholmen.statuses)["done"] == 0
    assert kungsholmen.light is Light.RED and norrmalm.light is Light.GREY
    [area] = city.areas
    assert area.name == "Unga" and [t.district for t in area.districts] == ["Kungsholmen",
                                                                            "Norrmalm"]
    [flagged] = city.flagged
    assert (flagged.district, flagged.title, flagged.support_text) == ("Kungsholmen", "B", "Lokal")
