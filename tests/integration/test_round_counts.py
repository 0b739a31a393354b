"""`folja round status` (text and --json) and the styrgrupp card count the same way: answered
actions of the round, and the people who have answered beside them."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime

from click.testing import CliRunner

from cards.followup_messages import COMPOSER
from cli import main
from domain.followup import StatusInput
from domain.status import Status
from services.followup import open_round, record_status
from services.summaries import current_summary
from storage.db import Database
from tests.followup_data import seed_2025

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


async def _answered_round(url: str, tmp) -> tuple[int, int, int]:
    """The 2025 plan, a round for all areas, and Tove (Kommunpolis) answering two actions that
    Samir's Socialtjänsten shares: (plan id, round id, actions Tove owns)."""
    db = Database(url)
    try:
        seeded = await seed_2025(db, tmp)
        opened = await open_round(db, "Kungsholmen 2025", label="Vecka 49",
                                  due=date(2026, 12, 4), actor="test", now=NOW, compose=COMPOSER)
        async with db.transaction() as repo:
            plan = await repo.get_plan(seeded.plan_id)
        police = [a.id for a in plan.actions
                  if any(r.role.name == "Kommunpolis" for r in a.responsibilities)]
        for action_id in police[:2]:
            result = await record_status(db, StatusInput(opened.round.id, action_id,
                                                         Status.ON_TRACK, done_text="Pågår"),
                                         person_id=seeded.people["tove"], now=NOW)
            assert result.ok
        return seeded.plan_id, opened.round.id, len(police)
    finally:
        await db.dispose()


async def _summary(url: str, plan_id: int, round_id: int):
    db = Database(url)
    try:
        return await current_summary(db, plan_id, round_id)
    finally:
        await db.dispose()


def test_cli_status_and_the_card_show_the_same_numbers(database: Database, tmp_path):
    plan_id, round_id, police_actions = asyncio.run(_answered_round(database.url, tmp_path))
    summary = asyncio.run(_summary(database.url, plan_id, round_id))
    p = summary.progress
    assert (p.actions_answered, p.actions_total) == (2, 27)
    # Tove is done only when all her actions are answered; the others have answered nothing.
    expect_done = 1 if police_actions == 2 else 0
    assert (p.people_answered, p.people_total) == (expect_done, 4)
    env = {"DATABASE_URL": database.url}
    text = CliRunner().invoke(main, ["round", "status", str(round_id)], env=env,
                              catch_exceptions=False)
    assert text.exit_code == 0, text.output
    assert (f"Åtgärder: 2 av 27 besvarade · Personer: {expect_done} av 4 har svarat"
            in " ".join(text.output.split()))
    as_json = CliRunner().invoke(main, ["round", "status", str(round_id), "--json"], env=env,
                                 catch_exceptions=False)
    assert json.loads(as_json.output)["progress"] == {
        "actions_answered": 2, "actions_total": 27, "people_answered": expect_done,
        "people_total": 4}
