"""The engine and its transactions. The engine lives and dies with the app (no module globals).

`Database.transaction()` is the one way services touch data: one `async with` is one
transaction, committed on success and rolled back on any error, so nothing is half-written.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, DisconnectionError, IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from domain.clock import Clock, system_clock
from storage.repository import Repository
from storage.sqlite_inline import connect_inline

log = logging.getLogger(__name__)


class DatabaseUnavailable(RuntimeError):
    """The database could not be reached; the user is asked to try again."""


class Conflict(RuntimeError):
    """A unique key was taken by a concurrent transaction (e.g. two first turns of one person);
    running the same intention again finds the other's row."""


def _is_unique_violation(exc: BaseException) -> bool:
    if not isinstance(exc, IntegrityError):
        return False
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return code == "23505" or "UNIQUE constraint failed" in str(orig)


class NotMigrated(RuntimeError):
    """The schema is older than the code; `folja db upgrade` fixes it."""


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of a SQLite file (SQLite creates the file, not its folder)."""
    if not _is_sqlite(url) or ":///" not in url:
        return
    path = url.split(":///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    """Foreign keys on, WAL for concurrent readers, and a busy wait instead of 'locked' errors."""
    # SQLite's own lower() folds only ASCII: "Östermalm" would not match "östermalm". Python's
    # does, so every case-insensitive lookup behaves as it does on PostgreSQL.
    dbapi_conn.create_function("lower", 1, _lower, deterministic=True)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=5000")
    # WAL + NORMAL: durable across a process crash (kill -9); only an OS crash may lose the
    # last commits. One fsync per checkpoint instead of one per transaction.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


# PostgreSQL connections per process, all kept open. An overflow above the pool is closed when
# it is checked in, so under steady load (50 users saving) a pool with overflow opened and
# closed connections all the time, which cost both rate and p99 (see BENCHMARKS.md, 'card
# save'). A turn beyond 20 waits for a connection.
# With `--workers N`, PostgreSQL's max_connections must exceed N × 20 plus the CLI (DEPLOY.md).
POOL_SIZE = 20

PING_AFTER_IDLE = 5.0  # seconds a pooled PostgreSQL connection may rest before it is checked


def _ping_when_idle(engine: AsyncEngine, idle: float) -> None:
    """Check a pooled connection that has rested, before handing it out; replace it if dead.

    `pool_pre_ping` checks every checkout: a round trip per transaction, a noticeable share of a
    card save's CPU (see BENCHMARKS.md, 'card save'). A connection in steady use has just proven itself; one that rested may have
    been cut by a database restart or a firewall, and that one is pinged. A connection cut while
    in use, or within `idle` seconds of its last use, still fails that one turn (the user is
    asked to try again) and SQLAlchemy renews the pool (tests/integration/test_pool.py).
    """
    @event.listens_for(engine.sync_engine, "checkin")
    def rested(_dbapi_conn, record) -> None:
        record.info["rests_since"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def check(dbapi_conn, record, _proxy) -> None:
        since = record.info.get("rests_since")
        if since is None or time.monotonic() - since < idle:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # any failure: the pool connects anew
            raise DisconnectionError(f"pooled connection gone: {exc}") from exc


def make_engine(url: str, *, ping_after_idle: float = PING_AFTER_IDLE) -> AsyncEngine:
    """An engine with settings that suit each backend.

    `hide_parameters`: a failing statement's error text (logged, or shown by a crash report)
    leaves out the values, which may be free text a user typed or a person's identifiers.
    """
    if _is_sqlite(url):
        ensure_sqlite_dir(url)
        engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine.sync_engine, "do_connect", connect_inline)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_async_engine(url, pool_size=POOL_SIZE, max_overflow=0, pool_timeout=10,
                                 hide_parameters=True)
    _ping_when_idle(engine, ping_after_idle)
    return engine


async def _quiet_rollback(session: AsyncSession) -> None:
    """Roll back, ignoring a connection that is already gone (the error that got us here wins)."""
    try:
        await session.rollback()
    except Exception:
        log.debug("rollback failed", exc_info=True)


_HOLDER: contextvars.ContextVar[Database | None] = contextvars.ContextVar("sqlite_writer",
                                                                        default=None)


class Database:
    """Owns the engine; hands out transactions wrapped in a `Repository`.

    `clock` is the installation's one source of "now" (domain/clock.py): every repository gets
    it, and the edges that hold the database (the delivery pipeline, the SDK state store) read
    it here, so a test or a replay runs at whatever time it chooses.
    """

    def __init__(self, url: str, engine: AsyncEngine | None = None, *,
                 clock: Clock = system_clock) -> None:
        self.url = url
        self.clock = clock
        self.engine = engine or make_engine(url)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._sqlite_writer = asyncio.Lock() if _is_sqlite(url) else None

    @asynccontextmanager
    async def serialised(self) -> AsyncIterator[None]:
        """On SQLite, one transaction at a time in this process.

        SQLite has one writer; concurrent writers otherwise wait in its busy handler, which sleeps
        in growing steps, so saves under load crawl and their p99 runs to seconds (see
        BENCHMARKS.md, 'card save'). Queueing them here costs nothing extra and keeps latency flat. Re-entrant within one task, so a nested
        transaction does not wait for itself. PostgreSQL needs none of this.
        """
        if self._sqlite_writer is None or _HOLDER.get() is self:
            yield
            return
        async with self._sqlite_writer:
            token = _HOLDER.set(self)
            try:
                yield
            finally:
                _HOLDER.reset(token)

    @property
    def is_sqlite(self) -> bool:
        return _is_sqlite(self.url)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Repository]:
        """One unit of work: commit on success, roll back on error.

        Failing to connect, or losing the connection, is `DatabaseUnavailable` (the user is asked
        to try again); any other database error is a bug and propagates as it is.
        """
        async with self.serialised(), self._sessions() as session:
            try:
                await session.connection()
            except (OperationalError, DBAPIError, ConnectionError, OSError) as exc:
                raise DatabaseUnavailable(str(exc)) from exc
            try:
                yield Repository(session, self.clock)
                await session.commit()
            except BaseException as exc:
                await _quiet_rollback(session)
                if isinstance(exc, ConnectionError | OSError) or (
                    isinstance(exc, DBAPIError)
                    and (exc.connection_invalidated or isinstance(exc.orig, ConnectionError | OSError))
                ):
                    raise DatabaseUnavailable(str(exc)) from exc
                if _is_unique_violation(exc):
                    raise Conflict(str(exc)) from exc
                raise

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A bare session for the few places that need one (the SDK state store)."""
        async with self._sessions() as session:
            yield session

    async def ping(self) -> bool:
        """True when a trivial query answers; used by /healthz."""
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception:  # any failure means "not healthy"
            log.warning("database ping failed", exc_info=True)
            return False

    async def dispose(self) -> None:
        await self.engine.dispose()
