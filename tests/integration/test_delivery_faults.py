"""Delivery at Teams' limits: the real SDK client against the connector stub injecting 429 (with
Retry-After), 502/503/504 and 403 and enforcing the per-conversation limits."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from services.delivery import DeliveryPolicy, deliver_due
from storage.db import Database
from tests.connector_stub import ConnectorStub, Fault
from tests.senders import make_sender


def target(stub: ConnectorStub, conv: str) -> dict:
    return {"conversation_id": conv, "service_url": stub.url, "tenant_id": "t"}


async def queue(db: Database, stub: ConnectorStub, rows: list[tuple[str, str]], **kw) -> list[int]:
    """(conversation, text) rows, each with its own dedupe key; returns outbox ids."""
    async with db.transaction() as repo:
        return [await repo.enqueue(kind="prompt", dedupe_key=f"k:{text}", target=target(stub, conv),
                                   activity={"type": "message", "text": text}, **kw)
                for conv, text in rows]


async def drain(db: Database, sender, *, rounds: int = 60, policy=None) -> int:
    """Deliver until nothing is pending, moving `now` on a minute per round (backoffs pass)."""
    start = db.clock()
    for i in range(rounds):
        now = start + timedelta(minutes=i)
        await deliver_due(db, sender, now=now, policy=policy)
        async with db.transaction() as repo:
            counts = await repo.count_outbox()
        if not counts.get("pending") and not counts.get("sending"):
            return i
    raise AssertionError(f"still pending after {rounds} rounds: {counts}")


async def test_faults_lose_nothing_and_duplicate_nothing(database: Database, stub, sender, clock):
    stub.enforce_teams_limits(per_conversation=True)
    stub.fault_rate(0.25, statuses=(429, 502, 503, 504), seed=7, path_regex=r"/activities$")
    rows = [(f"a:conv{c}", f"m{c}-{n}") for c in range(40) for n in range(3)]
    rows += [("a:busy", f"busy-{n:02d}") for n in range(12)]  # more than 7/1 s and 8/2 s allow
    await queue(database, stub, rows)

    await drain(database, sender)

    sent = Counter(a["text"] for a in stub.sent if a["op"] == "send")
    assert set(sent) == {text for _, text in rows}  # nothing lost
    assert max(sent.values()) == 1  # nothing twice
    assert stub.violations == []  # paced under Teams' per-conversation windows
    assert [a["text"] for a in stub.in_conversation("a:busy")] == [f"busy-{n:02d}" for n in range(12)]
    assert any(c.status in (502, 503, 504) for c in stub.calls)  # the faults really happened
    async with database.transaction() as repo:
        assert await repo.count_outbox() == {"sent": len(rows)}


async def test_retry_after_is_obeyed_from_the_database(database: Database, stub, sender, clock):
    start = clock()
    stub.script(r"/activities$", [Fault(status=429, retry_after=30)])
    [oid] = await queue(database, stub, [("a:tove", "Hej")])
    assert (await deliver_due(database, sender, now=start)).retried == 1
    async with database.transaction() as repo:
        entry = await repo.outbox_entry(oid)
    assert entry.status == "pending" and entry.next_attempt_at >= start + timedelta(seconds=30)
    # a restart (new sender, same database) still waits for Retry-After, then sends
    fresh = make_sender()
    try:
        assert (await deliver_due(database, fresh, now=start + timedelta(seconds=20))).sent == 0
        assert (await deliver_due(database, fresh, now=start + timedelta(seconds=31))).sent == 1
    finally:
        await fresh.close()
    assert stub.texts() == ["Hej"]


async def test_403_marks_the_person_unreachable_without_retry(database: Database, stub, sender, clock):
    start = clock()
    async with database.transaction() as repo:
        person = await repo.create_person(email="samir@example.se", display_name="Samir")
    stub.script(r"/activities$", [Fault(status=403, code="BotNotInConversationRoster")])
    [oid] = await queue(database, stub, [("a:samir", "Hej Samir")], person_id=person.id)

    result = await deliver_due(database, sender, now=start)
    assert (result.failed, result.retried) == (1, 0)
    await deliver_due(database, sender, now=start + timedelta(days=1))
    assert [c.status for c in stub.calls] == [403]  # never tried again
    async with database.transaction() as repo:
        entry = await repo.outbox_entry(oid)
        unreachable = await repo.unreachable_people()
    assert entry.status == "failed" and "BotNotInConversationRoster" in entry.last_error
    assert unreachable == [(person.id, "Samir", "BotNotInConversationRoster")]


async def test_dead_letter_after_the_limit_then_retry(database: Database, stub, sender, clock):
    start = clock()
    stub.script(r"/activities$", [Fault(status=503)] * 3)
    [oid] = await queue(database, stub, [("a:tove", "Hej")])
    policy = DeliveryPolicy(max_attempts=3)
    for i in range(3):
        await deliver_due(database, sender, now=start + timedelta(hours=i), policy=policy)
    async with database.transaction() as repo:
        entry = await repo.outbox_entry(oid)
        dead = await repo.list_outbox(("failed", "dead"))
    assert (entry.status, entry.attempts) == ("dead", 3)
    assert [e.id for e in dead] == [oid]
    later = await deliver_due(database, sender, now=start + timedelta(days=1), policy=policy)
    assert (later.sent, later.retried, later.failed) == (0, 0, 0)  # a dead letter waits

    async with database.transaction() as repo:
        assert await repo.retry_outbox(oid, start + timedelta(days=1)) == 1
    result = await deliver_due(database, sender, now=start + timedelta(days=1), policy=policy)
    assert result.sent == 1 and stub.texts() == ["Hej"]


async def test_own_pacing_defers_without_spending_an_attempt(database: Database, stub, clock):
    start = clock()
    paced = make_sender(limits=((3600.0, 1),))  # one message per hour per conversation
    try:
        ids = await queue(database, stub, [("a:tove", "first"), ("a:tove", "second")])
        assert (await deliver_due(database, paced, now=start)).sent == 1
        result = await deliver_due(database, paced, now=start)
        assert (result.sent, result.deferred) == (0, 1)
    finally:
        await paced.close()
    async with database.transaction() as repo:
        second = await repo.outbox_entry(ids[1])
    assert (second.status, second.attempts) == ("pending", 0)
    assert second.next_attempt_at > start + timedelta(minutes=50)
    assert stub.texts() == ["first"]


async def test_same_conversation_is_sent_in_order_one_at_a_time(database: Database, stub, sender, clock):
    start = clock()
    ids = await queue(database, stub, [("a:tove", "1"), ("a:tove", "2"), ("a:samir", "x")])
    async with database.transaction() as repo:
        claimed = await repo.claim_due(start, "w1", 10)
    assert sorted(e.id for e in claimed) == [ids[0], ids[2]]  # only the head of each lane
    async with database.transaction() as repo:
        assert await repo.claim_due(start, "w2", 10) == []  # held rows block their lanes


async def test_personal_chat_is_created_and_remembered(database: Database, stub, sender, clock):
    start = clock()
    async with database.transaction() as repo:
        person = await repo.create_person(email="tove@example.se", aad_object_id="aad-tove",
                                          tenant_id="t")
        spec = {"aad_object_id": "aad-tove", "tenant_id": "t", "service_url": stub.url}
        oid = await repo.enqueue(kind="prompt", dedupe_key="p", target={"create_personal": spec},
                                 activity={"type": "message", "text": "Hej"}, person_id=person.id)
    assert (await deliver_due(database, sender, now=start)).sent == 1
    async with database.transaction() as repo:
        ref = await repo.conversation_ref_for_person(person.id)
        entry = await repo.outbox_entry(oid)
    assert ref is not None and ref.conversation_id == stub.created[0]["id"]
    assert entry.conversation_id == ref.conversation_id and entry.activity_id
    assert stub.created[0]["members"][0]["id"] == "aad-tove"


async def test_two_workers_never_hold_the_same_row(database: Database, stub, backend, clock):
    start = clock()
    if backend != "postgresql":
        pytest.skip("row locks (SKIP LOCKED) exist on PostgreSQL only; SQLite runs one worker")
    rows = [(f"a:c{i}", f"t{i}") for i in range(300)]
    await queue(database, stub, rows)
    one, two = make_sender(rate=1000), make_sender(rate=1000)
    try:
        for i in range(10):
            now = start + timedelta(minutes=i)
            await asyncio.gather(deliver_due(database, one, now=now, worker_id="a", limit=40),
                                 deliver_due(database, two, now=now, worker_id="b", limit=40))
    finally:
        await one.close()
        await two.close()
    sent = Counter(a["text"] for a in stub.sent)
    assert set(sent) == {t for _, t in rows} and max(sent.values()) == 1
