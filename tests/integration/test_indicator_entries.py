"""One entry from a person (what the Teams side will call), and what a person still owes."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import DEFAULT_PERIODS
from domain.model import Person
from services import indicator_periods
from services.indicators import list_indicators, missing_values, record_measurement
from services.periods import close_period
from storage.db import Database
from tests.followup_data import OWNERS, seed_2025
from tests.indicator_data import import_plan


async def _seed(db: Database, tmp: Path) -> dict[str, Person]:
    """The 2025 plan and its owners (Tove: Kommunpolis, Samir: Socialtjänsten), then the same
    plan re-imported with its Indikatorer sheet."""
    await seed_2025(db, tmp)
    await import_plan(db, tmp / "with-indicators", "Kungsholmen")
    async with db.transaction() as repo:
        found = {k: await repo.person_by_email(v[1]) for k, v in OWNERS.items()}
    return {k: v for k, v in found.items() if v is not None}


async def _ids(db: Database) -> dict[str, int]:
    [plan] = await list_indicators(db)
    return {r.indicator.name: r.indicator.id for r in plan.results}


async def test_the_owner_records_a_value_and_the_latest_wins(database: Database, tmp_path):
    people = await _seed(database, tmp_path)
    ids = await _ids(database)
    robbery = ids["Anmälda rån mot unga"]
    first = await record_measurement(database, people["samir"], robbery, "2025-T3", 30, "", "")
    second = await record_measurement(database, people["samir"], robbery, "2025 t3", 28, "",
                                      "rättat efter ny statistik")
    assert first.saved and second.saved and second.values == {"period": "2025-T3"}
    [plan] = await list_indicators(database)
    result = next(r for r in plan.results if r.indicator.id == robbery)
    assert result.latest is not None
    assert (result.latest.period, result.latest.value, result.latest.note) == (
        "2025-T3", 28, "rättat efter ny statistik")
    assert result.latest.person_id == people["samir"].id


async def test_ingen_data_needs_a_reason_and_is_a_result(database: Database, tmp_path):
    people = await _seed(database, tmp_path)
    unsafe = (await _ids(database))["Otrygghet i området"]
    refused = await record_measurement(database, people["tove"], unsafe, "2025-T3", None, "", "")
    assert refused.refused == "indicators.refused.no_reason"
    saved = await record_measurement(database, people["tove"], unsafe, "2025-T3", None,
                                     "enkäten flyttades till 2026", "")
    assert saved.saved


@pytest.mark.parametrize(("who", "period", "reason", "note", "refused"), [
    ("samir", "2025-T3", "", "", "indicators.refused.not_owner"),  # Kommunpolis owns it
    ("tove", "hösten", "", "", "indicators.refused.bad_period"),
    ("tove", "2025-T3", "", "se 19811218-9876", "indicators.refused.personal_number"),
])
async def test_refusals_are_values_and_save_nothing(database: Database, tmp_path, who, period,
                                                     reason, note, refused):
    people = await _seed(database, tmp_path)
    unsafe = (await _ids(database))["Otrygghet i området"]
    result = await record_measurement(database, people[who], unsafe, period, 2.0, reason, note)
    assert (result.saved, result.refused) == (False, refused)
    [plan] = await list_indicators(database)
    assert next(r for r in plan.results if r.indicator.id == unsafe).latest.period == "2025-T2"


async def test_a_frozen_period_is_refused_through_the_hook(database: Database, tmp_path,
                                                           monkeypatch):
    people = await _seed(database, tmp_path)
    robbery = (await _ids(database))["Anmälda rån mot unga"]
    asked = []

    async def frozen(repo, plan_id, period):
        asked.append((plan_id, period))
        return True

    monkeypatch.setattr(indicator_periods, "is_period_frozen", frozen)
    result = await record_measurement(database, people["samir"], robbery, "2025-T3", 30)
    assert result.refused == "indicators.refused.frozen" and asked[0][1] == "2025-T3"


async def test_a_closed_reporting_period_refuses_an_entry(database: Database, tmp_path):
    people = await _seed(database, tmp_path)
    robbery = (await _ids(database))["Anmälda rån mot unga"]
    async with database.transaction() as repo:
        assert await indicator_periods.is_period_frozen(repo, 1, "2025-T1") is False
    await close_period(database, 2025, "T1", DEFAULT_PERIODS, actor="karin@stad.se")
    async with database.transaction() as repo:
        assert await indicator_periods.is_period_frozen(repo, 1, "2025-T1") is True
        assert await indicator_periods.is_period_frozen(repo, 1, "2025-T2") is False
        assert await indicator_periods.is_period_frozen(repo, 1, "2025") is False
    refused = await record_measurement(database, people["samir"], robbery, "2025-T1", 30)
    assert refused.refused == "indicators.refused.frozen"
    kept = await record_measurement(database, people["samir"], robbery, "2025-T2", 30)
    assert not kept.refused
    for key in ("T2", "T3"):
        await close_period(database, 2025, key, DEFAULT_PERIODS, actor="karin@stad.se")
    async with database.transaction() as repo:  # the whole year, once its last period closed
        assert await indicator_periods.is_period_frozen(repo, 1, "2025") is True


async def test_indicators_owned_by_a_person_that_lack_a_value(database: Database, tmp_path):
    people = await _seed(database, tmp_path)
    owed = await missing_values(database, people["tove"].id, "2025-T3")
    assert [i.name for i in owed] == ["Otrygghet i området", "Anmälda skadegörelsebrott"]
    ids = await _ids(database)
    await record_measurement(database, people["tove"], ids["Otrygghet i området"], "2025-T3",
                             None, "enkäten genomfördes inte")
    owed = await missing_values(database, people["tove"].id, "2025-T3")
    assert [i.name for i in owed] == ["Anmälda skadegörelsebrott"]  # ingen data counts
    assert await missing_values(database, people["tove"].id, "2025-T2") == []
    assert await missing_values(database, people["greta"].id, "2025-T3") == []
