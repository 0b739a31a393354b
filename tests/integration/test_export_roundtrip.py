"""Export, then import, is a round trip once there are answers: the real 2024 plan, answered
through the services, written by Följa and read back changes nothing and adds no history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from openpyxl import load_workbook
from sqlalchemy import func, select

from cards.followup import report_card
from cards.followup_messages import COMPOSER
from cli.report import render_report
from cli.workbook import status_labels
from domain.followup import StatusInput
from domain.followup_cell import split_cell
from domain.status import Status
from reports import render
from services.exports import export_plan
from services.imports import import_workbook
from services.reports import item_for, record_status
from services.rounds import open_round
from services.yearend import year_end
from storage.models import (
    ActionRow,
    AreaRow,
    AuditEventRow,
    PlanRow,
    ResponsibilityRow,
    StatusReportRow,
)
from tests.fixtures.seed_plans import PLAN_2024
from tests.schemas import assert_valid_card
from tests.summary_helpers import COORDINATOR, seed_2024

NOW = datetime(2024, 12, 2, 9, 0, tzinfo=UTC)
_MODELS = (PlanRow, AreaRow, ActionRow, ResponsibilityRow, StatusReportRow, AuditEventRow)


async def _snapshot(db) -> dict:
    """Row counts, and each action's stored texts: what a no-op import must leave alone."""
    async with db.session() as session:
        counts = {m.__tablename__: int(await session.scalar(select(func.count()).select_from(m)))
                  for m in _MODELS}
        actions = (await session.execute(select(
            ActionRow.id, ActionRow.status, ActionRow.title, ActionRow.action_text,
            ActionRow.who_text, ActionRow.imported_follow_up).order_by(ActionRow.id))).all()
    return {"counts": counts, "actions": [tuple(a) for a in actions]}


async def _answer(db, tmp_path):
    """The 2024 plan with answers from several roles, statuses and a support request."""
    plan = await seed_2024(db, tmp_path)
    opened = await open_round(db, str(plan.id), label="Halvår 2024", due=date(2024, 12, 13),
                              actor="test", now=NOW, compose=COMPOSER)
    owned = [a for a in plan.actions if a.responsibilities and a.responsibilities[0].people]
    statuses = (Status.DONE, Status.DELAYED, Status.PARTIAL, Status.NOT_STARTED)
    answered = []
    for i, action in enumerate(owned[:4]):
        for j, resp in enumerate(action.responsibilities[:2]):
            data = StatusInput(
                opened.round.id, action.id, statuses[(i + j) % 4],
                done_text=f"{resp.role.name} har gjort del {i}.\n\nOch mer efter en tom rad."
                if j else f"Del {i} klar enligt {resp.role.name}.",
                occasions=2 if action.when.times_per_year else None,
                needs_support=i == 1, support_text="Lokal behövs" if i == 1 else "")
            result = await record_status(db, data, person_id=resp.people[0].id, now=NOW)
            assert result.report is not None, result
        answered.append(action)
    unowned = next(a for a in plan.actions if not a.responsibilities)
    async with db.transaction() as repo:
        koord = await repo.create_person(email=COORDINATOR, display_name="Anna Koordinator")
    result = await record_status(
        db, StatusInput(opened.round.id, unowned.id, Status.ON_TRACK, done_text="Pågår."),
        person_id=koord.id, now=NOW, coordinators=(COORDINATOR,))
    assert result.report is not None, result
    return plan, answered + [unowned]


def _follow_up_cells(path) -> dict[str, str]:
    """Column A (the 2024 short name) → the Uppföljning cell, over every area sheet."""
    wb = load_workbook(path, read_only=True)
    return {row[0]: row[-1] or "" for ws in wb.worksheets[:-1]
            for row in ws.iter_rows(min_row=3, values_only=True) if row and row[0]}


async def test_reimporting_our_own_export_changes_nothing(database, tmp_path):
    plan, answered = await _answer(database, tmp_path)
    out = tmp_path / "export-2024.xlsx"
    await export_plan(database, str(plan.id), out, status_labels())
    cells = _follow_up_cells(out)
    assert "Uppföljning i planen (" in cells[answered[0].title]  # not "imported ("
    assert not [c for c in cells.values() if "imported" in c]
    before = await _snapshot(database)

    report = await import_workbook(database, out)

    counts = report.changes.counts()
    assert counts == {"added": 0, "changed": 0, "archived": 0, "restored": 0,
                      "unchanged": len(plan.actions)}
    summary = render("import_summary", "sv", report=report, warnings=[])
    assert "0 ändrade" in summary and "Ändrad:" not in summary
    assert await _snapshot(database) == before

    # The next round's card of an answered action: each party on its own line, none garbled.
    action = answered[0]
    person = action.responsibilities[0].people[0]
    async with database.transaction() as repo:  # one open round per area: the half-year ends
        for rnd in await repo.open_rounds(plan.id):
            await repo.close_round(rnd.id, NOW + timedelta(days=1))
    nxt = await open_round(database, str(plan.id), label="Helår 2024",
                           due=date(2024, 12, 20), actor="test", now=NOW + timedelta(days=1),
                           compose=COMPOSER)
    item = (await item_for(database, nxt.round.id, action.id, person.id)).item
    card = report_card(item, "sv")
    assert_valid_card(card)
    body = "\n".join(b.get("text", "") for b in card["body"])
    assert "– :" not in body and "(Genomförd):" not in body
    assert f"Del 0 klar enligt {action.responsibilities[0].role.name}." in body


async def test_reimporting_the_year_end_workbook_changes_nothing(database, tmp_path):
    plan, _answered = await _answer(database, tmp_path)
    out = tmp_path / "arsuppfoljning.xlsx"
    out.write_bytes(render_report(await year_end(database, str(plan.id)), "xlsx", "sv"))
    before = await _snapshot(database)

    report = await import_workbook(database, out)

    assert not report.changes.any(), report.changes.counts()
    assert await _snapshot(database) == before


async def test_an_edited_cell_is_still_read_as_the_files_own_text(database, tmp_path):
    """A coordinator who rewrites an exported cell by hand is heard: that is a change."""
    plan, answered = await _answer(database, tmp_path)
    out = tmp_path / "export-2024.xlsx"
    await export_plan(database, str(plan.id), out, status_labels())
    wb = load_workbook(out)
    target = answered[0].title
    cell = next(row[-1] for ws in wb.worksheets for row in ws.iter_rows()
                if row[0].value == target)
    cell.value = f"{cell.value}\n\nStyrgruppen: åtgärden har genomförts."
    wb.save(out)

    report = await import_workbook(database, out)

    assert [title for _area, title, _f in report.changes.changed] == [target]
    async with database.session() as session:
        stored = await session.scalar(select(ActionRow.imported_follow_up).where(
            ActionRow.id == answered[0].id))
    assert stored.endswith("Styrgruppen: åtgärden har genomförts.")


def test_the_2024_plan_has_hand_written_follow_ups():
    """The seed's own texts are not in Följa's form, so they keep importing as before."""

    texts = [r.follow_up for s in PLAN_2024.sheets for r in s.rows if r.follow_up]
    assert texts and not [t for t in texts if split_cell(t)]
