"""Quick lookups: answer a short question from the asker's own district's plan (then the other
districts'), each from a cached index. "Mina åtgärder" reads every district the asker is bound
in, since a person (a kommunpolis, say) may answer for actions in several.

Each question costs two small queries (which plan, and its version stamp), and one more when
some status has free text the asker may not read (services.lookup_access); the plan is loaded
again (a constant handful of queries) only when that stamp changes — after an import, a new owner
or role holder — and a new status report only re-reads the latest statuses (one query). The cache is an object the app owns, never module state.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from zoneinfo import ZoneInfo

from domain.lookup import (
    Answer,
    Ask,
    Kind,
    LookupIndex,
    Question,
    Show,
    answer,
    build_index,
    parse_question,
)
from domain.model import Person
from services.lookup_access import NOWHERE, Place, readable_actions, without_free_text
from storage.db import Database

log = logging.getLogger(__name__)
PlanToAsk = tuple[int, str, bool]  # (plan id, district, the asker's own district)


@dataclass
class LookupCache:
    """The index of each plan's current version (a district's newest plan); one per app."""

    keys: dict[int, tuple] = field(default_factory=dict)
    indexes: dict[int, LookupIndex] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class LookupResult:
    """One district's answer to a question, with what the card needs to name its district."""

    index: LookupIndex
    answer: Answer
    district: str = ""
    own: bool = True  # from the asker's own district (else the card names the district)
    also: tuple[LookupResult, ...] = ()  # "mina åtgärder": the asker's further districts

    @property
    def parts(self) -> tuple[LookupResult, ...]:
        """This answer and the further districts' answers, one district each, in order."""
        return (self, *self.also)


async def current_index(db: Database, cache: LookupCache, zone: ZoneInfo,
                        plan_id: int | None = None) -> LookupIndex | None:
    """The index of one plan (default: the newest active one), rebuilt only when the plan's
    version changed.

    A new status report changes only the statuses: the text index is kept and just the latest
    statuses are read again (one query), so a busy report round does not rebuild the index.
    """
    async with db.transaction() as repo:
        plan_id = plan_id or await repo.newest_plan_id()
        if plan_id is None:
            return None
        *stamps, newest_report = await repo.lookup_version(plan_id)
        key = (plan_id, *stamps, newest_report)
        known, cached = cache.keys.get(plan_id), cache.indexes.get(plan_id)
        if known == key and cached is not None:
            return cached
        plan = None
        if known is None or known[:-1] != key[:-1] or cached is None:
            plan = await repo.get_plan(plan_id)
            if plan is None:
                return None
        statuses = await repo.latest_statuses(plan_id, zone)
    if plan is None:
        assert cached is not None  # the plan was read whenever there was no index
        index = replace(cached, statuses=statuses)
    else:
        index = build_index(plan, statuses)
        log.info("lookup index built for plan %s (%d actions)", plan_id, len(index.actions))
    cache.keys[plan_id], cache.indexes[plan_id] = key, index
    return index


async def plans_to_ask(db: Database, asker: Person | None,
                       place: Place = NOWHERE) -> list[PlanToAsk]:
    """(plan id, district, own) of each district's newest plan, the asker's own first."""
    async with db.transaction() as repo:
        return await repo.lookup_plans(asker.id if asker else None, place.base_conversation)


async def visible_index(
    db: Database, cache: LookupCache, asker: Person | None, place: Place = NOWHERE, *,
    zone: ZoneInfo,
    coordinators: tuple[str, ...] = (), plan_id: int | None = None,
) -> LookupIndex | None:
    """A plan's index (default: the asker's first) as `asker` may read it in `place`
    (services.lookup_access)."""
    if plan_id is None:
        plans = await plans_to_ask(db, asker, place)
        plan_id = plans[0][0] if plans else None
    index = await current_index(db, cache, zone, plan_id) if plan_id else None
    if index is None:
        return None
    readable = await readable_actions(db, index, asker, place, coordinators)
    return without_free_text(index, readable)


async def ask(
    db: Database, cache: LookupCache, text: str, asker: Person | None, *,
    zone: ZoneInfo, place: Place = NOWHERE, coordinators: tuple[str, ...] = (), lang: str = "sv",
) -> LookupResult | None:
    """The answer to `text`, from the asker's own districts first and then the others, with
    only the free text `asker` may read in `place`; None when no plan is imported yet.

    Only a question the asker's own plan has no answer to reads further districts; "mina
    åtgärder" is answered by every district the asker is bound in (`_mine`)."""
    question = parse_question(text, lang)
    plans = await plans_to_ask(db, asker, place)
    homeless = not any(own for _, _, own in plans)  # nobody's district: none is "another"
    read = partial(_answer_in, db, cache, question, asker, place, zone, coordinators, homeless)
    if question.ask is Ask.MINE:
        return await _mine(read, plans)
    first: LookupResult | None = None
    for plan in plans:
        result = await read(plan)
        if result is None:
            continue
        first = first or result
        if result.answer.show is not Show.NONE:
            return result
    return first


async def mine(
    db: Database, cache: LookupCache, asker: Person | None, *, zone: ZoneInfo,
    place: Place = NOWHERE, coordinators: tuple[str, ...] = (), lang: str = "sv",
    leave_out: Collection[str] = (),
) -> LookupResult | None:
    """"Mina åtgärder" in the asker's own districts but those named in `leave_out` (whose open
    rounds list the asker's actions already); None when no such district is left."""
    plans = [p for p in await plans_to_ask(db, asker, place) if p[2] and p[1] not in leave_out]
    if not plans:
        return None
    read = partial(_answer_in, db, cache, Question(Ask.MINE, "", lang), asker, place, zone,
                   coordinators, False)
    return await _mine(read, plans)


async def _mine(read: Callable[[PlanToAsk], Awaitable[LookupResult | None]],
                plans: list[PlanToAsk]) -> LookupResult | None:
    """The asker's actions in each of their own districts, one result per district (their
    first district's, the others in `also`): a person bound in several districts, such as a
    kommunpolis serving two, answers for actions in each. Costs the same few queries per
    district as any answer, never one per action. Someone bound nowhere owns nothing: their
    first plan answers that."""
    return joined([r for plan in [p for p in plans if p[2]] or plans[:1]
                   if (r := await read(plan)) is not None])


def joined(results: Sequence[LookupResult]) -> LookupResult | None:
    """Several districts' answers as one result: the first, the others in `also`."""
    return replace(results[0], also=tuple(results[1:])) if results else None


async def _answer_in(db: Database, cache: LookupCache, question: Question, asker: Person | None,
                     place: Place, zone: ZoneInfo, coordinators: tuple[str, ...],
                     homeless: bool, plan: PlanToAsk) -> LookupResult | None:
    """The answer to `question` from one plan, as `asker` may read it in `place`."""
    plan_id, district, own = plan
    index = await visible_index(db, cache, asker, place, zone=zone, coordinators=coordinators,
                                plan_id=plan_id)
    if index is None:
        return None
    return LookupResult(index, answer(index, question, asker.id if asker else None), district,
                        own or homeless)


async def index_holding(
    db: Database, cache: LookupCache, asker: Person | None, place: Place, kind: Kind,
    item_id: int, *, zone: ZoneInfo, coordinators: tuple[str, ...] = (),
) -> LookupIndex | None:
    """The index of the plan that holds the item a "Visa" button names, the asker's own plans
    first, as `asker` may read it in `place`; None when no plan has it (any more). A card may
    list several districts' actions ("mina åtgärder"), so the first plan is not always it."""
    for plan_id, _district, _own in await plans_to_ask(db, asker, place):
        index = await current_index(db, cache, zone, plan_id)
        if index is not None and index.hit(kind, item_id) is not None:
            readable = await readable_actions(db, index, asker, place, coordinators)
            return without_free_text(index, readable)
    return None
