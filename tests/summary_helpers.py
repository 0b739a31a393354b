"""Issue 6 test data: the 2024 seed plan imported and answered through the real services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, select

from cards.followup_messages import COMPOSER
from domain.followup import StatusInput
from domain.model import Plan
from importer.followup import imported_status
from services.imports import import_workbook
from services.plans import get_plan
from services.reports import record_status
from services.rounds import open_round
from storage.db import Database
from storage.models import (
    ActionRow,
    PlanRow,
    ResponsibilityRow,
    RoleHolderRow,
    RoundRow,
    StatusReportRow,
)
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
                              due=date(2024, 12, 13), actor="test", now=NOW, compose=COMPOSER)
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


async def bulk_plan(db: Database, actions: int, *, owners: int = 3, rounds: int = 4,
                    year: int = 2025, district: str = "") -> tuple[int, int]:
    """A synthetic plan of `actions` × `owners` roles with `rounds` rounds of answers (bulk rows).

    Returns (plan id, newest round id). For the query-count test and bench/summary.py.
    """
    statuses = ("done", "on_track", "partial", "delayed", "not_started")
    async with db.transaction() as repo:
        district = district or f"Bulk {actions}"
        plan_id = await repo.create_plan(year=year, district=district)
        areas = [await repo.add_area(plan_id, f"Område {i}", i) for i in range(1, 6)]
        roles = []
        for i in range(owners):
            role = await repo.get_or_create_role(f"Roll {district} {year}-{actions}-{i}")
            roles.append(role.id)
            slug = "".join(c for c in district.lower() if c.isalnum())
            person = await repo.create_person(email=f"p{i}.{slug}.{year}@stad.se",
                                              display_name=f"Person {i}")
            await repo.assign_role(role.id, person.id, await repo.district_of_plan(plan_id))
        s = repo.session
        await s.execute(insert(ActionRow), [
            dict(plan_id=plan_id, area_id=areas[i % 5], position=i, title=f"Åtgärd {i}",
                 when_kind="unknown", status="active") for i in range(actions)])
        ids = list(await s.scalars(select(ActionRow.id).where(ActionRow.plan_id == plan_id)
                                   .order_by(ActionRow.id)))
        await s.execute(insert(ResponsibilityRow), [
            dict(action_id=a, role_id=r, lead=j == 0) for a in ids for j, r in enumerate(roles)])
        holders = dict((await s.execute(select(RoleHolderRow.role_id, RoleHolderRow.person_id)
                                        .where(RoleHolderRow.district_id == select(
                                            PlanRow.district_id).where(PlanRow.id == plan_id)
                                            .scalar_subquery()))).all())
        round_id = 0
        for k in range(rounds):
            round_id = (await s.execute(insert(RoundRow).returning(RoundRow.id), [dict(
                plan_id=plan_id, label=f"Omgång {k + 1}", area_ids=[],
                status="open" if k == rounds - 1 else "closed", opened_at=NOW,
                opened_by="bench")])).scalar_one()
            await s.execute(insert(StatusReportRow), [
                dict(round_id=round_id, action_id=a, person_id=holders[r], role_id=r, version=1,
                     status=statuses[(a + k + j) % 5], done_text=f"Gjort {k} {a}",
                     needs_support=(a + j) % 17 == 0, support_text="Behöver lokal",
                     source="teams", attributed_to="", created_at=NOW)
                for a in ids for j, r in enumerate(roles) if (a + j + k) % 4])
    return plan_id, round_id
