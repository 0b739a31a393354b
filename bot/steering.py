"""The styrgrupp channel at the Teams edge: choosing the channel ("@Följa styrgrupp [plan]", a
card asks which district when there are several) and showing the summary ("@Följa sammanfattning
[alla]"); the commands are rows of bot/routes.py. The city channel: bot/city.py.

Who acts is always the activity's sender (resolved by Handlers.who), never card or text data.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from microsoft_agents.activity import Activity, Attachment
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot import turn
from bot.commands import Intent
from bot.handlers import Handlers
from cards.steering import steering_district_card
from cards.summary import ADAPTIVE
from domain.model import ConversationRef, Person
from domain.plaintext import card_text
from i18n import t
from reports.summary import renderer, summary_markdown
from services import summaries

log = logging.getLogger(__name__)
ALL_WORDS = ("alla", "all", "allt", "hela")
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

    async def on_summary(self, context: TurnContext, _state: TurnState, intent: Intent,
                         _person: Person | None, lang: str) -> None:
        """The current summary, on demand, in the steering channel (the whole list with "alla")."""
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


def _chunks(text: str) -> list[str]:
    """Split long Markdown at paragraph breaks so each message stays well under Teams' limit."""
    chunks, current = [], ""
    for part in text.split("\n\n"):
        if current and len(current) + len(part) + 2 > CHUNK_CHARS:
            chunks.append(current)
            current = ""
        current = f"{current}\n\n{part}" if current else part[:CHUNK_CHARS]
    return [*chunks, current] if current else chunks
