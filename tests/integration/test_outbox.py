"""The outbox on a real database, delivered by the real SDK client to the connector stub."""

from __future__ import annotations

from datetime import timedelta

from services.delivery import deliver_due
from storage.db import Database
from tests.connector_stub import ConnectorStub, Fault


def target(stub: ConnectorStub, conv: str = "a:tove") -> dict:
    return {"conversation_id": conv, "service_url": stub.url, "tenant_id": "t"}


async def test_enqueue_is_idempotent_by_key(database: Database, stub):
    async with database.transaction() as repo:
        first = await repo.enqueue(kind="prompt", dedupe_key="k1", activity={"type": "message",
                                   "text": "Hej"}, target=target(stub))
        again = await repo.enqueue(kind="prompt", dedupe_key="k1", activity={"type": "message",
                                   "text": "Hej igen"}, target=target(stub))
    assert first is not None and again is None


async def test_send_then_update_in_place(database: Database, stub, sender, clock):
    now = clock()
    async with database.transaction() as repo:
        first = await repo.enqueue(kind="summary", dedupe_key="s1",
                                   activity={"type": "message", "text": "v1"}, target=target(stub))
    result = await deliver_due(database, sender, now=now)
    assert result.sent == 1 and stub.texts() == ["v1"]
    async with database.transaction() as repo:
        entry = await repo.outbox_entry(first)
        assert entry.status == "sent" and entry.activity_id
        await repo.enqueue(kind="update", dedupe_key="s1-v2", update_of=first,
                           activity={"type": "message", "text": "v2"}, target=target(stub))
    result = await deliver_due(database, sender, now=now)
    assert result.sent == 1
    assert [a["op"] for a in stub.sent] == ["send", "update"]
    assert stub.sent[1]["id"] == entry.activity_id or entry.activity_id in stub.calls[-1].path


async def test_429_is_retried_after_retry_after(database: Database, stub, sender, clock):
    now = clock()
    stub.script(r"/activities$", [Fault(status=429, retry_after=3)])
    async with database.transaction() as repo:
        oid = await repo.enqueue(kind="prompt", dedupe_key="p1",
                                 activity={"type": "message", "text": "Hej"}, target=target(stub))
    first = await deliver_due(database, sender, now=now)
    assert (first.sent, first.retried) == (0, 1)
    assert (await deliver_due(database, sender, now=now + timedelta(seconds=1))).sent == 0
    later = await deliver_due(database, sender, now=now + timedelta(seconds=4))
    assert later.sent == 1 and stub.texts() == ["Hej"]
    async with database.transaction() as repo:
        assert (await repo.outbox_entry(oid)).attempts == 2  # tries: the 429, then the send


async def test_403_is_not_retried(database: Database, stub, sender, clock):
    now = clock()
    stub.script(r"/activities$", [Fault(status=403, code="ConversationBlockedByUser")])
    async with database.transaction() as repo:
        oid = await repo.enqueue(kind="prompt", dedupe_key="p2",
                                 activity={"type": "message", "text": "Hej"}, target=target(stub))
    result = await deliver_due(database, sender, now=now)
    assert result.failed == 1
    assert (await deliver_due(database, sender, now=now + timedelta(hours=1))).sent == 0
    async with database.transaction() as repo:
        assert (await repo.outbox_entry(oid)).status == "failed"


async def test_personal_chat_is_created_when_none_is_stored(database: Database, stub, sender, clock):
    now = clock()
    spec = {"aad_object_id": "aad-tove", "tenant_id": "t", "service_url": stub.url}
    async with database.transaction() as repo:
        oid = await repo.enqueue(kind="prompt", dedupe_key="p3", target={"create_personal": spec},
                                 activity={"type": "message", "text": "Hej Tove"})
    assert (await deliver_due(database, sender, now=now)).sent == 1
    assert len(stub.created) == 1 and stub.texts() == ["Hej Tove"]
    async with database.transaction() as repo:
        entry = await repo.outbox_entry(oid)
    assert entry.status == "sent"
