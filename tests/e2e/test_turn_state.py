"""The SDK's turn state costs one query per turn, and still loads and saves what it did before."""

from __future__ import annotations

import pytest
from microsoft_agents.activity import Activity, ChannelAccount, ConversationAccount
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.state.agent_state import CachedAgentState
from sqlalchemy import event

from bot.turn_state import FoljaTurnState, no_sign_in_storage
from storage.db import Database
from storage.sdk_state import DatabaseStorage
from tests.botclient import TOVE, BotClient, Teams


def _sdk_state_statements(database: Database) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []

    @event.listens_for(database.engine.sync_engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, params, _context, _many):
        if "sdk_state" in statement:
            seen.append((statement, params))

    return seen


async def test_a_turn_reads_sdk_state_once(bot: BotClient, teams: Teams, database: Database):
    await bot.post(teams.message(TOVE, "hjälp"))  # first contact: the person is created
    seen = _sdk_state_statements(database)
    status, _ = await bot.post(teams.message(TOVE, "hjälp"))
    assert status in (200, 202)
    reads = [(s, p) for s, p in seen if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1, reads
    params = str(reads[0][1])
    assert "/conversations/" in params and f"/users/{TOVE.teams_id}" in params
    assert "auth:_SignInState" not in " ".join(str(p) for _, p in seen)


def _context(kind: str = "message") -> TurnContext:
    activity = Activity(type=kind, channel_id="msteams", text="hej",
                        from_property=ChannelAccount(id="29:tove"),
                        recipient=ChannelAccount(id="28:folja"),
                        conversation=ConversationAccount(id="a:chat-1"))
    return TurnContext(object(), activity)  # a stand-in adapter: loading state never sends


async def test_turn_state_loads_both_scopes_and_saves_with_their_etags(database: Database):
    storage = DatabaseStorage(database)
    await storage.write({
        "msteams/conversations/a:chat-1": CachedAgentState({"dialog": {"step": 2}}),
        "msteams/users/29:tove": CachedAgentState({"lang": "en"}),
    })
    context = _context()
    state = await FoljaTurnState().load(context, storage)
    assert state.conversation.get_value("dialog") == {"step": 2}
    assert state.user.get_value("lang") == "en"

    state.conversation.set_value("dialog", {"step": 3})
    state.user.set_value("lang", "sv")
    await state.save(context)  # carries the eTags read above: no StorageConflict

    again = await FoljaTurnState().load(_context(), storage)
    assert again.conversation.get_value("dialog") == {"step": 3}
    assert again.user.get_value("lang") == "sv"


async def test_turn_state_of_a_new_conversation_is_empty_and_saved_on_change(database: Database):
    storage = DatabaseStorage(database)
    context = _context()
    state = await FoljaTurnState().load(context, storage)
    assert state.conversation.get_value("dialog") is None
    state.conversation.set_value("dialog", {"step": 1})
    await state.save(context)
    found = await storage.read(["msteams/conversations/a:chat-1"], target_cls=CachedAgentState)
    assert found["msteams/conversations/a:chat-1"].state["dialog"] == {"step": 1}


async def test_no_sign_in_storage_is_empty_and_refuses_writes():
    storage = no_sign_in_storage()
    assert await storage.read(["auth:_SignInState:msteams:29:tove"],
                              target_cls=CachedAgentState) == {}
    with pytest.raises(RuntimeError, match="no sign-in handler"):
        await storage.write({"auth:x": CachedAgentState({})})


async def test_a_turn_that_is_not_a_message_reads_no_state_and_cannot_write_it(database: Database):
    storage = DatabaseStorage(database)
    await storage.write({"msteams/conversations/a:chat-1": CachedAgentState({"dialog": {"step": 2}})})
    context = _context("invoke")
    state = await FoljaTurnState().load(context, storage)
    assert state.conversation.get_value("dialog") is None  # not read: a card needs no dialog
    state.conversation.set_value("dialog", {"step": 9})
    with pytest.raises(RuntimeError, match="not a message"):
        await state.save(context)
    kept = await storage.read(["msteams/conversations/a:chat-1"], target_cls=CachedAgentState)
    assert kept["msteams/conversations/a:chat-1"].state["dialog"] == {"step": 2}
