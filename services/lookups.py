"""Quick lookups: answer a short question about the newest plan from a cached index.

Each question costs two small queries (which plan, and its version stamp); the plan and its
latest statuses are loaded again (four queries) only when that stamp changes — after an import, a
new status, a new owner or role holder. The cache is an object the app owns, never module state.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.lookup import Answer, LookupIndex, answer, build_index, parse_question
from domain.model import Person
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
    """The index of the newest active plan, rebuilt only when the plan's version changed."""
    async with db.transaction() as repo:
        plan_id = await repo.newest_plan_id()
        if plan_id is None:
            return None
        key = (plan_id, *await repo.lookup_version(plan_id))
        if cache.key == key and cache.index is not None:
            return cache.index
        plan = await repo.get_plan(plan_id)
        statuses = await repo.latest_statuses(plan_id, zone)
    if plan is None:
        return None
    index = build_index(plan, statuses)
    cache.key, cache.index = key, index
    log.info("lookup index rebuilt for plan %s (%d actions)", plan_id, len(index.actions))
    return index


async def ask(
    db: Database, cache: LookupCache, text: str, asker: Person | None, *,
    zone: ZoneInfo, lang: str = "sv",
) -> LookupResult | None:
    """The answer to `text` over the newest plan; None when no plan is imported yet."""
    index = await current_index(db, cache, zone)
    if index is None:
        return None
    question = parse_question(text, lang)
    return LookupResult(index, answer(index, question, asker.id if asker else None))
