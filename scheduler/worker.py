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
import time
from datetime import UTC, datetime, timedelta

from config import Settings
from scheduler.tick import tick
from services.delivery import DeliveryPolicy, Sender, deliver_due
from storage.db import Database, DatabaseUnavailable

log = logging.getLogger(__name__)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def policy_of(settings: Settings) -> DeliveryPolicy:
    return DeliveryPolicy(max_attempts=settings.outbox_max_attempts,
                          concurrency=settings.delivery_concurrency,
                          claim_timeout=timedelta(seconds=settings.outbox_claim_timeout))


def batch_size(settings: Settings) -> int:
    """About two seconds of sending: big enough to keep the rate, small enough that a claimed
    row never waits near the claim timeout."""
    return max(10, min(500, settings.tenant_rate_per_second * 2))


async def run_worker(db: Database, sender: Sender, settings: Settings | None = None, *,
                     interval: float = 1.0) -> None:
    """Deliver and tick until cancelled; a database outage only delays delivery."""
    settings = settings or Settings(database_url=db.url)
    me, policy, batch = worker_id(), policy_of(settings), batch_size(settings)
    next_tick = 0.0
    while True:
        busy = False
        try:
            if time.monotonic() >= next_tick:
                next_tick = time.monotonic() + settings.scheduler_interval
                ran = await tick(db, settings, datetime.now(UTC))
                if ran:
                    log.info("scheduler ran %s", ", ".join(ran))
            result = await deliver_due(db, sender, now=datetime.now(UTC), worker_id=me,
                                       limit=batch, policy=policy)
            busy = bool(result.sent or result.retried or result.failed or result.deferred)
            if busy:
                log.info("outbox: %s sent, %s retried, %s failed, %s deferred", result.sent,
                         result.retried, result.failed, result.deferred)
        except DatabaseUnavailable:
            log.warning("worker: database unavailable, retrying")
        except Exception:  # noqa: BLE001 - the loop must survive any single failure
            log.exception("worker failed")
        if not busy:
            await asyncio.sleep(interval)


async def stop(task: asyncio.Task | None) -> None:
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
