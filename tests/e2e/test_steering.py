"""The styrgrupp channel over HTTP: only coordinators choose it; the summary comes back as a card."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.appkeys import SENDER
from config import Settings
from services.delivery import deliver_due
from storage.db import Database
from storage.models import ConversationRefRow, OutboxRow, PlanRow
from tests.botclient import SAMIR, TOVE, BotClient, Teams
from tests.connector_stub import ConnectorStub
from tests.schemas import assert_valid_card
from tests.summary_helpers import bulk_plan

CHANNEL = "19:styrgrupp@thread.tacv2"


async def _plan(db: Database) -> int:
    plan_id, _round = await bulk_plan(db, 6, owners=2, rounds=1)
    return plan_id


async def test_non_coordinator_is_refused(bot: BotClient, teams: Teams, stub: ConnectorStub,
                                          database: Database):
    plan_id = await _plan(database)
    await bot.post(teams.channel_message(SAMIR, "styrgrupp"))
    [text] = stub.texts()
    assert "Bara planens koordinator" in text
    async with database.session() as s:
        assert (await s.get(PlanRow, plan_id)).steering_conversation_id is None


async def test_coordinator_sets_channel_and_gets_summary(
    settings: Settings, database: Database, teams: Teams, stub: ConnectorStub
):
    plan_id = await _plan(database)
    client = await BotClient(settings.with_(coordinators=(TOVE.email,)), database).start()
    try:
        await client.post(teams.channel_message(TOVE, "styrgrupp Bulk 6 2025"))
        assert "Den här kanalen får nu styrgruppens lägesbild för Bulk 6 2025" in stub.texts()[0]
        async with database.session() as s:
            plan = await s.get(PlanRow, plan_id)
            ref = await s.scalar(select(ConversationRefRow).where(
                ConversationRefRow.conversation_id == CHANNEL))
        assert plan.steering_conversation_id == CHANNEL
        assert ref.kind == "channel" and ref.plan_id == plan_id
        await client.post(teams.channel_message(SAMIR, "sammanfattning"))
        card = stub.sent[-1]["attachments"][0]["content"]
        assert_valid_card(card)
        assert "Lägesbild för styrgruppen: Bulk 6 2025" in card["body"][0]["text"]
        await client.post(teams.channel_message(TOVE, "styrgrupp Finns Inte 1999"))
        assert "Jag hittar ingen plan" in stub.texts()[-1]
    finally:
        await client.stop()


async def test_summary_in_a_channel_that_is_not_chosen(bot, teams, stub, database):
    await _plan(database)
    await bot.post(teams.channel_message(TOVE, "sammanfattning"))
    assert "inte vald som styrgruppens kanal" in stub.texts()[0]


async def test_the_card_is_queued_as_the_channel_is_chosen(
    settings: Settings, database: Database, teams: Teams, stub: ConnectorStub
):
    """No waiting for the next refresh: the same turn queues the open round's card."""
    plan_id, round_id = await bulk_plan(database, 6, owners=2, rounds=2)
    client = await BotClient(settings.with_(coordinators=(TOVE.email,)), database).start()
    try:
        await client.post(teams.channel_message(TOVE, "styrgrupp Bulk 6 2025"))
        async with database.session() as s:
            rows = list(await s.scalars(select(OutboxRow)))
        assert [(r.kind, r.plan_id, r.round_id, r.conversation_id) for r in rows] == [
            ("summary", plan_id, round_id, CHANNEL)]  # only the open round, not the closed one
        stub.clear()
        now = datetime.now(UTC) + timedelta(minutes=1)  # the turn queued with the wall clock
        assert (await deliver_due(database, client.app[SENDER], now=now)).sent == 1
        [sent] = stub.sent
        card = sent["attachments"][0]["content"]
        assert_valid_card(card)
        assert sent["conversation_id"].startswith(CHANNEL)
        assert "Lägesbild för styrgruppen: Bulk 6 2025 · Omgång 2" in card["body"][0]["text"]
        await client.post(teams.channel_message(TOVE, "styrgrupp Bulk 6 2025"))  # again
        async with database.session() as s:
            assert len(list(await s.scalars(select(OutboxRow)))) == 1  # no second card
    finally:
        await client.stop()
