"""Issue 6 test data: the 2024 seed plan imported and answered through the real services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from domain.followup import StatusInput
from domain.model import Plan
from importer.followup import imported_status
from services.imports import import_workbook
from services.plans import get_plan
from services.reports import record_status
from services.rounds import open_round
from storage.db import Database
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2024

NOW = datetime(2024, 12, 2, 9, 0, tzinfo=UTC)
COORDINATOR = "anna.koordinator@stad.se"


@dataclass
class Answered:
    plan: Plan
    round_id: int
    texts: dict[int, str]  # action id → the real 2024 follow-up text
    parties: dict[int, set[str]]  # action id → organisations (or "coordinator") that answered


async def seed_2024(db: Database, tmp: Path) -> Plan:
    """Import the 2024 seed workbook and give every owner role one person."""
    path = build_workbook(PLAN_2024, tmp / "atgardsplan-2024.xlsx")
    report = await import_workbook(db, path, district="Kungsholmen")
    plan = await get_plan(db, str(report.plan_id))
    roles = {r.role.id: r.role.name for a in plan.actions for r in a.responsibilities}
    # By id through the repository: services.roles.assign_role looks roles up with SQL lower(),
    # which on SQLite does not fold "Ä" (reported to the lead), so "Äldreomsorgen" fails there.
    async with db.transaction() as repo:
        for i, (role_id, name) in enumerate(sorted(roles.items())):
            person = await repo.create_person(email=f"person{i}@stad.se",
                                              display_name=f"Person {i} ({name})",
                                              aad_object_id=f"aad-person-{i}")
            await repo.assign_role(role_id, person.id, None)
    return await get_plan(db, str(report.plan_id))


async def answer_2024(db: Database, tmp: Path) -> Answered:
    """A round where each owner answers with the action's real 2024 Uppföljning text."""
    plan = await seed_2024(db, tmp)
    opened = await open_round(db, str(plan.id), label="Årsuppföljning 2024",
                              due=date(2024, 12, 13), actor="test", now=NOW)
    rows = [row for sheet in PLAN_2024.sheets for row in sheet.rows]
    coordinator = None
    texts, parties = {}, {}
    for action, row in zip(plan.actions, rows, strict=True):
        texts[action.id], parties[action.id] = row.follow_up, set()
        people = {p.id: r.role for r in action.responsibilities for p in r.people}
        if not people:
            coordinator = coordinator or await _coordinator(db)
            people = {coordinator: None}
        for person_id, role in people.items():
            data = StatusInput(opened.round.id, action.id, imported_status(row.follow_up),
                               done_text=row.follow_up,
                               occasions=2 if action.when.times_per_year else None)
            result = await record_status(db, data, person_id=person_id, now=NOW,
                                         coordinators=(COORDINATOR,))
            assert result.report is not None, (action.title, result)
            parties[action.id].add(role.organisation.value if role else "coordinator")
    return Answered(plan, opened.round.id, texts, parties)


async def _coordinator(db: Database) -> int:
    async with db.transaction() as repo:
        person = await repo.person_by_email(COORDINATOR) or await repo.create_person(
            email=COORDINATOR, display_name="Anna Koordinator")
    return person.id
