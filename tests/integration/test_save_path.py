"""The lean card-save path (issue 4 speed work) answers what the whole-plan path answered."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from cards.followup_messages import COMPOSER
from domain.followup import StatusInput
from domain.status import Status
from services import followup
from services.assignments import action_in_round, round_actions
from storage.db import Database
from tests.followup_data import seed_2025


async def test_one_action_reads_as_in_the_whole_plan(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    # A holder with every field set: the one-action query carries holders as JSON (dates as text).
    await followup.set_away(database, seeded.people["tove"], monday.date() + timedelta(days=10),
                            now=monday)
    opened = await followup.open_round(database, "Kungsholmen 2025", label="V1", due=None,
                                       actor="cli", now=monday, compose=COMPOSER)
    async with database.transaction() as repo:
        _plan, pairs = await round_actions(repo, opened.round)
        stored = await repo.get_round(opened.round.id)
        assert len(pairs) > 5
        for action, area in pairs:
            assert await action_in_round(repo, opened.round.id, action.id) == (
                stored, action, area, False, ())
        assert await action_in_round(repo, opened.round.id, 10**9) is None
        assert await action_in_round(repo, 10**9, pairs[0][0].id) is None


async def test_action_outside_the_rounds_areas_is_unknown(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    await seed_2025(database, tmp_path)
    opened = await followup.open_round(
        database, "Kungsholmen 2025", label="Platser", due=monday.date() + timedelta(days=4),
        areas=["Otrygga och brottsutsatta platser"], actor="cli", now=monday, compose=COMPOSER)
    async with database.transaction() as repo:
        plan = await repo.get_plan(opened.round.plan_id)
        inside = {a.id for a, _ in (await round_actions(repo, opened.round))[1]}
        outside = [a.id for a in plan.actions if a.id not in inside]
        assert outside and inside
        assert await action_in_round(repo, opened.round.id, outside[0]) is None


async def test_versions_pile_up_and_latest_is_the_newest_per_person(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    first = await followup.open_round(database, "Kungsholmen 2025", label="V1", due=None,
                                      actor="cli", now=monday, compose=COMPOSER)
    async with database.transaction() as repo:
        _plan, pairs = await round_actions(repo, first.round)
        shared = next(a.id for a, _ in pairs
                      if {"Kommunpolis", "Socialtjänsten"} <= {r.role.name for r in a.responsibilities})
    saved = []
    for n in range(4):
        for who in ("tove", "samir"):
            result = await followup.record_status(
                database, StatusInput(first.round.id, shared, Status.ON_TRACK,
                                      done_text=f"{who} {n}", idempotency_key=f"k{n}"),
                person_id=seeded.people[who], now=monday + timedelta(minutes=n))
            assert result.ok and result.report.version == n + 1
            saved.append(result)
    last = saved[-1]
    # The receipt after a save shows what was saved; the other party is not read for it.
    assert last.item.mine.done_text == "samir 3" and last.item.previous == ()
    # The form (here: opened again) shows the other party's newest version, and mine.
    again = await followup.item_for(database, first.round.id, shared, seeded.people["samir"])
    assert again.item.mine.done_text == "samir 3"
    assert [r.done_text for r in again.item.previous] == ["tove 3"]
    async with database.transaction() as repo:
        latest = await repo.latest_reports(seeded.plan_id, action_ids=[shared])
        stored = await repo.report_by_id(last.report.id)
    assert sorted(r.done_text for r in latest) == ["samir 3", "tove 3"]
    # What the save handed back (names from the caller, no read-back) is what is stored.
    assert stored == replace(last.report, created_at=stored.created_at)
    assert stored.person_name and stored.role_name == "Socialtjänsten"

    replay = await followup.record_status(
        database, StatusInput(first.round.id, shared, Status.ON_TRACK, done_text="samir 3",
                              idempotency_key="k3"),
        person_id=seeded.people["samir"], now=monday + timedelta(hours=1))
    assert replay.duplicate and replay.report.id == last.report.id
