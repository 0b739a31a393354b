"""`folja round close` gives the styrgrupp card its final version (the round's close is a period)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, timedelta
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from cards.followup_messages import COMPOSER
from cli import main
from cli.base import CliContext
from domain.model import ConversationRef
from services.followup import open_round
from services.reminders import working_day
from storage.db import Database
from storage.models import OutboxRow, RoundRow
from tests.clock import FrozenClock, at
from tests.followup_data import seed_2025

CHANNEL = "19:styrgrupp@thread.tacv2"


def prepare(url: str, tmp: Path) -> int:
    async def run() -> int:
        db = Database(url)
        now = db.clock()
        try:
            seeded = await seed_2025(db, tmp)
            async with db.transaction() as repo:
                await repo.save_conversation_ref(
                    ConversationRef(conversation_id=CHANNEL, service_url="http://127.0.0.1:9/",
                                    is_group=True), kind="channel", plan_id=seeded.plan_id)
                await repo.set_steering_conversation(seeded.plan_id, CHANNEL)
            opened = await open_round(db, str(seeded.plan_id), label="Vecka 48",
                                      due=now.date() + timedelta(days=4), actor="test",
                                      now=now, compose=COMPOSER)
            return opened.round.id
        finally:
            await db.dispose()

    return asyncio.run(run())


def rows(url: str, model, *where):
    async def run():
        db = Database(url)
        try:
            async with db.session() as session:
                return list(await session.scalars(select(model).where(*where)))
        finally:
            await db.dispose()

    return asyncio.run(run())


def test_closing_a_round_posts_the_summary_to_the_styrgrupp(database: Database, tmp_path, clock):
    round_id = prepare(database.url, tmp_path)
    assert rows(database.url, OutboxRow, OutboxRow.conversation_id == CHANNEL) == []
    later = clock() + timedelta(hours=2)  # the CLI's own clock, apart from the frozen one
    result = CliRunner().invoke(main, ["round", "close", str(round_id)],
                                obj=CliContext(lambda: later),
                                env={"DATABASE_URL": database.url}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "avslutad" in result.output
    [closed] = rows(database.url, RoundRow, RoundRow.id == round_id)
    at = closed.closed_at
    assert closed.status == "closed" and (at if at.tzinfo else at.replace(tzinfo=UTC)) == later
    [post] = rows(database.url, OutboxRow, OutboxRow.conversation_id == CHANNEL)
    assert post.kind == "summary" and post.round_id == round_id
    assert post.activity["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"


def test_round_open_and_remind_from_the_cli_queue_cards(database: Database, tmp_path,
                                                        clock: FrozenClock):
    due = clock.to_working_monday().date() + timedelta(days=4)  # a working Friday
    async def seed() -> None:
        db = Database(database.url)
        try:
            seeded = await seed_2025(db, tmp_path)
            async with db.transaction() as repo:  # Tove and Samir have spoken to Följa
                for name in ("tove", "samir"):
                    await repo.save_conversation_ref(
                        ConversationRef(f"a:{name}", "http://127.0.0.1:9/"), kind="personal",
                        person_id=seeded.people[name])
        finally:
            await db.dispose()

    asyncio.run(seed())
    env = {"DATABASE_URL": database.url}
    due = date.today() + timedelta(days=7)  # the CLI refuses a due date already past
    while not working_day(due):  # reminders move off weekends; keep "remind on the due day"
        due += timedelta(days=1)
    opened = CliRunner().invoke(main, ["round", "open", "Kungsholmen 2025", "--label", "Vecka 49",
                                       "--due", due.isoformat()], obj=CliContext(clock), env=env,
                                catch_exceptions=False)
    assert opened.exit_code == 0, opened.output
    prompts = rows(database.url, OutboxRow, OutboxRow.kind == "prompt")
    assert prompts and all(p.activity["attachments"] for p in prompts)  # the composer's cards
    clock.move_to(at(due))  # the due date's reminders, by the CLI's clock (no --now)
    reminded = CliRunner().invoke(main, ["round", "remind"], obj=CliContext(clock), env=env,
                                  catch_exceptions=False)
    assert reminded.exit_code == 0, reminded.output
    reminders = rows(database.url, OutboxRow, OutboxRow.kind == "reminder")
    assert f"{len(reminders)} påminnelser köade" in reminded.output
    assert {r.person_id for r in reminders} == {p.person_id for p in prompts}  # nobody answered
