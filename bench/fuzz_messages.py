"""Hostile input on POST /api/messages at scale: 10,000+ generated requests against the real app.

    .venv/bin/python -m bench.fuzz_messages [--cases 10000] [--database-url URL] [--seed N]

The same strategies and checks as tests/e2e/test_fuzz_messages.py (tests/hostile.py): no 5xx, no
ERROR in the log, no row written by a refused request. Prints the number of cases, the statuses
seen and every finding; exits 1 if there was any. SQLite in a temporary file unless
--database-url is given (PostgreSQL: use an empty, dedicated database — it is migrated here).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

from config import Settings
from storage.db import Database
from storage.migrate import upgrade
from tests.hostile import Finding, Harness, cases


def run(cases_wanted: int, url: str, seed_value: int) -> tuple[Harness, list[Finding], float]:
    loop = asyncio.new_event_loop()
    db = Database(url)
    harness = Harness(Settings(database_url=url), db)
    findings: list[Finding] = []
    started = time.perf_counter()
    try:
        loop.run_until_complete(harness.start())

        @seed(seed_value)
        @settings(max_examples=cases_wanted, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=cases(harness.service_url))
        def check(case) -> None:
            findings.extend(loop.run_until_complete(harness.run(case)))

        check()
    finally:
        loop.run_until_complete(harness.stop())
        loop.run_until_complete(db.dispose())
        loop.close()
    return harness, findings, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)  # the harness reads ERRORs itself
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'fuzz.db'}"
        upgrade(url)
        harness, findings, seconds = run(args.cases, url, args.seed)
    print(f"cases run: {harness.cases_run} in {seconds:.0f} s "
          f"({harness.cases_run / seconds:.0f}/s), database {url.split(':')[0]}")
    print("statuses: " + ", ".join(f"{k}×{v}" for k, v in sorted(harness.statuses.items())))
    print(f"findings: {len(findings)}")
    for finding in findings[:20]:
        print(f"  {finding.status} {finding.problem} :: {finding.case.body[:200]!r}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
