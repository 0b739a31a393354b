"""tick(db, settings, now): run every scheduled job that is due, once per period.

Several replicas may tick at the same moment: each due schedule's (name, period) is claimed in
job_runs (unique), so exactly one of them runs it. A run that fails is tried again within its
period, with a growing backoff, and recorded (attempts, the error's class). Jobs only write — enqueue outbox rows, open a
round — and the delivery worker sends later. `now` is a parameter so tests choose the time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from config import Settings
from domain.schedule import Schedule, latest_due, next_after, period_key
from scheduler.jobs import JOBS, JobContext
from storage.db import Database

log = logging.getLogger(__name__)
STALE_RUN = timedelta(minutes=10)  # an unfinished run older than this is taken over
RETRY_FIRST = timedelta(minutes=5)  # a failed run is tried again after this, then doubling …
RETRY_MAX = timedelta(hours=1)  # … up to this, until its period ends


async def tick(db: Database, settings: Settings, now: datetime, *,
               render: Callable[..., bytes] | None = None) -> list[str]:
    """Run what is due; returns "name@period" for each job this call ran. `render` is handed
    to the jobs (JobContext.render: closing a reporting period freezes its reports)."""
    async with db.transaction() as repo:
        schedules = await repo.list_schedules(enabled_only=True)
    ran = []
    for schedule in schedules:
        if schedule.next_run_at is not None and schedule.next_run_at > now:
            continue
        if schedule.job not in JOBS:
            log.warning("schedule %s: no job called %r is registered", schedule.name, schedule.job)
            continue
        period = await _run(db, settings, schedule, now, render)
        if period is not None:
            ran.append(f"{schedule.name}@{period}")
    return ran


def _soon(now: datetime, wait: timedelta, regular: datetime | None) -> datetime:
    """`now + wait`, but never past the next regular run: a period's retries end with it."""
    at = now + wait
    return at if regular is None or at < regular else regular


def retry_wait(attempts: int) -> timedelta:
    """How long a failed run waits before it is tried again: RETRY_FIRST, doubling per attempt,
    at most RETRY_MAX."""
    return min(RETRY_FIRST * 2 ** min(max(attempts - 1, 0), 16), RETRY_MAX)


async def _run(db: Database, settings: Settings, schedule: Schedule, now: datetime,
               render: Callable[..., bytes] | None = None) -> str | None:
    """Claim (name, period), run the job, record the result; None when it did not succeed here.

    next_run_at moves to the next regular run only once the period's run has succeeded. While
    the job runs it says "after STALE_RUN" (so a process that dies mid-run is taken over), and
    after a failure "after the backoff", bounded by the next regular run: a run still failing
    when its period ends is left recorded as failed, and the next period runs as usual.
    """
    zone = settings.zone
    occurrence = latest_due(schedule.spec, now, zone)
    regular = next_after(schedule.spec, now, zone)
    async with db.transaction() as repo:
        if occurrence is None:
            await repo.set_next_run(schedule.id, regular)
            return None
        period = period_key(schedule.spec, occurrence, zone)
        if not await repo.claim_job_run(schedule.name, period, now, STALE_RUN):
            done = await repo.job_run_finished(schedule.name, period)
            await repo.set_next_run(schedule.id, regular if done else
                                    _soon(now, RETRY_FIRST, regular))
            return None
        await repo.set_next_run(schedule.id, _soon(now, STALE_RUN, regular))
    ctx = JobContext(db=db, settings=settings, now=now, plan_id=schedule.plan_id,
                     spec=schedule.spec, period=period, render=render)
    try:
        result = await JOBS[schedule.job](ctx)
    except Exception as exc:  # one job's fault must not stop the others
        log.exception("job %s (%s) failed", schedule.name, period)
        async with db.transaction() as repo:
            attempts = await repo.fail_job_run(schedule.name, period, type(exc).__name__)
            await repo.set_next_run(schedule.id, _soon(now, retry_wait(attempts), regular))
        return None
    async with db.transaction() as repo:
        await repo.finish_job_run(schedule.name, period, now, result or {})
        await repo.set_next_run(schedule.id, regular)
    log.info("job %s ran for %s: %s", schedule.name, period, result)
    return period
