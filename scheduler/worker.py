"""The background loop of a serving process: deliver what the outbox holds, as it falls due.

Runs inside `folja serve` (one task per process); several processes may run it against one
PostgreSQL, as claims skip rows another worker holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from datetime import UTC, datetime

from services.delivery import Sender, deliver_due
from storage.db import Database, DatabaseUnavailable

log = logging.getLogger(__name__)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def run_worker(db: Database, sender: Sender, *, interval: float = 2.0) -> None:
    """Deliver due outbox rows until cancelled; a database outage only delays delivery."""
    me = worker_id()
    while True:
        try:
            result = await deliver_due(db, sender, now=datetime.now(UTC), worker_id=me)
            if result.sent or result.retried or result.failed:
                log.info("outbox: %s sent, %s retried, %s failed", result.sent, result.retried,
                         result.failed)
                continue  # more may be due right away
        except DatabaseUnavailable:
            log.warning("outbox worker: database unavailable, retrying")
        except Exception:  # noqa: BLE001 - the loop must survive any single failure
            log.exception("outbox worker failed")
        await asyncio.sleep(interval)


async def stop(task: asyncio.Task | None) -> None:
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
