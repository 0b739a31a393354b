"""Storage on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import pytest
from microsoft_agents.hosting.core.state.agent_state import CachedAgentState

from domain.model import Organisation
from domain.when import WhenKind, parse_when
from storage.db import Database, NotMigrated
from storage.migrate import ensure_migrated, upgrade
from storage.sdk_state import DatabaseStorage, StorageConflict


async def make_plan(db: Database) -> int:
    async with db.transaction() as repo:
        plan_id = await repo.create_plan(year=2025, district="Söderort", police_area="LPO Syd")
        area = await repo.add_area(plan_id, "Unga i riskzon", 1)
        action = await repo.add_action(
            plan_id, area, 1, title="Operativ BOB", problem="Barn och unga",
            when=parse_when("4 ggr/år"), who_text="Kommunpolis (sammankallande), Fältassistenter",
        )
        police = await repo.get_or_create_role("Kommunpolis", Organisation.POLICE)
        field = await repo.get_or_create_role("Fältassistenter", Organisation.SOCIAL_SERVICES)
        await repo.add_responsibility(action, police.id, lead=True)
        await repo.add_responsibility(action, field.id, lead=False)
        tove = await repo.create_person(email="Tove@Polisen.se", display_name="Tove")
        await repo.assign_role(police.id, tove.id, None)
    return plan_id


async def test_plan_round_trip(database: Database):
    plan_id = await make_plan(database)
    async with database.transaction() as repo:
        plan = await repo.get_plan(plan_id)
        listed = await repo.list_plans()
        by_name = await repo.find_plan_id("söderort 2025")
    assert by_name == plan_id
    assert [(p.district, p.areas, p.actions) for p in listed] == [("Söderort", 1, 1)]
    [action] = plan.actions
    assert action.when.kind is WhenKind.TIMES_PER_YEAR and action.when.times_per_year == 4
    assert [r.role.name for r in action.responsibilities] == ["Kommunpolis", "Fältassistenter"]
    assert action.lead_roles[0].organisation is Organisation.POLICE
    assert [p.email for p in action.responsibilities[0].people] == ["tove@polisen.se"]


async def test_failed_transaction_writes_nothing(database: Database):
    with pytest.raises(RuntimeError):
        async with database.transaction() as repo:
            await repo.create_plan(year=2025, district="Rinkeby")
            raise RuntimeError("boom")
    async with database.transaction() as repo:
        assert await repo.count_plans() == 0


async def test_role_names_are_unique_case_insensitively(database: Database):
    async with database.transaction() as repo:
        a = await repo.get_or_create_role("Kommunpolis", Organisation.POLICE)
        b = await repo.get_or_create_role("kommunpolis")
        assert a.id == b.id
        assert len(await repo.list_roles()) == 1


async def test_assign_role_is_idempotent(database: Database):
    async with database.transaction() as repo:
        role = await repo.get_or_create_role("Trygghetssamordnare", Organisation.DISTRICT)
        person = await repo.create_person(email="sam@stad.se")
        assert await repo.assign_role(role.id, person.id, None) is True
        assert await repo.assign_role(role.id, person.id, None) is False
        assert [r.name for r in await repo.roles_of_person(person.id)] == ["Trygghetssamordnare"]


async def test_sdk_storage_round_trips_and_detects_conflicts(database: Database):
    storage = DatabaseStorage(database)
    await storage.write({"k": CachedAgentState({"dialog": {"step": 1}, "when": {1, 2}})})
    first = (await storage.read(["k"], target_cls=CachedAgentState))["k"]
    second = (await storage.read(["k"], target_cls=CachedAgentState))["k"]
    assert first.state["dialog"] == {"step": 1} and first.state["when"] == {1, 2}
    first.state["dialog"] = {"step": 2}
    await storage.write({"k": first})
    second.state["dialog"] = {"step": 3}
    with pytest.raises(StorageConflict):
        await storage.write({"k": second})
    first.state["dialog"] = {"step": 4}
    await storage.write({"k": first})  # the same item saved twice in one turn is fine
    final = (await storage.read(["k"], target_cls=CachedAgentState))["k"]
    assert final.state["dialog"] == {"step": 4}
    await storage.delete(["k"])
    assert await storage.read(["k"], target_cls=CachedAgentState) == {}


async def test_unmigrated_database_is_refused(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/empty.db")
    try:
        with pytest.raises(NotMigrated, match="folja db upgrade"):
            await ensure_migrated(db.engine)
    finally:
        await db.dispose()


async def test_migrated_database_is_accepted(database: Database):
    await ensure_migrated(database.engine)


async def test_case_insensitive_lookups_fold_swedish_letters(database: Database):
    async with database.transaction() as repo:
        plan_id = await repo.create_plan(year=2025, district="Östermalm")
        role = await repo.get_or_create_role("Äldreomsorgen", Organisation.SOCIAL_SERVICES)
    async with database.transaction() as repo:
        assert await repo.find_plan_id("östermalm 2025") == plan_id
        assert (await repo.get_or_create_role("äldreomsorgen")).id == role.id
        assert len(await repo.list_roles()) == 1


def test_upgrade_creates_the_folder_of_a_new_sqlite_file(tmp_path):
    """`make run` on a fresh clone: var/ does not exist yet."""
    path = tmp_path / "var" / "nested" / "folja.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    assert path.exists() and path.stat().st_size > 0
