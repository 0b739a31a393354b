"""Benchmark: the city roll-up (`folja city status`) of 13 districts × 300 actions × 3 owners,
12 rounds of answers each.

Run: .venv/bin/python -m bench.city [--districts 13] [--actions 300] [--rounds 12] [--db URL]
SQLite always (a fresh file); PostgreSQL too when --db, BENCH_DATABASE_URL or TEST_DATABASE_URL
names a migrated database (new plans are added there under a fresh year each run).
Prints the median/worst time of the service call (services.city.city_status: every query plus
the pure roll-up), this process's CPU time for it (on SQLite that is all of it; a loaded
machine stretches the wall time, less the CPU time) and the number of SELECTs (constant,
whatever the number of districts).
Goal: < 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from cards.city_round import city_round_activity
from domain.city_round import CityRoundView
from services.city import city_status
from storage.db import Database
from storage.migrate import upgrade
from tests.summary_helpers import bulk_plan


async def seed(db: Database, districts: int, actions: int, rounds: int, year: int) -> None:
    for i in range(districts):
        await bulk_plan(db, actions, owners=3, rounds=rounds, year=year,
                        district=f"Stadsdel {i + 1:02d} {time.time_ns()}")


async def run(url: str, districts: int, actions: int, rounds: int, repeat: int) -> None:
    db = Database(url)
    year = 3000 + time.time_ns() % 5000  # a year of its own: earlier runs' plans stay out
    try:
        began = time.perf_counter()
        await seed(db, districts, actions, rounds, year)
        seeded = time.perf_counter() - began
        selects: list[int] = []
        event.listen(db.engine.sync_engine, "before_cursor_execute",
                     lambda *a: selects.append(1) if a[2].lstrip().upper().startswith(
                         ("SELECT", "WITH")) else None)
        timings, cpu = [], []
        status = None
        for _ in range(repeat):
            selects.clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            status = await city_status(db, this_year=year, year=year)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert status is not None
        reads = len(selects)  # of the last roll-up
        card_ms, card_bytes = [], 0
        for _ in range(repeat):  # the roll-up card: the same read, then the card composed
            start = time.perf_counter()
            view = CityRoundView(0, "Vecka 50", None,
                                 await city_status(db, this_year=year, year=year))
            activity = city_round_activity(view, "sv")
            card_ms.append((time.perf_counter() - start) * 1000)
            card_bytes = len(json.dumps(activity["attachments"][0]["content"],
                                        ensure_ascii=False).encode())
        answered = sum(d.answered for d in status.districts)
        total = sum(d.actions for d in status.districts)
        print(f"{districts} districts × {actions} actions × 3 owners × {rounds} rounds "
              f"({db.engine.dialect.name}, seeded in {seeded:.0f} s): city status median "
              f"{statistics.median(timings):.1f} ms, worst {max(timings):.1f} ms over {repeat}, "
              f"this process's CPU median {statistics.median(cpu):.1f} ms; "
              f"{reads} SELECTs; {len(status.areas)} areas; answered {answered}/{total}; "
              f"roll-up card median {statistics.median(card_ms):.1f} ms, worst "
              f"{max(card_ms):.1f} ms, {card_bytes:,} bytes")
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--districts", type=int, default=13)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--db", default=os.environ.get("BENCH_DATABASE_URL")
                        or os.environ.get("TEST_DATABASE_URL") or "",
                        help="a migrated postgresql+asyncpg:// URL, run after SQLite")
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    asyncio.run(run(url, args.districts, args.actions, args.rounds, args.repeat))
    if args.db:
        upgrade(args.db)
        asyncio.run(run(args.db, args.districts, args.actions, args.rounds, args.repeat))


if __name__ == "__main__":
    main()
