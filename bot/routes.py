"""Följa's routing in one table: what every kind of turn leads to. Read top to bottom.

- ACTIVITIES: by activity type, in this order (the first row whose selector matches runs);
- INVOKES: invokes by name (they always come before the rows above);
- CARD_VERBS: the buttons of our cards (Action.Execute, and Action.Submit as its fallback);
- MESSAGE_HOOKS, then COMMANDS: a typed message (trigger words in order, Swedish first);
- COMPOSE: the compose box's (messaging extension's) commands, by command id.

Adding a typed command: a row in COMMANDS, its handler (a method with a one-line docstring in
bot/<subject>.py) and its two catalogue lines (`cmd.<name>.usage`, `cmd.<name>.help` in
i18n/commands.py). A card verb or compose command: a row here and its handler.
tests/unit/test_routes.py checks that the tables are complete and consistent.

Handlers are named by their class (`FollowupHandlers.on_save`); `register` binds each to the one
instance of its class built for the application.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from microsoft_agents.hosting.core import AgentApplication, RouteRank, TurnContext, TurnState

from bot.city import CityHandlers
from bot.commands import Command
from bot.dispatch import CardVerbs, Dispatch
from bot.errors import ErrorPolicy
from bot.followup import FollowupHandlers
from bot.handlers import Handlers
from bot.indicators import IndicatorHandlers
from bot.lookups import LookupHandlers
from bot.reminders import ReminderHandlers
from bot.standins import StandinHandlers
from bot.steering import SteeringHandlers
from bot.unchanged import UnchangedHandlers
from bot.uploads import Uploads, has_file
from domain.reminder_prefs import EN_DAYS, SV_ASCII, SV_DAYS, triggers

Selector = Callable[[TurnContext], bool]


@dataclass(frozen=True)
class On:
    """An activity route: what it is, its selector, and the turn handler it leads to."""

    what: str
    selector: Selector
    handler: Callable


@dataclass(frozen=True)
class Verb:
    """A card button's verb. `card=True`: the handler returns the card that replaces the clicked
    one (Action.Execute, Action.Submit fallback); False: Action.Submit only, a turn handler."""

    verb: str
    handler: Callable
    card: bool = True


@dataclass(frozen=True)
class Compose:
    """A compose-box (messaging extension) command of appPackage/manifest.template.json."""

    command_id: str
    handler: Callable


def of_type(*types: str) -> Selector:
    return lambda context: context.activity.type in types


def members_added(context: TurnContext) -> bool:
    return context.activity.type == "conversationUpdate" and bool(context.activity.members_added)


def card_submit(context: TurnContext) -> bool:
    """A message whose value names one of CARD_VERBS (an Action.Submit of our cards)."""
    value = context.activity.value
    verb = value.get("verb") if isinstance(value, dict) else None
    return context.activity.type == "message" and isinstance(verb, str) and any(
        row.verb == verb for row in CARD_VERBS)


def not_invoke(context: TurnContext) -> bool:
    return context.activity.type != "invoke"


BEFORE_TURN = Handlers.allow_tenant  # every activity: refused unless its tenant is allowed
ON_ERROR = ErrorPolicy.on_error  # any turn that raises

ACTIVITIES: tuple[On, ...] = (
    On("conversationUpdate with membersAdded", members_added, Handlers.on_members_added),
    On("installationUpdate", of_type("installationUpdate"), Handlers.on_installation),
    On("message from a card button (CARD_VERBS)", card_submit, Dispatch.on_card_submit),
    On("message with a Teams file attachment", has_file, Uploads.on_file),
    On("message (MESSAGE_HOOKS, then COMMANDS)", of_type("message"), Dispatch.on_message),
    On("anything else that is not an invoke", not_invoke, Handlers.on_other),  # runs last
)

INVOKES: tuple[tuple[str, Callable], ...] = (
    ("adaptiveCard/action", Dispatch.on_card_execute),  # CARD_VERBS with card=True
    ("composeExtension/query", Dispatch.on_compose_query),  # COMPOSE
)  # any other invoke: no route; bot/http.py answers "nothing was saved"

CARD_VERBS: tuple[Verb, ...] = (
    Verb("status.open", FollowupHandlers.on_open),
    Verb("status.edit", FollowupHandlers.on_open),
    Verb("status.save", FollowupHandlers.on_save),
    Verb("status.notmine", FollowupHandlers.on_not_mine),
    Verb("status.delegate", FollowupHandlers.on_delegate),
    Verb("status.return", FollowupHandlers.on_return),
    Verb("status.refresh", FollowupHandlers.on_refresh),
    Verb("status.unchanged", UnchangedHandlers.on_unchanged),
    Verb("status.snooze", UnchangedHandlers.on_snooze),
    Verb("indicator.save", IndicatorHandlers.on_save),
    Verb("indicator.nodata", IndicatorHandlers.on_no_data),
    Verb("indicator.open", IndicatorHandlers.on_open),
    Verb("lookup.show", LookupHandlers.on_show, card=False),
    Verb("import.district", Uploads.on_district, card=False),
    Verb("steering.district", SteeringHandlers.on_steering_district, card=False),
)

MESSAGE_HOOKS: tuple[Callable, ...] = (
    FollowupHandlers.on_dialog_turn,  # a message inside a running "rapportera text" dialog
    IndicatorHandlers.on_question,  # "indikatorer …", "hur går det med <an indicator>"
)

COMMANDS: tuple[Command, ...] = (  # no match: Handlers.on_unknown
    Command("help", Handlers.cmd_help,
            sv=("hjälp", "hjalp", "vad kan du", "kommandon", "meny"),
            en=("help", "commands", "menu", "what can you do")),
    Command("my_actions", FollowupHandlers.on_my_actions,  # before "lookup", which has "mina"
            sv=("mina åtgärder", "mina atgarder"), en=("my actions",)),
    Command("report", FollowupHandlers.on_report,
            sv=("rapportera", "rapport"), en=("report",)),
    Command("away", FollowupHandlers.on_away,
            sv=("borta till", "borta", "ledig till", "semester till"),
            en=("away until", "away")),
    Command("back", FollowupHandlers.on_away,
            sv=("tillbaka", "jag är tillbaka"), en=("back", "i am back")),
    Command("standin_end", StandinHandlers.on_standin_end,  # before "standin": same first word
            sv=("avsluta ersättare", "avsluta ersattare", "ersättare slut", "ersattare slut"),
            en=("end stand-in", "end standin", "stand-in end", "standin end")),
    Command("standin", StandinHandlers.on_standin,
            sv=("ersättare", "ersattare"), en=("stand-in", "standin", "stand in")),
    Command("unchanged", UnchangedHandlers.on_typed,
            sv=("oförändrat", "oforandrat", "oförändrad", "oförändrade", "inget nytt"),
            en=("unchanged", "no change", "no changes")),
    Command("start_round", FollowupHandlers.on_start_round,
            sv=("starta uppföljning", "starta uppfoljning", "ny uppföljning"),
            en=("start follow-up", "start follow up", "start round")),
    Command("start_city_round", CityHandlers.on_start_city_round,
            sv=("starta stadsuppföljning", "starta stadsuppfoljning", "ny stadsuppföljning"),
            en=("start city round", "start city follow-up")),
    Command("close_round", FollowupHandlers.on_close_round,
            sv=("avsluta uppföljning", "avsluta uppfoljning", "stäng uppföljning"),
            en=("close follow-up", "close follow up", "close round")),
    Command("undo_handover", FollowupHandlers.on_undo_handover,
            sv=("ångra överlämning", "angra overlamning", "ångra överlämningar", "överlämningar",
                "overlamningar"),
            en=("undo hand-over", "undo handover", "hand-overs", "handovers")),
    Command("reminder_clear", ReminderHandlers.on_clear,  # before "reminder_prefer"
            sv=("påminn mig när som helst", "paminn mig nar som helst", "rensa påminnelser",
                "rensa mina påminnelser", "rensa paminnelser"),
            en=("remind me any time", "remind me anytime", "clear reminders")),
    Command("reminder_prefer", ReminderHandlers.on_prefer,
            sv=(*triggers("påminn mig på ", SV_DAYS, "ar"), *triggers("påminn mig på ", SV_DAYS, "arna"),
                *triggers("påminn mig varje ", SV_DAYS, ""),
                *triggers("paminn mig pa ", SV_ASCII, "ar"),
                "påminn mig kl", "påminn mig klockan", "paminn mig kl", "paminn mig klockan"),
            en=(*triggers("remind me on ", EN_DAYS, "s"), *triggers("remind me every ", EN_DAYS, ""),
                "remind me at")),
    Command("reminder_show", ReminderHandlers.on_show,  # before "lookup", which has "mina"
            sv=("mina påminnelser", "mina paminnelser", "påminnelser", "paminnelser"),
            en=("my reminders", "reminders")),
    Command("steering", SteeringHandlers.on_steering,
            sv=("styrgrupp", "styrgruppen", "styrgruppskanal"), en=("steering group", "steering")),
    Command("city_channel", CityHandlers.on_city_channel,
            sv=("beredningsgrupp", "beredningsgruppen", "beredningsgruppens kanal"),
            en=("city group", "city channel")),
    Command("summary", CityHandlers.on_summary,  # the city channel's, else the styrgrupp's
            sv=("sammanfattning", "sammanfatta", "lägesbild", "lagesbild"),
            en=("summary", "overview")),
    Command("lookup", LookupHandlers.on_intent,  # last: its words are the most general
            sv=("vem", "vilka", "vilken", "vad", "status", "läget", "läge", "lage", "laget",
                "hur går det", "hur gar det", "åtgärder", "atgarder", "åtgärd", "atgard", "mina",
                "mitt", "sök", "sok", "hitta"),
            en=("who", "what", "which", "my", "search", "find", "show", "actions", "how is",
                "how are")),
)

COMPOSE: tuple[Compose, ...] = (
    Compose("sok", LookupHandlers.on_search),
)
OTHER_COMPOSE = LookupHandlers.on_compose_unknown  # a command id not in COMPOSE


def register(app: AgentApplication[TurnState], handlers: Handlers, errors: ErrorPolicy) -> None:
    """Wire the tables above into the SDK application.

    The SDK keeps routes in a heap: once an invoke route is added, routes of equal rank no longer
    run in the order added. So each activity row gets its position as its rank, the catch-all
    runs last, and invokes (the SDK's rule) come before all of them.
    """
    lookup = LookupHandlers(handlers)
    owners = (handlers, errors, lookup, SteeringHandlers(handlers), CityHandlers(handlers),
              Uploads(handlers), FollowupHandlers(handlers, lookup), ReminderHandlers(handlers),
              StandinHandlers(handlers), UnchangedHandlers(handlers), IndicatorHandlers(handlers))
    bind = binder(*owners)
    handlers.commands = COMMANDS
    dispatch = Dispatch(
        handlers,
        intents={row.name: bind(row.handler) for row in COMMANDS},
        hooks=tuple(bind(hook) for hook in MESSAGE_HOOKS),
        verbs=CardVerbs(cards={v.verb: bind(v.handler) for v in CARD_VERBS if v.card},
                        turns={v.verb: bind(v.handler) for v in CARD_VERBS if not v.card}),
        compose={row.command_id: bind(row.handler) for row in COMPOSE},
        other_compose=bind(OTHER_COMPOSE))
    bind = binder(*owners, dispatch)
    app.before_turn(bind(BEFORE_TURN))
    for rank, row in enumerate(ACTIVITIES):
        last = row.selector is not_invoke
        app.add_route(row.selector, bind(row.handler),  # any int ranks; RouteRank names three
                      rank=RouteRank.LAST if last else rank)  # type: ignore[arg-type]
    for name, handler in INVOKES:
        if name == "adaptiveCard/action":
            verbs = "|".join(re.escape(v.verb) for v in CARD_VERBS if v.card)
            app.adaptive_card.action_execute(re.compile(f"^(?:{verbs})$"))(bind(handler))
        else:
            app.add_route(invoke_named(name), bind(handler), is_invoke=True)
    app.error(bind(ON_ERROR))


def invoke_named(name: str) -> Selector:
    return lambda context: context.activity.type == "invoke" and context.activity.name == name


def binder(*owners: object) -> Callable[[Callable], Callable]:
    """Turn `Class.method` of the tables into the method of the one instance of that class."""
    by_class = {type(owner).__qualname__: owner for owner in owners}

    def bind(function: Callable) -> Callable:
        owner, _, name = function.__qualname__.rpartition(".")
        return getattr(by_class[owner], name)

    return bind
