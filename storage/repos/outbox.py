"""The outbox: messages Följa sends on its own, queued in the transaction that causes them.

Workers claim due rows, send outside any transaction, and record the result in a new one.

Ordering and replicas: every row has a *lane* (its conversation id, or "aad:<id>" while the
person's chat does not exist yet; an update takes the lane of the message it replaces). Only the
oldest unfinished row of a lane can be claimed, so one conversation's messages go out in order
and never two at once — on PostgreSQL across any number of workers, because the claim is
`SELECT … FOR UPDATE SKIP LOCKED` and the "is the oldest" test reads committed rows, which a
concurrent claim does not change (the row stays unfinished: pending → sending). SQLite has no
row locks: run one worker there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import overload

from sqlalchemy import func, select, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased

from storage.models import OutboxRow
from storage.repos.base import RepoBase, touched

CLAIM_TIMEOUT = timedelta(minutes=2)
LANE_MEMORY = timedelta(seconds=30)  # Teams' shorter conversation windows (1, 2 and 30 s)
LANE_MEMORY_ROWS = 60  # the most the 30 s window allows
UNFINISHED = ("pending", "sending")
FINISHED = ("sent", "failed", "dead")  # every other status holds its lane


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    kind: str
    dedupe_key: str
    target: dict
    activity: dict
    status: str
    attempts: int
    activity_id: str | None
    update_of: int | None
    update_of_activity_id: str | None
    update_of_conversation_id: str | None
    person_id: int | None
    round_id: int | None
    plan_id: int | None
    last_error: str
    lane: str = ""
    conversation_id: str | None = None
    next_attempt_at: datetime | None = None
    created_at: datetime | None = None
    sent_at: datetime | None = None
    claimed_by: str = ""
    claimed_at: datetime | None = None  # with claimed_by, the claim the worker's marks must hold
    # the lane's recent sends by other workers, (outbox id, seconds before the claim): the
    # conversation's windows count them, so a lane that moves between replicas keeps its limits
    lane_sends: tuple[tuple[int, float], ...] = ()


@overload
def aware(at: datetime) -> datetime: ...
@overload
def aware(at: None) -> None: ...
def aware(at: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


@overload
def utc(at: datetime) -> datetime: ...
@overload
def utc(at: None) -> None: ...
def utc(at: datetime | None) -> datetime | None:
    """Store UTC: SQLite keeps the wall time and drops the offset."""
    return at.astimezone(UTC) if at is not None and at.tzinfo is not None else at


def _entry(row: OutboxRow, original: OutboxRow | None = None) -> OutboxEntry:
    return OutboxEntry(
        id=row.id, kind=row.kind, dedupe_key=row.dedupe_key, target=row.target or {},
        activity=row.activity or {}, status=row.status, attempts=row.attempts,
        activity_id=row.activity_id, update_of=row.update_of,
        update_of_activity_id=original.activity_id if original else None,
        update_of_conversation_id=original.conversation_id if original else None,
        person_id=row.person_id, round_id=row.round_id, plan_id=row.plan_id,
        last_error=row.last_error, lane=row.lane, conversation_id=row.conversation_id,
        next_attempt_at=aware(row.next_attempt_at), created_at=aware(row.created_at),
        sent_at=aware(row.sent_at),
        claimed_by=row.claimed_by, claimed_at=aware(row.claimed_at),
    )


def lane_of(target: dict) -> str:
    """The conversation a target writes to, or the person whose chat is still to be created."""
    if target.get("conversation_id"):
        return str(target["conversation_id"])
    personal = target.get("create_personal") or {}
    return f"aad:{personal.get('aad_object_id', '')}"


def _outbox_values(message: dict, lane: str, due: datetime, now: datetime) -> dict:
    """The row of a new pending message: `message` holds kind, dedupe_key, activity, target and
    optionally plan_id, round_id, person_id and update_of."""
    target = message["target"]
    return dict(
        dedupe_key=message["dedupe_key"], kind=message["kind"], activity=message["activity"],
        target=target, plan_id=message.get("plan_id"), round_id=message.get("round_id"),
        person_id=message.get("person_id"), update_of=message.get("update_of"),
        conversation_id=target.get("conversation_id"), status="pending", attempts=0,
        next_attempt_at=due, created_at=now, claimed_by="", last_error="", lane=lane,
    )


def _lane_head():
    """The row is the oldest unfinished one of its lane: a correlated "first unfinished id of the
    lane" per candidate, one short walk of ix_outbox_lane_id. Not NOT EXISTS: PostgreSQL makes
    that an anti join, and right after a round is queued its statistics still say the table is
    nearly empty, so it joined every queued row with every other in a nested loop: seconds for
    one claim. And `NOT IN finished` rather than `IN unfinished`, which the same stale statistics
    made it answer by ANDing in the status index (every pending row, per candidate). Both are
    in BENCHMARKS.md, 'delivery'."""
    earlier = aliased(OutboxRow)
    return OutboxRow.id == (
        select(earlier.id)
        .where(earlier.lane == OutboxRow.lane, earlier.status.not_in(FINISHED))
        .order_by(earlier.id).limit(1)
        .correlate(OutboxRow).scalar_subquery()
    )


def _held(claim: OutboxEntry | None):
    """The row is still in flight under `claim` (the worker and the moment it claimed it, which
    a heartbeat moves on): a worker whose claim lapsed and was taken over matches nothing."""
    if claim is None:
        return true()
    return ((OutboxRow.id == claim.id) & (OutboxRow.status == "sending")
            & (OutboxRow.claimed_by == claim.claimed_by)
            & (OutboxRow.claimed_at == utc(claim.claimed_at)))


class OutboxRepo(RepoBase):
    async def enqueue(
        self, *, kind: str, dedupe_key: str, activity: dict, target: dict,
        plan_id: int | None = None, round_id: int | None = None, person_id: int | None = None,
        update_of: int | None = None, not_before: datetime | None = None,
    ) -> int | None:
        """Queue a message; None when `dedupe_key` was queued before (idempotent by design)."""
        now = self.now()
        lane = lane_of(target)
        if update_of is not None:
            lane = await self.session.scalar(
                select(OutboxRow.lane).where(OutboxRow.id == update_of)) or lane
        values = _outbox_values(
            dict(kind=kind, dedupe_key=dedupe_key, activity=activity, target=target,
                 plan_id=plan_id, round_id=round_id, person_id=person_id, update_of=update_of),
            lane, utc(not_before) or now, now)
        stmt = self._insert_new().values(**values).returning(OutboxRow.id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def enqueue_many(self, messages: Sequence[dict]) -> None:
        """Queue new messages (each `enqueue`'s keywords, no `update_of` or `not_before`) in one
        statement, in order; a `dedupe_key` queued before is skipped, as `enqueue` skips it. A
        round's prompts go this way: thousands of single INSERTs were most of a city round's
        opening."""
        if not messages:
            return
        now = self.now()
        rows = [_outbox_values(m, lane_of(m["target"]), now, now) for m in messages]
        await self.session.execute(self._insert_new(), rows)

    def _insert_new(self):
        """An INSERT into the outbox that leaves a dedupe key already queued alone: into the
        table, not the entity (for many rows the ORM's bulk path cost more than the statement)."""
        insert = pg_insert if self.dialect == "postgresql" else sqlite_insert
        return insert(OutboxRow.__table__).on_conflict_do_nothing(index_elements=["dedupe_key"])

    async def outbox_entry(self, outbox_id: int) -> OutboxEntry | None:
        row = await self.session.get(OutboxRow, outbox_id)
        if row is None:
            return None
        original = await self.session.get(OutboxRow, row.update_of) if row.update_of else None
        return _entry(row, original)

    async def claim_due(self, now: datetime, worker_id: str, limit: int,
                        claim_timeout: timedelta = CLAIM_TIMEOUT) -> list[OutboxEntry]:
        """Mark up to `limit` due lane heads as ours, oldest first; rows another worker holds
        are skipped."""
        now = utc(now)
        query = (
            select(OutboxRow)
            .where(
                ((OutboxRow.status == "pending") & (OutboxRow.next_attempt_at <= now))
                | ((OutboxRow.status == "sending") & (OutboxRow.claimed_at < now - claim_timeout)),
                _lane_head(),
            )
            .order_by(OutboxRow.id)  # oldest message first: a retry that has come due goes
            .limit(limit)            # before a round's newer prompts, not after all of them
            .with_for_update(skip_locked=True, of=OutboxRow)
        )
        rows = list(await self.session.scalars(query))
        originals = await self._originals(rows)
        for row in rows:
            row.status, row.claimed_by, row.claimed_at = "sending", worker_id, now
        await self.session.flush()
        recent = await self._lane_sends({r.lane for r in rows}, worker_id, now)
        return [replace(_entry(r, originals.get(r.update_of)), lane_sends=recent.get(r.lane, ()))
                for r in rows]

    async def _lane_sends(self, lanes: set[str], worker_id: str, now: datetime
                          ) -> dict[str, tuple[tuple[int, float], ...]]:
        """Sends of the last `LANE_MEMORY` into `lanes` by other workers. `sent_at` is stamped
        when the answer came, after the message arrived, so the windows count it a little late
        and keep it a little longer: the safe side."""
        if not lanes:
            return {}
        rows = await self.session.execute(
            select(OutboxRow.lane, OutboxRow.id, OutboxRow.sent_at)
            .where(OutboxRow.lane.in_(lanes), OutboxRow.status == "sent",
                   OutboxRow.sent_at > now - LANE_MEMORY, OutboxRow.claimed_by != worker_id)
            .order_by(OutboxRow.id.desc()).limit(LANE_MEMORY_ROWS * len(lanes))
        )
        found: dict[str, list[tuple[int, float]]] = {}
        for lane, row_id, sent_at in rows:
            sends = found.setdefault(lane, [])
            if len(sends) < LANE_MEMORY_ROWS and sent_at is not None:
                sends.append((row_id, (aware(now) - aware(sent_at)).total_seconds()))
        return {lane: tuple(sends) for lane, sends in found.items()}

    async def next_due(self) -> datetime | None:
        """When the earliest pending lane head comes due (None: nothing pending is claimable
        until a row in flight finishes). A worker sleeps until then instead of polling."""
        at = await self.session.scalar(
            select(func.min(OutboxRow.next_attempt_at)).where(
                OutboxRow.status == "pending", _lane_head())
        )
        return aware(at)

    async def release_claims(self, ids: list[int], worker_id: str) -> int:
        """Hand back rows this worker claimed but never started sending (it is stopping), so
        they need not wait out the claim timeout."""
        if not ids:
            return 0
        result = await self.session.execute(
            update(OutboxRow).where(OutboxRow.id.in_(ids), OutboxRow.status == "sending",
                                    OutboxRow.claimed_by == worker_id)
            .values(status="pending", claimed_by="")
        )
        return touched(result)

    async def _originals(self, rows: list[OutboxRow]) -> dict[int | None, OutboxRow]:
        ids = {r.update_of for r in rows if r.update_of}
        if not ids:
            return {}
        found = await self.session.scalars(select(OutboxRow).where(OutboxRow.id.in_(ids)))
        return {r.id: r for r in found}

    async def extend_claim(self, claim: OutboxEntry, now: datetime) -> datetime | None:
        """Keep a claim alive while its send is in flight (a heartbeat): the new claim time, or
        None when the claim was lost (another worker took the row, or it was recorded)."""
        now = utc(now)
        result = await self.session.execute(
            update(OutboxRow).where(_held(claim)).values(claimed_at=now)
        )
        return aware(now) if touched(result) else None

    async def held_claims(self, claims: list[OutboxEntry]) -> set[int]:
        """The ids of `claims` still held as they were (locked until the transaction ends on
        PostgreSQL), so a batch of outcomes writes only what its worker still owns."""
        if not claims:
            return set()
        rows = await self.session.execute(
            select(OutboxRow.id, OutboxRow.status, OutboxRow.claimed_by, OutboxRow.claimed_at)
            .where(OutboxRow.id.in_([c.id for c in claims]))
            .with_for_update(of=OutboxRow)
        )
        now = {r.id: (r.status, r.claimed_by, aware(r.claimed_at)) for r in rows}
        return {c.id for c in claims
                if now.get(c.id) == ("sending", c.claimed_by, c.claimed_at)}

    async def mark_sent(self, outbox_id: int, activity_id: str | None, now: datetime,
                        conversation_id: str | None = None, *,
                        claim: OutboxEntry | None = None) -> bool:
        """Sent; with `claim`, only while that claim holds (False: it was lost)."""
        values = {"status": "sent", "activity_id": activity_id, "sent_at": now, "last_error": "",
                  "attempts": OutboxRow.attempts + 1}
        if conversation_id:
            values["conversation_id"] = conversation_id
        result = await self.session.execute(
            update(OutboxRow).where(OutboxRow.id == outbox_id, _held(claim)).values(**values)
        )
        return bool(touched(result))

    async def mark_sent_many(self, sent: list[dict]) -> None:
        """Record many sends at once (one executemany): dicts of id, activity_id,
        conversation_id, sent_at and attempts (the row's attempts + 1). The caller passes only
        rows whose claims it still holds (`held_claims`, in the same transaction)."""
        if sent:
            await self.session.execute(update(OutboxRow), [
                {**row, "status": "sent", "last_error": ""} for row in sent
            ])

    async def mark_retry(self, outbox_id: int, error: str, at: datetime, *,
                         counts: bool = True, claim: OutboxEntry | None = None) -> bool:
        """Back to pending until `at`; `counts=False` (our own pacing) spends no attempt. With
        `claim`, only while that claim holds (False: it was lost)."""
        at = utc(at)
        result = await self.session.execute(
            update(OutboxRow).where(OutboxRow.id == outbox_id, _held(claim)).values(
                status="pending", attempts=OutboxRow.attempts + (1 if counts else 0),
                next_attempt_at=at, last_error=error[:2000], claimed_by="",
            )
        )
        return bool(touched(result))

    async def mark_failed(self, outbox_id: int, error: str, *, status: str = "dead",
                          claim: OutboxEntry | None = None) -> bool:
        """Failed for good; with `claim`, only while that claim holds (False: it was lost)."""
        result = await self.session.execute(
            update(OutboxRow).where(OutboxRow.id == outbox_id, _held(claim)).values(
                status=status, attempts=OutboxRow.attempts + 1, last_error=error[:2000],
            )
        )
        return bool(touched(result))
