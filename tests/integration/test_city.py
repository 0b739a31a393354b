"""The city roll-up on a real database: two districts from the real plans, value by value, and
a number of queries that does not grow with the number of districts."""

from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import event

from cli import main
from domain.city import city_json
from services.city import UnknownPeriod, city_status
from storage.db import Database
from tests.city_data import SUPPORT_K, SUPPORT_N, City, seed_city
from tests.summary_helpers import bulk_plan

UNGA, OTRYGGA = "Unga i riskzon för destruktivt beteende", "Otrygga och brottsutsatta platser"
SARSKILT, KRIMINELLA = "Särskilt utsatta och sårbara brottsoffer", "Kriminella miljöer och livsstilar"


def counts(done=0, on_track=0, partial=0, delayed=0, not_started=0, discontinued=0) -> dict:
    return {"done": done, "on_track": on_track, "partial": partial, "delayed": delayed,
            "not_started": not_started, "discontinued": discontinued}


@pytest.fixture
async def city(database: Database, tmp_path) -> City:
    return await seed_city(database, tmp_path)


async def test_the_city_status_value_by_value(database: Database, city: City):
    status = city_json(await city_status(database, this_year=2025))
    assert status["year"] == 2025 and status["period"] is None
    assert status["districts"] == [
        {"district": "Kungsholmen", "plan_id": city.plans["Kungsholmen"], "actions": 27,
         "answered": 21, "needs_support": 1, "light": "yellow",
         "statuses": counts(done=8, on_track=7, partial=1, delayed=3, not_started=1,
                            discontinued=1)},
        {"district": "Norrmalm", "plan_id": city.plans["Norrmalm"], "actions": 23,
         "answered": 15, "needs_support": 2, "light": "yellow",  # 2 of 15 red: over a tenth
         "statuses": counts(done=6, on_track=6, partial=1, not_started=2)},
    ]
    assert [a["area"] for a in status["areas"]] == [UNGA, OTRYGGA, SARSKILT, KRIMINELLA]
    unga, otrygga, sarskilt, kriminella = status["areas"]
    assert unga["districts"] == {"Kungsholmen": counts(done=6, on_track=2, partial=1,
                                                       not_started=1),
                                 "Norrmalm": counts(done=6)}
    assert unga["lights"] == {"Kungsholmen": "yellow", "Norrmalm": "green"}  # 1 of 10 red
    # "Otrygga platser och miljöer" in Norrmalm's plan is the same area.
    assert otrygga["districts"] == {"Kungsholmen": counts(done=1, delayed=3),
                                    "Norrmalm": counts(on_track=6, not_started=2)}
    assert otrygga["lights"] == {"Kungsholmen": "yellow", "Norrmalm": "red"}
    assert otrygga["light"] == "yellow"
    assert sarskilt["districts"] == {"Kungsholmen": counts(on_track=5), "Norrmalm": counts()}
    assert sarskilt["lights"] == {"Kungsholmen": "grey", "Norrmalm": "grey"}
    assert kriminella["lights"] == {"Kungsholmen": "red", "Norrmalm": "yellow"}


async def test_flagged_actions_are_the_latest_answers_asking_for_support(database, city):
    status = await city_status(database, this_year=2025)
    assert [(f.district, f.support_text) for f in status.flagged] == [
        ("Kungsholmen", SUPPORT_K), ("Norrmalm", SUPPORT_N), ("Norrmalm", SUPPORT_N)]
    assert status.flagged[1].area == "Otrygga platser och miljöer"  # the district's own name


async def test_a_period_keeps_the_rounds_due_within_it(database: Database, city: City):
    t1 = city_json(await city_status(database, this_year=2025, period="t1"))
    assert t1["period"] == "T1"
    assert [(d["answered"], d["needs_support"], d["statuses"]) for d in t1["districts"]] == [
        (19, 0, counts(on_track=5, delayed=14)), (0, 0, counts())]
    t2 = city_json(await city_status(database, this_year=2025, period="T2"))
    kungsholmen = t2["districts"][0]
    assert kungsholmen["answered"] == 15
    assert kungsholmen["statuses"] == counts(done=8, on_track=2, partial=1, delayed=2,
                                             not_started=1, discontinued=1)
    with pytest.raises(UnknownPeriod):
        await city_status(database, this_year=2025, period="Q3")


async def test_the_year_falls_back_to_the_newest_with_plans(database: Database, city: City):
    assert (await city_status(database, this_year=2031)).year == 2025
    empty = await city_status(database, this_year=2031, year=2031)
    assert empty.year == 2031 and empty.districts == ()


async def _selects(db: Database, year: int) -> tuple[int, int]:
    seen: list[str] = []

    def listener(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", listener)
    try:
        status = await city_status(db, this_year=year)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", listener)
    return len(seen), len(status.districts)


async def test_the_number_of_queries_does_not_grow_with_districts(database: Database):
    for i in range(2):
        await bulk_plan(database, 12, owners=2, rounds=3, year=2025, district=f"Liten {i}")
    for i in range(5):
        await bulk_plan(database, 12, owners=2, rounds=3, year=2026, district=f"Stor {i}")
    two, districts_two = await _selects(database, 2025)
    five, districts_five = await _selects(database, 2026)
    assert (districts_two, districts_five) == (2, 5)
    assert two == five, (two, five)


def test_folja_city_status_prints_json_and_a_table(database: Database, tmp_path):
    plans = asyncio.run(_seeded(database.url, tmp_path)).plans
    env = {"DATABASE_URL": database.url}
    result = CliRunner().invoke(main, ["city", "status", "--year", "2025", "--json"], env=env,
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert [(d["district"], d["plan_id"], d["answered"]) for d in shown["districts"]] == [
        ("Kungsholmen", plans["Kungsholmen"], 21), ("Norrmalm", plans["Norrmalm"], 15)]
    table = CliRunner().invoke(main, ["city", "status", "--year", "2025"],
                               env={**env, "COLUMNS": "200"},
                               catch_exceptions=False)
    assert table.exit_code == 0, table.output
    text = " ".join(table.output.split())
    assert "Läget i staden 2025: 2 stadsdelsområden" in text
    assert "Kungsholmen" in text and "21/27" in text and "🟡 gult" in text
    assert "Flaggade till stadens grupp (behöver stöd): 3 åtgärder" in text
    bad = CliRunner().invoke(main, ["city", "status", "--period", "T4"], env=env)
    assert bad.exit_code == 1 and "Okänd period ”T4”" in bad.output
    none = CliRunner().invoke(main, ["city", "status", "--year", "1999"], env=env)
    assert none.exit_code == 1 and "Inget stadsdelsområde har en aktiv plan för 1999" in none.output


async def _seeded(url: str, tmp_path) -> City:
    db = Database(url)
    try:
        return await seed_city(db, tmp_path)
    finally:
        await db.dispose()


async def test_the_city_report_in_html(database: Database, city: City):
    from cli.report import render_city_report

    html = render_city_report(await city_status(database, this_year=2025), "html", "sv").decode()
    assert "@media print" in html and html.count("data:image/png;base64,iVBORw0KGgo") == 5
    for district in ("Kungsholmen", "Norrmalm"):
        assert f"<tr><td>{district}</td>" in html
    block = html[html.index(f"· {OTRYGGA}</h3>"):html.index(f"· {SARSKILT}</h3>")]
    assert "<tr><td>Kungsholmen</td><td class=\"n\">4 / 4</td>" in block
    assert "<tr><td>Norrmalm</td><td class=\"n\">8 / 8</td>" in block and "Rött" in block
    assert "Behöver &lt;b&gt;lokal&lt;/b&gt; &amp; *stöd*" in html and "<b>lokal" not in html
    assert "Otrygga platser och miljöer" in html  # the flagged list names Norrmalm's own area


async def test_the_city_report_in_markdown(database: Database, city: City):
    from cli.report import render_city_report

    md = render_city_report(await city_status(database, this_year=2025), "md", "sv").decode()
    block = md[md.index(f"### 🟡 {OTRYGGA}"):md.index(f"### ⚪ {SARSKILT}")]
    assert "| Kungsholmen | 4 / 4 | 1 | 0 | 0 | 3 | 0 | 0 | 0 | 🟡 Gult |" in block
    assert "| Norrmalm | 8 / 8 | 0 | 6 | 0 | 0 | 2 | 0 | 2 | 🔴 Rött |" in block
    assert "| Kungsholmen | 21 / 27 | 8 | 7 | 1 | 3 | 1 | 1 | 1 | 🟡 Gult |" in md
    assert "| Norrmalm | 15 / 23 | 6 | 6 | 1 | 0 | 2 | 0 | 2 | 🟡 Gult |" in md
    assert r"Behöver &lt;b&gt;lokal&lt;/b&gt; &amp; \*stöd\* \[här\]\(http://x\)" in md
    english = render_city_report(await city_status(database, this_year=2025), "md", "en")
    assert "## Flagged for the city group (needs support)" in english.decode()


async def test_the_city_report_in_xlsx(database: Database, city: City, tmp_path):
    from openpyxl import load_workbook

    from cli.report import render_city_report

    path = tmp_path / "stad.xlsx"
    path.write_bytes(render_city_report(await city_status(database, this_year=2025), "xlsx",
                                        "sv"))
    wb = load_workbook(path)
    assert wb.sheetnames == ["Stadsdelsområden", "Områden", "Flaggat"]
    rows = [[c.value for c in r] for r in wb["Stadsdelsområden"].iter_rows(min_row=1, max_row=3)]
    assert rows[0][:4] == ["Stadsdelsområde", "Åtgärder", "Besvarade", "Genomförd"]
    assert rows[1] == ["Kungsholmen", 27, 21, 8, 7, 1, 3, 1, 1, 6, 1, "Gult"]
    assert rows[2] == ["Norrmalm", 23, 15, 6, 6, 1, 0, 2, 0, 8, 2, "Gult"]
    areas = [[c.value for c in r] for r in wb["Områden"].iter_rows()]
    start = next(i for i, r in enumerate(areas) if r[0] == OTRYGGA)
    assert areas[start][1] == "Gult"
    assert areas[start + 2][:3] == ["Kungsholmen", 4, 4] and areas[start + 3][:3] == [
        "Norrmalm", 8, 8]
    assert len(wb["Stadsdelsområden"]._charts) == 1 and len(wb["Områden"]._charts) == 4
    flagged = [[c.value for c in r] for r in wb["Flaggat"].iter_rows(min_row=2)]
    assert [(r[0], r[4]) for r in flagged] == [("Kungsholmen", SUPPORT_K), ("Norrmalm", SUPPORT_N),
                                               ("Norrmalm", SUPPORT_N)]


def test_folja_report_city_writes_the_file(database: Database, tmp_path):
    asyncio.run(_seeded(database.url, tmp_path))
    env = {"DATABASE_URL": database.url}
    out = tmp_path / "stad.md"
    result = CliRunner().invoke(main, ["report", "--city", "--year", "2025", "--period", "T2",
                                       "--format", "md", "--out", str(out)], env=env,
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert said.startswith("Skrev") and said.endswith("(2 stadsdelsområden).")
    assert out.read_text().startswith("# Åtgärdsplanerna i staden 2025 · T2")
    for args, said in ((["--format", "md", "--out", str(out)], "Ange en plan"),
                       (["1", "--city", "--format", "md", "--out", str(out)], "inte båda"),
                       (["1", "--year", "2025", "--format", "md", "--out", str(out)],
                        "--year gäller bara med --period eller --city")):
        refused = CliRunner().invoke(main, ["report", *args], env=env)
        assert refused.exit_code == 2 and said in refused.output, refused.output
