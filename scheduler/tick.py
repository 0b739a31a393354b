"""tick(db, settings, now): run every scheduled job that is due, once per period.

Several replicas may tick at the same moment: each due schedule's (name, period) is claimed in
job_runs (unique), so exactly one of them runs it. Jobs only write — enqueue outbox rows, open a
round — and the delivery worker sends later. `now` is a parameter so tests choose the time.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from config import Settings
from domain.schedule import Schedule, latest_due, next_after, period_key
from scheduler.jobs import JOBS, JobContext
from storage.db import Database

log = logging.getLogger(__name__)
STALE_RUN = timedelta(minutes=10)  # an unfinished run older than this is taken over


async def tick(db: Database, settings: Settings, now: datetime) -> list[str]:
    """Run what is due; returns "name@period" for each job this call ran."""
    async with db.transaction() as repo:
        schedules = await repo.list_schedules(enabled_only=True)
    ran = []
    for schedule in schedules:
        if schedule.next_run_at is not None and schedule.next_run_at > now:
            continue
        if schedule.job not in JOBS:
            log.warning("schedule %s: no job called %r is registered", schedule.name, schedule.job)
            continue
        period = await _run(db, settings, schedule, now)
        if period is not None:
            ran.append(f"{schedule.name}@{period}")
    return ran


async def _run(db: Database, settings: Settings, schedule: Schedule, now: datetime
               ) -> str | None:
    """Claim (name, period), run the job, record the result; None when someone else had it."""
    zone = settings.zone
    occurrence = latest_due(schedule.spec, now, zone)
    async with db.transaction() as repo:
        await repo.set_next_run(schedule.id, next_after(schedule.spec, now, zone))
        if occurrence is None:
            return None
        period = period_key(schedule.spec, occurrence, zone)
        if not await repo.claim_job_run(schedule.name, period, now, STALE_RUN):
            return None
    ctx = JobContext(db=db, settings=settings, now=now, plan_id=schedule.plan_id,
                     spec=schedule.spec, period=period)
    try:
        result = await JOBS[schedule.job](ctx)
    except Exception as exc:  # one job's fault must not stop the others
        log.exception("job %s (%s) failed", schedule.name, period)
        async with db.transaction() as repo:
            await repo.finish_job_run(schedule.name, period, now, {"error": str(exc)[:500]},
                                      ok=False)
        return None
    async with db.transaction() as repo:
        await repo.finish_job_run(schedule.name, period, now, result or {})
    log.info("job %s ran for %s: %s", schedule.name, period, result)
    return period
