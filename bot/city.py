"""The city level at the Teams edge: "@Följa beredningsgrupp" chooses the city channel,
"starta stadsuppföljning …" opens a city round, and "sammanfattning" in the city channel shows
the newest city round's roll-up card (elsewhere, the styrgrupp's summary: bot/steering.py).

Who acts is always the activity's sender (resolved by Handlers.who), never card or text data.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from microsoft_agents.activity import Activity, Attachment
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot import turn
from bot.commands import Intent
from bot.handlers import Handlers
from bot.steering import SteeringHandlers, channel_ref
from cards.city_round import ADAPTIVE, city_round_activity
from cards.followup_messages import COMPOSER
from domain.model import Person
from domain.plaintext import card_text
from i18n import followup_error_text, t
from services import city_cards, city_rounds
from services.rounds import FollowupError

log = logging.getLogger(__name__)
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


class CityHandlers:
    """The city level's commands (rows of bot/routes.py)."""

    def __init__(self, handlers: Handlers) -> None:
        self.core = handlers
        self.steering = SteeringHandlers(handlers)

    async def _say(self, context: TurnContext, key: str, lang: str, **values: object) -> None:
        await context.send_activity(MessageFactory.text(t(key, lang, **values)))

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
        label, due_text = label_and_due(context.activity.text or "", intent.argument)
        deps = self.core.deps
        if person is None:  # unknown to Följa (to the service, no person is the CLI's operator)
            await self._say(context, "cityround_not_city", lang)
            return
        try:
            if not label:
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

    async def on_summary(self, context: TurnContext, state: TurnState, intent: Intent,
                         person: Person | None, lang: str) -> None:
        """In the city channel the newest city round's card; elsewhere the styrgrupp's summary."""
        db = self.core.deps.db
        if not await city_cards.is_city_channel(db, channel_ref(context).conversation_id):
            await self.steering.on_summary(context, state, intent, person, lang)
            return
        view = await city_cards.current_city_view(db)
        if view is None:
            await self._say(context, "cityround.no_city_round", lang)
            return
        activity = city_round_activity(view, lang)
        await context.send_activity(Activity(
            type="message", summary=activity["summary"],
            attachments=[Attachment(content_type=ADAPTIVE,
                                    content=activity["attachments"][0]["content"])]))


def label_and_due(raw: str, argument: str) -> tuple[str, str]:
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
