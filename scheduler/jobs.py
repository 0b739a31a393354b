"""Scheduled jobs: a registry of names → async functions that only *write* (enqueue, open).

A job gets a `JobContext` and returns a small dict (kept in job_runs.result). It must be
idempotent — it may run again after a crash (tick takes over a run that never finished) — which
the outbox's dedupe keys make easy. Registering is one line:

    @job("weekly_summary")
    async def weekly_summary(ctx: JobContext) -> dict: ...

A schedule naming a job nobody registered waits quietly.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cards.followup_messages import COMPOSER
from cards.reminders import COMPOSER as REMINDERS
from config import Settings
from i18n.catalogue import t
from scheduler.period_job import close_due_periods
from scheduler.summary_job import run_summaries
from services.delivery_notices import notify_dead_letters
from services.escalation import queue_escalations
from services.privacy import run_retention
from services.reminders import queue_reminders
from services.rounds import FollowupError
from services.rounds import open_round as open_round_service
from services.standins import expire_standins
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobContext:
    db: Database
    settings: Settings
    now: datetime
    plan_id: int | None = None
    spec: dict = field(default_factory=dict)
    period: str = ""
    # Renders a district report's file (scheduler/district_report.render_report, handed in
    # lazily by the `folja` process so that a server never loads the charts it rarely draws).
    render: Callable[..., bytes] | None = None


JobFunc = Callable[[JobContext], Awaitable[dict]]
JOBS: dict[str, JobFunc] = {}  # filled at import by @job; read-only afterwards


def job(name: str) -> Callable[[JobFunc], JobFunc]:
    """Register `func` as the job called `name` (a later registration replaces an earlier)."""

    def register(func: JobFunc) -> JobFunc:
        JOBS[name] = func
        return func

    return register


@job("reminders")
async def reminders(ctx: JobContext) -> dict:
    """End the stand-ins whose last day has passed (audited), then queue the reminders that
    are due today (services/reminders.py)."""
    ended = await expire_standins(ctx.db, ctx.now)
    return {"queued": await queue_reminders(ctx.db, ctx.now, compose=REMINDERS,
                                            zone=ctx.settings.zone),
            "standins_ended": ended}


@job("escalation")
async def escalation(ctx: JobContext) -> dict:
    """Tell coordinators, privately, who missed two rounds in a row (services/escalation.py)."""
    return {"queued": await queue_escalations(ctx.db, ctx.now, compose=REMINDERS,
                                              zone=ctx.settings.zone)}


@job("open_round")
async def open_round(ctx: JobContext) -> dict:
    """Open a round on a set date (tertials, year end): spec args plan, label, due_in_days,
    areas. A label already used is not opened again, so a rerun after a crash opens nothing."""
    args = ctx.spec.get("args") or {}
    label = str(args.get("label") or "").format(period=ctx.period, year=ctx.now.year)
    if not args.get("plan") or not label:
        return {"skipped": "spec.args needs plan and label"}
    async with ctx.db.transaction() as repo:
        if await repo.find_round(label) is not None:
            return {"skipped": f"round {label!r} exists"}
    due = (ctx.now + timedelta(days=int(args.get("due_in_days", 14)))).date()
    try:
        opened = await open_round_service(ctx.db, str(args["plan"]), label=label, due=due,
                                          areas=args.get("areas"), actor="scheduler",
                                          now=ctx.now, compose=COMPOSER, zone=ctx.settings.zone)
    except FollowupError as err:  # e.g. an open round already covers these areas
        return {"skipped": err.key, **{k: str(v) for k, v in err.values.items()}}
    return {"round": opened.round.id, "prompted": len(opened.prompted)}


@job("dead_letters")
async def dead_letters(ctx: JobContext) -> dict:
    """Tell the coordinators, once per round, that messages could not be delivered."""
    def text(lang: str, count: int, round_id: int | None) -> str:
        return t("outbox_dead_letters", lang, count=count, round=round_id or "–")

    return await notify_dead_letters(ctx.db, ctx.settings.coordinators, ctx.now, text)


@job("weekly_summary")
async def weekly_summary(ctx: JobContext) -> dict:
    """The styrgrupp card of each open round, posted or updated in place."""
    return await run_summaries(ctx, new_period=True)


@job("summary_refresh")
async def summary_refresh(ctx: JobContext) -> dict:
    """Keep each round's styrgrupp card current as answers arrive."""
    return await run_summaries(ctx, new_period=False)


@job("retention")
async def retention(ctx: JobContext) -> dict:
    """Remove status-report free text older than FOLJA_RETENTION_YEARS; idempotent."""
    changed = await run_retention(ctx.db, years=ctx.settings.retention_years, now=ctx.now,
                                  actor="scheduler")
    return {"reports": changed}


@job("close_periods")
async def close_periods(ctx: JobContext) -> dict:
    """Close each reporting period FOLJA_PERIOD_CLOSE_DAYS after it ends; freeze its reports."""
    return await close_due_periods(ctx)
