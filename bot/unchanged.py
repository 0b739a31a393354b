""""Oförändrat sedan förra" and "påminn mig i morgon / på måndag" in Teams: the card verbs
(a prompt's buttons, a row's or card's "Oförändrat") and the typed "oförändrat". Which verb or
command reaches which method: bot/routes.py.

The person acting is always the sender of the activity, never the card's data: the card names
only rounds, actions and the versions it was drawn from.
"""

from __future__ import annotations

import logging

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import MessageFactory, TurnContext

from bot import telemetry, turn
from bot.commands import Intent
from bot.handlers import Handlers
from cards import followup as cards
from cards.followup_list import LIST, Row, list_card
from cards.followup_messages import MAX_ID, card_message, ids_of
from cards.unchanged import snoozed_card, unchanged_receipt
from domain.model import Person
from domain.unchanged import MAX_ITEMS, Snooze, Unchanged
from i18n import t
from services import followup, unchanged
from services.snooze import snooze

log = logging.getLogger(__name__)


def round_ids(value: object) -> list[int]:
    ids = [ids_of({"round_id": v, "action_id": 0}) for v in value] if isinstance(value, list) else []
    return [i[0] for i in ids if i is not None and 0 < i[0] <= MAX_ID][:MAX_ITEMS]


class UnchangedHandlers:
    """The card verbs and the typed command of "oförändrat" and "påminn mig"."""

    def __init__(self, handlers: Handlers) -> None:
        self.h = handlers
        self.db = handlers.deps.db
        self.clock = handlers.deps.clock
        self.coordinators = handlers.deps.settings.coordinators

    async def on_unchanged(self, context: TurnContext, data: dict) -> dict:
        """"Oförändrat sedan förra" / "Oförändrat": confirm the earlier answers; the receipt."""
        if "rounds" in data:
            return await self._every(context, data)
        ids = ids_of(data)
        result, person = (Unchanged(), None) if ids is None else await unchanged.confirm_one(
            self.db, ids, sender=turn.identity_of(context.activity), now=self.clock(),
            coordinators=self.coordinators)
        if person is None:  # first contact, new ids: the long way, which also remembers them
            person = await self.h.who(context)
            lang = self.h.lang(person)
            if person is None:
                return cards.message_card(t("fu_unknown_sender", lang))
            if ids is None:
                return cards.message_card(t("fu_err_unknown_action", lang))
            result, _ = await unchanged.confirm_one(self.db, ids, person_id=person.id,
                                                    now=self.clock(),
                                                    coordinators=self.coordinators)
        telemetry.note(person_id=person.id)
        return await self._one(result, person, data)

    async def _every(self, context: TurnContext, data: dict) -> dict:
        person = await self.h.who(context)
        lang = self.h.lang(person)
        if person is None:
            return cards.message_card(t("fu_unknown_sender", lang))
        result = await unchanged.confirm_open(self.db, person.id, now=self.clock(),
                                              coordinators=self.coordinators,
                                              rounds=round_ids(data.get("rounds")))
        if result.refused:
            return cards.message_card(t(result.refused, lang, **cards_safe(result)))
        if not result.anything:
            return cards.message_card(t("uc_nothing_open", lang))
        return unchanged_receipt(result, lang)

    async def _one(self, result: Unchanged, person: Person, data: dict) -> dict:
        """One action's answer: the list again with the row ticked (from a list row), or the
        action's card (its receipt, or its form saying why nothing was stored)."""
        lang = self.h.lang(person)
        item = result.item
        if result.refused or item is None:
            return cards.message_card(t(result.refused or "fu_refused", lang, **cards_safe(result)))
        notice = self._notice(result, lang)
        if data.get("view") == LIST:
            row = Row(item.round.id, item.action_id, saved=bool(result.confirmed), notice=notice)
            items = await followup.my_items(self.db, person.id)
            if any(row.of(i) for i in items):
                return list_card(items, lang, row=row)
        if result.confirmed:
            return cards.receipt_card(item, result.confirmed[0].report, lang)
        if result.answered and item.mine is not None:
            return cards.receipt_card(item, item.mine, lang)
        return cards.report_card(item, lang, notice=notice)

    def _notice(self, result: Unchanged, lang: str) -> str:
        if result.stale is not None:
            return cards.stale_notice(result.stale, lang, self.h.deps.settings.zone)
        return t("uc_row_no_earlier", lang) if result.no_earlier else ""

    async def on_snooze(self, context: TurnContext, data: dict) -> dict:
        """"Påminn mig i morgon / på måndag": no reminder before that day; when it comes."""
        person = await self.h.who(context)
        lang = self.h.lang(person)
        if person is None:
            return cards.message_card(t("fu_unknown_sender", lang))
        try:
            choice = Snooze(str(data.get("until") or ""))
        except ValueError:
            return cards.message_card(t("fu_err_unknown_action", lang))
        snoozed = await snooze(self.db, person.id, round_ids(data.get("rounds")), choice,
                               now=self.clock(), zone=self.h.deps.settings.zone)
        return snoozed_card(snoozed, lang)

    async def on_typed(self, context: TurnContext, _s, _i: Intent, person, lang: str) -> None:
        """"oförändrat": confirm the earlier answer of every action I have not answered."""
        if person is None:
            await context.send_activity(MessageFactory.text(t("unknown_person", lang)))
            return
        result = await unchanged.confirm_open(self.db, person.id, now=self.clock(),
                                              coordinators=self.coordinators)
        if not result.anything:
            await context.send_activity(MessageFactory.text(t("uc_nothing_open", lang)))
            return
        await context.send_activity(Activity.model_validate(
            card_message(unchanged_receipt(result, lang))))


def cards_safe(result: Unchanged) -> dict:
    """A refusal's values (a round label) made inert for a card's text."""
    return {k: cards.cut(v, 200) if isinstance(v, str) else v
            for k, v in (result.refused_values or {}).items()}
