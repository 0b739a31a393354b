"""Reminder preferences typed in chat: "påminn mig på tisdagar", "påminn mig kl 9",
"mina påminnelser", "påminn mig när som helst". Which words reach which method: bot/routes.py.

The person is always the sender of the activity; each handler calls one service.
"""

from __future__ import annotations

from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot.commands import Intent, normalise
from bot.handlers import Handlers
from cards.reminders import preference_text
from domain.model import Person
from domain.reminder_prefs import parse_preference
from i18n import t
from services import reminder_prefs


class ReminderHandlers:
    """The reminder-preference commands (rows of bot/routes.py::COMMANDS)."""

    def __init__(self, handlers: Handlers) -> None:
        self.db = handlers.deps.db

    async def _say(self, context: TurnContext, key: str, lang: str, **values: object) -> None:
        await context.send_activity(MessageFactory.text(t(key, lang, **values)))

    async def on_prefer(self, context: TurnContext, _s: TurnState, _intent: Intent,
                        person: Person | None, lang: str) -> None:
        """"påminn mig på tisdagar [kl 9]": a standing weekday and/or hour for reminders."""
        if person is None:
            await self._say(context, "rem_unknown_person", lang)
            return
        change = parse_preference(normalise(context.activity.text or ""))
        if change is None:
            await self._say(context, "rem_pref_usage", lang)
            return
        saved = await reminder_prefs.set_preference(self.db, person.id, change)
        await self._say(context, "rem_pref_set", lang, when=preference_text(saved, lang))

    async def on_show(self, context: TurnContext, _s: TurnState, _intent: Intent,
                      person: Person | None, lang: str) -> None:
        """"mina påminnelser": the preference in words, or that there is none."""
        if person is None:
            await self._say(context, "rem_unknown_person", lang)
            return
        preference = await reminder_prefs.preference_of(self.db, person.id)
        if preference.empty:
            await self._say(context, "rem_pref_none", lang)
        else:
            await self._say(context, "rem_pref_show", lang,
                            when=preference_text(preference, lang))

    async def on_clear(self, context: TurnContext, _s: TurnState, _intent: Intent,
                       person: Person | None, lang: str) -> None:
        """"påminn mig när som helst" / "rensa påminnelser": back to the rounds' own days."""
        if person is None:
            await self._say(context, "rem_unknown_person", lang)
            return
        await reminder_prefs.clear_preference(self.db, person.id)
        await self._say(context, "rem_pref_cleared", lang)
