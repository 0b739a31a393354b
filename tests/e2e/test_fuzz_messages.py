"""Hostile input on POST /api/messages, property-based (issue 9).

Generated requests — wrong types, missing and extra fields, huge strings, deep JSON, lone
surrogates, wrong content types, forged card invokes, unknown verbs, ids of other plans, other
tenants — against the real app: never a 5xx, never an ERROR in the log, and a refused request
writes nothing. `FOLJA_FUZZ_EXAMPLES` sets the number of cases (200 by default; the benchmark
bench/fuzz_messages.py runs 10,000+).
"""

from __future__ import annotations

import asyncio
import os

from hypothesis import HealthCheck, given, settings

from config import Settings
from storage.db import Database
from tests.conftest import _truncate
from tests.hostile import Harness, cases

EXAMPLES = int(os.environ.get("FOLJA_FUZZ_EXAMPLES", "200"))


def test_hostile_requests_never_fail_the_server_nor_write_when_refused(db_url: str, backend: str):
    loop = asyncio.new_event_loop()
    db = Database(db_url)
    harness = Harness(Settings(database_url=db_url), db)
    try:
        if backend == "postgresql":
            loop.run_until_complete(_truncate(db))
        loop.run_until_complete(harness.start())

        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=cases(harness.service_url))
        def check(case) -> None:
            findings = loop.run_until_complete(harness.run(case))
            assert not findings, findings[0]

        check()
        assert harness.cases_run >= EXAMPLES
        assert set(harness.statuses) & {200, 202} and 400 in harness.statuses, harness.statuses
    finally:
        loop.run_until_complete(harness.stop())
        loop.run_until_complete(db.dispose())
        loop.close()
