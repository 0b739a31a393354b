"""The 2025 seed plan for lookup tests: as a pure domain Plan, and imported from a real xlsx.

Owners come from the importer's own `find_owners` (the "Vem" text against DEFAULT_ROLES) and
titles from its `short_title`, so the plan looks as an import makes it. Tove holds Kommunpolis,
Samir holds Trygghetssamordnare.
"""

from __future__ import annotations

import itertools
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from domain.model import Action, Area, Person, Plan, Responsibility, Role
from domain.when import parse_when
from importer.owners import DEFAULT_ROLES, find_owners
from importer.text import short_title
from services.imports import import_workbook
from storage.db import Database
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025, SeedRow

ROLE_SPECS = {spec.name: spec for spec in DEFAULT_ROLES}
TOVE = Person(id=1, email="tove.polis@polisen.se", display_name="Tove Polis")
SAMIR = Person(id=2, email="samir.trygg@stad.se", display_name="Samir Trygg")
HOLDERS = {"Kommunpolis": (TOVE,), "Trygghetssamordnare": (SAMIR,)}


def title_of(row: SeedRow) -> str:
    return short_title(row.action) or short_title(row.problem)


def domain_plan_2025(holders: dict[str, tuple[Person, ...]] = HOLDERS) -> Plan:
    """PLAN_2025 as a domain Plan, ids counted from 1, without touching a database."""
    action_ids, area_ids, role_ids = itertools.count(1), itertools.count(1), itertools.count(1)
    roles: dict[str, Role] = {}
    areas = []
    for position, sheet in enumerate(PLAN_2025.sheets, start=1):
        area_id = next(area_ids)
        actions = []
        for n, row in enumerate(sheet.rows, start=1):
            resps = []
            for owner in find_owners(row.who):
                spec = ROLE_SPECS[owner.role]
                role = roles.setdefault(owner.role, Role(next(role_ids), spec.name,
                                                         spec.organisation, spec.aliases))
                resps.append(Responsibility(role, owner.lead, holders.get(owner.role, ())))
            resps.sort(key=lambda r: not r.lead)
            actions.append(Action(
                id=next(action_ids), area_id=area_id, position=n, title=title_of(row),
                problem=row.problem, cause=row.cause, action_text=row.action, goal=row.goal,
                when=parse_when(row.when, year=2026), who_text=row.who,
                responsibilities=tuple(resps),
            ))
        areas.append(Area(area_id, position, sheet.area_name, actions=tuple(actions)))
    return Plan(id=1, year=PLAN_2025.year, district="Kungsholmen", areas=tuple(areas),
                created_at=datetime(2026, 1, 1, tzinfo=UTC))


async def seed_plan_2025(db: Database, *, people: bool = True) -> int:
    """Import PLAN_2025 the real way (xlsx → import_workbook) and make Tove and Samir role holders."""
    with tempfile.TemporaryDirectory() as folder:
        path = build_workbook(PLAN_2025, Path(folder) / "atgardsplan-2025.xlsx")
        await import_workbook(db, path, district="Kungsholmen", actor="test")
    async with db.transaction() as repo:
        plan_id = await repo.newest_plan_id()
        if people:
            for person, role_name in ((TOVE, "Kommunpolis"), (SAMIR, "Trygghetssamordnare")):
                stored = await repo.person_by_email(person.email)
                if stored is None:
                    stored = await repo.create_person(email=person.email,
                                                      display_name=person.display_name)
                role = await repo.get_or_create_role(role_name)
                await repo.assign_role(role.id, stored.id, await repo.district_of_plan(plan_id))
    return plan_id
