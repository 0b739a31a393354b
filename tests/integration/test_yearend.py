"""Acceptance (issue 6): the 2024 plan answered with its real follow-up texts, exported back."""

from __future__ import annotations

import re

import pytest

from cli.report import render_report
from importer.workbook import parse_workbook
from services.yearend import year_end
from storage.db import Database
from tests.fixtures.seed_plans import PLAN_2024, normalize_text
from tests.summary_helpers import answer_2024

LABEL = {"polis": "Polisen", "socialtjanst": "Socialtjänsten", "skola": "Skolan",
         "stadsdelsforvaltning": "Stadsdelsförvaltningen", "coordinator": "Koordinatorn"}


@pytest.fixture
async def answered(database: Database, tmp_path):
    return await answer_2024(database, tmp_path)


async def test_xlsx_uppfoljning_holds_every_answer_attributed(database: Database, answered):
    data = await year_end(database, str(answered.plan.id))
    parsed = parse_workbook(render_report(data, "xlsx", "sv"))
    cells = [a.follow_up for area in parsed.areas for a in area.actions]
    assert len(cells) == sum(len(s.rows) for s in PLAN_2024.sheets) == len(answered.texts)
    for action, cell in zip(answered.plan.actions, cells, strict=True):
        text = normalize_text(answered.texts[action.id])
        assert text, action.title  # every 2024 row has a real follow-up text
        for party in answered.parties[action.id]:
            # attributed: "Polisen (Genomförd): <the answer>"
            pattern = re.escape(LABEL[party]) + r"(, [^(]+)? \([^)]+\): " + re.escape(text)
            assert re.search(pattern, normalize_text(cell)), (action.title, party, cell[:200])


async def test_html_report_is_printable_with_chart_and_escaped(database: Database, answered):
    data = await year_end(database, str(answered.plan.id))
    html = render_report(data, "html", "sv").decode()
    assert "@media print" in html and "data:image/png;base64,iVBORw0KGgo" in html
    assert "Sammanställning" in html
    for area in PLAN_2024.sheets:
        if area.rows:
            assert area.area_name.replace("&", "&amp;") in html
    assert "<script" not in html


async def test_markdown_report_lists_each_action_and_counts(database: Database, answered):
    data = await year_end(database, str(answered.plan.id))
    md = render_report(data, "md", "sv").decode()
    total = sum(len(s.rows) for s in PLAN_2024.sheets)
    assert f"| **Totalt** | {total} |" in md
    assert md.count("\n### ") == total


async def test_frequency_actions_show_occasions_held_vs_planned(database: Database, answered):
    data = await year_end(database, str(answered.plan.id))
    freq = [i for a in data.report.areas for i in a.actions if i.occasions_planned]
    assert freq, "the 2024 plan has actions like 'Möten 4 ggr/år'"
    md = render_report(data, "md", "sv").decode()
    for item in freq:
        assert item.occasions_held == 2
        assert f"Tillfällen: 2 av {item.occasions_planned} planerade" in md


async def test_titles_are_whole_in_the_printed_report(database: Database, tmp_path):
    """The importer shortens a long first sentence to a title with "…"; the report prints it
    whole (HTML and Markdown wrap it)."""
    from markupsafe import escape

    from tests.followup_data import seed_2025

    seeded = await seed_2025(database, tmp_path)
    async with database.transaction() as repo:
        plan = await repo.get_plan(seeded.plan_id)
    shortened = [a for a in plan.actions if a.title.endswith("…")]
    assert shortened  # the 2025 plan has first sentences longer than a title
    data = await year_end(database, str(seeded.plan_id))
    md = render_report(data, "md", "sv").decode()
    html = render_report(data, "html", "sv").decode()
    headings = [line for line in md.splitlines() if line.startswith("### ")]
    assert headings and not any("…" in h for h in headings)
    for action in shortened:
        assert str(escape(action.full_title)) in html
