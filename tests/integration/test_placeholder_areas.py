"""The template's unfilled "[Eget prioriterat område]" sheet is no area of the plan: the real
2025 plan imported, it is left out of every report, summary, lookup and workbook a user reads,
while a real area without actions ("Systemhotade brottslighet") is still shown."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from cards.followup_messages import COMPOSER
from cli.report import render_report
from cli.workbook import status_labels
from domain.model import is_placeholder_area
from reports import render
from scheduler.summary_job import renderer
from services import lookups, summaries
from services.exports import export_plan
from services.imports import import_workbook
from services.rounds import open_round
from services.yearend import year_end
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025
from tests.schemas import assert_valid_card

PLACEHOLDER = "Eget prioriterat område"
EMPTY_REAL = "Systemhotade brottslighet"
NOW = datetime(2025, 4, 1, 8, 0, tzinfo=UTC)


def test_the_rule():
    assert is_placeholder_area("[Eget prioriterat område]", 0)
    assert is_placeholder_area(" [Eget  prioriterat område] ", 0)
    assert not is_placeholder_area("[Eget prioriterat område]", 2)  # filled in: a real area
    assert not is_placeholder_area(EMPTY_REAL, 0)
    assert not is_placeholder_area("Droger [ANDT]", 0)


async def _import(db, tmp_path):
    report = await import_workbook(db, build_workbook(PLAN_2025, tmp_path / "p.xlsx"),
                                   district="Kungsholmen")
    assert any(PLACEHOLDER in name for name, _n in report.areas)  # stored, as in the file
    return report


async def test_import_summary_and_workbooks_leave_it_out(database, tmp_path):
    report = await _import(database, tmp_path)
    summary = render("import_summary", "sv", report=report, warnings=[])
    assert PLACEHOLDER not in summary and f"{EMPTY_REAL}: 0" in summary

    out = tmp_path / "export.xlsx"
    await export_plan(database, str(report.plan_id), out, status_labels())
    data = year_end(database, str(report.plan_id))
    year_end_xlsx = render_report(await data, "xlsx", "sv")
    for wb in (load_workbook(out), load_workbook(io.BytesIO(year_end_xlsx))):
        texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                 if c.value is not None]
        assert not [t for t in [*wb.sheetnames, *texts] if PLACEHOLDER in t]
        assert EMPTY_REAL in " ".join(texts)


async def test_year_end_reports_leave_it_out(database, tmp_path):
    report = await _import(database, tmp_path)
    data = await year_end(database, str(report.plan_id))
    names = [a.name for a in data.report.areas]
    assert EMPTY_REAL in names and not [n for n in names if PLACEHOLDER in n]
    for fmt in ("md", "html"):
        text = render_report(data, fmt, "sv").decode()
        assert PLACEHOLDER not in text and EMPTY_REAL in text, fmt


async def test_summary_card_leaves_it_out(database, tmp_path):
    report = await _import(database, tmp_path)
    opened = await open_round(database, str(report.plan_id), label="April",
                              due=date(2025, 4, 30), actor="test", now=NOW, compose=COMPOSER)
    summary = await summaries.current_summary(database, report.plan_id, opened.round.id)
    activity = renderer("sv")(summary)
    card = activity["attachments"][0]["content"]
    assert_valid_card(card)
    shown = json.dumps(activity, ensure_ascii=False)
    assert PLACEHOLDER not in shown and summary.areas


async def test_lookups_never_suggest_it(database, tmp_path):
    await _import(database, tmp_path)
    cache = lookups.LookupCache()
    zone = ZoneInfo("Europe/Stockholm")
    for question in ("Eget prioriterat område", "vilka åtgärder finns i eget område",
                     "status prioriterat"):
        result = await lookups.ask(database, cache, question, None, zone=zone)
        labels = [h.label for h in result.answer.hits]
        assert not [label for label in labels if PLACEHOLDER in label], (question, labels)
    assert not [a for a in result.index.areas.values() if PLACEHOLDER in a.name]
    assert EMPTY_REAL in [a.name for a in result.index.areas.values()]
