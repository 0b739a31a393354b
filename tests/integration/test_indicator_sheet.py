"""The Indikatorer sheet: imported with the plan (clean or messy), exported back identical."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from cli.workbook import status_labels
from importer.model import WorkbookError
from services.exports import export_plan
from services.imports import import_workbook
from services.indicators import list_indicators
from storage.db import Database
from tests.indicator_data import (
    CLEAN,
    EXPECTED,
    HEADERS,
    MESSY,
    MESSY_HEADERS,
    import_plan,
    plan_workbook,
)


async def _data(db: Database, district: str = "Kungsholmen") -> list[tuple]:
    """What is stored, in words that do not depend on ids: indicator fields and values."""
    [plan] = await list_indicators(db, district)
    return [(r.indicator.area_name, r.indicator.problem, r.indicator.name, r.indicator.source,
             r.indicator.unit, r.indicator.direction, r.indicator.baseline_value,
             r.indicator.baseline_period, r.indicator.target_value, r.indicator.target_period,
             r.indicator.owner_text, r.indicator.role_id is not None,
             tuple((m.period, m.value, m.reason) for m in r.series))
            for r in plan.results]


def _sheet(path) -> list[tuple]:
    ws = load_workbook(path)["Indikatorer"]
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


async def test_a_clean_sheet_imports_with_owners_values_and_judgement(database: Database,
                                                                      tmp_path):
    report = await import_plan(database, tmp_path)
    assert not [w for w in report.warnings if w.code.startswith("indicator")]
    [plan] = await list_indicators(database, "Kungsholmen")
    found = {r.indicator.name: (r.light.value, r.trend.value) for r in plan.results}
    assert found == EXPECTED
    places = next(r for r in plan.results if r.indicator.name == "Otrygghet i området")
    assert places.latest is not None and places.latest.value is None
    assert places.latest.reason == "enkäten genomfördes inte"  # "no data, and why"
    assert all(r.indicator.role_id for r in plan.results)  # Ansvarig → the roles table


async def test_messy_input_reads_as_the_clean_one_and_warns_about_an_unknown_area(
        database: Database, tmp_path):
    await import_plan(database, tmp_path / "clean", "Kungsholmen")
    report = await import_plan(database, tmp_path / "messy", "Bromma", MESSY, MESSY_HEADERS)
    unknown = [w for w in report.warnings if w.code == "indicator_unknown_area"]
    assert [(w.sheet, w.row, w.values["area"]) for w in unknown] == [
        ("Indikatorer", 7, "Ett område som inte finns")]
    clean, messy = await _data(database, "Kungsholmen"), await _data(database, "Bromma")
    assert [row[2:] for row in messy] == [row[2:] for row in clean]  # areas: stored names
    assert len(messy) == len(CLEAN)  # the unknown area's indicator is not half-written


async def test_round_trip_gives_equal_data_and_equal_cells(database: Database, tmp_path):
    source = plan_workbook(tmp_path)
    await import_workbook(database, source, year=2025, district="Kungsholmen")
    before = await _data(database)
    out = tmp_path / "export.xlsx"
    await export_plan(database, "Kungsholmen 2025", out, status_labels())
    assert _sheet(out) == _sheet(source)[1:]  # the clean input's cells, title row aside
    report = await import_workbook(database, out, year=2025, district="Kungsholmen")
    assert not [w for w in report.warnings if w.code.startswith("indicator")]
    assert await _data(database) == before
    [plan] = await list_indicators(database, "Kungsholmen")
    assert sum(len(r.series) for r in plan.results) == 10  # no entry added by the re-import


async def test_a_changed_value_appends_and_the_latest_wins(database: Database, tmp_path):
    await import_plan(database, tmp_path / "a")
    rows = [list(r) for r in CLEAN]
    rows[1][13] = 29  # Anmälda rån mot unga, 2025-T2: 31 → 29
    await import_plan(database, tmp_path / "b", rows=rows)
    [plan] = await list_indicators(database, "Kungsholmen")
    robbery = next(r for r in plan.results if r.indicator.name == "Anmälda rån mot unga")
    assert robbery.latest is not None and robbery.latest.value == 29


async def test_a_personal_number_in_a_reason_refuses_the_workbook(database: Database, tmp_path):
    rows = [list(r) for r in CLEAN]
    rows[0][13] = "ingen data: 19811218-9876 ville inte svara"
    with pytest.raises(WorkbookError) as caught:
        await import_plan(database, tmp_path, rows=rows)
    assert caught.value.code == "indicator_personal_number"
    assert caught.value.values == {"sheet": "Indikatorer", "row": 3}
    async with database.transaction() as repo:
        assert await repo.count_plans() == 0  # nothing saved, not even the plan


def test_the_headers_are_the_documented_ones():
    assert HEADERS[:11] == ["Område", "Problem", "Indikator", "Källa", "Enhet", "Riktning",
                            "Utgångsvärde", "Utgångsår", "Mål", "Målår", "Ansvarig"]
