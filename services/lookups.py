"""Quick lookups: answer a short question from the asker's own district's plan (then the other
districts'), each from a cached index.

Each question costs two small queries (which plan, and its version stamp), and one more when
some status has free text the asker may not read (services.lookup_access); the plan is loaded
again (a constant handful of queries) only when that stamp changes — after an import, a new owner
or role holder — and a new status report only re-reads the latest statuses (one query). The cache is an object the app owns, never module state.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from domain.lookup import Answer, LookupIndex, Show, answer, build_index, parse_question
from domain.model import Person
from services.lookup_access import NOWHERE, Place, readable_actions, without_free_text
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass
class LookupCache:
    """The index of each plan's current version (a district's newest plan); one per app."""

    keys: dict[int, tuple] = field(default_factory=dict)
    indexes: dict[int, LookupIndex] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class LookupResult:
    index: LookupIndex
    answer: Answer
    district: str = ""
    own: bool = True  # from the asker's own district (else the card names the district)


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
                       place: Place = NOWHERE) -> list[tuple[int, str, bool]]:
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

    Only a question the asker's own plan has no answer to reads further districts."""
    question = parse_question(text, lang)
    first: LookupResult | None = None
    plans = await plans_to_ask(db, asker, place)
    homeless = not any(own for _, _, own in plans)  # nobody's district: none is "another"
    for plan_id, district, own in plans:
        index = await visible_index(db, cache, asker, place, zone=zone,
                                    coordinators=coordinators, plan_id=plan_id)
        if index is None:
            continue
        result = LookupResult(index, answer(index, question, asker.id if asker else None),
                              district, own or homeless)
        first = first or result
        if _answered(result.answer):
            return result
    return first


def _answered(found: Answer) -> bool:
    return found.show not in (Show.NONE, Show.MINE) or bool(found.groups)
