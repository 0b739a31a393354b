"""Benchmark: build the styrgrupp summary for 2,000 actions × 3 owners, 4 rounds.

Run: .venv/bin/python -m bench.summary [--actions 2000] [--db sqlite|URL]
Prints the median/worst time of loading + building the Summary (services.current_summary: all
queries plus the pure build), of rendering the card, and the number of SELECTs (constant).
Goal: < 200 ms per summary.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from reports.summary import renderer
from services.summaries import current_summary
from storage.db import Database
from storage.migrate import upgrade
from tests.summary_helpers import bulk_plan


async def run(url: str, actions: int, repeat: int) -> None:
    db = Database(url)
    try:
        plan_id, round_id = await bulk_plan(db, actions, owners=3, rounds=4,
                                            district=f"Bench {time.time_ns()}")
        selects: list[int] = []
        event.listen(db.engine.sync_engine, "before_cursor_execute",
                     lambda *a: selects.append(1) if a[2].lstrip().upper().startswith("SELECT")
                     else None)
        timings, render_ms = [], []
        for _ in range(repeat):
            selects.clear()
            start = time.perf_counter()
            summary = await current_summary(db, plan_id, round_id)
            timings.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            renderer("sv")(summary)
            render_ms.append((time.perf_counter() - start) * 1000)
        print(f"{actions} actions × 3 owners, 4 rounds ({db.engine.dialect.name}): "
              f"summary median {statistics.median(timings):.1f} ms, worst {max(timings):.1f} ms; "
              f"card render median {statistics.median(render_ms):.1f} ms; "
              f"{len(selects)} SELECTs per summary; answered {summary.answered_actions}/"
              f"{summary.total_actions}")
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--db", default="sqlite", help="sqlite, or a postgresql+asyncpg:// URL "
                        "of a migrated database (a new plan is added each run)")
    args = parser.parse_args()
    if args.db == "sqlite":
        path = Path(tempfile.mkdtemp()) / "bench.db"
        url = f"sqlite+aiosqlite:///{path}"
        upgrade(url)
    else:
        url = args.db
    asyncio.run(run(url, args.actions, args.repeat))


if __name__ == "__main__":
    main()
