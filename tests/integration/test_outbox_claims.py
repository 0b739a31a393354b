"""Outbox claims on a real database: a worker whose claim expired cannot record anything on a
row another worker has since claimed, and a send that outlasts the claim timeout is not sent a
second time (the claim is kept alive while the send is in flight)."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta

import pytest

from services.delivery import Delivered, DeliveryPolicy, Pipeline
from storage.db import Database
from tests.clock import FrozenClock
from tests.connector_stub import ConnectorStub, Fault
from tests.senders import make_sender

TIMEOUT = timedelta(seconds=0.6)


@pytest.fixture
async def sender():
    s = make_sender(500)
    yield s
    await s.close()


async def queue(db: Database, stub_url: str, text: str = "hej") -> int:
    async with db.transaction() as repo:
        oid = await repo.enqueue(kind="prompt", dedupe_key=f"k:{text}",
                                 activity={"type": "message", "text": text},
                                 target={"conversation_id": "a:anna", "service_url": stub_url,
                                         "tenant_id": "t"})
    assert oid is not None
    return oid


def running_from(start: datetime):
    """A clock that starts at the test's frozen now and runs on with real (monotonic) time."""
    began = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - began)


async def test_a_worker_whose_claim_expired_cannot_mark_the_row(database: Database,
                                                                 clock: FrozenClock):
    oid = await queue(database, "http://x/")
    async with database.transaction() as repo:
        [late] = await repo.claim_due(clock(), "w-late", 1, TIMEOUT)
    later = clock.shift(TIMEOUT + timedelta(seconds=1))
    async with database.transaction() as repo:
        [fresh] = await repo.claim_due(later, "w-fresh", 1, TIMEOUT)
    assert (late.claimed_by, fresh.claimed_by) == ("w-late", "w-fresh")
    async with database.transaction() as repo:
        assert await repo.mark_sent(oid, "late-id", later, claim=late) is False
        assert await repo.mark_retry(oid, "503", later, claim=late) is False
        assert await repo.mark_failed(oid, "404", status="failed", claim=late) is False
        assert await repo.extend_claim(late, later) is None
        entry = await repo.outbox_entry(oid)
    assert entry is not None and (entry.status, entry.claimed_by) == ("sending", "w-fresh")
    async with database.transaction() as repo:
        assert await repo.mark_sent(oid, "fresh-id", later, claim=fresh) is True
        entry = await repo.outbox_entry(oid)
    assert entry is not None and (entry.status, entry.activity_id) == ("sent", "fresh-id")


async def test_a_send_outlasting_the_claim_is_sent_once(database: Database, clock: FrozenClock,
                                                        sender):
    """Two workers on one database, Teams answering slower than the claim timeout: the first
    worker keeps its claim alive while it waits, so the second never takes the row."""
    timeout = timedelta(seconds=1.5)  # a heartbeat's slack (2/3 of it) outlasts a busy machine
    async with ConnectorStub() as stub:
        stub.script(r"/activities$", [Fault(status=200, delay=3 * timeout.total_seconds())])
        await queue(database, stub.url)
        now = running_from(clock())
        policy = DeliveryPolicy(concurrency=1, claim_timeout=timeout)
        workers = [Pipeline(database, sender, worker_id=w, policy=policy, idle=0.05, clock=now)
                   for w in ("w1", "w2")]
        first = asyncio.create_task(workers[0].run(drain=True))
        await asyncio.sleep(0.1)  # w1 has claimed and is sending
        results = await asyncio.wait_for(
            asyncio.gather(first, workers[1].run(drain=True)), 20)
        sends = [a for a in stub.sent if a["op"] == "send"]
    assert len(sends) == 1
    assert [r.sent for r in results] == [1, 0]
    async with database.transaction() as repo:
        assert await repo.count_outbox() == {"sent": 1}


class Overtaken:
    """A sender during whose send another worker takes the row over (as if this worker's
    claim had lapsed, e.g. the database was out of reach for its heartbeats) and sends it."""

    def __init__(self, db: Database, at: datetime) -> None:
        self.db, self.at = db, at

    async def deliver(self, entry) -> Delivered:
        async with self.db.transaction() as repo:
            [taken] = await repo.claim_due(self.at, "w-other", 1, TIMEOUT)
            assert await repo.mark_sent(taken.id, "other-id", self.at, claim=taken)
        return Delivered(activity_id="late-id")


async def test_a_late_worker_records_that_it_lost_the_claim(database: Database,
                                                            clock: FrozenClock):
    oid = await queue(database, "http://x/")
    overtaken = Overtaken(database, clock() + timedelta(minutes=5))
    pipeline = Pipeline(database, overtaken, worker_id="w-late",
                        policy=DeliveryPolicy(concurrency=1, claim_timeout=TIMEOUT), idle=0.05)
    result = await asyncio.wait_for(pipeline.run(drain=True), 10)
    assert (result.sent, result.lost) == (0, 1)
    async with database.transaction() as repo:
        entry = await repo.outbox_entry(oid)
    assert entry is not None
    assert (entry.status, entry.activity_id, entry.claimed_by) == ("sent", "other-id", "w-other")
