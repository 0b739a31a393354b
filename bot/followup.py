"""The follow-up in Teams: card verbs (Action.Execute and its Action.Submit fallback, one code
path in bot/dispatch.py), and the typed commands "mina åtgärder", "rapportera", "borta till …",
"starta uppföljning". Which verb or command reaches which method: bot/routes.py.

The person acting is always the sender of the activity (Handlers.who), never the card's data.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot import telemetry, turn
from bot.commands import Intent
from bot.handlers import Handlers
from bot.lookups import LookupHandlers, place_of
from cards import followup as cards
from cards.followup_list import LIST, Row, list_card
from cards.followup_messages import (
    COMPOSER,
    ids_of,
    parse_status,
    prompt_activity,
    typed_values,
)
from dialogs.status_dialog import continue_status_dialog, run_status_dialog
from domain.followup import ReportItem
from domain.model import Person
from domain.plaintext import card_text, message_text
from i18n import followup_error_text, format_day, t
from reports.summary import renderer  # the one Summary → Activity composition
from services import coordination, followup, summaries
from services.my_actions import my_actions

log = logging.getLogger(__name__)
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _original_case(raw: str, argument: str) -> str:
    """The argument as the user wrote it (parse() lower-cases; a round label keeps its case)."""
    clean = " ".join(raw.split())
    at = clean.lower().rfind(argument)
    return clean[at:at + len(argument)] if argument and at >= 0 else argument


def _safe(values: dict) -> dict:
    """Values for a card sentence: user-written text (names, labels, titles) made inert."""
    return {k: card_text(v) if isinstance(v, str) else v for k, v in values.items()}


@dataclass(frozen=True)
class Actor:
    """The sender of a card action, known to Följa, and the (round, action, base) it names."""

    person: Person
    lang: str
    ids: tuple[int, int, int]


class FollowupHandlers:
    """The follow-up's card verbs and typed commands (rows of bot/routes.py)."""

    def __init__(self, handlers: Handlers, lookup: LookupHandlers) -> None:
        self.h, self.lookup = handlers, lookup
        self.db = handlers.deps.db
        self.clock = handlers.deps.clock
        self.coordinators = handlers.deps.settings.coordinators

    # --- card verbs (bot/routes.py::CARD_VERBS): the actor, then the card that answers ------
    async def _actor(self, context: TurnContext, data: dict) -> Actor | dict:
        """Who clicks, in which language, on which item; or the card that says why not."""
        person = await self.h.who(context)
        lang = self.h.lang(person)
        if person is None:
            return cards.message_card(t("fu_unknown_sender", lang))
        ids = ids_of(data)
        if ids is None:
            return cards.message_card(t("fu_err_unknown_action", lang))
        return Actor(person, lang, ids)

    async def _item(self, context: TurnContext, data: dict) -> tuple[Actor, ReportItem] | dict:
        """The actor and the item they may see, or the card that refuses."""
        actor = await self._actor(context, data)
        if isinstance(actor, dict):
            return actor
        found = await followup.item_for(self.db, actor.ids[0], actor.ids[1], actor.person.id,
                                        self.coordinators)
        if found.refused or found.item is None:
            return cards.message_card(
                t(found.refused or "fu_refused", actor.lang, **_safe(found.refused_values)))
        return actor, found.item

    async def on_open(self, context: TurnContext, data: dict) -> dict:
        """"Rapportera" / "Ändra": the report card of the action."""
        got = await self._item(context, data)
        if isinstance(got, dict):
            return got
        view = LIST if data.get("view") == LIST else ""
        return cards.report_card(got[1], got[0].lang, view=view)

    async def on_not_mine(self, context: TurnContext, data: dict) -> dict:
        """"Inte min": the card to hand the action to a colleague or back to the coordinator."""
        got = await self._item(context, data)
        return got if isinstance(got, dict) else cards.not_mine_card(got[1], got[0].lang)

    async def on_save(self, context: TurnContext, data: dict) -> dict:
        """"Spara": record the status; the receipt, or the form again with what went wrong."""
        if card := await self._save_as_sender(context, data):
            return card
        actor = await self._actor(context, data)
        return actor if isinstance(actor, dict) else await self._save(actor.person, data, actor.lang)

    async def on_refresh(self, context: TurnContext, data: dict) -> dict:
        """Universal Actions refresh (trigger "automatic", when a listed owner opens a card): the
        card as it is now for this user: the list, the receipt or the form; for someone who is
        not an owner, the read-only view."""
        person = await self.h.who(context)
        lang = self.h.lang(person)
        if person is None:
            return cards.message_card(t("fu_unknown_sender", lang))
        return await self.refreshed(person, data, lang)

    async def on_delegate(self, context: TurnContext, data: dict) -> dict:
        """"Lämna till kollega": hand the action to the colleague with the typed e-mail."""
        actor = await self._actor(context, data)
        return actor if isinstance(actor, dict) else await self._delegate(actor, cards.DELEGATE, data)

    async def on_return(self, context: TurnContext, data: dict) -> dict:
        """"Tillbaka till koordinatorn": give the action back to the coordinators."""
        actor = await self._actor(context, data)
        return actor if isinstance(actor, dict) else await self._delegate(actor, cards.RETURN, data)

    async def _save_as_sender(self, context: TurnContext, data: dict) -> dict | None:
        """The common save, in ONE transaction: the sender is recognised inside the save.

        None (nothing stored) when the input has errors or the sender is not known unchanged
        (first contact, new ids, unreachable): `on_save` then goes the long way through `who`,
        which also remembers them. This is Följa's busiest turn (bench.card_save measures it).
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
        return await self._answer(result, data, result.sender.id, self.h.lang(result.sender))

    async def _save(self, person: Person, data: dict, lang: str) -> dict:
        parsed, errors = parse_status(data)
        if parsed is None:
            ids = ids_of(data)
            if ids is None:
                return cards.message_card(t("fu_err_unknown_action", lang))
            found = await followup.item_for(self.db, ids[0], ids[1], person.id, self.coordinators)
            if found.refused or found.item is None:
                return cards.message_card(t(found.refused or "fu_refused", lang, **_safe(found.refused_values)))
            result = followup.SaveResult(errors=errors, item=found.item)
        else:
            result = await followup.record_status(self.db, parsed, person_id=person.id,
                                                  now=self.clock(), coordinators=self.coordinators)
        return await self._answer(result, data, person.id, lang)

    async def _answer(self, result: followup.SaveResult, data: dict, person_id: int,
                      lang: str) -> dict:
        """A save from a list row answers with the whole list (one read after the save's
        transaction); a save from a single card, or of a row no longer listed, with one card."""
        typed = typed_values(data)
        if data.get("view") != LIST or result.item is None or result.refused:
            return self._saved(result, typed, lang)
        item = result.item
        row = Row(item.round.id, item.action_id, saved=result.ok,
                  values=typed if result.errors else None, errors=result.errors,
                  notice=self._stale_notice(result, lang))
        by_standin = bool(result.report and result.report.acted_by_id is not None)
        items = await followup.my_items(self.db, person_id, standins=by_standin)
        if not any(row.of(i) for i in items):
            return self._saved(result, typed, lang)
        return list_card(items, lang, row=row)

    def _stale_notice(self, result: followup.SaveResult, lang: str) -> str:
        if result.stale is None:
            return ""
        return cards.stale_notice(result.stale, lang, self.h.deps.settings.zone)

    def _saved(self, result: followup.SaveResult, typed: dict, lang: str) -> dict:
        """The card after a save: the receipt, the newest version when the card was stale, or
        the form again with what went wrong."""
        if result.stale is not None and result.item is not None:
            return cards.report_card(result.item, lang, notice=self._stale_notice(result, lang))
        if result.refused or result.item is None:
            message = t(result.refused or "fu_refused", lang, **_safe(result.refused_values))
            if result.item is None:
                return cards.message_card(message)
            return cards.report_card(result.item, lang, values=typed, notice=message)
        if result.errors or result.report is None:
            return cards.report_card(result.item, lang, values=typed, errors=result.errors,
                                     notice=t("fu_fix_below", lang))
        return cards.receipt_card(result.item, result.report, lang)

    async def refreshed(self, person: Person, data: dict, lang: str) -> dict:
        """Universal Actions refresh (trigger "automatic", when a listed owner opens a card): the
        card as it is now for this user: the list, the receipt or the form; for someone who is
        not an owner, the read-only view."""
        if data.get("view") == LIST:
            items = await followup.my_items(self.db, person.id)
            return list_card(items, lang) if items else cards.message_card(t("fu_my_none", lang))
        ids = ids_of(data)
        if ids is None:
            return cards.message_card(t("fu_err_unknown_action", lang))
        found = await followup.item_for(self.db, ids[0], ids[1], person.id, self.coordinators)
        if found.item is None:
            return cards.message_card(t(found.refused, lang, **found.refused_values))
        if found.refused:
            return cards.view_card(found.item, lang)
        mine = found.item.mine
        return cards.receipt_card(found.item, mine, lang) if mine else cards.report_card(found.item, lang)

    async def _delegate(self, actor: Actor, verb: str, data: dict) -> dict:
        person, ids, lang = actor.person, actor.ids, actor.lang
        email = str(data.get("email") or "").strip().lower() if verb == cards.DELEGATE else None
        found = await followup.item_for(self.db, ids[0], ids[1], person.id, self.coordinators)
        if found.refused or found.item is None:
            return cards.message_card(t(found.refused or "fu_refused", lang,
                                        **_safe(found.refused_values)))
        if verb == cards.DELEGATE and not email:
            return cards.not_mine_card(found.item, lang, error=t("fu_err_email_missing", lang))
        try:
            name = await followup.delegate(
                self.db, round_id=ids[0], action_id=ids[1], person_id=person.id, to_email=email,
                now=self.clock(), compose=COMPOSER, coordinators=self.coordinators)
        except followup.FollowupError as err:
            kept = "" if err.key == "fu_err_email_personal_number" else email or ""
            return cards.not_mine_card(found.item, lang, email=kept,
                                       error=t(err.key, lang, **_safe(err.values)))
        key = "fu_delegated" if name else "fu_returned"
        return cards.message_card(t(key, lang, **_safe({"name": name, "title": found.item.title})))

    # --- typed commands ------------------------------------------------------------------
    async def on_dialog_turn(self, context: TurnContext, state: TurnState, person) -> bool:
        """A message inside a running "rapportera text" dialog goes to the dialog."""
        return await continue_status_dialog(context, state, self.h, self.h.lang(person))

    async def on_my_actions(self, context: TurnContext, _s, _i: Intent, person, lang: str) -> None:
        """"mina åtgärder": every action I answer for, in every district I am bound in: in open
        rounds with a report button, elsewhere with the latest status (the lookup's card)."""
        deps = self.h.deps
        mine = await my_actions(self.db, self.lookup.cache, context.activity.text or "", person,
                                zone=deps.settings.zone, place=place_of(context),
                                coordinators=self.coordinators, lang=lang)
        if not mine.items:
            await self.lookup.reply_with(context, mine.elsewhere, person, lang)
            return
        beside = None if mine.elsewhere is None else self.lookup.mine_card(
            mine.elsewhere, person, lang, elsewhere=True)
        await context.send_activity(Activity.model_validate(
            prompt_activity(self._my_header(mine.items, beside is not None, lang), mine.items,
                            lang, beside)))

    @staticmethod
    def _my_header(items: list[ReportItem], beside: bool, lang: str) -> str:
        """"Dina åtgärder (5):", naming the list's districts when another card follows it."""
        if not beside:
            return t("fu_my_header", lang, n=len(items))
        districts = ", ".join(dict.fromkeys(message_text(i.district, 80) for i in items))
        return t("fu_my_header_in", lang, n=len(items), districts=districts)

    async def on_report(self, context: TurnContext, state, intent: Intent, person, lang: str) -> None:
        """"rapportera": the cards of what is still open for me ("rapportera text": the dialog)."""
        if intent.argument.startswith("text"):
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
            until = None if back or match is None else date.fromisoformat(match.group(1))
            await followup.set_away(self.db, person.id, until, now=self.clock())
        except ValueError:
            await context.send_activity(MessageFactory.text(t("fu_away_usage", lang)))
            return
        except followup.FollowupError as err:
            await context.send_activity(MessageFactory.text(t(err.key, lang, **err.values)))
            return
        text = t("fu_away_cleared", lang) if until is None else "\n\n".join((
            t("fu_away_set", lang, day=format_day(until, lang)),
            t("standin_away_hint", lang, until=until.isoformat())))  # bot/standins.py
        await context.send_activity(MessageFactory.text(text))

    async def on_start_round(self, context: TurnContext, _s, intent: Intent, person, lang: str) -> None:
        """"starta uppföljning Vecka 48 till 2026-12-04 [i Kungsholmen]": coordinators only, on
        their own district's plan (services/coordination.py)."""
        argument = _original_case(context.activity.text or "", intent.argument)
        # The due date is the last date written ("… till 2027-01-15"); one earlier belongs to
        # the label.
        match = next(reversed(list(_DATE.finditer(argument))), None)
        rest = argument[:match.start()] + argument[match.end():] if match else argument
        label = rest.replace(" till ", " ").replace(" före ", " ").strip()
        label = re.sub(r"\s+(till|före|until)$", "", label).strip()
        chosen = coordination.plan_for_round(
            await coordination.scope_of(self.db, person, self.coordinators), label)
        plan, label = chosen.plan_ref, chosen.label
        if chosen.refused or not label or plan is None:
            key = chosen.refused or "fu_round_usage"
            await context.send_activity(MessageFactory.text(t(key, lang, **chosen.values)))
            return
        try:
            due = date.fromisoformat(match.group(1)) if match else None
            opened = await followup.open_round(self.db, plan, label=label, due=due,
                                               actor=person.email or f"person:{person.id}",
                                               now=self.clock(), compose=COMPOSER,
                                               zone=self.h.deps.settings.zone)
        except (ValueError, followup.FollowupError) as err:
            key = getattr(err, "key", "fu_round_usage")
            text = followup_error_text(key, getattr(err, "values", {}), lang, chat=True)
            await context.send_activity(MessageFactory.text(text))
            return
        await context.send_activity(MessageFactory.text(self._opened_text(opened, lang)))

    async def on_close_round(self, context: TurnContext, _s, intent: Intent, person, lang: str) -> None:
        """"avsluta uppföljning 12": coordinators close a round; the styrgrupp card gets its
        final version (as `folja round close`)."""
        scope = await coordination.scope_of(self.db, person, self.coordinators)
        if person is None or not scope.is_coordinator:
            await context.send_activity(MessageFactory.text(t("round_close_not_coordinator", lang)))
            return
        try:
            closed = await followup.close_round(self.db, intent.argument.strip() or "?",
                                                actor=person.email or f"person:{person.id}",
                                                now=self.clock(), allowed=lambda plan_id: (
                                                    scope.everything or scope.covers(plan_id)))
        except followup.FollowupError as err:
            await context.send_activity(MessageFactory.text(
                followup_error_text(err.key, err.values, lang, chat=True)))
            return
        words = renderer(self.h.deps.settings.default_language)  # as the jobs render it
        await summaries.publish_summary(self.db, closed.plan_id, words, now=self.clock(),
                                        round_id=closed.id, new_period=True)
        await context.send_activity(MessageFactory.text(t("round_closed", lang, label=closed.label)))

    async def on_undo_handover(self, context: TurnContext, _s, intent: Intent, person,
                               lang: str) -> None:
        """"ångra överlämning [NR]": coordinators list the open rounds' hand-overs ("inte
        min", which hold for one round), or give hand-over NR back to its owner (audited)."""
        argument = intent.argument.strip().lstrip("#")
        try:
            if person is None:
                raise followup.FollowupError("fu_handover_not_coordinator")
            if argument.isdigit():
                await followup.undo_handover(self.db, int(argument), person_id=person.id,
                                             now=self.clock(), coordinators=self.coordinators)
                text = t("fu_handover_undone", lang, id=argument)
            else:
                text = self._handovers_text(await followup.open_handovers(
                    self.db, person_id=person.id, coordinators=self.coordinators), lang)
        except followup.FollowupError as err:
            text = followup_error_text(err.key, _safe(err.values), lang, chat=True)
        await context.send_activity(MessageFactory.text(text))

    @staticmethod
    def _handovers_text(rounds: list, lang: str) -> str:
        parts = []
        for label, handovers in rounds:
            if not handovers:
                parts.append(t("fu_handover_none", lang, label=card_text(label)))
                continue
            lines = [t("fu_handover_list", lang, label=card_text(label))]
            lines += ["- " + t("fu_handover_line", lang, **_safe({
                "id": str(h.id), "title": h.title, "from_name": h.from_name,
                "to_name": h.to_name or t("fu_handover_coordinators", lang)}))
                for h in handovers]
            parts.append("\n".join(lines))
        return "\n\n".join(parts) or t("fu_handover_no_rounds", lang)

    @staticmethod
    def _opened_text(opened, lang: str) -> str:
        lines = [t("fu_round_opened", lang, label=opened.round.label, plan=opened.plan_name,
                   n=len(opened.prompted), actions=opened.actions)]
        if opened.unreachable:
            lines.append(t("fu_round_unreachable", lang, names=", ".join(opened.unreachable)))
        if opened.away:
            lines.append(t("fu_round_away", lang, names=", ".join(opened.away)))
        return "\n\n".join(lines)
