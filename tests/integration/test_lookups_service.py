"""services.lookups against a real database: latest status per action, a constant number of
queries whatever the plan's size, and a cache that is rebuilt when the plan or a status changes."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import event, select

from domain.lookup import Show, answer, build_index, parse_question
from domain.status import Status
from services import lookups
from storage.db import Database
from storage.models import ActionRow, StatusReportRow
from tests.lookup_fixtures import seed_plan_2025
from tests.unit.test_lookup_table import TABLE

ZONE = ZoneInfo("Europe/Stockholm")


@contextmanager
def counted(db: Database):
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)


async def _report(db: Database, title_start: str, status: str, when: datetime) -> None:
    async with db.session() as session:
        action_id = await session.scalar(
            select(ActionRow.id).where(ActionRow.title.like(f"{title_start}%")))
        session.add(StatusReportRow(action_id=action_id, status=status, created_at=when))
        await session.commit()


async def test_latest_status_wins_and_cache_follows_changes(database: Database):
    await seed_plan_2025(database)
    cache = lookups.LookupCache()
    first = await lookups.ask(database, cache, "status SSP", None, zone=ZONE)
    assert first.answer.show is Show.ACTION
    assert first.index.statuses == {}
    again = await lookups.ask(database, cache, "vem äger EST", None, zone=ZONE)
    assert again.index is first.index  # nothing changed: the same index
    await _report(database, "SSP:", "delayed", datetime(2026, 2, 1, 9, tzinfo=UTC))
    await _report(database, "SSP:", "done", datetime(2026, 5, 31, 23, 30, tzinfo=UTC))
    after = await lookups.ask(database, cache, "status SSP", None, zone=ZONE)
    assert after.index is not first.index
    assert after.index.postings is first.index.postings  # a status alone does not re-index
    latest = after.index.statuses[after.answer.subject.id]
    assert latest.status is Status.DONE
    assert latest.reported_on.isoformat() == "2026-06-01"  # Stockholm's day, not UTC's
    async with database.transaction() as repo:  # what a re-import does: new action rows
        plan_id = await repo.newest_plan_id()
        area = after.index.plan.areas[1]
        await repo.add_action(plan_id, area.id, 99, title="Nattvandring vid Fridhemsplan")
    rebuilt = await lookups.ask(database, cache, "vem äger nattvandringen", None, zone=ZONE)
    assert rebuilt.index.postings is not first.index.postings
    assert rebuilt.answer.subject.label == "Nattvandring vid Fridhemsplan"
    assert rebuilt.index.statuses == after.index.statuses


async def test_constant_number_of_queries(database: Database):
    await seed_plan_2025(database)
    cache = lookups.LookupCache()
    with counted(database) as cold:
        await lookups.ask(database, cache, "vad ansvarar kommunpolisen för", None, zone=ZONE)
    with counted(database) as warm:
        await lookups.ask(database, cache, "vem äger SSP", None, zone=ZONE)
    selects = [s for s in warm if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2, selects
    cold_selects = [s for s in cold if s.lstrip().upper().startswith("SELECT")]
    assert len(cold_selects) <= 10, cold_selects  # plan (6, selectin) + statuses + stamps


async def test_no_plan_gives_none(database: Database):
    assert await lookups.ask(database, lookups.LookupCache(), "vem äger SSP", None,
                             zone=ZONE) is None


async def test_table_holds_over_the_imported_plan(database: Database):
    """The acceptance table against the plan as import_workbook stores it (titles, owners)."""
    await seed_plan_2025(database)
    index = await lookups.current_index(database, lookups.LookupCache(), ZONE)
    people = {p.display_name: p.id for p in index.people.values()}
    assert set(people) == {"Tove Polis", "Samir Trygg"}
    index = build_index(index.plan, {})
    wrong = []
    for question, kind, label in TABLE:
        result = answer(index, parse_question(question), people["Tove Polis"])
        top = result.hits[0] if result.hits else None
        if top is None or top.kind is not kind or not top.label.startswith(label):
            wrong.append((question, top))
    assert len(wrong) <= len(TABLE) // 10, wrong
