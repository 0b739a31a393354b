"""storage/sqlite_inline.py: SQLite statements run on the loop's thread, still wait out another
process's write lock, and leave no worker thread behind."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import event, text

from storage.db import Database


def _database(tmp_path: Path) -> Database:
    return Database(f"sqlite+aiosqlite:///{tmp_path}/inline.db")


async def test_statements_run_on_the_event_loop_thread(tmp_path: Path):
    db = _database(tmp_path)

    @event.listens_for(db.engine.sync_engine, "connect")
    def thread_function(dbapi_conn, _record) -> None:
        dbapi_conn.create_function("thread_ident", 0, threading.get_ident)

    try:
        async with db.engine.connect() as conn:
            ran_on = (await conn.execute(text("SELECT thread_ident()"))).scalar()
        assert ran_on == threading.get_ident()
    finally:
        await db.dispose()


async def test_a_write_waits_for_another_process_lock_then_succeeds(tmp_path: Path):
    db = _database(tmp_path)
    async with db.transaction() as repo:
        await repo.session.execute(text("CREATE TABLE notes (body TEXT)"))
    locked, release = threading.Event(), threading.Event()

    def other_process() -> None:  # a CLI command in the middle of its write transaction
        conn = sqlite3.connect(tmp_path / "inline.db", isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO notes VALUES ('cli')")
        locked.set()
        release.wait(5)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=other_process)
    holder.start()
    try:
        assert locked.wait(5)
        threading.Timer(0.3, release.set).start()
        began = time.monotonic()
        async with db.transaction() as repo:
            await repo.session.execute(text("INSERT INTO notes VALUES ('bot')"))
        waited = time.monotonic() - began
        async with db.transaction() as repo:
            rows = (await repo.session.execute(text("SELECT body FROM notes"))).scalars().all()
        assert sorted(rows) == ["bot", "cli"]
        assert waited >= 0.25  # it waited for the lock instead of failing
    finally:
        release.set()
        holder.join(5)
        await db.dispose()


def _connection_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if "_connection_worker_thread" in t.name}


async def test_dispose_stops_every_connection_thread(tmp_path: Path):
    before = _connection_threads()
    db = _database(tmp_path)
    async with db.transaction() as repo:
        await repo.session.execute(text("SELECT 1"))
    ours = _connection_threads() - before
    assert ours  # aiosqlite's thread still opens and closes each connection
    await db.dispose()
    for _ in range(50):
        if not any(t.is_alive() for t in ours):
            break
        await asyncio.sleep(0.02)
    assert not any(t.is_alive() for t in ours)
