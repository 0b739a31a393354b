"""The SDK's per-turn state, read only by the turns that use it, with one query.

Out of the box the SDK reads three storage keys one after the other on every turn: the
conversation state, the user state and the user's sign-in (OAuth) state. Each read is a
transaction, and on a card invoke that never uses the state they cost more CPU than the save's
own statements (see BENCHMARKS.md, 'card save').

- Only a message can continue a dialog (the text-only "rapportera text" path), so only message
  turns read the conversation and user keys, in ONE `Storage.read`, and hand each state its item
  the way the SDK caches it for the turn. Saving, eTags and the dialog work exactly as before.
- Every other turn (card invokes, installs, conversation updates, compose-box queries) gets
  empty states on `UnusedStorage`: nothing is read, and a handler that writes state on such a
  turn fails loudly instead of overwriting the stored dialog with an empty one.
- The sign-in state lives on `UnusedStorage` too: Följa configures no sign-in (OAuth) handler.

Nothing is kept across turns: each turn builds its own state objects.
"""

from __future__ import annotations

from microsoft_agents.hosting.core import ConversationState, TurnContext, TurnState, UserState
from microsoft_agents.hosting.core.app.state.temp_state import TempState
from microsoft_agents.hosting.core.state.agent_state import CachedAgentState
from microsoft_agents.hosting.core.storage import Storage, StoreItem

STATEFUL_TURNS = frozenset({"message"})


class UnusedStorage(Storage):
    """A store that is always empty and costs no query; writing to it is a bug and says so."""

    def __init__(self, purpose: str) -> None:
        self.purpose = purpose

    async def read(self, keys: list[str], *, target_cls: type[StoreItem] | None = None,
                   **kwargs) -> dict:
        return {}

    async def write(self, changes: dict[str, StoreItem]) -> None:
        raise RuntimeError(f"state written where none is kept ({self.purpose}): "
                           "see bot/turn_state.py")

    async def delete(self, keys: list[str]) -> None:
        return None


def no_sign_in_storage() -> UnusedStorage:
    """The SDK `Authorization`'s store: Följa configures no sign-in handler (bot/sdk.py)."""
    return UnusedStorage("sign-in state, but no sign-in handler is configured")


_STATELESS = UnusedStorage("SDK state on a turn that is not a message (STATEFUL_TURNS)")


class FoljaTurnState(TurnState):
    """TurnState that reads conversation and user state in one storage read, on messages only."""

    async def load(self, context: TurnContext, storage: Storage) -> TurnState:
        if context.activity.type not in STATEFUL_TURNS:
            storage = _STATELESS
        conversation, user = ConversationState(storage), UserState(storage)
        temp = TempState()  # type: ignore[abstract]  # concrete at run time; the SDK builds it so
        keys = {conversation.get_storage_key(context): conversation,
                user.get_storage_key(context): user}
        items = await storage.read(list(keys), target_cls=CachedAgentState)
        for key, state in keys.items():
            # AgentState.load takes the turn's cached item when there is one (no read).
            context.turn_state[state._context_service_key] = items.get(  # noqa: SLF001 - no public key
                key, CachedAgentState())
            await state.load(context)
        await temp.load(context)
        self._scopes[ConversationState.__name__] = conversation
        self._scopes[UserState.__name__] = user
        self._scopes[TempState.SCOPE_NAME] = temp
        return self
