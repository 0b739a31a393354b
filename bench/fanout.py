"""A city-wide round fanned out by several delivery processes on one PostgreSQL.

    .venv/bin/python -m bench.fanout [--districts 13] [--actions 300] [--people 600]
        [--shared 60] [--limit 200] [--faults 0] [--replicas 2] [--budget shared|local|split]
        [--stub-gc tuned|default] [--database postgresql+asyncpg://…]
        (the database defaults to BENCH_DATABASE_URL or TEST_DATABASE_URL)

A database of its own (<database>_fanout, dropped and created afresh) gets one plan per district
(bench/fanout_city.py: 300 actions × 3 owner roles, each role one person with a chat, some people
in several districts); a round is opened in every plan through services.rounds. `--replicas`
processes then each run the worker's Pipeline with the real sender, started together, against a
connector stub in its own process that allows `--limit` requests/s in all plus Teams' windows per
chat, and counts every request over them. `--budget`: shared (the database's budget, as
`folja serve` paces), local (each process paces itself at the full limit) or split (each at
limit / replicas, the old advice). Goal: delivered/s ≥ 90 % of the limit, 0 violations, every
prompt sent exactly once (the stub's sends per chat equal the outbox's prompts per chat).

Two counts of the busiest second: `most_in_a_second_sent`, from when each request's headers
left a replica (aiohttp's trace hook), and `most_in_a_second_at_stub`, from when the stub's
handler took each one, which is what its limits count. The stub's process runs with the
collector tuned as `folja serve` does (cli/gc_tuning.py), unless `--stub-gc default`: it keeps
every request it was sent, and with Python's default thresholds its full collections paused it
for far longer than the budget's slack, after which it took the backlog in one burst and counted
it as sent together (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing as mp
import os
import time
from collections import Counter
from collections.abc import Sequence

from aiohttp import TraceConfig
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.fanout_city import add_city_arguments, bench_now, build_city, open_city_round
from bot.proactive import TeamsSender
from bot.sdk import auth_configuration, connections
from cli.gc_tuning import tune_gc
from config import TEAMS_CONVERSATION_LIMITS, Settings
from services.budget import SharedBudget
from services.delivery import DeliveryPolicy, Pipeline
from services.ratelimit import LATE, SLACK, RateLimiter, tenant_interval
from storage.db import Database
from storage.migrate import upgrade
from tests.connector_stub import ConnectorStub


def _stub_process(conn, limit: float, faults: float, gc_tuned: bool) -> None:
    """Child: the stub; answers "url", then on "report" what it received."""
    async def main() -> None:
        async with ConnectorStub() as stub:
            if gc_tuned:  # see the module's docstring
                tune_gc()
            stub.enforce_teams_limits(per_conversation=True, global_per_second=limit)
            stub.fault_rate(faults, statuses=(429, 502, 503, 504), seed=5,
                            path_regex=r"/activities$")
            conn.send(stub.url)
            await asyncio.get_running_loop().run_in_executor(None, conn.recv)
            sends = [c for c in stub.calls if c.op == "send" and c.status == 201]
            conn.send({
                "per_chat": Counter(c.conversation_id for c in sends),
                "calls": len(stub.calls), "statuses": Counter(c.status for c in stub.calls),
                "violations": Counter(v.kind for v in stub.violations),
                "first": sends[0].at if sends else 0.0, "last": sends[-1].at if sends else 0.0,
                "arrived": [c.at for c in stub.calls],
            })

    asyncio.run(main())


def _replica_process(conn, index: int, url: str, limit: float, budget: str,
                     concurrency: int, slack: float, late: float) -> None:
    """Child: one delivering process; starts on "go", answers with its totals when drained."""
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("microsoft_agents").setLevel(logging.CRITICAL)

    async def main() -> None:
        db = Database(url)
        rate = limit / int(conn.recv()) if budget == "split" else limit
        shared = SharedBudget(db, tenant_interval(rate, slack)) if budget == "shared" else None
        limiter = RateLimiter(rate, TEAMS_CONVERSATION_LIMITS, budget=shared, slack=slack,
                              late=late)
        settings = Settings()
        left: list[float] = []
        sender = TeamsSender(connections(settings, auth_configuration(settings)), limiter=limiter,
                             trace_configs=[_departures(left)])
        pipeline = Pipeline(db, sender, worker_id=f"bench-{index}",
                            policy=DeliveryPolicy(concurrency=concurrency))
        tune_gc()  # as `folja serve` does
        conn.send("ready")
        conn.recv()  # "go"
        try:
            result = await pipeline.run(drain=True)
        finally:
            await sender.close()
            await db.dispose()
        conn.send({"sent": result.sent, "retried": result.retried, "lost": result.lost,
                   "deferred": result.deferred, "missed_slots": limiter.missed, "left": left})

    asyncio.run(main())


def _departures(left: list[float]) -> TraceConfig:
    """A hook that notes when each request's headers left (the monotonic clock, which every
    process on the machine shares)."""
    async def sent(_session, _context, _params) -> None:
        left.append(time.monotonic())

    trace = TraceConfig()
    trace.on_request_headers_sent.append(sent)
    return trace


def most_in_a_second(moments: Sequence[float], window: float = 1.0) -> int:
    """The most moments in any `window` seconds: what a sliding-window limit counts."""
    ordered, first, most = sorted(moments), 0, 0
    for last, moment in enumerate(ordered):
        while ordered[first] <= moment - window:
            first += 1
        most = max(most, last - first + 1)
    return most


def _fanout_name(url: str, suffix: str = "_fanout") -> str:
    return f"{url.rpartition('/')[2].partition('?')[0]}{suffix}"


async def fresh_database(url: str, suffix: str = "_fanout") -> str:
    """<database><suffix>, empty and migrated: the bench never touches the database it is
    given."""
    base, _, _name = url.rpartition("/")
    fresh = _fanout_name(url, suffix)
    admin = create_async_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{fresh}"'))
    await admin.dispose()
    await asyncio.to_thread(upgrade, f"{base}/{fresh}")
    return f"{base}/{fresh}"


async def _again(url: str, stub_url: str) -> tuple[Counter, dict]:
    """`--again`: the last run's city and round, every prompt pending again, sent to this stub."""
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        old = (await conn.execute(text("SELECT target->>'service_url' FROM outbox LIMIT 1")))\
            .scalar_one()
        await conn.execute(text(
            "UPDATE outbox SET status = 'pending', attempts = 0, claimed_by = '', "
            "claimed_at = NULL, sent_at = NULL, activity_id = NULL, last_error = '', "
            "next_attempt_at = now(), target = replace(target::text, :old, :new)::json"),
            {"old": old, "new": stub_url})
        await conn.execute(text("DELETE FROM rate_budgets"))
        rows = (await conn.execute(text(
            "SELECT conversation_id, count(*) FROM outbox GROUP BY conversation_id"))).all()
    await engine.dispose()
    return Counter({cid: n for cid, n in rows}), {"again": True}


async def _prepare(url: str, stub_url: str, args: argparse.Namespace) -> tuple[Counter, dict]:
    """The city and its round; the prompts per chat the outbox holds."""
    if args.again:
        return await _again(url, stub_url)
    db = Database(url)
    try:
        started = time.monotonic()
        await build_city(db, stub_url, districts=args.districts, actions=args.actions,
                         people=args.people, shared=args.shared, year=2026, now=bench_now())
        built = time.monotonic()
        prompts = await open_city_round(db, now=bench_now())
        opened = time.monotonic()
        async with db.engine.connect() as conn:
            rows = (await conn.execute(text(
                "SELECT conversation_id, count(*) FROM outbox GROUP BY conversation_id"))).all()
    finally:
        await db.dispose()
    expected = Counter({cid: n for cid, n in rows})
    assert sum(expected.values()) == prompts
    return expected, {"build_s": round(built - started, 1), "open_s": round(opened - built, 1)}


def _start(target, *args) -> tuple[mp.Process, object]:
    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=target, args=(child, *args))
    proc.start()
    return proc, parent


async def run(args: argparse.Namespace) -> dict:
    stub, stub_conn = _start(_stub_process, args.limit, args.faults, args.stub_gc == "tuned")
    stub_url = stub_conn.recv()
    url = await fresh_database(args.database) if not args.again else \
        args.database.rpartition("/")[0] + "/" + _fanout_name(args.database)
    expected, setup = await _prepare(url, stub_url, args)
    replicas = [_start(_replica_process, i, url, args.limit, args.budget, args.concurrency,
                       args.slack, args.late)
                for i in range(args.replicas)]
    for _, conn in replicas:
        if args.budget == "split":
            conn.send(args.replicas)
        assert conn.recv() == "ready"
    started = time.monotonic()
    for _, conn in replicas:
        conn.send("go")
    totals = [await asyncio.to_thread(conn.recv) for _, conn in replicas]
    elapsed = time.monotonic() - started
    for proc, _ in replicas:
        proc.join()
    stub_conn.send("report")
    seen = stub_conn.recv()
    stub.join()
    return _summary(args, expected, seen, totals, elapsed, setup)


def _summary(args, expected: Counter, seen: dict, totals: list, elapsed: float,
             setup: dict) -> dict:
    got: Counter = seen["per_chat"]
    delivered = sum(got.values())
    span = seen["last"] - seen["first"]
    return {
        "prompts": sum(expected.values()), "chats": len(expected),
        "most_in_one_chat": max(expected.values()), **setup,
        "replicas": args.replicas, "budget": args.budget, "limit_rps": args.limit,
        "slack": args.slack, "late": args.late,
        "fault_rate": args.faults, "elapsed_s": round(elapsed, 2),
        "delivered_per_s": round(delivered / elapsed, 1),
        "delivered_per_s_at_stub": round((delivered - 1) / span, 1) if span else 0.0,
        "percent_of_limit": round(100 * delivered / elapsed / args.limit, 1),
        "requests": seen["calls"], "statuses": dict(seen["statuses"]),
        "most_in_a_second_sent": most_in_a_second([t for r in totals for t in r.pop("left")]),
        "most_in_a_second_at_stub": most_in_a_second(seen["arrived"]),
        "violations": dict(seen["violations"]),
        "lost": sum((expected - got).values()), "duplicates": sum((got - expected).values()),
        "per_replica": totals,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_city_arguments(parser)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--faults", type=float, default=0.0)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--again", action="store_true",
                        help="send the last run's round again instead of building the city")
    parser.add_argument("--slack", type=float, default=SLACK)
    parser.add_argument("--late", type=float, default=LATE)
    parser.add_argument("--budget", choices=("shared", "local", "split"), default="shared")
    parser.add_argument("--stub-gc", choices=("tuned", "default"), default="tuned",
                        help="the stub process's garbage collector (see the docstring)")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL")
                        or os.environ.get("TEST_DATABASE_URL"), help="a PostgreSQL URL")
    args = parser.parse_args()
    if not args.database or not args.database.startswith("postgresql"):
        parser.error("needs a PostgreSQL --database (or BENCH_DATABASE_URL/TEST_DATABASE_URL)")
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("services.delivery").setLevel(logging.ERROR)
    for key, value in asyncio.run(run(args)).items():
        print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
