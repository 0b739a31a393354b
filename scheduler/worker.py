"""The background loop of a serving process: tick the scheduler, deliver what the outbox holds.

Runs inside `folja serve` (one task per process) or alone as `folja worker`; several processes
may run it against one PostgreSQL, as claims skip rows another worker holds and each job runs
once per period. On SQLite run one worker only (no row locks).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from datetime import timedelta

from config import Settings
from domain.clock import Clock
from scheduler.tick import tick
from services.delivery import DeliveryPolicy, Pipeline, Sender
from storage.db import Database, DatabaseUnavailable

log = logging.getLogger(__name__)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def policy_of(settings: Settings) -> DeliveryPolicy:
    return DeliveryPolicy(max_attempts=settings.outbox_max_attempts,
                          concurrency=settings.delivery_concurrency,
                          claim_timeout=timedelta(seconds=settings.outbox_claim_timeout))


async def run_worker(db: Database, sender: Sender, settings: Settings | None = None, *,
                     interval: float = 1.0, clock: Clock | None = None,
                     render: Callable[..., bytes] | None = None) -> None:
    """Deliver and tick until cancelled; a database outage only delays delivery.

    Delivery is one continuous pipeline (services.delivery.Pipeline: up to
    FOLJA_DELIVERY_CONCURRENCY sends in flight, claims refilled as they finish); the scheduler
    ticks beside it and pokes it when a job may have queued messages. Both read `clock` (by
    default the database's, which the composition root chose). `render` goes to the jobs
    (scheduler/jobs.JobContext.render)."""
    settings = settings or Settings(database_url=db.url)
    clock = clock or db.clock
    pipeline = Pipeline(db, sender, worker_id=worker_id(), policy=policy_of(settings),
                        idle=interval, clock=clock)
    delivering = asyncio.create_task(pipeline.run(), name="outbox-pipeline")
    try:
        while True:
            try:
                ran = await tick(db, settings, clock(), render=render)
                if ran:
                    log.info("scheduler ran %s", ", ".join(ran))
                    pipeline.poke()
            except DatabaseUnavailable:
                log.warning("worker: database unavailable, retrying")
            except Exception:  # the loop must survive any single failure
                log.exception("worker failed")
            result = pipeline.take_result()
            if result.busy:
                log.info("outbox: %s sent, %s retried, %s failed, %s deferred", result.sent,
                         result.retried, result.failed, result.deferred)
            if delivering.done():  # it only ends on a bug: say so and start it again
                log.error("outbox pipeline stopped: %r",
                          None if delivering.cancelled() else delivering.exception())
                delivering = asyncio.create_task(pipeline.run(), name="outbox-pipeline")
            await asyncio.sleep(settings.scheduler_interval)
    finally:
        await stop(delivering)


async def stop(task: asyncio.Task | None) -> None:
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
