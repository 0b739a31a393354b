"""Fixtures shared by the integration tests that send through the connector stub."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.connector_stub import ConnectorStub
from tests.schemas import assert_valid_card
from tests.senders import make_sender


@pytest.fixture
async def stub() -> AsyncIterator[ConnectorStub]:
    async with ConnectorStub() as connector:
        yield connector
        for card in connector.attachments():  # every card sent must be one Teams renders
            assert_valid_card(card)


@pytest.fixture
async def sender():
    """The real SDK-backed sender, paced like production (50/s, Teams' conversation limits)."""
    s = make_sender()
    yield s
    await s.close()
