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
that message again. A send that is merely slow is not: while Teams has not answered, its worker
moves the claim on (a heartbeat every third of the timeout, `send_holding_claim`), so no other
worker takes the row. Every outcome is recorded only under the claim it was sent with (worker and
claim time): a worker whose claim lapsed and was taken over "lost the claim", and its mark is
refused rather than overwriting the other worker's. Likewise a network error after Teams
received the request (the answer was lost) is retried. Everything else is unique by key: the
outbox's dedupe_key (opening a round twice queues nothing new), lane claims under SKIP LOCKED
(two replicas never hold one row), and job_runs (a schedule fires once per period).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol

from domain.clock import Clock
from domain.model import ConversationRef
from storage.db import Database, DatabaseUnavailable
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
    lost: int = 0  # outcomes not recorded: another worker had taken the row over meanwhile
    errors: list[str] = field(default_factory=list)

    def add(self, other: DeliveryResult, *, keep_errors: int = 1000) -> None:
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        self.dead += other.dead
        self.deferred += other.deferred
        self.lost += other.lost
        self.errors = (self.errors + other.errors)[-keep_errors:]

    @property
    def busy(self) -> bool:
        return bool(self.sent or self.retried or self.failed or self.deferred or self.lost)


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
    """One batch: claim up to `limit` due rows (at `now`, which tests may move), send them,
    different conversations concurrently, and record the outcomes. A worker runs `Pipeline`
    instead, which never waits for a batch's slowest send.

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

    def clock() -> datetime:
        return now + timedelta(seconds=time.monotonic() - started)

    async def one(entry: OutboxEntry) -> None:
        async with gate:  # held until the outcome is committed: ≤ concurrency unrecorded sends
            entry, outcome = await send_holding_claim(db, sender, entry, clock,
                                                      policy.claim_timeout)
            await recorder.record(entry, outcome, clock())  # Retry-After from *now*

    await asyncio.gather(*(one(e) for e in entries))  # claims hold one row per lane
    return result


class Pipeline:
    """Continuous delivery for a worker: up to `concurrency` sends in flight at all times.

    Claims are refilled as sends finish (a few rows ahead, so a free slot never waits for the
    database), outcomes are group-committed as they come, and a slow send or a Retry-After only
    holds its own slot. When nothing more is due, the loop sleeps until the earliest pending
    lane head comes due, a send finishes (its lane's next row may now go), `poke()` is called
    (something was queued), or `idle` seconds pass (another process may have queued rows).

    Every guarantee of `deliver_due` holds: the database is the retry state, a claim takes only
    lane heads under SKIP LOCKED, and a send keeps its slot until its outcome is committed, so at
    most `concurrency` sends are ever unrecorded (claimed rows not yet being sent are never
    "in flight"; a stopping pipeline hands them back).
    """

    def __init__(self, db: Database, sender: Sender, *, worker_id: str = "w1",
                 policy: DeliveryPolicy | None = None, idle: float = 1.0, grace: float = 5.0,
                 clock: Clock | None = None) -> None:
        self._db, self._sender, self._worker_id = db, sender, worker_id
        self._policy = policy or DeliveryPolicy()
        self._idle, self._grace, self._clock = idle, grace, clock or db.clock
        self.result = DeliveryResult()
        self._recorder = _Recorder(db, self._policy, self.result)
        self._gate = asyncio.Semaphore(self._policy.concurrency)
        self._tasks: set[asyncio.Task] = set()
        self._waiting: dict[int, asyncio.Task] = {}  # claimed, not sending yet: can go back
        self._wake = asyncio.Event()

    def poke(self) -> None:
        """Something was queued: claim now instead of at the next idle poll."""
        self._wake.set()

    def take_result(self) -> DeliveryResult:
        """What was delivered since the last call (for a periodic log line)."""
        result, self.result = self.result, DeliveryResult()
        self._recorder.result = self.result
        return result

    async def run(self, *, drain: bool = False) -> DeliveryResult:
        """Deliver until cancelled; with `drain`, return once nothing is pending or sending."""
        capacity = 2 * self._policy.concurrency  # in flight plus claimed ahead
        refill = max(1, self._policy.concurrency // 2)
        try:
            while True:
                due_at: datetime | None = None
                free = capacity - len(self._tasks)
                if free >= refill or not self._tasks:
                    due_at = await self._claim(free)
                    if due_at is None:
                        continue  # a full claim: more may be due, claim again when room
                    if drain and not self._tasks and await self._drained():
                        return self.result
                await self._wait(due_at)
        finally:
            await self._stop()

    async def _claim(self, want: int) -> datetime | None:
        """Claim up to `want` rows; None when it got them all, else when to look again."""
        try:
            async with self._db.transaction() as repo:
                entries = await repo.claim_due(self._clock(), self._worker_id, want,
                                               self._policy.claim_timeout)
            for entry in entries:
                task = asyncio.create_task(self._one(entry))
                self._waiting[entry.id] = task
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            if len(entries) == want:
                return None
            async with self._db.transaction() as repo:
                due = await repo.next_due()
        except DatabaseUnavailable:
            log.warning("outbox: database unavailable, retrying")
            due = None
        except Exception:  # one failed claim must not stop delivery
            log.exception("outbox: claim failed")
            due = None
        now = self._clock()
        if due is None:
            return now + timedelta(seconds=self._idle)
        return max(due, now + timedelta(seconds=0.02))  # locked elsewhere: no hot loop

    async def _wait(self, due_at: datetime | None) -> None:
        """Until a send finishes, `due_at` passes, a poke, or `idle` seconds."""
        timeout = self._idle if due_at is None else \
            min(self._idle, max(0.0, (due_at - self._clock()).total_seconds()))
        if due_at is not None and timeout <= 0:
            return
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait([*self._tasks, waker], timeout=timeout,
                               return_when=asyncio.FIRST_COMPLETED)
        finally:
            waker.cancel()
        self._wake.clear()

    async def _one(self, entry: OutboxEntry) -> None:
        async with self._gate:  # held until the outcome is committed
            self._waiting.pop(entry.id, None)
            fresh = await self._still_ours(entry)
            if fresh is None:
                return
            entry, outcome = await send_holding_claim(self._db, self._sender, fresh,
                                                      self._clock, self._policy.claim_timeout)
            token = self._recorder.queue(entry, outcome, self._clock())
            for pause in (0.5, 1, 2, 4, 8, 15, 30, 30, 30, 30):  # the database may be down
                try:
                    await self._recorder.flush(token)
                    return
                except Exception:  # keep the slot and try again
                    log.warning("outbox %s: recording the outcome failed, retrying", entry.id,
                                exc_info=True)
                    await asyncio.sleep(pause)
            log.error("outbox %s: outcome never recorded; the claim will go stale", entry.id)

    async def _still_ours(self, entry: OutboxEntry) -> OutboxEntry | None:
        """A row claimed ahead may wait for a free slot while sends are paced: when it waited a
        third of the claim timeout, renew the claim before sending, and leave the row alone if
        another worker has taken it over meanwhile (else both would send it)."""
        held = entry.claimed_at
        if held is None or self._clock() - held < self._policy.claim_timeout / 3:
            return entry
        try:
            async with self._db.transaction() as repo:
                at = await repo.extend_claim(entry, self._clock())
        except DatabaseUnavailable:  # let the claim lapse: whoever takes the row sends it
            log.warning("outbox %s: could not renew the claim before sending", entry.id)
            return None
        if at is None:
            self.result.lost += 1
            log.warning("outbox %s: claimed too long ago, taken over; not sent", entry.id)
            return None
        return replace(entry, claimed_at=at)

    async def _drained(self) -> bool:
        async with self._db.transaction() as repo:
            counts = await repo.count_outbox()
        return not counts.get("pending") and not counts.get("sending")

    async def _stop(self) -> None:
        """Hand back what never started; give sends under way a moment to be recorded."""
        waiting = dict(self._waiting)
        for task in waiting.values():
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=self._grace)
        for task in list(self._tasks):
            task.cancel()
        if waiting:
            with contextlib.suppress(Exception):
                async with self._db.transaction() as repo:
                    await repo.release_claims(list(waiting), self._worker_id)


async def send_holding_claim(db: Database, sender: Sender, entry: OutboxEntry, clock: Clock,
                             claim_timeout: timedelta
                             ) -> tuple[OutboxEntry, Delivered | SendError]:
    """Send `entry`, moving its claim on every third of `claim_timeout` while Teams has not
    answered (a heartbeat), so a slow send is never taken over and sent again by another
    worker. Returns the entry as last claimed (the claim its outcome is recorded under).

    A worker that dies stops its heartbeat, and its rows come free after the timeout as before.
    A heartbeat that cannot reach the database leaves the claim to lapse; if another worker
    then takes the row, this worker's outcome is refused ("lost the claim")."""
    held = entry
    beat = max(claim_timeout.total_seconds() / 3, 0.01)

    async def heartbeat() -> None:
        nonlocal held
        while True:
            await asyncio.sleep(beat)
            try:
                async with db.transaction() as repo:
                    at = await repo.extend_claim(held, clock())
            except Exception:  # the database may be briefly away: try at the next beat
                log.warning("outbox %s: could not extend the claim", entry.id, exc_info=True)
                continue
            if at is None:
                log.warning("outbox %s: lost the claim while sending", entry.id)
                return
            held = replace(held, claimed_at=at)

    beating = asyncio.create_task(heartbeat())
    try:
        outcome: Delivered | SendError = await sender.deliver(entry)
    except SendError as err:
        outcome = err
    except Exception as err:  # a broken send is a retryable failure, under the claim held now
        log.exception("outbox %s: send failed", entry.id)
        outcome = SendError(0, f"{type(err).__name__}: {err}")
    finally:
        beating.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beating
    return held, outcome


class _Recorder:
    """Group commit: outcomes that finish while a write runs are written together next, so the
    database sees one transaction per burst instead of one per message, and no outcome waits
    longer than one write."""

    def __init__(self, db: Database, policy: DeliveryPolicy, result: DeliveryResult) -> None:
        self._db, self._policy, self.result = db, policy, result
        self._pending: list[tuple[int, OutboxEntry, Delivered | SendError, datetime]] = []
        self._written: set[int] = set()  # tokens written by another caller, not yet collected
        self._lock = asyncio.Lock()
        self._tokens = itertools.count()

    async def record(self, entry: OutboxEntry, outcome: Delivered | SendError,
                     at: datetime) -> int:
        """Queue an outcome and return once it is committed; raises when the write failed (the
        outcome stays queued: `flush(token)` tries again)."""
        token = self.queue(entry, outcome, at)
        await self.flush(token)
        return token

    def queue(self, entry: OutboxEntry, outcome: Delivered | SendError, at: datetime) -> int:
        token = next(self._tokens)
        self._pending.append((token, entry, outcome, at))
        return token

    async def flush(self, token: int) -> None:
        async with self._lock:
            if token in self._written:
                self._written.discard(token)
                return
            batch, self._pending = self._pending, []
            try:
                await self._write(batch)
            except BaseException:
                self._pending = batch + self._pending  # the next writer tries them again
                raise
            self._written.update(t for t, _, _, _ in batch if t != token)

    async def _write(self, batch: list) -> None:
        async with self._db.transaction() as repo:
            held = await repo.held_claims([e for _, e, _, _ in batch])
            result = DeliveryResult()
            for _, entry, _, _ in batch:
                if entry.id not in held:
                    _lost(entry, result)
            batch = [item for item in batch if item[1].id in held]
            sent = [(e, o, at) for _, e, o, at in batch if isinstance(o, Delivered)]
            await repo.mark_sent_many([
                {"id": e.id, "activity_id": o.activity_id, "sent_at": at,
                 "conversation_id": o.conversation_id or e.conversation_id,
                 "attempts": e.attempts + 1} for e, o, at in sent])
            for entry, outcome, _ in sent:
                if outcome.created is not None:
                    await _remember_chat(repo, entry, outcome.conversation_id, outcome.created)
            for _, entry, outcome, at in batch:
                if isinstance(outcome, SendError):
                    await _record_error(repo, entry, outcome, at, result, self._policy)
        result.sent = len(sent)
        self.result.add(result)  # counted once committed, so a failed write counts nothing


def _lost(entry: OutboxEntry, result: DeliveryResult) -> None:
    """This worker's claim lapsed and another worker took the row: its outcome is not ours to
    record (the other worker's stands)."""
    result.lost += 1
    log.warning("outbox %s: lost the claim (%s); outcome not recorded", entry.id,
                entry.claimed_by)


async def _remember_chat(repo, entry: OutboxEntry, conversation_id: str | None,
                         created: dict) -> None:
    """A personal chat Följa created: store it so the next message goes straight there."""
    person_id = entry.person_id
    aad = (entry.target.get("create_personal") or {}).get("aad_object_id")
    if person_id is None and aad:
        person = await repo.person_by_aad(aad)
        person_id = person.id if person else None
    ref = ConversationRef(conversation_id=conversation_id or "", service_url=created["service_url"],
                          tenant_id=created.get("tenant_id"), user_id=aad)
    await repo.save_conversation_ref(ref, kind="personal", person_id=person_id)


async def _record_error(repo, entry: OutboxEntry, err: SendError, now: datetime,
                        result: DeliveryResult, policy: DeliveryPolicy) -> None:
    if isinstance(err, Deferred):
        if not await repo.mark_retry(entry.id, str(err), now + backoff(0, err.retry_after),
                                     counts=False, claim=entry):
            return _lost(entry, result)
        result.deferred += 1
        return
    if err.permanent:
        if not await repo.mark_failed(entry.id, str(err), status="failed", claim=entry):
            return _lost(entry, result)
        if err.status == 403 and entry.person_id is not None:
            await repo.mark_unreachable(entry.person_id, err.code or "Forbidden", now)
        result.failed += 1
    elif entry.attempts + 1 >= policy.max_attempts:
        if not await repo.mark_failed(entry.id, str(err), status="dead", claim=entry):
            return _lost(entry, result)
        result.failed += 1
        result.dead += 1
    else:
        if not await repo.mark_retry(entry.id, str(err),
                                     now + backoff(entry.attempts, err.retry_after), claim=entry):
            return _lost(entry, result)
        result.retried += 1
    result.errors.append(f"{entry.id}: {err}")
    log.warning("outbox %s not delivered (attempt %s): %s", entry.id, entry.attempts + 1, err)
