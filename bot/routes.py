"""The routing table: which handler answers which kind of turn. Read top to bottom.

| turn                                   | handler                     |
|----------------------------------------|-----------------------------|
| any (before the turn)                  | Handlers.allow_tenant       |
| conversationUpdate with membersAdded   | Handlers.on_members_added   |
| installationUpdate                     | Handlers.on_installation    |
| message, button "lookup.show"          | LookupHandlers.on_show      |
| message with a Teams file attachment   | Uploads.on_file             |
| message, card button "status.*"       | FollowupHandlers.on_submit  |
| message                                | Handlers.on_message         |
| anything else that is not an invoke    | Handlers.on_other           |
| invoke composeExtension/query          | LookupHandlers.on_query     |
| invoke adaptiveCard/action "status.*"  | FollowupHandlers.on_execute |

Order matters, and the SDK keeps routes in a heap: once an invoke route is added, routes of equal
rank no longer run in the order added. So each row of the table gets its position as its rank
and the catch-all runs last. Invoke routes always come before message routes.
"""

from __future__ import annotations

from collections.abc import Callable

from microsoft_agents.hosting.core import AgentApplication, RouteRank, TurnContext, TurnState

from bot import followup, lookups, steering
from bot.errors import ErrorPolicy
from bot.handlers import Handlers
from bot.uploads import Uploads, has_file

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
    lookup = lookups.LookupHandlers(handlers)
    handlers.intents["lookup"] = lookup.on_intent
    steer = steering.SteeringHandlers(handlers)
    handlers.intents["steering"] = steer.on_steering
    handlers.intents["summary"] = steer.on_summary
    fu = followup.register(app, handlers)
    table: list[tuple[Selector, Callable]] = [
        (members_added, handlers.on_members_added),
        (of_type("installationUpdate"), handlers.on_installation),
        (lookups.is_show_submit, lookup.on_show),
        (has_file, Uploads(handlers).on_file),
        (followup.is_card_submit, fu.on_submit),
        (of_type("message"), handlers.on_message),
        (not_invoke, handlers.on_other),
    ]
    for rank, (selector, handler) in enumerate(table):
        app.add_route(selector, handler,  # any int is a rank; RouteRank names three of them
                      rank=RouteRank.LAST if selector is not_invoke else rank)  # type: ignore[arg-type]
    app.add_route(lookups.is_compose_query, lookup.on_query, is_invoke=True)
    app.error(errors.on_error)
