"""Two districts' real plans and about thirty owners, for the reminder and escalation tests.

Kungsholmen follows the 2025 plan, Norrmalm the 2024 plan (each district has its own plan).
Each role of a plan gets its own holders, who all behave one way ("kind"): silent, diligent
(answers everything at once), late, away, a Tuesday or a 14:00 preference; one person owns
actions in both districts. Coordinators: one per plan and one bound to no plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from domain.model import ConversationRef, Organisation
from services.imports import import_workbook
from storage.db import Database
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2024, PLAN_2025

TENANT = "tenant-folja-test"
# The special kinds take the first roles of Kungsholmen's plan; "shared" also holds a role
# in Norrmalm's; every other role alternates silent and diligent.
SPECIAL = ("late", "tuesday", "hour", "away", "shared")


@dataclass
class World:
    plans: dict[str, int] = field(default_factory=dict)  # district → plan id
    kind: dict[int, str] = field(default_factory=dict)  # person id → how they behave
    district: dict[int, set[str]] = field(default_factory=dict)  # person id → their districts
    roles: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # pid → (role, plan)
    names: dict[int, tuple[str, str]] = field(default_factory=dict)  # pid → (name, e-mail)
    coordinators: dict[str, int] = field(default_factory=dict)  # kim, nils, gun → id

    def of_kind(self, kind: str, district: str | None = None) -> set[int]:
        return {p for p, k in self.kind.items() if k == kind
                and (district is None or district in self.district[p])}


async def _owning_roles(db: Database, plan_id: int) -> list[tuple[int, str]]:
    async with db.transaction() as repo:
        plan = await repo.get_plan(plan_id)
    found = {r.role.id: r.role.name for a in plan.actions for r in a.responsibilities}
    return sorted(found.items(), key=lambda item: item[1])


async def _person(db: Database, world: World, n: int, kind: str) -> int:
    name, email = f"Zelda Qvist{n:02d}", f"zelda.qvist{n:02d}@stad.se"
    async with db.transaction() as repo:
        person = await repo.create_person(email=email, display_name=name,
                                          aad_object_id=f"aad-zq{n}", tenant_id=TENANT)
        await repo.save_conversation_ref(
            ConversationRef(f"a:zq{n}", "https://smba.example/", tenant_id=TENANT),
            kind="personal", person_id=person.id)
    world.kind[person.id], world.names[person.id] = kind, (name, email)
    world.district[person.id], world.roles[person.id] = set(), []
    return person.id


async def _hold(db: Database, world: World, pid: int, role_id: int, district: str) -> None:
    async with db.transaction() as repo:
        await repo.assign_role(role_id, pid, await repo.district_of_plan(world.plans[district]))
    world.district[pid].add(district)
    world.roles[pid].append((role_id, world.plans[district]))


async def build_world(db: Database, tmp: Path) -> World:
    world = World()
    for district, plan, year in (("Kungsholmen", PLAN_2025, 2025), ("Norrmalm", PLAN_2024, 2024)):
        path = build_workbook(plan, tmp / f"plan-{district}.xlsx")
        world.plans[district] = (await import_workbook(db, path, year=year,
                                                       district=district)).plan_id
    count = 0
    shared = None
    for district in ("Kungsholmen", "Norrmalm"):
        for index, (role_id, _name) in enumerate(await _owning_roles(db, world.plans[district])):
            if district == "Kungsholmen" and index < len(SPECIAL):
                kinds = [SPECIAL[index]]
            elif district == "Norrmalm" and index == 0 and shared is not None:
                await _hold(db, world, shared, role_id, district)
                continue
            else:
                kinds = ["silent" if index % 2 else "diligent"]
            for kind in kinds:
                count += 1
                pid = await _person(db, world, count, kind)
                await _hold(db, world, pid, role_id, district)
                shared = pid if kind == "shared" else shared
    await _coordinators(db, world, count)
    return world


async def _coordinators(db: Database, world: World, count: int) -> None:
    async with db.transaction() as repo:
        role = await repo.get_or_create_role("koordinator", Organisation.DISTRICT)
    for key, plan in (("kim", world.plans["Kungsholmen"]), ("nils", world.plans["Norrmalm"]),
                      ("gun", None)):
        count += 1
        pid = await _person(db, world, count, "coordinator")
        async with db.transaction() as repo:
            await repo.assign_role(role.id, pid,
                                   await repo.district_of_plan(plan) if plan else None)
        world.coordinators[key] = pid
    async with db.transaction() as repo:  # a channel of Kim's plan, which a digest must avoid
        await repo.save_conversation_ref(
            ConversationRef("19:styrgrupp@thread.tacv2", "https://smba.example/",
                            tenant_id=TENANT), kind="channel", plan_id=world.plans["Kungsholmen"])
