"""Value files: many districts' indicator values at once, all or nothing, with warnings."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from cli import main
from services.indicator_values import ValueFileError, import_values
from services.indicators import list_indicators
from storage.db import Database
from tests.indicator_data import import_plan

HEAD = ["Stadsdel", "Indikator", "Period", "Värde", "Kommentar"]
ROWS = [
    ["Kungsholmen", "Anmälda rån mot unga", "2025-T3", 27, "Polisens siffror för T3"],
    ["Bromma", "Anmälda rån mot unga", "2025-T3", "35,5", ""],
    ["  bromma ", "otrygghet i området", "2025 t3", "ingen data: enkäten genomfördes inte", ""],
    ["Vällingby", "Anmälda rån mot unga", "2025-T3", 12, ""],
    ["Kungsholmen", "Antal fotbollsplaner", "2025-T3", 4, ""],
]


def xlsx(path: Path, rows: list[list], head: list | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(head or HEAD)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


async def _two_districts(db: Database, tmp: Path) -> None:
    await import_plan(db, tmp / "k", "Kungsholmen")
    await import_plan(db, tmp / "b", "Bromma")


async def _latest(db: Database, district: str, name: str):
    [plan] = await list_indicators(db, district)
    return next(r for r in plan.results if r.indicator.name == name).latest


async def _entries(db: Database) -> int:
    return sum(len(r.series) for p in await list_indicators(db) for r in p.results)


async def test_a_file_for_two_districts_lands_in_each_plan(database: Database, tmp_path):
    await _two_districts(database, tmp_path)
    report = await import_values(database, xlsx(tmp_path / "v.xlsx", ROWS))
    assert (report.indicators, report.values) == (3, 3)
    assert [c for c, _v in report.warnings] == ["unknown_district", "unknown_indicator"]
    assert [v["row"] for _c, v in report.warnings] == [5, 6]
    k = await _latest(database, "Kungsholmen", "Anmälda rån mot unga")
    b = await _latest(database, "Bromma", "Anmälda rån mot unga")
    assert (k.period, k.value, k.note, b.value) == ("2025-T3", 27, "Polisens siffror för T3", 35.5)
    nodata = await _latest(database, "Bromma", "Otrygghet i området")
    assert (nodata.period, nodata.value, nodata.reason) == ("2025-T3", None,
                                                             "enkäten genomfördes inte")
    again = await import_values(database, xlsx(tmp_path / "v2.xlsx", ROWS))
    assert again.values == 0  # the same file twice adds no history


async def test_a_csv_with_semicolons_and_a_district_filter(database: Database, tmp_path):
    await _two_districts(database, tmp_path)
    path = tmp_path / "v.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";").writerows([HEAD, *ROWS])
    report = await import_values(database, path, district="Bromma")
    assert (report.indicators, report.values, report.warnings) == (2, 2, ())
    assert (await _latest(database, "Kungsholmen", "Anmälda rån mot unga")).period == "2025-T2"


@pytest.mark.parametrize(("rows", "head", "code", "values"), [
    ([["Bromma", "Anmälda rån mot unga", "hösten", 3, ""]], None, "bad_period",
     {"row": 2, "text": "hösten"}),
    ([ROWS[1], ["Bromma", "Anmälda rån mot unga", "2025-T3", "många", ""]], None, "bad_value",
     {"row": 3, "text": "många"}),
    ([ROWS[1], ["Bromma", "Otrygghet i området", "2025-T3", 2, "ring 19811218-9876"]], None,
     "personal_number", {"row": 3}),
    ([["Bromma", "x", 3]], ["Stadsdel", "Namn", "Värde"], "no_columns",
     {"columns": "Indikator, Period, Värde"}),
])
async def test_a_malformed_file_changes_nothing(database: Database, tmp_path, rows, head, code,
                                                values):
    await _two_districts(database, tmp_path)
    before = await _entries(database)
    with pytest.raises(ValueFileError) as caught:
        await import_values(database, xlsx(tmp_path / "bad.xlsx", rows, head))
    assert (caught.value.code, caught.value.values) == (code, values)
    assert await _entries(database) == before


async def test_a_file_that_is_not_a_spreadsheet_is_refused(database: Database, tmp_path):
    path = tmp_path / "v.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValueFileError) as caught:
        await import_values(database, path)
    assert caught.value.code == "not_readable"


async def test_a_frozen_period_refuses_the_whole_file(database: Database, tmp_path, monkeypatch):
    """The hook every writer consults: when a period is locked, nothing of the file is saved."""
    from services import indicator_periods

    await _two_districts(database, tmp_path)
    before = await _entries(database)

    async def frozen(repo, plan_id, period):
        return period == "2025-T3"

    monkeypatch.setattr(indicator_periods, "is_period_frozen", frozen)
    with pytest.raises(ValueFileError) as caught:
        await import_values(database, xlsx(tmp_path / "v.xlsx", ROWS))
    assert caught.value.code == "frozen"
    assert await _entries(database) == before


def _seed(url: str, tmp: Path) -> None:
    """Two districts' plans through a database of this event loop (the CLI runs its own)."""
    async def run() -> None:
        db = Database(url)
        try:
            await _two_districts(db, tmp)
        finally:
            await db.dispose()

    asyncio.run(run())


def _cli(url: str, *args: str):
    return CliRunner().invoke(main, list(args), env={"DATABASE_URL": url, "COLUMNS": "240"},
                              catch_exceptions=False)


def test_cli_import_prints_the_documented_json_and_list_shows_it(database: Database, tmp_path):
    _seed(database.url, tmp_path)
    path = xlsx(tmp_path / "v.xlsx", ROWS)
    result = _cli(database.url, "indicators", "import", str(path), "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert (printed["indicators"], printed["values"]) == (3, 3)
    assert printed["warnings"] == [
        "Rad 5: stadsdelen ”Vällingby” har ingen plan; raden hoppades över.",
        "Rad 6: ”Antal fotbollsplaner” är ingen indikator i planen för Kungsholmen; raden "
        "hoppades över."]
    listed = json.loads(_cli(database.url, "indicators", "list", "--district", "Bromma",
                             "--json").output)
    assert [p["district"] for p in listed] == ["Bromma"]
    lights = {i["name"]: i["light"] for i in listed[0]["indicators"]}
    assert lights["Otrygghet i området"] == "grey"
    table = _cli(database.url, "indicators", "list")
    assert table.exit_code == 0 and "Kungsholmen" in table.output and "Bromma" in table.output


def test_cli_malformed_file_gives_a_swedish_message(database: Database, tmp_path):
    path = xlsx(tmp_path / "v.xlsx", [["Bromma", "Anmälda rån mot unga", "hösten", 3, ""]])
    result = CliRunner().invoke(main, ["indicators", "import", str(path)],
                                env={"DATABASE_URL": database.url})
    assert result.exit_code != 0
    assert "Rad 2: ”hösten” är ingen period" in result.output and "Inget har sparats" in result.output
