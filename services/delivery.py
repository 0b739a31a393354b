"""Delivering the outbox: claim what is due, send it outside any transaction, record the result.

The sender is a port (`Sender`); bot/proactive.py implements it with the Agents SDK's connector
client, tests may use the same one against the connector stub.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from storage.db import Database
from storage.repos.outbox import OutboxEntry

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class Delivered:
    activity_id: str | None
    conversation_id: str | None = None


class SendError(Exception):
    """A send Teams refused; `status` 0 means the network failed before an answer."""

    def __init__(self, status: int, message: str = "", *, retry_after: float | None = None,
                 code: str = "") -> None:
        super().__init__(f"{status} {code} {message}".strip())
        self.status, self.retry_after, self.code = status, retry_after, code

    @property
    def permanent(self) -> bool:
        """403 (blocked, uninstalled), 400 and 404 will not get better by trying again."""
        return self.status in (400, 401, 403, 404)


class Sender(Protocol):
    async def deliver(self, entry: OutboxEntry) -> Delivered: ...


@dataclass
class DeliveryResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def backoff(attempt: int, retry_after: float | None) -> timedelta:
    """Retry-After when Teams gives one, else exponential (2, 4, 8, … seconds)."""
    if retry_after is not None:
        return timedelta(seconds=retry_after)
    return timedelta(seconds=min(2 ** (attempt + 1), 300))


async def deliver_due(
    db: Database, sender: Sender, *, now: datetime, worker_id: str = "w1", limit: int = 100
) -> DeliveryResult:
    """Send every due outbox row once; failures are rescheduled or marked dead."""
    async with db.transaction() as repo:
        entries = await repo.claim_due(now, worker_id, limit)
    result = DeliveryResult()
    for entry in entries:
        await _deliver_one(db, sender, entry, now, result)
    return result


async def _deliver_one(db: Database, sender: Sender, entry: OutboxEntry, now: datetime,
                       result: DeliveryResult) -> None:
    try:
        delivered = await sender.deliver(entry)
    except SendError as err:
        async with db.transaction() as repo:
            if err.permanent or entry.attempts + 1 >= MAX_ATTEMPTS:
                await repo.mark_failed(entry.id, str(err), status="failed" if err.permanent else "dead")
                result.failed += 1
            else:
                await repo.mark_retry(entry.id, str(err), now + backoff(entry.attempts, err.retry_after))
                result.retried += 1
        result.errors.append(f"{entry.id}: {err}")
        log.warning("outbox %s not delivered: %s", entry.id, err)
        return
    async with db.transaction() as repo:
        await repo.mark_sent(entry.id, delivered.activity_id, now, delivered.conversation_id)
    result.sent += 1
