"""Turn handlers: each reads the turn, calls one service, and answers from the catalogue.

Handlers receive their dependencies through `BotDeps` (no module-level state:
docs/agents-sdk-notes.md shows state kept at module level leaking between conversations under
load).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot import telemetry, turn
from bot.commands import Command, Intent, normalise
from config import Settings
from domain.clock import Clock, system_clock
from domain.model import Person
from i18n import t
from reports import render
from services import people
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass
class BotDeps:
    settings: Settings
    db: Database
    clock: Clock = system_clock  # the one "now" of the turn handlers (domain/clock.py)


IntentHandler = Callable[[TurnContext, TurnState, Intent, Person | None, str], Awaitable[None]]


class Handlers:
    """The bot's core behaviour, one method per kind of turn.

    Which turn reaches which handler is decided in one place, the tables of bot/routes.py.
    """

    def __init__(self, deps: BotDeps) -> None:
        self.deps = deps
        self.commands: tuple[Command, ...] = ()  # bot/routes.py::COMMANDS, set by register

    # --- gatekeeping ---------------------------------------------------------------------
    async def allow_tenant(self, context: TurnContext, _state: TurnState) -> bool:
        """Refuse activities from tenants not on the allow-list (when one is configured)."""
        allowed = self.deps.settings.allowed_tenants
        tenant = turn.tenant_of(context.activity)
        if not allowed or (tenant or "").lower() in {a.lower() for a in allowed}:  # GUIDs
            return True
        log.warning("refused activity from tenant %s", tenant)
        telemetry.note(outcome="refused")
        return False

    async def who(self, context: TurnContext) -> Person | None:
        """Resolve and remember the sender; asks Teams for the e-mail only for strangers."""
        identity = turn.identity_of(context.activity)
        if identity is None:
            return None
        ref = turn.reference_of(context.activity)
        kind = turn.conversation_kind(context.activity)
        found = await people.remember(self.deps.db, identity, ref, kind=kind)
        if found.needs_email:
            email = await turn.lookup_email(context, identity.teams_user_id)
            if email:
                found = await people.remember(
                    self.deps.db, replace(identity, email=email), ref, kind=kind
                )
        telemetry.note(person_id=found.person.id if found.person else None)
        return found.person

    def lang(self, person: Person | None, intent: Intent | None = None) -> str:
        if intent is not None and intent.lang == "en":
            return "en"
        return person.language if person else self.deps.settings.default_language

    # --- conversation updates ------------------------------------------------------------
    async def on_members_added(self, context: TurnContext, _state: TurnState) -> None:
        """Greet when Följa itself is added (install) or a personal chat opens."""
        activity = context.activity
        bot_id = activity.recipient.id if activity.recipient else None
        added = [m.id for m in activity.members_added or []]
        kind = turn.conversation_kind(activity)
        if bot_id not in added and kind != "personal":
            return
        person = await self.who(context)
        key = "welcome" if kind == "personal" else "welcome_channel"
        await context.send_activity(MessageFactory.text(t(key, self.lang(person))))

    async def on_installation(self, context: TurnContext, _state: TurnState) -> None:
        """Store where we were installed; the greeting comes with the conversationUpdate."""
        await self.who(context)

    # --- messages (dispatched by bot/dispatch.py) ---------------------------------------
    async def on_unknown(self, context: TurnContext, text: str, lang: str) -> None:
        """A message that starts with no command: say so, or that it was empty."""
        clean = normalise(text)
        if not clean:
            message = t("empty_message", lang)
        else:
            message = t("unknown_command", lang, text=clean[:80])
        await context.send_activity(MessageFactory.text(message))

    async def cmd_help(
        self, context: TurnContext, _state: TurnState, _intent: Intent, _person, lang: str
    ) -> None:
        """"hjälp": every command of the table, what to type and what it does."""
        channel = turn.conversation_kind(context.activity) != "personal"
        text = render("help", lang, commands=help_lines(self.commands, lang), channel=channel)
        await context.send_activity(MessageFactory.text(text))

    async def on_other(self, context: TurnContext, _state: TurnState) -> None:
        """Activities we do not act on (typing, reactions, …): acknowledged, nothing sent."""
        log.debug("ignored activity type %s", context.activity.type)


def help_lines(commands: tuple[Command, ...], lang: str) -> list[dict[str, str]]:
    """The help list's lines: what to type and what it does, from the catalogue."""
    return [{"usage": t(f"cmd.{c.name}.usage", lang), "help": t(f"cmd.{c.name}.help", lang)}
            for c in commands]
