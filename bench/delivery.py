"""Delivery throughput at a tenant limit: 10,000 prompts to 10,000 conversations.

    .venv/bin/python -m bench.delivery [--prompts 10000] [--limit 200] [--faults 0.05]
        [--database postgresql+asyncpg://…]   (default: a fresh SQLite file)

The connector stub runs in a child process (so it does not share the CPU with the sender) and
enforces a global budget of `--limit` requests/s plus Teams' per-conversation windows, failing
`--faults` of the sends with 429 (Retry-After 1), 502, 503 or 504. The real delivery engine
(the worker's Pipeline with the SDK's connector client, paced at the same limit) sends everything.
Goal: delivered/s ≥ 90 % of the limit, 0 lost, 0 duplicates.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing as mp
import tempfile
import time
from collections import Counter

from sqlalchemy import text

from bot.proactive import TeamsSender
from bot.sdk import auth_configuration, connections
from config import TEAMS_CONVERSATION_LIMITS, Settings
from services.delivery import DeliveryPolicy, Pipeline
from services.ratelimit import RateLimiter
from storage.db import Database
from storage.migrate import upgrade
from tests.connector_stub import ConnectorStub


def _stub_process(conn, limit: float, faults: float) -> None:
    """Child: run the stub; answer "url", then "report" with what it received."""
    async def main() -> None:
        async with ConnectorStub() as stub:
            stub.enforce_teams_limits(per_conversation=True, global_per_second=limit)
            stub.fault_rate(faults, statuses=(429, 502, 503, 504), seed=5,
                            path_regex=r"/activities$")
            conn.send(stub.url)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, conn.recv)  # "report"
            sends = [c for c in stub.calls if c.op == "send" and c.status == 201]
            conn.send({
                "texts": Counter(a["text"] for a in stub.sent if a["op"] == "send"),
                "calls": len(stub.calls), "faults": sum(c.status in (502, 503, 504) for c in stub.calls),
                "violations": Counter(v.kind for v in stub.violations),
                "first": sends[0].at if sends else 0.0, "last": sends[-1].at if sends else 0.0,
            })

    asyncio.run(main())


async def _queue(db: Database, url: str, prompts: int) -> None:
    async with db.transaction() as repo:
        for i in range(prompts):
            await repo.enqueue(kind="prompt", dedupe_key=f"bench:{i}", round_id=1,
                               activity={"type": "message", "text": f"prompt-{i}"},
                               target={"conversation_id": f"a:p{i}", "service_url": url,
                                       "tenant_id": "t"})


async def _deliver_all(db: Database, sender: TeamsSender) -> dict:
    """What a worker runs (scheduler.worker), until the outbox holds nothing pending."""
    pipeline = Pipeline(db, sender, worker_id="bench", policy=DeliveryPolicy(concurrency=64))
    result = await pipeline.run(drain=True)
    async with db.transaction() as repo:
        counts = await repo.count_outbox()
    return {"sent": result.sent, "retried": result.retried, "failed": result.failed,
            "outbox": counts}


async def run(prompts: int, limit: int, faults: float, database: str | None) -> dict:
    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=_stub_process, args=(child, limit, faults))
    proc.start()
    url = parent.recv()
    with tempfile.TemporaryDirectory() as tmp:
        db_url = database or f"sqlite+aiosqlite:///{tmp}/bench.db"
        await asyncio.to_thread(upgrade, db_url)
        db = Database(db_url)
        if not db.is_sqlite:
            async with db.engine.begin() as conn:
                await conn.execute(text("TRUNCATE outbox RESTART IDENTITY CASCADE"))
        settings = Settings()
        sender = TeamsSender(connections(settings, auth_configuration(settings)),
                             limiter=RateLimiter(limit, TEAMS_CONVERSATION_LIMITS))
        try:
            await _queue(db, url, prompts)
            started = time.monotonic()
            totals = await _deliver_all(db, sender)
            elapsed = time.monotonic() - started
        finally:
            await sender.close()
            await db.dispose()
    parent.send("report")
    stub = parent.recv()
    proc.join()
    texts = stub["texts"]
    delivered = len(texts)
    span = stub["last"] - stub["first"]
    return {
        "prompts": prompts, "limit_rps": limit, "fault_rate": faults,
        "backend": "postgresql" if database else "sqlite",
        "elapsed_s": round(elapsed, 2), "delivered_per_s": round(delivered / elapsed, 1),
        "delivered_per_s_at_stub": round((delivered - 1) / span, 1) if span else 0.0,
        "percent_of_limit": round(100 * delivered / elapsed / limit, 1),
        "requests": stub["calls"], "faults_injected": stub["faults"],
        "lost": prompts - delivered, "duplicates": sum(n - 1 for n in texts.values()),
        "violations": dict(stub["violations"]), "outbox": totals["outbox"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=10_000)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--faults", type=float, default=0.05)
    parser.add_argument("--database", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("microsoft_agents").setLevel(logging.CRITICAL)
    logging.getLogger("services.delivery").setLevel(logging.ERROR)
    result = asyncio.run(run(args.prompts, args.limit, args.faults, args.database))
    for key, value in result.items():
        print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
