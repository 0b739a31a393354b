"""Shared fixtures: a real database per test (SQLite always, PostgreSQL when TEST_DATABASE_URL is
set), the real aiohttp app, and the Bot Connector stub the bot replies to.

Migrations run for real: once per session per backend (SQLite into a template file that each test
copies; PostgreSQL into a fresh schema that each test truncates).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import text

from config import Settings
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Base
from tests.clock import HOUR, STOCKHOLM, FrozenClock, at
from tests.faketime import repair_sleep
from tests.live import reset_public_schema

PG_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
REQUIRE_PG = os.environ.get("FOLJA_REQUIRE_PG_TESTS") == "1"
ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["sqlite", "postgresql"]
_pg_passed = 0


def pytest_configure(config: pytest.Config) -> None:
    repair_sleep()  # under libfaketime only (tests/faketime.py)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _pg_passed
    if report.when == "call" and report.passed and "[postgresql" in report.nodeid:
        _pg_passed += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    out = ROOT / "var"
    out.mkdir(exist_ok=True)
    (out / "pg-tests-ran").write_text(str(_pg_passed))


@pytest.fixture
def clock() -> Iterator[FrozenClock]:
    """Time stands still for this test: today (by the real clock, in Stockholm) at HOUR UTC.

    Everything that asks for the time sees that moment (`datetime.now`, `time.time`, the code's
    `system_clock`); monotonic timers run on. The test moves it with `clock.move_to`/`shift`.
    """
    with time_machine.travel(at(datetime.now(STOCKHOLM).date(), HOUR), tick=False) as traveller:
        yield FrozenClock(traveller)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_migrated() -> str:
    """Migrate the PostgreSQL test database from scratch, once."""
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("FOLJA_REQUIRE_PG_TESTS=1 but TEST_DATABASE_URL is not set")
        pytest.skip("TEST_DATABASE_URL not set")

    try:
        asyncio.run(reset_public_schema(PG_URL))
    except Exception as exc:  # noqa: BLE001
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL at TEST_DATABASE_URL unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    upgrade(PG_URL)
    return PG_URL


async def _truncate(db: Database) -> None:
    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    async with db.engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database for this test."""
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "folja.db"
        shutil.copy(template, path)
        return f"sqlite+aiosqlite:///{path}"
    return request.getfixturevalue("pg_migrated")


@pytest.fixture
async def database(db_url: str, backend: str) -> AsyncIterator[Database]:
    db = Database(db_url)
    if backend == "postgresql":
        await _truncate(db)
    try:
        yield db
    finally:
        await db.dispose()


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url)
