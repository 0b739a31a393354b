"""The owner's indicator card in Teams: "Spara värdet" and "Ingen data" (rows of bot/routes.py).

The person is the sender of the activity (Handlers.who), never the card's data; whether they
may enter the value, and whether the period is locked, services/indicators decides. A bad number
or a refusal comes back as the form with what was typed kept and the reason in Swedish.
"""

from __future__ import annotations

from microsoft_agents.activity import Attachment
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot.commands import normalise
from bot.handlers import Handlers
from bot.lookups import place_of
from cards.followup import cut, message_card
from cards.indicator_lookups import indicator_answer_card
from cards.indicators import (
    Entry,
    indicator_card,
    indicators_card,
    parse_entry,
    receipt_card,
    saved_text,
    typed,
)
from domain.lookup.indicator_question import indicator_question
from domain.model import Person
from i18n import t
from services import indicator_entries, indicator_lookups, indicators

ADAPTIVE = "application/vnd.microsoft.card.adaptive"


class IndicatorHandlers:
    """Card verbs of cards/indicators.py, and indicator questions (a message hook)."""

    def __init__(self, handlers: Handlers) -> None:
        self.h, self.db = handlers, handlers.deps.db
        self._coordinators = handlers.deps.settings.coordinators  # FOLJA_COORDINATORS

    async def on_save(self, context: TurnContext, data: dict) -> dict:
        """"Spara värdet": the period's value; the receipt, or the form with what went wrong."""
        return await self._enter(context, data, no_data=False)

    async def on_no_data(self, context: TurnContext, data: dict) -> dict:
        """"Ingen data": no value this period, with the reason why (required)."""
        return await self._enter(context, data, no_data=True)

    async def on_open(self, context: TurnContext, data: dict) -> dict:
        """"Fyll i" on a row without room for its form: the indicator's single form."""
        person = await self.h.who(context)
        lang = self.h.lang(person)
        entry = parse_entry(data, no_data=True)
        indicator = (await indicators.indicator_for(self.db, person, entry.indicator_id,
                                                    coordinators=self._coordinators)
                     if person is not None and entry is not None else None)
        if indicator is None or entry is None:
            return message_card(t("indicators.refused.not_owner", lang))
        return indicator_card(indicator, entry.period, lang)

    async def on_question(self, context: TurnContext, _state: TurnState,
                          person: Person | None) -> bool:
        """"indikatorer …" or "hur går det med <an indicator>": latest values and trends."""
        question = indicator_question(normalise(context.activity.text or ""))
        if question is None:
            return False
        deps = self.h.deps
        found = await indicator_lookups.ask_indicators(
            self.db, question, person, place_of(context), deps.settings.coordinators)
        if found.empty and not question.explicit:
            return False  # "hur går det med …" about no indicator: the status lookup answers
        card = indicator_answer_card(found.found, question.subject, self.h.lang(person))
        await context.send_activity(
            MessageFactory.attachment(Attachment(content_type=ADAPTIVE, content=card)))
        return True

    async def _enter(self, context: TurnContext, data: dict, *, no_data: bool) -> dict:
        person = await self.h.who(context)
        lang = self.h.lang(person)
        if person is None:
            return message_card(t("fu_unknown_sender", lang))
        entry = parse_entry(data, no_data=no_data)
        if entry is None:
            return message_card(t("indicators.refused.unknown", lang))
        values = typed(data, entry.indicator_id)
        if entry.error:
            indicator = await indicators.indicator_for(self.db, person, entry.indicator_id,
                                                       coordinators=self._coordinators)
            if indicator is None:
                return message_card(t("indicators.refused.not_owner", lang))
            error = t(entry.error, lang, text=cut(values["value"], 60),
                      unit=cut(indicator.unit, 60) or t("indicators.card.no_unit", lang))
            return indicator_card(indicator, entry.period, lang, values=values, error=error)
        entered = await indicator_entries.enter(self.db, person, entry.indicator_id, entry.period,
                                                entry.value, entry.reason, entry.note,
                                                coordinators=self._coordinators)
        return self._answer(entered, entry, values, data.get("view") == "list", lang)

    def _answer(self, entered: indicator_entries.Entered, entry: Entry, values: dict,
                listed: bool, lang: str) -> dict:
        """The receipt (with the rows still missing, from the prompt's list), or the form again."""
        recorded = entered.recorded
        indicator = recorded.indicator
        if recorded.refused or indicator is None:
            safe = {k: cut(str(v), 60) for k, v in recorded.values.items()}
            message = t(recorded.refused or "indicators.refused.unknown", lang, **safe)
            if indicator is None or recorded.refused == "indicators.refused.not_owner":
                return message_card(message)
            return indicator_card(indicator, entry.period, lang, values=values, error=message)
        saved = Entry(entry.indicator_id, str(recorded.values.get("period", entry.period)),
                      entry.value, entry.reason, entry.note)
        if listed and entered.remaining:
            return indicators_card(list(entered.remaining), saved.period, lang,
                                   notice=saved_text(indicator, saved, lang))
        return receipt_card(indicator, saved, lang)
