"""Lookups answer from the asker's own district first, and say so when an answer comes from
another district."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from domain.lookup import Show
from services import lookups
from services.imports import import_workbook
from services.roles import assign_role
from storage.db import Database
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025

ZONE = ZoneInfo("Europe/Stockholm")
TOVE = "tove.polis@polisen.se"


async def _two_districts(db: Database, tmp: Path) -> dict[str, int]:
    plans = {}
    for district in ("Kungsholmen", "Rinkeby"):
        path = build_workbook(PLAN_2025, tmp / f"{district}.xlsx")
        plans[district] = (await import_workbook(db, path, year=2025, district=district)).plan_id
    async with db.transaction() as repo:
        plan = await repo.get_plan(plans["Rinkeby"])
        await repo.add_action(plans["Rinkeby"], plan.areas[0].id, 99,
                              title="Klotterplank vid Tensta torg")
    await assign_role(db, "Kommunpolis", TOVE, district="Rinkeby")
    return plans


async def _tove(db: Database):
    async with db.transaction() as repo:
        return await repo.person_by_email(TOVE)


async def test_the_askers_own_district_answers_first(database: Database, tmp_path: Path):
    plans = await _two_districts(database, tmp_path)
    result = await lookups.ask(database, lookups.LookupCache(), "vem äger SSP",
                               await _tove(database), zone=ZONE)
    assert result.answer.show is Show.ACTION
    assert (result.index.plan.id, result.district, result.own) == (plans["Rinkeby"], "Rinkeby",
                                                                   True)


async def test_an_answer_from_another_district_names_it(database: Database, tmp_path: Path):
    plans = await _two_districts(database, tmp_path)
    async with database.transaction() as repo:  # the plank is Kungsholmen's now, not Tove's
        await repo.add_action(plans["Kungsholmen"], (await repo.get_plan(
            plans["Kungsholmen"])).areas[0].id, 98, title="Gatukonst på Fridhemsplan")
    result = await lookups.ask(database, lookups.LookupCache(), "vem äger gatukonsten",
                               await _tove(database), zone=ZONE)
    assert result.answer.show is Show.ACTION
    assert result.answer.subject.label == "Gatukonst på Fridhemsplan"
    assert (result.district, result.own) == ("Kungsholmen", False)


async def test_nothing_anywhere_answers_from_the_own_district(database, tmp_path):
    plans = await _two_districts(database, tmp_path)
    result = await lookups.ask(database, lookups.LookupCache(), "vem äger rymdstationen",
                               await _tove(database), zone=ZONE)
    assert result.answer.show is Show.NONE and result.index.plan.id == plans["Rinkeby"]
