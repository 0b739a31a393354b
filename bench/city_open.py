"""Opening a city-wide round: the time and the statements of `folja round open --city`.

    .venv/bin/python -m bench.city_open [--districts 13] [--actions 300] [--people 600]
        [--shared 60] [--database postgresql+asyncpg://…]

bench/fanout_city.py builds the city (one plan per district, 300 actions × 3 owner roles, each
role one person with a chat, some people in several districts) in a fresh database: a SQLite
file in a temporary folder, or `<database>_cityopen` on the PostgreSQL given. Then the city
round is opened once through services.city_rounds (one transaction, one prompt per person) and
timed, counting the statements it sent; then an ordinary round in one district's plan, as
`folja round open` does, after the city round is closed. Goal: a few seconds, and statements
that do not grow with people or districts (tests/integration/test_round_open_queries.py holds
the second part).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlalchemy import event, text

from bench.fanout import fresh_database
from bench.fanout_city import add_city_arguments, bench_now, build_city, open_city_round
from cards.followup_messages import COMPOSER
from services import rounds
from storage.db import Database
from storage.migrate import upgrade


async def _timed(db: Database, step: Callable[[], Awaitable[int]]) -> dict:
    """Seconds, CPU seconds, prompts and statements by kind (SELECT, INSERT, …) of one step."""
    counts: Counter = Counter()

    def count(_conn, _cursor, statement, _params, _context, _many) -> None:
        counts[statement.lstrip().split(None, 1)[0].upper()] += 1

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    started, cpu = time.monotonic(), time.process_time()
    try:
        prompts = await step()
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    return {"s": round(time.monotonic() - started, 2),
            "cpu_s": round(time.process_time() - cpu, 2), "prompts": prompts,
            "statements": dict(counts)}


async def _one_district(db: Database) -> int:
    async with db.engine.begin() as conn:
        await conn.execute(text("UPDATE rounds SET status = 'closed', closed_at = :now"),
                           {"now": bench_now()})
    opened = await rounds.open_round(db, "Stadsdel 1", label="En stadsdel", due=None,
                                     actor="bench", now=bench_now(), compose=COMPOSER)
    return len(opened.prompted)


async def run(args: argparse.Namespace, url: str) -> dict:
    await asyncio.to_thread(upgrade, url)
    db = Database(url)
    try:
        started = time.monotonic()
        await build_city(db, "http://127.0.0.1:1", districts=args.districts,
                         actions=args.actions, people=args.people, shared=args.shared,
                         year=2026, now=bench_now())
        built = round(time.monotonic() - started, 1)
        city = await _timed(db, lambda: open_city_round(db, now=bench_now()))
        district = await _timed(db, lambda: _one_district(db))
    finally:
        await db.dispose()
    return {"database": url.partition(":")[0], "districts": args.districts, "build_s": built,
            "city_round": city, "one_district_round": district}


async def main_async(args: argparse.Namespace) -> dict:
    if args.database:
        return await run(args, await fresh_database(args.database, "_cityopen"))
    with tempfile.TemporaryDirectory() as folder:
        return await run(args, f"sqlite+aiosqlite:///{Path(folder) / 'city.sqlite'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_city_arguments(parser)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a SQLite file)")
    for key, value in asyncio.run(main_async(parser.parse_args())).items():
        print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
