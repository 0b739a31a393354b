"""A save drawn from an older version (a stale card) stores nothing and hands back the newest;
a replay is still no duplicate; a co-owner's chain never makes mine stale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cards.followup_messages import COMPOSER, parse_status
from domain.followup import StatusInput
from domain.status import Status
from services import followup
from services.assignments import round_actions
from storage.db import Database
from tests.followup_data import seed_2025

MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


async def shared_action(database: Database, tmp_path) -> tuple[dict, int, int]:
    seeded = await seed_2025(database, tmp_path)
    opened = await followup.open_round(database, "Kungsholmen 2025", label="V1", due=None,
                                       actor="cli", now=MONDAY, compose=COMPOSER)
    async with database.transaction() as repo:
        _plan, pairs = await round_actions(repo, opened.round)
    shared = next(a.id for a, _ in pairs
                  if {"Kommunpolis", "Socialtjänsten"} <= {r.role.name for r in a.responsibilities})
    return seeded.people, opened.round.id, shared


def card_save(round_id: int, action_id: int, base: int, **typed: str) -> StatusInput:
    """A save as the card sends it (parsed the way the bot parses it)."""
    parsed, errors = parse_status({"round_id": round_id, "action_id": action_id, "base": base,
                                   "needs_support": "false", **typed})
    assert parsed is not None, errors
    return parsed


async def test_a_stale_base_stores_nothing_and_returns_the_newest(database: Database, tmp_path):
    people, round_id, action = await shared_action(database, tmp_path)
    tove = people["tove"]
    first = await followup.record_status(
        database, card_save(round_id, action, 0, status="on_track", done_text="Ett."),
        person_id=tove, now=MONDAY)
    second = await followup.record_status(
        database, card_save(round_id, action, first.report.id, status="delayed",
                            done_text="Två.", occasions="3", needs_support="true",
                            support_text="Lokal."),
        person_id=tove, now=MONDAY + timedelta(minutes=5))
    assert second.ok and second.report.version == 2

    stale = await followup.record_status(
        database, card_save(round_id, action, 0, status="not_started", done_text=""),
        person_id=tove, now=MONDAY + timedelta(minutes=9))
    assert not stale.ok and stale.report is None
    assert stale.stale.id == second.report.id and stale.stale.person_name == "Tove Polis"
    assert stale.item.mine.id == second.report.id and stale.item.mine.support_text == "Lokal."
    async with database.transaction() as repo:
        history = await repo.report_history(round_id, action)
    assert [r.version for r in history if r.person_id == tove] == [1, 2]

    # The click that stored version 2, again (a Teams retry): the stored one, not "stale".
    replay = await followup.record_status(
        database, card_save(round_id, action, first.report.id, status="delayed",
                            done_text="Två.", occasions="3", needs_support="true",
                            support_text="Lokal."),
        person_id=tove, now=MONDAY + timedelta(minutes=10))
    assert replay.duplicate and replay.stale is None and replay.report.id == second.report.id


async def test_a_co_owners_versions_never_make_my_card_stale(database: Database, tmp_path):
    people, round_id, action = await shared_action(database, tmp_path)
    await followup.record_status(
        database, card_save(round_id, action, 0, status="done", done_text="Socialtjänsten."),
        person_id=people["samir"], now=MONDAY)
    mine = await followup.record_status(
        database, card_save(round_id, action, 0, status="on_track", done_text="Polisen."),
        person_id=people["tove"], now=MONDAY + timedelta(minutes=1))
    assert mine.ok and mine.report.version == 1 and mine.stale is None


async def test_saves_without_a_base_are_not_checked(database: Database, tmp_path):
    """The text dialog and the CLI have no card that could be old."""
    people, round_id, action = await shared_action(database, tmp_path)
    for n in range(2):
        result = await followup.record_status(
            database, StatusInput(round_id, action, Status.ON_TRACK, done_text=f"Text {n}",
                                  idempotency_key=f"dialog:{n}"),
            person_id=people["tove"], now=MONDAY + timedelta(minutes=n))
        assert result.ok and result.report.version == n + 1
