"""A closed period's reports, frozen: the same bytes every time after the close.

The store is keyed by (scope, year, period, format, language); a scope names what a report covers:
`plan_scope(plan_id)` ("plan:12") for a district's report, "city" for the city-wide one. Any
report joins in by going through `frozen_or_live`:

    content = await frozen_or_live(db, period, CITY, "html", "sv",
                                   live=lambda: render_city(db, period, "html", "sv"))

An open period is always rendered live. A closed one answers with the stored bytes; when none
are stored yet for that key (a report added after the close, or a close whose freezing was
interrupted) the live rendering is stored at that first request and kept from then on. Renders
stay at the edges (services import no templates or charts): the caller passes `live`.
`freeze_period` renders every district report of a period right after it is closed, so the
later renames, role holders and clock moves never reach them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.periods import Period, PeriodSpec, round_day
from domain.yearend import compile_year_end
from services.periods import period_of
from services.plans import PlanNotFound
from services.yearend import YearEndData
from storage.db import Database
from storage.repository import Repository

log = logging.getLogger(__name__)

CITY = "city"
FORMATS = ("html", "xlsx", "md")
LANGUAGES = ("sv", "en")
#: (data, format, language, the time the file is dated) → the file's bytes; given by the edge.
Renderer = Callable[[YearEndData, str, str, datetime | None], bytes]


def plan_scope(plan_id: int) -> str:
    return f"plan:{plan_id}"


async def frozen_or_live(db: Database, period: Period, scope: str, fmt: str, lang: str,
                         live: Callable[[], Awaitable[bytes]]) -> bytes:
    """The stored bytes of a closed period's report (stored now on first request), or, for an
    open period, `live()`."""
    if not period.closed:
        return await live()
    async with db.transaction() as repo:
        kept = await repo.frozen_report(period, scope, fmt, lang)
    if kept is not None:
        return kept
    content = await live()
    async with db.transaction() as repo:  # a concurrent first request may have won: keep its
        return await repo.freeze_report(period, scope, fmt, lang, content)


async def plan_period_report(repo: Repository, plan_id: int, period: Period) -> YearEndData | None:
    """A district's follow-up compiled from the rounds of one period (each party's latest)."""
    plan = await repo.get_plan(plan_id)
    if plan is None:
        return None
    ids = {r.id for r in await repo.all_rounds()
           if r.plan_id == plan_id and period.covers(round_day(r))}
    actions = await repo.summary_actions(plan_id)
    reports = [r for r in await repo.party_reports(plan_id, None) if r.round_id in ids]
    areas = await repo.area_list(plan_id)
    return YearEndData(plan, compile_year_end(plan.name, plan.year, period.label, actions,
                                              reports, areas))


async def period_report_data(db: Database, plan_id: int, period: Period) -> YearEndData | None:
    async with db.transaction() as repo:
        return await plan_period_report(repo, plan_id, period)


async def freeze_period(db: Database, period: Period, render: Renderer,
                        formats: Sequence[str] = FORMATS,
                        languages: Sequence[str] = LANGUAGES) -> int:
    """Store the report of every plan with rounds in this closed period, in every format and
    language, dated at the close; returns how many files were stored (or were already)."""
    async with db.transaction() as repo:
        plan_ids = sorted({r.plan_id for r in await repo.all_rounds()
                           if period.covers(round_day(r))})
        reports = [await plan_period_report(repo, pid, period) for pid in plan_ids]
    count = 0
    for data in reports:
        if data is None:
            continue
        for fmt in formats:
            for lang in languages:
                async def live(fmt: str = fmt, lang: str = lang, data=data) -> bytes:
                    return render(data, fmt, lang, period.closed_at)
                await frozen_or_live(db, period, plan_scope(data.plan.id), fmt, lang, live)
                count += 1
    log.info("period %s frozen: %d files", period.label, count)
    return count


@dataclass(frozen=True)
class PeriodFile:
    """A district's report for one period: the file, and the period (closed: it is frozen)."""

    content: bytes
    period: Period


async def plan_period_file(db: Database, plan_ref: str, key: str, specs: Sequence[PeriodSpec],
                           fmt: str, lang: str, render: Renderer, year: int | None = None
                           ) -> PeriodFile:
    """`folja report PLAN --period P`: the rounds of that period of the plan's year (or `year`);
    frozen once the period is closed. Raises PlanNotFound, or PeriodError for an unknown key."""
    async with db.transaction() as repo:
        plan_id = await repo.find_plan_id(plan_ref)
        header = await repo.plan_header(plan_id) if plan_id else None
    if plan_id is None or header is None:
        raise PlanNotFound(plan_ref)
    period = await period_of(db, year or header[1], key, specs)

    async def live() -> bytes:
        data = await period_report_data(db, plan_id, period)
        if data is None:
            raise PlanNotFound(plan_ref)
        return render(data, fmt, lang, period.closed_at)

    return PeriodFile(await frozen_or_live(db, period, plan_scope(plan_id), fmt, lang, live),
                      period)
