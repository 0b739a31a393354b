"""Quick lookups: answer a short question about the newest plan from a cached index.

Each question costs two small queries (which plan, and its version stamp), and one more when
some status has free text the asker may not read (services.lookup_access); the plan is loaded
again (a constant handful of queries) only when that stamp changes — after an import, a new owner
or role holder — and a new status report only re-reads the latest statuses (one query). The cache is an object the app owns, never module state.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from domain.lookup import Answer, LookupIndex, answer, build_index, parse_question
from domain.model import Person
from services.lookup_access import NOWHERE, Place, readable_actions, without_free_text
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass
class LookupCache:
    """The index of one plan version; one per application."""

    key: tuple | None = None
    index: LookupIndex | None = field(default=None, repr=False)


@dataclass(frozen=True)
class LookupResult:
    index: LookupIndex
    answer: Answer


async def current_index(db: Database, cache: LookupCache, zone: ZoneInfo) -> LookupIndex | None:
    """The index of the newest active plan, rebuilt only when the plan's version changed.

    A new status report changes only the statuses: the text index is kept and just the latest
    statuses are read again (one query), so a busy report round does not rebuild the index.
    """
    async with db.transaction() as repo:
        plan_id = await repo.newest_plan_id()
        if plan_id is None:
            return None
        *stamps, newest_report = await repo.lookup_version(plan_id)
        key = (plan_id, *stamps, newest_report)
        if cache.key == key and cache.index is not None:
            return cache.index
        plan = None
        if cache.key is None or cache.key[:-1] != key[:-1] or cache.index is None:
            plan = await repo.get_plan(plan_id)
            if plan is None:
                return None
        statuses = await repo.latest_statuses(plan_id, zone)
    if plan is None:
        assert cache.index is not None  # the plan was read whenever there was no index
        index = replace(cache.index, statuses=statuses)
    else:
        index = build_index(plan, statuses)
        log.info("lookup index built for plan %s (%d actions)", plan_id, len(index.actions))
    cache.key, cache.index = key, index
    return index


async def visible_index(
    db: Database, cache: LookupCache, asker: Person | None, place: Place = NOWHERE, *,
    zone: ZoneInfo,
    coordinators: tuple[str, ...] = (),
) -> LookupIndex | None:
    """The newest plan's index as `asker` may read it in `place` (services.lookup_access)."""
    index = await current_index(db, cache, zone)
    if index is None:
        return None
    readable = await readable_actions(db, index, asker, place, coordinators)
    return without_free_text(index, readable)


async def ask(
    db: Database, cache: LookupCache, text: str, asker: Person | None, *,
    zone: ZoneInfo, place: Place = NOWHERE, coordinators: tuple[str, ...] = (), lang: str = "sv",
) -> LookupResult | None:
    """The answer to `text` over the newest plan, with only the free text `asker` may read in
    `place`; None when no plan is imported yet."""
    index = await visible_index(db, cache, asker, place, zone=zone, coordinators=coordinators)
    if index is None:
        return None
    question = parse_question(text, lang)
    return LookupResult(index, answer(index, question, asker.id if asker else None))
