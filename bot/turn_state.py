"""The SDK's per-turn state, read with as few queries as the turn allows.

Out of the box the SDK reads three storage keys one after the other on every turn: the
conversation state, the user state and the user's sign-in (OAuth) state. Each read is a
transaction and a thread hop on aiosqlite; on a card save they cost more than the save's own SQL.

- `FoljaTurnState` reads the conversation and user keys in ONE `Storage.read`, then hands each
  state its item the way the SDK caches it for the turn, so neither reads again. Saving, eTags
  and the dialog's conversation state work exactly as before (same storage, same items).
- `NoSignInStorage` is the store of the SDK's `Authorization` when no sign-in handler is
  configured (Följa has none): the sign-in state can then never be written, so reading it needs
  no query. A write would be a bug (a handler configured without its storage) and says so.

Nothing is kept across turns: each turn builds its own state objects.
"""

from __future__ import annotations

from microsoft_agents.hosting.core import ConversationState, TurnContext, TurnState, UserState
from microsoft_agents.hosting.core.app.state.temp_state import TempState
from microsoft_agents.hosting.core.state.agent_state import CachedAgentState
from microsoft_agents.hosting.core.storage import Storage, StoreItem


class FoljaTurnState(TurnState):
    """TurnState whose `load` reads conversation and user state in one storage read."""

    async def load(self, context: TurnContext, storage: Storage) -> TurnState:
        conversation, user, temp = ConversationState(storage), UserState(storage), TempState()
        keys = {conversation.get_storage_key(context): conversation,
                user.get_storage_key(context): user}
        items = await storage.read(list(keys), target_cls=CachedAgentState)
        for key, state in keys.items():
            # AgentState.load takes the turn's cached item when there is one (no read).
            context.turn_state[state._context_service_key] = items.get(key, CachedAgentState())
            await state.load(context)
        await temp.load(context)
        self._scopes[ConversationState.__name__] = conversation
        self._scopes[UserState.__name__] = user
        self._scopes[TempState.SCOPE_NAME] = temp
        return self


class NoSignInStorage(Storage):
    """The sign-in store when no sign-in handler exists: always empty, costs no query."""

    async def read(self, keys: list[str], *, target_cls: type[StoreItem] | None = None,
                   **kwargs) -> dict[str, StoreItem]:
        return {}

    async def write(self, changes: dict[str, StoreItem]) -> None:
        raise RuntimeError("sign-in state written, but no sign-in handler is configured: "
                           "give Authorization the database storage (bot/sdk.py)")

    async def delete(self, keys: list[str]) -> None:
        return None
