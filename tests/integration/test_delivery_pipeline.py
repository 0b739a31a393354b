"""The worker's continuous delivery (services.delivery.Pipeline) on a real database, with the real
SDK client against the connector stub: retries come back promptly, lanes stay in order, and a
stopping pipeline hands back what it claimed but never sent."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from services.delivery import Delivered, DeliveryPolicy, Pipeline
from storage.db import Database
from tests.connector_stub import ConnectorStub, Fault
from tests.senders import make_sender


@pytest.fixture
async def sender():
    """Paced loosely (500/s): these tests are about the pipeline, not Teams' limits."""
    s = make_sender(500)
    yield s
    await s.close()


async def queue(db: Database, stub: ConnectorStub, rows: list[tuple[str, str]]) -> list[int]:
    async with db.transaction() as repo:
        return [await repo.enqueue(kind="prompt", dedupe_key=f"k:{text}",
                                   activity={"type": "message", "text": text},
                                   target={"conversation_id": conv, "service_url": stub.url,
                                           "tenant_id": "t"})
                for conv, text in rows]


async def test_pipeline_drains_with_faults_in_order_exactly_once(database: Database, stub, sender):
    stub.enforce_teams_limits(per_conversation=True)
    stub.script(r"/activities$", [Fault(status=429, retry_after=1), Fault(status=503)])
    stub.fault_rate(0.1, statuses=(502, 503, 504), seed=3, path_regex=r"/activities$")
    rows = [(f"a:c{c}", f"m{c}") for c in range(60)]
    rows += [("a:busy", f"busy-{n:02d}") for n in range(10)]  # more than 7/1 s and 8/2 s allow
    await queue(database, stub, rows)

    pipeline = Pipeline(database, sender, policy=DeliveryPolicy(concurrency=8), idle=0.2)
    result = await asyncio.wait_for(pipeline.run(drain=True), 60)

    sent = Counter(a["text"] for a in stub.sent if a["op"] == "send")
    assert set(sent) == {text for _, text in rows} and max(sent.values()) == 1
    assert [a["text"] for a in stub.in_conversation("a:busy")] == [f"busy-{n:02d}"
                                                                   for n in range(10)]
    assert stub.violations == []
    assert result.sent == len(rows) and result.retried >= 2  # the scripted 429 and 503 at least
    async with database.transaction() as repo:
        assert await repo.count_outbox() == {"sent": len(rows)}


async def test_a_due_retry_is_claimed_before_newer_messages(database: Database, stub, clock):
    now = clock()
    first, *_ = await queue(database, stub, [(f"a:{i}", f"t{i}") for i in range(5)])
    async with database.transaction() as repo:
        [claimed] = await repo.claim_due(now, "w1", 1)
        assert claimed.id == first
        await repo.mark_retry(first, "503", now + timedelta(seconds=1))
        assert (await repo.next_due()) is not None
        [second] = await repo.claim_due(now, "w1", 1)  # the retry is not due yet
        assert second.id != first
        [again] = await repo.claim_due(now + timedelta(seconds=2), "w1", 1)
    assert again.id == first  # due now: ahead of the three newer rows still pending


class Stuck:
    """A sender whose every send hangs (Teams not answering)."""

    def __init__(self) -> None:
        self.started: list[int] = []

    async def deliver(self, entry) -> Delivered:
        self.started.append(entry.id)
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def test_a_stopping_pipeline_hands_back_what_it_never_sent(database: Database, stub):
    ids = await queue(database, stub, [(f"a:{i}", f"t{i}") for i in range(4)])
    stuck = Stuck()
    pipeline = Pipeline(database, stuck, worker_id="w1", policy=DeliveryPolicy(concurrency=1),
                        grace=0.1)
    task = asyncio.create_task(pipeline.run())
    for _ in range(100):
        if stuck.started:
            break
        await asyncio.sleep(0.02)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with database.transaction() as repo:
        entries = {i: await repo.outbox_entry(i) for i in ids}
    assert stuck.started == [ids[0]]  # one in flight (concurrency 1), one claimed ahead
    assert entries[ids[0]].status == "sending"  # outcome unknown: waits out the claim timeout
    assert [entries[i].status for i in ids[1:]] == ["pending"] * 3  # handed back or never taken
