"""Two delivery workers on one database share the tenant's budget and each chat's windows.

Each worker has its own sender and its own memory, as two replicas would; only the database is
shared (on PostgreSQL each worker even has its own connection pool). The connector stub allows
the tenant's rate and Teams' conversation windows, and counts every request over them. Paced
each by itself at the tenant's full rate, the two went over the tenant limit together, and a
chat whose messages alternated between them went over its 8 per 2 s.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from bot.proactive import sender_for
from bot.sdk import auth_configuration, connections
from config import Settings
from services.budget import SharedBudget
from services.delivery import DeliveryPolicy, Pipeline
from storage.db import Database
from tests.connector_stub import ConnectorStub

RATE = 20  # the tenant's limit in this test: small, so a few seconds show any excess


async def _queue(db: Database, stub: ConnectorStub) -> list[str]:
    """60 chats with one prompt each, and one chat that gets 12 (more than 8 per 2 s allow)."""
    rows = [(f"a:p{i}", f"prompt-{i}") for i in range(60)]
    rows += [("a:busy", f"busy-{n:02d}") for n in range(12)]
    async with db.transaction() as repo:
        for conv, text in rows:
            await repo.enqueue(kind="prompt", dedupe_key=f"bench:{text}",
                               activity={"type": "message", "text": text},
                               target={"conversation_id": conv, "service_url": stub.url,
                                       "tenant_id": "t"})
    return [text for _, text in rows]


async def _two_workers(db: Database, other: Database) -> tuple[int, int]:
    settings = Settings(tenant_rate_per_second=RATE)
    senders = [sender_for(settings, connections(settings, auth_configuration(settings)), db=d)
               for d in (db, other)]
    pipelines = [Pipeline(d, s, worker_id=f"w{i}", policy=DeliveryPolicy(concurrency=8),
                          idle=0.1)
                 for i, (d, s) in enumerate(zip((db, other), senders, strict=True))]
    try:
        results = await asyncio.wait_for(
            asyncio.gather(*(p.run(drain=True) for p in pipelines)), 60)
    finally:
        for s in senders:
            await s.close()
    return results[0].sent, results[1].sent


@pytest.mark.parametrize("pools", ["one pool", "two pools"])
async def test_two_workers_share_the_tenant_budget(database: Database, backend, pools):
    if pools == "two pools" and backend == "sqlite":
        pytest.skip("SQLite: one process holds the database (storage/repos/outbox.py)")
    other = database if pools == "one pool" else Database(database.url)
    async with ConnectorStub() as stub:
        stub.enforce_teams_limits(per_conversation=True, global_per_second=RATE)
        texts = await _queue(database, stub)
        try:
            first, second = await _two_workers(database, other)
        finally:
            if other is not database:
                await other.dispose()
        sent = Counter(a["text"] for a in stub.sent if a["op"] == "send")
        assert stub.violations == []  # neither the tenant's limit nor a chat's
        assert sent == Counter(texts)  # every prompt exactly once
        assert [a["text"] for a in stub.in_conversation("a:busy")] == texts[60:]
        assert first and second and first + second == len(texts)  # both took part


async def test_a_budget_is_shared_by_its_users(database: Database):
    """Two budgets on one database hand out slots one schedule apart, whichever asks."""
    one, two = SharedBudget(database, 0.05), SharedBudget(database, 0.05)
    slots = sorted(await asyncio.gather(*(b.take() for b in (one, two, one, two, one, two))))
    gaps = [b - a for a, b in zip(slots, slots[1:], strict=False)]
    assert min(gaps) >= 0.05 - 0.01  # within the round trip the slots were measured across
    await one.close()
    await two.close()
