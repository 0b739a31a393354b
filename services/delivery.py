"""Delivering the outbox: claim what is due, send it outside any transaction, record the result.

The sender is a port (`Sender`); bot/proactive.py implements it with the Agents SDK's connector
client (and paces it under Teams' limits), tests may use the same one against the connector stub.

Retry state lives in the database (attempts, next_attempt_at), so retries survive restarts:
- 429: wait what Retry-After says; 412, 5xx, 408 and network errors: exponential backoff with
  jitter; after `max_attempts` tries the row is "dead" (a dead letter: `folja outbox --failed`).
- 403 (MessageWritesBlocked, BotNotInConversationRoster, ConversationBlockedByUser): "failed", the
  person is marked unreachable, no retry. 400/404 are "failed" too: trying again cannot help.
- Our own pacing (a conversation's hourly budget is spent) puts the row back without an attempt.

Exactly once, and the one window that remains: a row is claimed (pending → sending) in one short
transaction, sent, and marked sent in another. If the process dies after Teams accepted the
message but before "sent" is committed — one HTTP response plus one group commit, a few
milliseconds per message, and at most `concurrency` messages (a send keeps its slot until its
outcome is committed) — the claim goes stale after `claim_timeout` and another worker sends
that message again. Likewise a network error after Teams
received the request (the answer was lost) is retried. Everything else is unique by key: the
outbox's dedupe_key (opening a round twice queues nothing new), lane claims under SKIP LOCKED
(two replicas never hold one row), and job_runs (a schedule fires once per period).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from domain.model import ConversationRef
from storage.db import Database
from storage.repos.outbox import CLAIM_TIMEOUT, OutboxEntry

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
RETRYABLE = frozenset({0, 401, 408, 412, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Delivered:
    activity_id: str | None
    conversation_id: str | None = None
    created: dict | None = None  # the new personal chat: {"service_url", "tenant_id"}


class SendError(Exception):
    """A send Teams refused; `status` 0 means the network failed before an answer."""

    def __init__(self, status: int, message: str = "", *, retry_after: float | None = None,
                 code: str = "") -> None:
        super().__init__(f"{status} {code} {message}".strip())
        self.status, self.retry_after, self.code = status, retry_after, code

    @property
    def permanent(self) -> bool:
        """403 (blocked, uninstalled), 400, 404 … will not get better by trying again."""
        return self.status not in RETRYABLE


class Deferred(SendError):
    """Not sent: our own pacing says the conversation's budget is spent for `retry_after` s."""

    def __init__(self, wait: float) -> None:
        super().__init__(429, "paced by Följa", retry_after=wait, code="Deferred")


class Sender(Protocol):
    async def deliver(self, entry: OutboxEntry) -> Delivered: ...


@dataclass(frozen=True)
class DeliveryPolicy:
    max_attempts: int = MAX_ATTEMPTS
    concurrency: int = 16
    claim_timeout: timedelta = CLAIM_TIMEOUT


@dataclass
class DeliveryResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0  # failed for good: permanent errors plus dead letters
    dead: int = 0
    deferred: int = 0
    errors: list[str] = field(default_factory=list)


def backoff(attempt: int, retry_after: float | None, rng: random.Random | None = None
            ) -> timedelta:
    """Retry-After when Teams gives one; else 1, 2, 4 … s (max 10 min), half of it jittered
    (so the worst case over 8 attempts is about two minutes, and retries do not arrive in step)."""
    if retry_after is not None:
        return timedelta(seconds=retry_after)
    base = min(2.0 ** attempt, 600.0)
    return timedelta(seconds=base / 2 + (rng or random).uniform(0, base / 2))


async def deliver_due(
    db: Database, sender: Sender, *, now: datetime, worker_id: str = "w1", limit: int = 100,
    policy: DeliveryPolicy | None = None, claim_lock: asyncio.Lock | None = None,
) -> DeliveryResult:
    """Send every due outbox row once, different conversations concurrently.

    Several calls may overlap in one process (the next batch fills while this one finishes)
    when they share `claim_lock`: SQLite has no row locks, so claims must not interleave.
    """
    policy = policy or DeliveryPolicy()
    async with claim_lock or contextlib.nullcontext(), db.transaction() as repo:
        entries = await repo.claim_due(now, worker_id, limit, policy.claim_timeout)
    result = DeliveryResult()
    gate = asyncio.Semaphore(policy.concurrency)
    recorder = _Recorder(db, policy, result)
    started = time.monotonic()

    async def one(entry: OutboxEntry) -> None:
        async with gate:  # held until the outcome is committed: ≤ concurrency unrecorded sends
            try:
                outcome: Delivered | SendError = await sender.deliver(entry)
            except SendError as err:
                outcome = err
            at = now + timedelta(seconds=time.monotonic() - started)  # Retry-After from *now*
            await recorder.record(entry, outcome, at)

    await asyncio.gather(*(one(e) for e in entries))  # claims hold one row per lane
    return result


class _Recorder:
    """Group commit: outcomes that finish while a write runs are written together next, so the
    database sees one transaction per burst instead of one per message, and no outcome waits
    longer than one write."""

    def __init__(self, db: Database, policy: DeliveryPolicy, result: DeliveryResult) -> None:
        self._db, self._policy, self._result = db, policy, result
        self._pending: list[tuple[OutboxEntry, Delivered | SendError, datetime]] = []
        self._written: set[int] = set()
        self._lock = asyncio.Lock()

    async def record(self, entry: OutboxEntry, outcome: Delivered | SendError,
                     at: datetime) -> None:
        self._pending.append((entry, outcome, at))
        async with self._lock:
            if entry.id in self._written:
                return
            batch, self._pending = self._pending, []
            try:
                await self._write(batch)
            except BaseException:
                self._pending = batch + self._pending  # the next writer tries them again
                raise
            self._written.update(e.id for e, _, _ in batch)

    async def _write(self, batch: list) -> None:
        async with self._db.transaction() as repo:
            sent = [(e, o, at) for e, o, at in batch if isinstance(o, Delivered)]
            await repo.mark_sent_many([
                {"id": e.id, "activity_id": o.activity_id, "sent_at": at,
                 "conversation_id": o.conversation_id or e.conversation_id,
                 "attempts": e.attempts + 1} for e, o, at in sent])
            for entry, outcome, _ in sent:
                if outcome.created is not None:
                    await _remember_chat(repo, entry, outcome)
            for entry, outcome, at in batch:
                if isinstance(outcome, SendError):
                    await _record_error(repo, entry, outcome, at, self._result, self._policy)
        self._result.sent += len(sent)


async def _remember_chat(repo, entry: OutboxEntry, delivered: Delivered) -> None:
    """A personal chat Följa created: store it so the next message goes straight there."""
    person_id = entry.person_id
    aad = (entry.target.get("create_personal") or {}).get("aad_object_id")
    if person_id is None and aad:
        person = await repo.person_by_aad(aad)
        person_id = person.id if person else None
    ref = ConversationRef(conversation_id=delivered.conversation_id or "",
                          service_url=delivered.created["service_url"],
                          tenant_id=delivered.created.get("tenant_id"), user_id=aad)
    await repo.save_conversation_ref(ref, kind="personal", person_id=person_id)


async def _record_error(repo, entry: OutboxEntry, err: SendError, now: datetime,
                        result: DeliveryResult, policy: DeliveryPolicy) -> None:
    if isinstance(err, Deferred):
        await repo.mark_retry(entry.id, str(err), now + backoff(0, err.retry_after), counts=False)
        result.deferred += 1
        return
    if err.permanent:
        await repo.mark_failed(entry.id, str(err), status="failed")
        if err.status == 403 and entry.person_id is not None:
            await repo.mark_unreachable(entry.person_id, err.code or "Forbidden", now)
        result.failed += 1
    elif entry.attempts + 1 >= policy.max_attempts:
        await repo.mark_failed(entry.id, str(err), status="dead")
        result.failed += 1
        result.dead += 1
    else:
        await repo.mark_retry(entry.id, str(err), now + backoff(entry.attempts, err.retry_after))
        result.retried += 1
    result.errors.append(f"{entry.id}: {err}")
    log.warning("outbox %s not delivered (attempt %s): %s", entry.id, entry.attempts + 1, err)
