"""The pure parts of effect indicators: periods, cells, the colour rule and the trend."""

from __future__ import annotations

from datetime import date

import pytest

from domain.indicator_results import Light, Trend, judge
from domain.indicators import (
    Direction,
    Indicator,
    Measurement,
    Source,
    latest_per_period,
    parse_period,
    period_key,
    tertial_of,
)
from importer.indicator_cells import direction_of, number, source_of, value_cell


@pytest.mark.parametrize(("text", "key"), [
    ("2025", "2025"), (2025, "2025"), (2025.0, "2025"), ("2026-T1", "2026-T1"),
    (" 2026 t2 ", "2026-T2"), ("T3 2026", "2026-T3"), ("2026/T3", "2026-T3"),
    ("2026-T4", None), ("hösten", None), ("", None), (None, None), ("1999", None),
])
def test_periods_are_read_as_people_write_them(text, key):
    assert parse_period(text) == key


def test_periods_sort_by_time_and_tertials_cover_the_year():
    assert sorted(["2026", "2026-T2", "2025", "2026-T1"], key=period_key) == [
        "2025", "2026-T1", "2026-T2", "2026"]
    assert [tertial_of(date(2026, m, 1)) for m in (1, 4, 5, 8, 9, 12)] == [
        "2026-T1", "2026-T1", "2026-T2", "2026-T2", "2026-T3", "2026-T3"]


@pytest.mark.parametrize(("raw", "value", "reason", "bad"), [
    ("3,4", 3.4, "", False), (" 1 200 ", 1200.0, "", False), (12, 12.0, "", False),
    ("−2,5", -2.5, "", False), ("ingen data: enkäten genomfördes inte", None,
                                "enkäten genomfördes inte", False),
    ("Ingen data – bytt metod", None, "bytt metod", False), ("INGEN DATA", None, "", False),
    ("ungefär 3", None, "", True), ("3,4,5", None, "", True),
])
def test_value_cells(raw, value, reason, bad):
    cell = value_cell(raw)
    assert (cell.value, cell.reason, cell.bad) == (value, reason, bad)


def test_blank_cells_sources_and_directions():
    assert value_cell("  ").empty and value_cell(None).empty
    assert number(True) is None and number("12,") is None
    assert source_of("Trygghetsmätningen 2024") is Source.TRYGGHETSMATNING
    assert source_of("ntu") is Source.NTU and source_of("Anmälda brott") is Source.POLICE_STATISTICS
    assert source_of("egen räkning") is Source.OWN_COUNT and source_of("") is Source.OTHER
    assert source_of("Skolenkät") is None
    assert direction_of("Lägre är bättre") is Direction.LOWER
    assert direction_of(" minska ") is Direction.LOWER
    assert direction_of("HÖGRE ÄR BÄTTRE") is Direction.HIGHER and direction_of("öka") is Direction.HIGHER
    assert direction_of("vet ej") is None


def _indicator(direction=Direction.LOWER, baseline=100.0, target=80.0) -> Indicator:
    return Indicator(id=1, plan_id=1, area_id=1, area_name="A", name="n", source=Source.NTU,
                     direction=direction, baseline_value=baseline, target_value=target)


def _series(*values) -> list[Measurement]:
    periods = ["2025-T1", "2025-T2", "2025-T3", "2026-T1"]
    return [Measurement(id=n, indicator_id=1, period=periods[n], value=v,
                        reason="" if v is not None else "enkäten ställdes in")
            for n, v in enumerate(values)]


@pytest.mark.parametrize(("values", "light", "trend", "better"), [
    ((), Light.GREY, Trend.NONE, None),
    ((95, None), Light.GREY, Trend.DOWN, True),  # the latest period has no data
    ((80,), Light.GREEN, Trend.DOWN, True),  # target met
    ((95, 90), Light.GREEN, Trend.DOWN, True),  # half way: 10 of 20
    ((95, 91), Light.YELLOW, Trend.DOWN, True),  # the right way, less than half
    ((100,), Light.RED, Trend.FLAT, None),  # unchanged
    ((95, 105), Light.RED, Trend.UP, False),  # worse than the baseline
])
def test_the_colour_rule_for_lower_is_better(values, light, trend, better):
    result = judge(_indicator(), _series(*values))
    assert (result.light, result.trend, result.better) == (light, trend, better)


def test_higher_is_better_mirrors_it():
    higher = _indicator(Direction.HIGHER, baseline=5, target=12)
    assert judge(higher, _series(9)).light is Light.GREEN  # 4 of 7
    assert judge(higher, _series(7)).light is Light.YELLOW
    falling = judge(higher, _series(4))
    assert (falling.light, falling.arrow, falling.better) == (Light.RED, "↓", False)


def test_without_baseline_or_target():
    plain = _indicator(baseline=None, target=None)
    assert judge(plain, _series(10)).light is Light.YELLOW  # nothing to compare with yet
    assert judge(plain, _series(10, 8)).light is Light.YELLOW  # better, no target to reach
    assert judge(plain, _series(10, 12)).light is Light.RED


def test_the_latest_entry_of_a_period_wins():
    entries = [Measurement(1, 1, "2025-T1", 3.0), Measurement(3, 1, "2025-T2", 2.0),
               Measurement(2, 1, "2025-T1", 4.0)]
    latest = latest_per_period(entries)
    assert list(latest) == ["2025-T1", "2025-T2"] and latest["2025-T1"].value == 4.0
