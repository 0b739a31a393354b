"""Stand-ins (ersättare) in Teams: the typed commands "ersättare …" and "avsluta ersättare".

The person acting is the sender (the dispatcher passes who Följa recognised); what they may do
is decided in services/standins.py. Which words reach which method: bot/routes.py.
"""

from __future__ import annotations

from microsoft_agents.hosting.core import MessageFactory, TurnContext

from bot.commands import Intent
from bot.handlers import Handlers
from domain.personal_data import contains_personal_number
from domain.plaintext import message_text
from domain.standin import parse_end, parse_standin
from i18n import format_day, t
from services import standins


class StandinHandlers:
    """The stand-in commands (rows of bot/routes.py::COMMANDS)."""

    def __init__(self, handlers: Handlers) -> None:
        self.h = handlers
        self.db = handlers.deps.db
        self.clock = handlers.deps.clock
        self.coordinators = handlers.deps.settings.coordinators

    async def _say(self, context: TurnContext, text: str) -> None:
        await context.send_activity(MessageFactory.text(text))

    async def on_standin(self, context: TurnContext, _s, intent: Intent, person, lang: str) -> None:
        """"ersättare E-POST [för E-POST] till ÅÅÅÅ-MM-DD": name a stand-in until that day."""
        raw = context.activity.text or ""
        if contains_personal_number(raw):  # before any lookup: never stored or echoed
            await self._say(context, t("standin_err_personal_number", lang))
            return
        if person is None:
            await self._say(context, t("standin_err_unknown_sender", lang))
            return
        command = parse_standin(intent.argument)
        if command.error or command.until is None:
            await self._say(context, t(command.error or "standin_usage", lang))
            return
        try:
            done = await standins.set_standin(
                self.db, actor_id=person.id, standin_email=command.standin_email,
                owner_email=command.owner_email, until=command.until, now=self.clock(),
                coordinators=self.coordinators, text=raw)
        except standins.StandinError as err:
            await self._say(context, t(err.key, lang, **_safe(err.values)))
            return
        key = "standin_set_other" if done.for_other else "standin_set"
        await self._say(context, t(key, lang, **_safe({
            "standin": done.standin, "owner": done.owner}), day=format_day(done.until, lang)))

    async def on_standin_end(self, context: TurnContext, _s, intent: Intent, person,
                             lang: str) -> None:
        """"avsluta ersättare [för E-POST]": end a stand-in before its last day."""
        if person is None:
            await self._say(context, t("standin_err_unknown_sender", lang))
            return
        owner_email = parse_end(intent.argument)
        try:
            name = await standins.end_standin(self.db, actor_id=person.id, owner_email=owner_email,
                                              now=self.clock(), coordinators=self.coordinators)
        except standins.StandinError as err:
            await self._say(context, t(err.key, lang, **_safe(err.values)))
            return
        owner = owner_email or person.display_name or person.email or ""
        await self._say(context, t("standin_ended", lang, **_safe({"standin": name, "owner": owner})))


def _safe(values: dict) -> dict:
    """User-written text (names, e-mail addresses) made inert in a chat message."""
    return {k: message_text(v) if isinstance(v, str) else v for k, v in values.items()}
