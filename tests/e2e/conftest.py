"""End-to-end fixtures: the real app on a port, the connector stub it replies to."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from config import Settings
from storage.db import Database
from tests.botclient import SAMIR, TENANT, TOVE, BotClient, Teams
from tests.connector_stub import ConnectorStub
from tests.schemas import assert_valid_card


@pytest.fixture
async def stub() -> AsyncIterator[ConnectorStub]:
    async with ConnectorStub() as connector:
        for user in (TOVE, SAMIR):
            connector.add_member(
                id=user.teams_id, aad_object_id=user.aad, name=user.name, email=user.email,
                upn=user.email, tenant_id=TENANT,
            )
        yield connector
        # Whatever the test looked at, every card the bot sent must be one Teams renders.
        for card in connector.attachments():
            assert_valid_card(card)


@pytest.fixture
def teams(stub: ConnectorStub) -> Teams:
    return Teams(stub.url)


@pytest.fixture
async def bot(settings: Settings, database: Database) -> AsyncIterator[BotClient]:
    client = await BotClient(settings, database).start()
    try:
        yield client
    finally:
        await client.stop()
