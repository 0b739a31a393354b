"""The styrgrupp channel at the Teams edge: choosing the channel ("@Följa styrgrupp [plan]"), the
city's ("@Följa beredningsgrupp") and showing the summary ("@Följa sammanfattning [alla]"); the
commands are rows of bot/routes.py.

Who acts is always the activity's sender (resolved by Handlers.who), never card or text data.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date

from microsoft_agents.activity import Activity, Attachment
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot import turn
from bot.commands import Intent
from bot.handlers import Handlers
from cards.city_round import city_round_activity
from cards.followup_messages import COMPOSER
from cards.steering import steering_district_card
from cards.summary import ADAPTIVE
from domain.model import ConversationRef, Person
from domain.plaintext import card_text
from i18n import followup_error_text, t
from reports.summary import renderer, summary_markdown
from services import city_cards, city_rounds, summaries
from services.rounds import FollowupError

log = logging.getLogger(__name__)
ALL_WORDS = ("alla", "all", "allt", "hela")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
CHUNK_CHARS = 12_000


def channel_ref(context: TurnContext) -> ConversationRef:
    """The channel itself (not the thread of this message): new posts start there."""
    ref = turn.reference_of(context.activity)
    channel = ref.extra.get("channel") or ref.conversation_id.split(";messageid=")[0]
    return replace(ref, conversation_id=channel)


class SteeringHandlers:
    """The steering group's commands, said in its channel."""

    def __init__(self, handlers: Handlers) -> None:
        self.core = handlers

    async def _say(self, context: TurnContext, key: str, lang: str, **values: object) -> None:
        await context.send_activity(MessageFactory.text(t(key, lang, **values)))

    async def on_steering(self, context: TurnContext, _state: TurnState, intent: Intent,
                          person: Person | None, lang: str) -> None:
        """A coordinator makes this channel the plan's summary channel."""
        if turn.conversation_kind(context.activity) == "personal":
            await self._say(context, "steering_only_channel", lang)
            return
        deps = self.core.deps
        outcome = await summaries.set_steering_channel(  # queues the open rounds' cards too
            deps.db, person=person, plan_ref=intent.argument, ref=channel_ref(context),
            coordinators=deps.settings.coordinators,
            render=renderer(deps.settings.default_language), now=deps.clock())
        await self._steering_answer(context, outcome, person, lang, intent.argument)

    async def _steering_answer(self, context: TurnContext, outcome: summaries.SteeringOutcome,
                               person: Person | None, lang: str, argument: str) -> None:
        if outcome.result == "which_district":
            await context.send_activity(MessageFactory.attachment(Attachment(
                content_type=ADAPTIVE, content=steering_district_card(
                    t("steering.which_district", lang), outcome.districts))))
        elif outcome.result == "bound_elsewhere":
            log.info("steering channel re-binding refused for person %s",
                     person.id if person else None)
            await self._say(context, "steering.bound_elsewhere", lang,
                            district=card_text(outcome.district, 100))
        elif outcome.result == "unknown_plan":
            await self._say(context, "steering_unknown_plan", lang, ref=argument[:80])
        elif outcome.result == "no_plan":
            await self._say(context, "summary_no_plan", lang)
        elif outcome.result == "not_your_plan":
            log.info("steering channel for plan %s refused for person %s", outcome.plan_id,
                     person.id if person else None)
            await self._say(context, "steering_not_your_plan", lang, plan=outcome.plan_name,
                            yours=outcome.yours)
        elif outcome.result == "not_coordinator":
            log.info("steering channel refused for person %s", person.id if person else None)
            await self._say(context, "steering_not_coordinator", lang)
        else:
            await self._say(context, "steering_set", lang, plan=outcome.plan_name)
            channel = channel_ref(context).conversation_id
            if outcome.previous_conversation and outcome.previous_conversation != channel:
                await self._say(context, "steering_moved", lang, plan=outcome.plan_name)

    async def on_steering_district(self, context: TurnContext, _state: TurnState) -> None:
        """The district a coordinator of several picked for this channel's styrgrupp."""
        person = await self.core.who(context)
        lang = self.core.lang(person)
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        district = " ".join(str(value.get("district") or "").split())[:200]
        if turn.conversation_kind(context.activity) == "personal" or not district:
            await self._say(context, "steering_only_channel", lang)
            return
        deps = self.core.deps
        outcome = await summaries.set_steering_channel(
            deps.db, person=person, plan_ref=district, ref=channel_ref(context),
            coordinators=deps.settings.coordinators,
            render=renderer(deps.settings.default_language), now=deps.clock())
        await self._steering_answer(context, outcome, person, lang, district)

    async def on_city_channel(self, context: TurnContext, _state: TurnState, _intent: Intent,
                              person: Person | None, lang: str) -> None:
        """A stadskoordinator makes this channel the beredningsgrupp's (the city channel)."""
        if turn.conversation_kind(context.activity) == "personal":
            await self._say(context, "steering_only_channel", lang)
            return
        deps = self.core.deps
        words = deps.settings.default_language
        outcome = await city_cards.set_city_channel(
            deps.db, person=person, ref=channel_ref(context),
            coordinators=deps.settings.coordinators,
            render=lambda view: city_round_activity(view, words), now=deps.clock())
        if outcome.result != "set":
            log.info("city channel refused for person %s", person.id if person else None)
            await self._say(context, "cityround.channel_not_city", lang)
            return
        await self._say(context, "cityround.channel_set", lang)

    async def on_start_city_round(self, context: TurnContext, _state: TurnState, intent: Intent,
                                  person: Person | None, lang: str) -> None:
        """"starta stadsuppföljning Vecka 50 till 2026-12-11": stadskoordinatorer open the
        round in every district at once (as `folja round open --city`)."""
        label, due_text = _label_and_due(context.activity.text or "", intent.argument)
        deps = self.core.deps
        try:
            if not label or person is None:
                raise ValueError(label)
            due = date.fromisoformat(due_text) if due_text else None
            opened = await city_rounds.open_city_round(
                deps.db, label=label, due=due, actor=person.email or f"person:{person.id}",
                now=deps.clock(), compose=COMPOSER, person=person,
                coordinators=deps.settings.coordinators, zone=deps.settings.zone,
                render=lambda view: city_round_activity(view, deps.settings.default_language))
        except ValueError:
            await self._say(context, "cityround.chat_usage", lang)
            return
        except FollowupError as err:
            await context.send_activity(MessageFactory.text(
                followup_error_text(err.key, err.values, lang, chat=True)))
            return
        await self._say(context, "cityround.opened", lang, label=card_text(opened.city_round.label),
                        districts=len(opened.rounds), id=opened.city_round.id,
                        n=len(opened.prompted), actions=opened.actions)

    async def _city_summary(self, context: TurnContext, lang: str) -> None:
        view = await city_cards.current_city_view(self.core.deps.db)
        if view is None:
            await self._say(context, "cityround.no_city_round", lang)
            return
        activity = city_round_activity(view, lang)
        await context.send_activity(Activity(
            type="message", summary=activity["summary"],
            attachments=[Attachment(content_type=ADAPTIVE,
                                    content=activity["attachments"][0]["content"])]))

    async def on_summary(self, context: TurnContext, _state: TurnState, intent: Intent,
                         _person: Person | None, lang: str) -> None:
        """The current summary, on demand, in the steering channel (the whole list with "alla");
        in the city channel, the newest city round's roll-up card."""
        if await city_cards.is_city_channel(self.core.deps.db,
                                            channel_ref(context).conversation_id):
            await self._city_summary(context, lang)
            return
        words = intent.argument.split()
        everything = bool(words) and words[-1] in ALL_WORDS
        plan_ref = " ".join(words[:-1] if everything else words)
        db = self.core.deps.db
        plan_id = await summaries.plan_of_channel(db, channel_ref(context).conversation_id,
                                                  plan_ref)
        if plan_id is None:
            await self._say(context, "summary_no_channel", lang)
            return
        summary = await summaries.current_summary(db, plan_id)
        if summary is None:
            await self._say(context, "summary_no_plan", lang)
            return
        if everything:
            for chunk in _chunks(summary_markdown(summary, lang, None)):
                await context.send_activity(MessageFactory.text(chunk))
            return
        activity = renderer(lang)(summary)
        await context.send_activity(Activity(
            type="message", summary=activity["summary"],
            attachments=[Attachment(content_type=ADAPTIVE,
                                    content=activity["attachments"][0]["content"])]))


def _label_and_due(raw: str, argument: str) -> tuple[str, str]:
    """(label as the user wrote it, the last date written or ""): "Vecka 50 till 2026-12-11"."""
    clean = " ".join(raw.split())
    at = clean.lower().rfind(argument) if argument else -1
    text = clean[at:at + len(argument)] if at >= 0 else argument
    dates = list(_DATE.finditer(text))
    if not dates:
        return text.strip(), ""
    last = dates[-1]
    label = (text[:last.start()] + text[last.end():]).strip()
    return re.sub(r"\s+(till|före|until)$", "", label).strip(), last.group(1)


def _chunks(text: str) -> list[str]:
    """Split long Markdown at paragraph breaks so each message stays well under Teams' limit."""
    chunks, current = [], ""
    for part in text.split("\n\n"):
        if current and len(current) + len(part) + 2 > CHUNK_CHARS:
            chunks.append(current)
            current = ""
        current = f"{current}\n\n{part}" if current else part[:CHUNK_CHARS]
    return [*chunks, current] if current else chunks
