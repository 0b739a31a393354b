"""The routing table: which handler answers which kind of turn. Read top to bottom.

| turn                                   | handler                     |
|----------------------------------------|-----------------------------|
| any (before the turn)                  | Handlers.allow_tenant       |
| conversationUpdate with membersAdded   | Handlers.on_members_added   |
| installationUpdate                     | Handlers.on_installation    |
| message                                | Handlers.on_message         |
| anything else that is not an invoke    | Handlers.on_other           |
"""

from __future__ import annotations

from collections.abc import Callable

from microsoft_agents.hosting.core import AgentApplication, TurnContext, TurnState

from bot.errors import ErrorPolicy
from bot.handlers import Handlers

Selector = Callable[[TurnContext], bool]


def of_type(*types: str) -> Selector:
    return lambda context: context.activity.type in types


def members_added(context: TurnContext) -> bool:
    return context.activity.type == "conversationUpdate" and bool(context.activity.members_added)


def not_invoke(context: TurnContext) -> bool:
    return context.activity.type != "invoke"


def register(app: AgentApplication[TurnState], handlers: Handlers, errors: ErrorPolicy) -> None:
    """Wire the table above into the SDK application."""
    app.before_turn(handlers.allow_tenant)
    table: list[tuple[Selector, Callable]] = [
        (members_added, handlers.on_members_added),
        (of_type("installationUpdate"), handlers.on_installation),
        (of_type("message"), handlers.on_message),
        (not_invoke, handlers.on_other),
    ]
    for selector, handler in table:
        app.add_route(selector, handler)
    app.error(errors.on_error)
