"""The city report shows every district's effect indicators: two districts from the real plans,
each with an Indikatorer sheet, one indicator matched across them (spelt differently), in html,
md and xlsx; the charts of one indicator share a y scale; hostile names stay text."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, update

import reports.city_indicators as charts_module
from cli.report import render_city_report
from services.city import city_status
from storage.db import Database
from storage.models import IndicatorRow
from tests.city_data import NORRMALM_NAMES, City, seed_city
from tests.indicator_data import CLEAN, CRIME, PLACES, YOUTH, import_plan

HOSTILE = "<img src=x onerror=alert(1)> *Rån* | [länk](http://x)"
FORMULA = '=HYPERLINK("http://x","klicka")'
NORRMALM = [
    [NORRMALM_NAMES[1], None, "  OTRYGGHET i området ", "Trygghetsmätning", "index",
     "Lägre är bättre", 3, 2024, 2, 2026, "Kommunpolis", 3, 2.8, 2.5],
    [CRIME, None, HOSTILE, "Polisens statistik", "antal", "Lägre är bättre", 4, 2024, None,
     None, "Kommunpolis", None, 4, 4],
    [NORRMALM_NAMES[3], None, "Anmälda bedrägerier", "Egen räkning", "antal", "Högre är bättre", None, None,
     None, None, "Socialtjänsten", None, None, 2],
]
SHARED = pytest.approx((0.0, 3.3))  # 0 to a tenth above the highest of both districts (3)


@pytest.fixture
async def city(database: Database, tmp_path) -> City:
    found = await seed_city(database, tmp_path, {"Kungsholmen": CLEAN, "Norrmalm": NORRMALM})
    async with database.transaction() as repo:  # a formula is no name the importer reads
        await repo.session.execute(update(IndicatorRow)
                                   .where(IndicatorRow.name == "Anmälda bedrägerier")
                                   .values(name=FORMULA))
    return found


async def test_the_indicators_are_matched_across_districts(database: Database, city: City):
    status = await city_status(database, this_year=2025)
    areas = {a.name: a for a in status.indicators}
    assert list(areas) == [YOUTH, PLACES, "Särskilt utsatta och sårbara brottsoffer", CRIME]
    matched = {m.name: m for m in areas[PLACES].indicators}
    assert list(matched) == ["Otrygghet i området", "Anmälda skadegörelsebrott"]
    rows = matched["Otrygghet i området"].rows
    assert [(r.district, r.result.light.value, r.result.arrow) for r in rows] == [
        ("Kungsholmen", "grey", "↓"), ("Norrmalm", "green", "↓")]
    assert [[r.district for r in m.rows] for m in areas[CRIME].indicators] == [
        ["Kungsholmen"], ["Norrmalm"]]


async def test_the_html_shows_both_districts_with_charts_on_one_scale(
        database: Database, city: City, monkeypatch):
    drawn: list[tuple[str, int, object]] = []
    original = charts_module.trend_chart

    def spy(result, ylim=None, labels=("", "")):
        drawn.append((result.indicator.name.strip(), result.indicator.plan_id, ylim))
        return original(result, ylim, labels)

    monkeypatch.setattr(charts_module, "trend_chart", spy)
    status = await city_status(database, this_year=2025)
    html = render_city_report(status, "html", "sv").decode()
    assert len(drawn) == 7  # every indicator row of both districts
    otrygghet = [ylim for name, _p, ylim in drawn if name.casefold() == "otrygghet i området"]
    assert otrygghet == [SHARED, SHARED]
    assert {p for _n, p, _y in drawn} == set(city.plans.values())
    assert html.count("data:image/png;base64,iVBORw0KGgo") == 5 + 7
    section = html[html.index("<h2>Effektindikatorer</h2>"):]
    block = section[section.index(f"<h3>{PLACES}</h3>"):section.index(f"<h3>{CRIME}</h3>")]
    assert '<td rowspan="2">Otrygghet i området (index)' in block
    assert "<td>Kungsholmen</td>" in block and "<td>Norrmalm</td>" in block
    assert "2025-T1: 2,8" in block and "Grå – ingen data" in block and "↓ bättre" in block
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert render_city_report(status, "html", "sv").decode() == html  # a frozen period's bytes


async def test_the_markdown_has_a_row_per_indicator_and_district(database: Database,
                                                                 city: City):
    md = render_city_report(await city_status(database, this_year=2025), "md", "sv").decode()
    section = md[md.index("## Effektindikatorer"):md.index("## Flaggat")]
    assert ("| Otrygghet i området (index) | Kungsholmen | 2,4 (2024) | 2024: 2,4<br>2025-T1: 2,1"
            "<br>2025-T2: *ingen data: enkäten genomfördes inte* | 1,8 (2026) | ↓ bättre |"
            " ⚪ Grå – ingen data |") in section
    assert ("| Otrygghet i området (index) | Norrmalm | 3 (2024) | 2024: 3<br>2025-T1: 2,8"
            "<br>2025-T2: 2,5 | 2 (2026) | ↓ bättre | 🟢 Grön |") in section
    assert (r"| &lt;img src=x onerror=alert\(1\)&gt; \*Rån\* \| \[länk\]\(http://x\) (antal) |"
            " Norrmalm | 4 (2024) | 2025-T1: 4<br>2025-T2: 4 |  | →  | 🔴 Röd |") in section
    assert "<img" not in section
    english = render_city_report(await city_status(database, this_year=2025), "md", "en")
    assert "## Effect indicators" in english.decode()


async def test_the_workbook_has_an_indicator_sheet(database: Database, city: City, tmp_path):
    path = tmp_path / "stad.xlsx"
    path.write_bytes(render_city_report(await city_status(database, this_year=2025), "xlsx",
                                        "sv"))
    wb = load_workbook(path)
    assert wb.sheetnames == ["Stadsdelsområden", "Områden", "Flaggat", "Indikatorer"]
    ws = wb["Indikatorer"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["Prioriterat område", "Indikator", "Stadsdelsområde", "Problem", "Enhet",
                       "Utgångsvärde", "Utgångsår", "2024", "2025-T1", "2025-T2", "Mål",
                       "Målår", "Trend", "Bedömning"]
    start = next(i for i, r in enumerate(rows) if r[0] == PLACES)
    assert rows[start] == [PLACES, "Otrygghet i området", "Kungsholmen", None, "index", 2.4, 2024,
                       2.4, 2.1, "ingen data: enkäten genomfördes inte", 1.8, 2026, "↓ bättre",
                       "Grå – ingen data"]
    assert rows[start + 1] == [PLACES, "Otrygghet i området", "Norrmalm", None, "index", 3, 2024, 3,
                       2.8, 2.5, 2, 2026, "↓ bättre", "Grön"]
    assert len(rows) == 1 + 7
    formula = next(r for r in ws.iter_rows(min_row=2) if str(r[1].value).startswith("=HYP"))
    assert formula[1].data_type == "s" and formula[1].value == FORMULA
    assert any(r[1] == HOSTILE.strip() for r in rows)


async def _statements(db: Database) -> int:
    seen: list[str] = []

    def listener(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", listener)
    try:
        status = await city_status(db, this_year=2025)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", listener)
    assert all(a.indicators for a in status.indicators)
    return len(seen)


async def test_the_indicators_do_not_add_queries_per_district(database: Database, tmp_path):
    for i in range(2):
        await import_plan(database, tmp_path, district=f"Liten {i}")
    two = await _statements(database)
    for i in range(3):
        await import_plan(database, tmp_path, district=f"Stor {i}")
    five = await _statements(database)
    assert two == five, (two, five)
