"""Districts are first-class: role holders bound to a district stay bound across years, a
district coordinator acts on their district only, a stadskoordinator on every district."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from services.coordination import scope_of
from services.roles import RoleInputError, assign_role
from storage.db import Database
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2024, PLAN_2025

KIM = "kim.kommunpolis@polisen.se"


async def _import(db: Database, tmp: Path, plan, year: int, district: str) -> int:
    from services.imports import import_workbook

    path = build_workbook(plan, tmp / f"{district}-{year}.xlsx")
    return (await import_workbook(db, path, year=year, district=district)).plan_id


async def _holders(db: Database, plan_id: int, role: str) -> set[str]:
    async with db.transaction() as repo:
        found = await repo.get_or_create_role(role)
        return {p.email or "" for p in (await repo.holders_by_role(plan_id)).get(found.id, ())}


async def _person(db: Database, email: str):
    async with db.transaction() as repo:
        return await repo.person_by_email(email)


async def test_a_district_binding_holds_for_next_years_plan(database: Database, tmp_path: Path):
    first = await _import(database, tmp_path, PLAN_2024, 2024, "Kungsholmen")
    await assign_role(database, "Kommunpolis", KIM, district="kungsholmen")
    nxt = await _import(database, tmp_path, PLAN_2025, 2025, "Kungsholmen")
    other = await _import(database, tmp_path, PLAN_2025, 2025, "Rinkeby")
    assert KIM in await _holders(database, first, "Kommunpolis")
    assert KIM in await _holders(database, nxt, "Kommunpolis")  # nobody asked again
    assert KIM not in await _holders(database, other, "Kommunpolis")


async def test_without_a_district_the_holder_is_bound_in_every_district(database, tmp_path):
    plans = [await _import(database, tmp_path, PLAN_2025, 2025, d) for d in ("Kista", "Spånga")]
    await assign_role(database, "Kommunpolis", KIM)
    for plan_id in plans:
        assert KIM in await _holders(database, plan_id, "Kommunpolis")


async def test_a_district_coordinator_covers_their_district_only(database, tmp_path):
    kungsholmen = await _import(database, tmp_path, PLAN_2025, 2025, "Kungsholmen")
    rinkeby = await _import(database, tmp_path, PLAN_2024, 2025, "Rinkeby")
    await assign_role(database, "koordinator", "karin@stad.se", district="Kungsholmen")
    await assign_role(database, "stadskoordinator", "stina@stad.se")
    karin = await scope_of(database, await _person(database, "karin@stad.se"), ())
    assert not karin.everything and karin.districts() == ("Kungsholmen",)
    assert karin.covers(kungsholmen) and not karin.covers(rinkeby)
    stina = await scope_of(database, await _person(database, "stina@stad.se"), ())
    assert stina.everything and stina.covers(kungsholmen) and stina.covers(rinkeby)


async def test_city_coordinator_takes_no_district_and_unknown_districts_are_named(
        database, tmp_path):
    await _import(database, tmp_path, PLAN_2025, 2025, "Kungsholmen")
    with pytest.raises(RoleInputError) as city:
        await assign_role(database, "stadskoordinator", "stina@stad.se", district="Kungsholmen")
    assert city.value.code == "roles.city_no_district"
    with pytest.raises(RoleInputError) as unknown:
        await assign_role(database, "Kommunpolis", KIM, district="Atlantis")
    assert unknown.value.code == "roles.unknown_district"
    assert unknown.value.values["known"] == "Kungsholmen"
    assert await _person(database, KIM) is None  # nothing half-written


def test_cli_assigns_by_district_and_lists_districts(database: Database, tmp_path: Path):
    env = {"DATABASE_URL": database.url, "COLUMNS": "200"}
    run = CliRunner().invoke
    for district in ("Kungsholmen", "Rinkeby"):
        path = build_workbook(PLAN_2025, tmp_path / f"{district}.xlsx")
        out = run(main, ["import", str(path), "--district", district, "--year", "2025", "--json"],
                  env=env)
        assert out.exit_code == 0, out.output
        assert json.loads(out.stdout)["district"] == district
    out = run(main, ["roles", "assign", "koordinator", "karin@stad.se", "--district", "Rinkeby"],
              env=env)
    assert out.exit_code == 0 and "karin@stad.se har nu rollen koordinator i Rinkeby" in out.output
    out = run(main, ["roles", "assign", "Kommunpolis", KIM, "--district", "Atlantis"], env=env)
    assert out.exit_code == 1 and "Stadsdelen ”Atlantis” finns inte" in out.output
    listed = json.loads(run(main, ["district", "list", "--json"], env=env).stdout)
    assert listed == [{"district": "Kungsholmen", "years": [2025], "coordinators": []},
                      {"district": "Rinkeby", "years": [2025], "coordinators": ["karin@stad.se"]}]
