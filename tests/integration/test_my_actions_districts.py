""""Mina åtgärder" for a person bound in two districts, against a real database: every district
they are bound in answers, at a cost per district and never per action, and a "Visa" tap finds
an action of the second district with only the free text the asker may read.

Kungsholmen is imported from the real 2025 plan and Rinkeby from the real 2024 plan; Tove, a
kommunpolis from polisen.se, holds Kommunpolis in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from domain.lookup import Kind
from domain.model import Person
from services import lookups
from services.imports import import_workbook
from services.lookup_access import PERSONAL, Place
from services.roles import assign_role
from storage.db import Database
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2024, PLAN_2025
from tests.integration.test_lookups_service import counted

ZONE = ZoneInfo("Europe/Stockholm")
TOVE = "tove.polis@polisen.se"


@dataclass(frozen=True)
class Districts:
    kungsholmen: int
    rinkeby: int


async def two_districts(db: Database, tmp: Path, email: str = TOVE) -> Districts:
    """Kungsholmen (the 2025 plan) and Rinkeby (the 2024 plan), `email` bound to Kommunpolis in
    both."""
    plans = {}
    for district, seed in (("Kungsholmen", PLAN_2025), ("Rinkeby", PLAN_2024)):
        path = build_workbook(seed, tmp / f"{district}.xlsx")
        plans[district] = (await import_workbook(db, path, year=seed.year, district=district,
                                                 actor="test")).plan_id
        await assign_role(db, "Kommunpolis", email, district=district)
    return Districts(plans["Kungsholmen"], plans["Rinkeby"])


async def _tove(db: Database) -> Person:
    async with db.transaction() as repo:
        person = await repo.person_by_email(TOVE)
    assert person is not None
    return person


async def test_every_district_the_asker_is_bound_in_answers(database: Database, tmp_path: Path):
    plans = await two_districts(database, tmp_path)
    result = await lookups.ask(database, lookups.LookupCache(), "mina åtgärder",
                               await _tove(database), zone=ZONE)
    assert [(p.district, p.index.plan.id, p.own) for p in result.parts] == [
        ("Kungsholmen", plans.kungsholmen, True), ("Rinkeby", plans.rinkeby, True)]
    assert [sum(len(a) for _, a in p.answer.groups) for p in result.parts] == [5, 3]


async def test_a_district_the_asker_is_not_bound_in_is_not_read(database: Database,
                                                                tmp_path: Path):
    await two_districts(database, tmp_path, email="someone.else@stad.se")
    await assign_role(database, "Kommunpolis", TOVE, district="Rinkeby")
    result = await lookups.ask(database, lookups.LookupCache(), "my actions",
                               await _tove(database), zone=ZONE, lang="en")
    assert [p.district for p in result.parts] == ["Rinkeby"]


async def test_the_cost_grows_with_districts_not_with_actions(database: Database,
                                                             tmp_path: Path):
    plans = await two_districts(database, tmp_path)
    tove = await _tove(database)

    async def statements() -> tuple[int, int]:
        cache = lookups.LookupCache()
        with counted(database) as cold:
            await lookups.ask(database, cache, "mina åtgärder", tove, zone=ZONE)
        with counted(database) as warm:
            await lookups.ask(database, cache, "mina åtgärder", tove, zone=ZONE)
        return len(cold), len(warm)

    before = await statements()
    async with database.transaction() as repo:  # ten more actions for Tove in each district
        role = await repo.get_or_create_role("Kommunpolis")
        for plan_id in (plans.kungsholmen, plans.rinkeby):
            area = (await repo.get_plan(plan_id)).areas[0]
            for n in range(10):
                action = await repo.add_action(plan_id, area.id, 100 + n, title=f"Extra {n}")
                await repo.add_responsibility(action, role.id, lead=False)
    after = await statements()
    result = await lookups.ask(database, lookups.LookupCache(), "mina åtgärder", tove, zone=ZONE)
    assert [sum(len(a) for _, a in p.answer.groups) for p in result.parts] == [15, 13]
    assert after == before, (before, after)
    assert before[1] <= 2 + 3 * 2  # which plans; per district: version stamp, (statuses), access


async def test_a_tap_finds_the_second_districts_action_and_keeps_others_text(
        database: Database, tmp_path: Path):
    plans = await two_districts(database, tmp_path)
    tove, cache = await _tove(database), lookups.LookupCache()
    rinkeby = await lookups.current_index(database, cache, ZONE, plans.rinkeby)
    mine = {a.id for a in rinkeby.actions.values()
            if any(p.id == tove.id for r in a.responsibilities for p in r.people)}
    written = {a for a, s in rinkeby.statuses.items() if s.text}  # the 2024 plan's own texts
    own, other = sorted(written & mine)[0], sorted(written - mine)[0]
    chat = Place(PERSONAL)
    for action_id, readable in ((own, True), (other, False)):
        index = await lookups.index_holding(database, cache, tove, chat, Kind.ACTION, action_id,
                                            zone=ZONE)
        assert index is not None and index.plan.id == plans.rinkeby
        assert bool(index.statuses[action_id].text) is readable
    assert await lookups.index_holding(database, cache, tove, chat, Kind.ACTION, 10**6,
                                       zone=ZONE) is None
