"""The follow-up in Teams: card verbs (Action.Execute and its Action.Submit fallback, one code
path), and the typed commands "mina åtgärder", "rapportera", "borta till …", "starta uppföljning".

The person acting is always the sender of the activity (Handlers.who), never the card's data.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from microsoft_agents.activity import Activity, AdaptiveCardInvokeResponse, Attachment
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot import telemetry, turn
from bot.commands import Intent
from bot.handlers import Handlers
from cards import followup as cards
from cards.followup_messages import (
    ADAPTIVE,
    COMPOSER,
    ids_of,
    parse_status,
    prompt_activity,
    typed_values,
)
from domain.model import Person
from i18n import format_day, t
from services import followup

log = logging.getLogger(__name__)
VERBS = re.compile(r"^status\.")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def is_card_submit(context: TurnContext) -> bool:
    """An Action.Submit fallback of one of our cards: a message whose value carries our verb."""
    value = context.activity.value
    return (context.activity.type == "message" and isinstance(value, dict)
            and bool(VERBS.match(str(value.get("verb", "")))))


def _original_case(raw: str, argument: str) -> str:
    """The argument as the user wrote it (parse() lower-cases; a round label keeps its case)."""
    clean = " ".join(raw.split())
    at = clean.lower().rfind(argument)
    return clean[at:at + len(argument)] if argument and at >= 0 else argument


class FollowupHandlers:
    def __init__(self, handlers: Handlers) -> None:
        self.h = handlers
        self.db = handlers.deps.db
        self.clock = handlers.deps.clock
        self.coordinators = handlers.deps.settings.coordinators

    # --- cards ----------------------------------------------------------------------------
    async def on_execute(self, context: TurnContext, _state: TurnState, data) -> AdaptiveCardInvokeResponse:
        """Action.Execute: answer with the card that replaces the clicked one."""
        verb = context.activity.value.get("action", {}).get("verb", "") if isinstance(
            context.activity.value, dict) else ""
        content = await self.card_for(context, verb, data if isinstance(data, dict) else {})
        return AdaptiveCardInvokeResponse(status_code=200, type=ADAPTIVE, value=content)

    async def on_submit(self, context: TurnContext, _state: TurnState) -> None:
        """Action.Submit fallback: same handling, the new card comes as a message."""
        data = context.activity.value
        content = await self.card_for(context, str(data.get("verb", "")), data)
        await context.send_activity(Activity(
            type="message", attachments=[Attachment(content_type=ADAPTIVE, content=content)]))

    async def card_for(self, context: TurnContext, verb: str, data: dict) -> dict:
        if verb == cards.SAVE and (card := await self._save_as_sender(context, data)):
            return card
        person = await self.h.who(context)
        lang = self.h.lang(person)
        if person is None:
            return cards.message_card(t("fu_unknown_sender", lang))
        ids = ids_of(data)
        if ids is None:
            return cards.message_card(t("fu_err_unknown_action", lang))
        if verb == cards.SAVE:
            return await self._save(person, data, lang)
        if verb in (cards.DELEGATE, cards.RETURN):
            return await self._delegate(person, verb, data, ids, lang)
        found = await followup.item_for(self.db, ids[0], ids[1], person.id, self.coordinators)
        if found.refused:
            return cards.message_card(t(found.refused, lang, **found.refused_values))
        if verb == cards.NOT_MINE:
            return cards.not_mine_card(found.item, lang)
        return cards.report_card(found.item, lang)  # status.open, status.edit

    async def _save_as_sender(self, context: TurnContext, data: dict) -> dict | None:
        """The common save, in ONE transaction: the sender is recognised inside the save.

        None (nothing stored) when the input has errors or the sender is not known unchanged
        (first contact, new ids, unreachable): `card_for` then goes the long way through `who`,
        which also remembers them. Issue 4's benchmark: this turn is Följa's busiest.
        """
        identity = turn.identity_of(context.activity)
        parsed, _errors = parse_status(data)
        if identity is None or parsed is None:
            return None
        result = await followup.record_status(self.db, parsed, sender=identity, now=self.clock(),
                                              coordinators=self.coordinators)
        if result.sender is None:
            return None
        telemetry.note(person_id=result.sender.id)
        return self._saved(result, typed_values(data), self.h.lang(result.sender))

    async def _save(self, person: Person, data: dict, lang: str) -> dict:
        typed = typed_values(data)
        parsed, errors = parse_status(data)
        if parsed is None:
            round_id, action_id, _ = ids_of(data)
            found = await followup.item_for(self.db, round_id, action_id, person.id, self.coordinators)
            if found.refused:
                return cards.message_card(t(found.refused, lang, **found.refused_values))
            return cards.report_card(found.item, lang, values=typed, errors=errors,
                                     notice=t("fu_fix_below", lang))
        result = await followup.record_status(self.db, parsed, person_id=person.id, now=self.clock(),
                                              coordinators=self.coordinators)
        return self._saved(result, typed, lang)

    @staticmethod
    def _saved(result: followup.SaveResult, typed: dict, lang: str) -> dict:
        """The card after a save: the receipt, or the form again with what went wrong."""
        if result.refused:
            message = t(result.refused, lang, **result.refused_values)
            if result.item is None:
                return cards.message_card(message)
            return cards.report_card(result.item, lang, values=typed, notice=message)
        if result.errors:
            return cards.report_card(result.item, lang, values=typed, errors=result.errors,
                                     notice=t("fu_fix_below", lang))
        return cards.receipt_card(result.item, result.report, lang)

    async def _delegate(self, person: Person, verb: str, data: dict, ids, lang: str) -> dict:
        email = str(data.get("email") or "").strip().lower() if verb == cards.DELEGATE else None
        found = await followup.item_for(self.db, ids[0], ids[1], person.id, self.coordinators)
        if found.refused:
            return cards.message_card(t(found.refused, lang, **found.refused_values))
        if verb == cards.DELEGATE and not email:
            return cards.not_mine_card(found.item, lang, error=t("fu_err_email_missing", lang))
        try:
            name = await followup.delegate(
                self.db, round_id=ids[0], action_id=ids[1], person_id=person.id, to_email=email,
                now=self.clock(), compose=COMPOSER, coordinators=self.coordinators)
        except followup.FollowupError as err:
            return cards.not_mine_card(found.item, lang, email=email or "",
                                       error=t(err.key, lang, **err.values))
        key = "fu_delegated" if name else "fu_returned"
        return cards.message_card(t(key, lang, name=name, title=found.item.title))

    # --- typed commands ------------------------------------------------------------------
    async def on_dialog_turn(self, context: TurnContext, state: TurnState, person) -> bool:
        """A message inside a running "rapportera text" dialog goes to the dialog."""
        from dialogs.status_dialog import continue_status_dialog

        return await continue_status_dialog(context, state, self.h, self.h.lang(person))

    async def on_my_actions(self, context: TurnContext, _s, _i: Intent, person, lang: str) -> None:
        """"mina åtgärder": every action I answer for, with its status and a report button."""
        items = await followup.my_items(self.db, person.id) if person else []
        if not items and (lookup := self.h.intents.get("lookup")):
            # No open round: still show what I own and its latest status (the lookup's answer).
            await lookup(context, _s, _i, person, lang)
            return
        if not items:
            await context.send_activity(MessageFactory.text(t("fu_my_none", lang)))
            return
        await context.send_activity(Activity(
            type="message", text=t("fu_my_header", lang, n=len(items)),
            attachments=[Attachment(content_type=ADAPTIVE, content=cards.list_card(items, lang))]))

    async def on_report(self, context: TurnContext, state, intent: Intent, person, lang: str) -> None:
        """"rapportera": the cards of what is still open for me ("rapportera text": the dialog)."""
        if intent.argument.startswith("text"):
            from dialogs.status_dialog import run_status_dialog

            await run_status_dialog(context, state, self.h, person, lang)
            return
        items = await followup.my_items(self.db, person.id, open_only=True) if person else []
        if not items:
            await context.send_activity(MessageFactory.text(t("fu_report_none", lang)))
            return
        noun = t("fu_action_one" if len(items) == 1 else "fu_action_many", lang)
        intro = t("fu_intro_nodue", lang, n=len(items), noun=noun, label=items[0].round.label)
        await context.send_activity(Activity.model_validate(prompt_activity(intro, items, lang)))

    async def on_away(self, context: TurnContext, _s, intent: Intent, person, lang: str) -> None:
        """"borta till 2026-12-10" / "tillbaka": no prompts or reminders until then."""
        if person is None:
            await context.send_activity(MessageFactory.text(t("unknown_person", lang)))
            return
        back = intent.name == "back"
        match = _DATE.search(intent.argument)
        if not back and match is None:
            await context.send_activity(MessageFactory.text(t("fu_away_usage", lang)))
            return
        try:
            until = None if back else date.fromisoformat(match.group(1))
            await followup.set_away(self.db, person.id, until, now=self.clock())
        except ValueError:
            await context.send_activity(MessageFactory.text(t("fu_away_usage", lang)))
            return
        except followup.FollowupError as err:
            await context.send_activity(MessageFactory.text(t(err.key, lang, **err.values)))
            return
        text = t("fu_away_cleared", lang) if back else t("fu_away_set", lang, day=format_day(until, lang))
        await context.send_activity(MessageFactory.text(text))

    async def on_start_round(self, context: TurnContext, _s, intent: Intent, person, lang: str) -> None:
        """"starta uppföljning Vecka 48 till 2026-12-04": coordinators only."""
        if person is None or not await followup.may_coordinate(self.db, person.id, self.coordinators):
            await context.send_activity(MessageFactory.text(t("fu_not_coordinator", lang)))
            return
        argument = _original_case(context.activity.text or "", intent.argument)
        match = _DATE.search(argument)
        label = _DATE.sub("", argument).replace(" till ", " ").replace(" före ", " ").strip()
        label = re.sub(r"\s+(till|före|until)$", "", label).strip()
        plan = await followup.newest_plan_ref(self.db)
        if plan is None or not label:
            await context.send_activity(MessageFactory.text(
                t("no_plans" if plan is None else "fu_round_usage", lang)))
            return
        try:
            due = date.fromisoformat(match.group(1)) if match else None
            opened = await followup.open_round(self.db, plan, label=label, due=due,
                                               actor=person.email or f"person:{person.id}",
                                               now=self.clock(), compose=COMPOSER)
        except (ValueError, followup.FollowupError) as err:
            key = getattr(err, "key", "fu_round_usage")
            await context.send_activity(MessageFactory.text(t(key, lang, **getattr(err, "values", {}))))
            return
        await context.send_activity(MessageFactory.text(self._opened_text(opened, lang)))

    @staticmethod
    def _opened_text(opened, lang: str) -> str:
        lines = [t("fu_round_opened", lang, label=opened.round.label, plan=opened.plan_name,
                   n=len(opened.prompted), actions=opened.actions)]
        if opened.unreachable:
            lines.append(t("fu_round_unreachable", lang, names=", ".join(opened.unreachable)))
        if opened.away:
            lines.append(t("fu_round_away", lang, names=", ".join(opened.away)))
        return "\n\n".join(lines)


def register(app, handlers: Handlers) -> FollowupHandlers:
    """Contribute the intents and the Action.Execute route; returns the handlers (for the table)."""
    fu = FollowupHandlers(handlers)
    handlers.intents.update({
        "my_actions": fu.on_my_actions, "report": fu.on_report, "away": fu.on_away,
        "back": fu.on_away, "start_round": fu.on_start_round,
    })
    handlers.message_hooks.append(fu.on_dialog_turn)
    app.adaptive_card.action_execute(VERBS)(fu.on_execute)
    return fu
