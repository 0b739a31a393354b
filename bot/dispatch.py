"""Dispatch by content: a message to its command, a card button to its verb, a compose-box query
to its command id. The tables themselves are in bot/routes.py; this module only looks rows up.

One code path for a card verb: Action.Execute answers with the card that replaces the clicked
one (the invoke response); its Action.Submit fallback sends the same card as a message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from microsoft_agents.activity import Activity, AdaptiveCardInvokeResponse, Attachment
from microsoft_agents.hosting.core import TurnContext, TurnState

from bot.commands import parse
from bot.handlers import Handlers, IntentHandler
from domain.model import Person

ADAPTIVE = "application/vnd.microsoft.card.adaptive"
TurnHandler = Callable[[TurnContext, TurnState], Awaitable[None]]
CardHandler = Callable[[TurnContext, dict], Awaitable[dict]]
MessageHook = Callable[[TurnContext, TurnState, Person | None], Awaitable[bool]]


@dataclass(frozen=True)
class CardVerbs:
    """Bound card verbs: those that answer with a replacement card, and Action.Submit-only ones."""

    cards: dict[str, CardHandler]
    turns: dict[str, TurnHandler]

    def __contains__(self, verb: object) -> bool:
        return verb in self.cards or verb in self.turns


class Dispatch:
    """Looks up the row a message, a card button or a compose query belongs to, and runs it."""

    def __init__(self, core: Handlers, *, intents: dict[str, IntentHandler],
                 hooks: tuple[MessageHook, ...], verbs: CardVerbs,
                 compose: dict[str, TurnHandler], other_compose: TurnHandler) -> None:
        self.core, self.intents, self.hooks = core, intents, hooks
        self.verbs, self.compose, self.other_compose = verbs, compose, other_compose

    async def on_message(self, context: TurnContext, state: TurnState) -> None:
        """A typed message: a running dialog first, then the command it starts with."""
        person = await self.core.who(context)
        for hook in self.hooks:
            if await hook(context, state, person):
                return
        text = context.activity.text or ""
        intent = parse(text, self.core.commands)
        lang = self.core.lang(person, intent)
        if intent is None:
            await self.core.on_unknown(context, text, lang)
            return
        await self.intents[intent.name](context, state, intent, person, lang)

    async def on_card_execute(self, context: TurnContext, _state: TurnState,
                              data: object) -> AdaptiveCardInvokeResponse:
        """Action.Execute: answer with the card that replaces the clicked one."""
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        verb = (value.get("action") or {}).get("verb", "")
        content = await self.verbs.cards[verb](context, data if isinstance(data, dict) else {})
        return AdaptiveCardInvokeResponse(status_code=200, type=ADAPTIVE, value=content)

    async def on_card_submit(self, context: TurnContext, state: TurnState) -> None:
        """Action.Submit (a message whose value names a verb): the verb's handler."""
        data = context.activity.value if isinstance(context.activity.value, dict) else {}
        verb = str(data.get("verb", ""))
        if verb in self.verbs.turns:
            await self.verbs.turns[verb](context, state)
            return
        content = await self.verbs.cards[verb](context, data)
        await context.send_activity(Activity(
            type="message", attachments=[Attachment(content_type=ADAPTIVE, content=content)]))

    async def on_compose_query(self, context: TurnContext, state: TurnState) -> None:
        """A compose-box (messaging extension) query: the handler of its command id."""
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        handler = self.compose.get(str(value.get("commandId")), self.other_compose)
        await handler(context, state)
