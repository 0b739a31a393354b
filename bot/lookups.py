"""Quick lookups at the Teams edge: typed questions, the "Visa" buttons of lookup cards, and the
compose-box search (messaging extension command "sok"). Which turn reaches which method:
bot/routes.py.

The asker is always the activity's sender; card data only says which item to show.
"""

from __future__ import annotations

import logging
from functools import partial

from microsoft_agents.activity import Activity, ActivityTypes, Attachment, InvokeResponse
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot import turn
from bot.commands import Intent
from bot.handlers import Handlers
from bot.steering import channel_ref  # the channel id exactly as "styrgrupp" stores it
from cards import lookups as cards
from cards.lookup_mine import DistrictPart, mine_card
from domain.lookup import Answer, Hit, Kind, LookupIndex, Show, groups_for
from domain.model import Person
from i18n import format_day, t
from reports import render
from services import lookups
from services.lookup_access import CHANNEL, COMPOSE, PERSONAL, Place
from services.lookups import LookupCache

log = logging.getLogger(__name__)
ADAPTIVE = "application/vnd.microsoft.card.adaptive"
MAX_COMPOSE = 10
MAX_BESIDE = 12  # rows of the card beside the report list: the list keeps most of the message


class LookupHandlers:
    """Typed questions, "Visa" buttons and the compose-box search over the current plan."""

    def __init__(self, handlers: Handlers) -> None:
        self.core = handlers
        self.cache = LookupCache()

    @staticmethod
    def _tools(lang: str) -> tuple[cards.Say, cards.Day]:
        """The catalogue and the date format in the user's language, for the pure card code."""
        return (lambda key, **values: t(key, lang, **values)), partial(format_day, lang=lang)

    async def on_intent(self, context: TurnContext, _state: TurnState, _intent: Intent,
                        person: Person | None, lang: str) -> None:
        """Answer a typed question: one action, a list to choose from, a group, or suggestions."""
        deps = self.core.deps
        result = await lookups.ask(deps.db, self.cache, context.activity.text or "", person,
                                   zone=deps.settings.zone, place=place_of(context),
                                   coordinators=deps.settings.coordinators, lang=lang)
        await self.reply_with(context, result, person, lang)

    async def reply_with(self, context: TurnContext, result: lookups.LookupResult | None,
                         person: Person | None, lang: str) -> None:
        """Send the card answering `result`, naming the district when it is not the asker's
        (None: no plan is imported yet). "mina åtgärder" answers with it too."""
        if result is None:
            await context.send_activity(MessageFactory.text(t("no_plans", lang)))
            return
        body = self.present(result, person, lang)
        if not result.own:
            body = cards.from_district(body, result.district, self._tools(lang)[0])
        await self._reply(context, body)

    async def on_show(self, context: TurnContext, _state: TurnState) -> None:
        """A "Visa" button: show the action, role, person or area it names (if it still exists),
        from whichever of the asker's districts' plans holds it."""
        person = await self.core.who(context)
        lang = self.core.lang(person)
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        wanted = _wanted(value.get("kind"), value.get("id"))
        deps = self.core.deps
        index = None if wanted is None else await lookups.index_holding(
            deps.db, self.cache, person, place_of(context), *wanted, zone=deps.settings.zone,
            coordinators=deps.settings.coordinators)
        hit = index.hit(*wanted) if index is not None and wanted is not None else None
        if index is None or hit is None:
            await context.send_activity(MessageFactory.text(t("lookup_gone", lang)))
            return
        say, day = self._tools(lang)
        if hit.kind is Kind.ACTION:
            body = cards.action_card(index, hit.id, say, day)
        else:
            body = self._group(index, hit, say, day)
        await self._reply(context, body)

    def present(self, result: lookups.LookupResult, person: Person | None, lang: str) -> dict:
        """The card that answers `result` (for "mina åtgärder": every district's part of it)."""
        index, answer = result.index, result.answer
        say, day = self._tools(lang)
        if answer.show is Show.ACTION and answer.subject is not None:
            return cards.action_card(index, answer.subject.id, say, day)
        if answer.show is Show.CHOICES:
            return cards.choices_card(index, answer.hits, answer.question.subject, say, day)
        if answer.show is Show.GROUP and answer.subject is not None:
            return self._group(index, answer.subject, say, day)
        if answer.show is Show.MINE:
            return self._mine(result, person, lang)
        prose = render("lookup_none", lang, subject=cards.flat(answer.question.subject, 120),
                       suggestions=[cards.flat(h.label) for h in answer.hits])
        return cards.note_card(prose, answer.hits)

    def _group(self, index: LookupIndex, hit: Hit, say, day) -> dict:
        groups = groups_for(index, hit)
        count = sum(len(a) for _, a in groups)
        name = cards.flat(hit.label)  # a name from the plan: escaped where it enters the card
        if hit.kind is Kind.AREA:
            title = say("lookup_area_title", name=name, count=count)
        elif count == 0:
            title = say("lookup_none_for_subject", name=name)
        else:
            key = "lookup_role_title_one" if count == 1 else "lookup_role_title"
            title = say(key, name=name, count=count)
        role_ids = {hit.id} if hit.kind is Kind.ROLE else set()
        person_id = hit.id if hit.kind is Kind.PERSON else None
        return cards.group_card(index, title, groups, say, day, role_ids=role_ids,
                                person_id=person_id)

    def _mine(self, result: lookups.LookupResult, person: Person | None, lang: str) -> dict:
        """The asker's actions in each district they are bound in, the districts named when
        there are several; or why there are none."""
        if not any(p.answer.groups for p in result.parts):
            prose = render("lookup_mine_none", lang, known=person is not None,
                           plans=[cards.flat(p.index.plan.name) for p in result.parts])
            return cards.note_card(prose, ())
        return self.mine_card(result, person, lang, named=len(result.parts) > 1)

    def mine_card(self, result: lookups.LookupResult, person: Person | None, lang: str, *,
                  named: bool = True, elsewhere: bool = False) -> dict:
        """The asker's actions of each part of `result` under their districts' names (when
        `named`); `elsewhere`: the districts with no open round, shown beside the report list."""
        say, day = self._tools(lang)
        parts = [DistrictPart(p.district if named else "", p.index, p.answer.groups)
                 for p in result.parts if p.answer.groups]
        key, room = (("lookup_mine_elsewhere_title", MAX_BESIDE) if elsewhere
                     else ("lookup_mine_title", cards.MAX_LISTED))
        return mine_card(say(key, count=sum(p.count for p in parts)), parts, say, day,
                         person_id=person.id if person else None, room=room)

    async def _reply(self, context: TurnContext, card: dict) -> None:
        await context.send_activity(
            MessageFactory.attachment(Attachment(content_type=ADAPTIVE, content=card))
        )

    async def on_compose_unknown(self, context: TurnContext, _state: TurnState) -> None:
        """A compose-box command Följa does not have: say so in the compose box."""
        lang = self.core.lang(await self.core.who(context))
        body = {"composeExtension": {"type": "message", "text": t("lookup_compose_unknown", lang)}}
        await _invoke_response(context, body)

    async def on_search(self, context: TurnContext, _state: TurnState) -> None:
        """The compose box search: the same matches as a chat question, as a result list."""
        person = await self.core.who(context)
        lang = self.core.lang(person)
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        query = _parameter(value, "query")
        deps = self.core.deps
        items: list[dict] = []
        text = query if query and _parameter(value, "initialRun") != "true" else "mina åtgärder"
        result = await lookups.ask(deps.db, self.cache, text, person, zone=deps.settings.zone,
                                   place=place_of(context, compose=True),
                                   coordinators=deps.settings.coordinators, lang=lang)
        if result is not None:
            say, day = self._tools(lang)
            found = [(p.index, i) for p in result.parts
                     for i in compose_action_ids(p.index, p.answer)]
            found = found or [(result.index, i) for i in result.index.actions]
            items = [cards.compose_item(index, i, say, day) for index, i in found[:MAX_COMPOSE]]
        await _invoke_response(context, {"composeExtension": {
            "type": "result", "attachmentLayout": "list", "attachments": items}})


def place_of(context: TurnContext, compose: bool = False) -> Place:
    """Where the answer will be read. The compose box inserts the card into whatever
    conversation it is used in (a 1:1 chat with a colleague is "personal" too), so it never
    counts as the asker's own chat."""
    if turn.conversation_kind(context.activity) == "personal":
        return Place(COMPOSE if compose else PERSONAL)
    return Place(COMPOSE if compose else CHANNEL, channel_ref(context).conversation_id)


def compose_action_ids(index: LookupIndex, answer: Answer) -> list[int]:
    """The actions an answer is about, best first (for the compose-box result list)."""
    if answer.show in (Show.GROUP, Show.MINE):
        groups = answer.groups or (groups_for(index, answer.subject) if answer.subject else ())
        return [a.id for _, actions in groups for a in actions]
    ids: list[int] = []
    for hit in answer.hits:
        found = [hit.id] if hit.kind is Kind.ACTION else [
            a.id for _, actions in groups_for(index, hit) for a in actions]
        ids.extend(i for i in found if i not in ids)
    return ids


def _parameter(value: dict, name: str) -> str:
    for parameter in value.get("parameters") or []:
        if isinstance(parameter, dict) and parameter.get("name") == name:
            return str(parameter.get("value") or "").strip()
    return ""


def _wanted(kind: object, id_: object) -> tuple[Kind, int] | None:
    """(kind, id) of the item a button names, or None for anything that cannot name one."""
    if not isinstance(id_, int | str):
        return None
    try:
        return Kind(str(kind)), int(id_)
    except ValueError:
        return None


async def _invoke_response(context: TurnContext, body: dict) -> None:
    await context.send_activity(Activity(
        type=ActivityTypes.invoke_response, value=InvokeResponse(status=200, body=body)))
