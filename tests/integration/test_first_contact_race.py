"""Teams sends a new user's installationUpdate and conversationUpdate at once (the Agents
Playground does, on every page load): both turns must end with the same single person."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from domain.model import ConversationRef
from services.people import TeamsIdentity, remember
from storage.db import Database
from storage.models import ConversationRefRow, PersonRow

ALEX = TeamsIdentity(teams_user_id="user-id-0", aad_object_id="aad-alex", name="Alex Wilber",
                     tenant_id="tenant", email="alexw@example.com")


async def test_two_simultaneous_first_turns_make_one_person(database: Database):
    ref = ConversationRef(conversation_id="personal-chat-alex", service_url="http://127.0.0.1:1/")
    for _ in range(5):  # the race does not lose every time; five rounds make it near-certain
        people = await asyncio.gather(
            *(remember(database, ALEX, ref, kind="personal") for _ in range(4))
        )
        assert len({found.person.id for found in people}) == 1
    async with database.session() as session:
        assert await session.scalar(select(func.count()).select_from(PersonRow)) == 1
        assert await session.scalar(select(func.count()).select_from(ConversationRefRow)) == 1
        person = await session.scalar(select(PersonRow))
    assert (person.email, person.aad_object_id) == ("alexw@example.com", "aad-alex")
