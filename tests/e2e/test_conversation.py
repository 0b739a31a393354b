"""The foundation, end to end: Activities POSTed to /api/messages, replies read from the stub."""

from __future__ import annotations

from datetime import UTC, datetime

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from app import create_app
from config import Settings
from storage.db import Database
from storage.models import ConversationRefRow, PersonRow, SdkStateRow
from tests.botclient import STRANGER, TOVE, BotClient, Teams
from tests.connector_stub import ConnectorStub


async def count(db: Database, model) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)))


async def test_welcome_on_install_in_swedish(bot: BotClient, teams: Teams, stub: ConnectorStub):
    status, _ = await bot.post(teams.installation(TOVE))
    assert status == 202
    status, _ = await bot.post(teams.members_added(TOVE))
    assert status == 202
    texts = stub.texts()
    assert len(texts) == 1, texts
    assert "Följa" in texts[0] and "åtgärdsplan" in texts[0] and "hjälp" in texts[0]


async def test_help_lists_commands_in_swedish(bot: BotClient, teams: Teams, stub: ConnectorStub):
    status, _ = await bot.post(teams.message(TOVE, "hjälp"))
    assert status == 202
    [reply] = stub.sent
    assert reply["op"] in ("send", "reply")
    assert "Det här kan du be Följa om" in reply["text"]
    assert "**hjälp**" in reply["text"]
    assert "indikatorer" in reply["text"]  # the indicator questions (bot/indicators.py) too


async def test_help_in_english_when_asked_in_english(bot: BotClient, teams: Teams, stub):
    await bot.post(teams.message(TOVE, "Help?"))
    assert "What you can ask Följa" in stub.texts()[0]


async def test_unknown_text_gets_helpful_answer(bot: BotClient, teams: Teams, stub):
    await bot.post(teams.message(TOVE, "blablabla"))
    [text] = stub.texts()
    assert "blablabla" in text and "hjälp" in text


async def test_first_contact_binds_email_and_stores_reference(
    bot: BotClient, teams: Teams, stub: ConnectorStub, database: Database
):
    await bot.post(teams.message(TOVE, "hjälp"))
    async with database.session() as session:
        person = await session.scalar(select(PersonRow))
        ref = await session.scalar(select(ConversationRefRow))
    assert person.email == TOVE.email and person.aad_object_id == TOVE.aad
    assert ref.person_id == person.id and ref.kind == "personal"
    assert ref.service_url == stub.url
    lookups = [c for c in stub.calls if "/members/" in c.path]
    assert len(lookups) == 1
    # A second message: known by aadObjectId, no second member lookup, no duplicate rows.
    await bot.post(teams.message(TOVE, "hjälp"))
    assert len([c for c in stub.calls if "/members/" in c.path]) == 1
    assert await count(database, PersonRow) == 1
    assert await count(database, ConversationRefRow) == 1


async def test_stranger_without_teams_email_still_gets_answer(bot, teams, stub, database):
    await bot.post(teams.message(STRANGER, "hjälp"))
    assert "Det här kan du be Följa om" in stub.texts()[0]
    assert await count(database, PersonRow) == 0


async def test_channel_mention_is_stripped(bot: BotClient, teams: Teams, stub):
    await bot.post(teams.channel_message(TOVE, "hjälp"))
    [text] = stub.texts()
    assert "Det här kan du be Följa om" in text and "nämn mig" in text


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"type": "message"', "application/json"),
        ("[1, 2]", "application/json"),
        ('{"text": "hej"}', "application/json"),
        ('{"type": "message", "text": "hej"}', "application/json"),
        ('{"type": "message", "conversation": {}}', "application/json"),
        ('{"type": "message", "conversation": {"id": "c"}}', "text/plain"),
        ('{"type": "message", "conversation": {"id": "c"}, "from": 5}', "application/json"),
    ],
)
async def test_bad_input_is_400_and_stores_nothing(bot, body, content_type, database):
    status, payload = await bot.post(body, content_type=content_type)
    assert status == 400, payload
    assert await count(database, PersonRow) == 0
    assert await count(database, SdkStateRow) == 0


async def test_body_over_limit_is_400(bot: BotClient, teams: Teams, database):
    activity = teams.message(TOVE, "x" * 1_100_000)
    status, _ = await bot.post(activity)
    assert status == 400
    assert await count(database, ConversationRefRow) == 0


async def test_healthz_ok(bot: BotClient):
    status, body = await bot.get("/healthz")
    assert (status, body["status"]) == (200, "ok")


async def test_database_down_healthz_503_and_user_told(
    settings: Settings, teams: Teams, stub: ConnectorStub, tmp_path
):
    broken = Database("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    client = BotClient(settings, broken)

    client.app = create_app(settings, broken)
    # The start-up migration check would refuse this database: serve the routes without it.
    client.app.on_startup.clear()

    client.server = TestServer(client.app, host="127.0.0.1")
    await client.server.start_server()

    client.session = aiohttp.ClientSession()
    try:
        status, _ = await client.get("/healthz")
        assert status == 503
        status, _ = await client.post(teams.message(TOVE, "hjälp"))
        assert status in (202, 503)
        texts = stub.texts()
        assert texts and "Försök igen" in texts[0]
    finally:
        await client.stop()
        await broken.dispose()


async def test_with_app_id_unsigned_request_is_401_and_nothing_stored(
    settings: Settings, database: Database, teams: Teams, stub: ConnectorStub
):
    secured = settings.with_(app_id="00000000-0000-0000-0000-000000000001",
                             app_password="secret", tenant_id="tenant-x")
    client = await BotClient(secured, database).start()
    try:
        status, _ = await client.post(teams.message(TOVE, "hjälp"))
        assert status == 401
        status, _ = await client.post(
            teams.message(TOVE, "hjälp"), headers={"Authorization": "Bearer not-a-jwt"}
        )
        assert status == 401
        status, _ = await client.get("/healthz")
        assert status == 200
    finally:
        await client.stop()
    assert stub.sent == []
    assert await count(database, PersonRow) == 0
    assert await count(database, SdkStateRow) == 0


async def test_other_tenant_is_refused(settings, database, teams: Teams, stub):
    client = await BotClient(settings.with_(allowed_tenants=("tenant-ours",)), database).start()
    try:
        status, _ = await client.post(teams.message(TOVE, "hjälp"))
        assert status == 202
    finally:
        await client.stop()
    assert stub.sent == []
    assert await count(database, PersonRow) == 0


async def test_writing_to_folja_makes_an_unreachable_person_reachable(bot, teams, stub, database):
    await bot.post(teams.message(TOVE, "hjälp"))
    async with database.transaction() as repo:
        person = await repo.person_by_email(TOVE.email)
        await repo.mark_unreachable(person.id, "ConversationBlockedByUser", datetime.now(UTC))
        assert (await repo.person_by_email(TOVE.email)).unreachable
    await bot.post(teams.message(TOVE, "hjälp"))
    async with database.session() as session:
        row = await session.scalar(select(PersonRow).where(PersonRow.email == TOVE.email))
    assert row.unreachable_since is None and row.unreachable_reason == ""
