"""SQLite statements run on the event loop's own thread instead of aiosqlite's worker thread.

aiosqlite hands every call (execute, fetch, commit) to a thread and wakes the loop when it is
done: several hand-overs per statement, and they, not SQLite's own work, were most of a card
save's CPU (see BENCHMARKS.md, 'card save'). `Database.serialised` already runs this process's
transactions one at a time, and WAL readers never wait, so nothing here waits for a lock held
by the same process.

The cost: while another process (a `folja` CLI command) holds SQLite's write lock, a write here
waits in SQLite's busy handler (up to busy_timeout, 5 s) on the loop's thread, so the bot pauses
with it instead of only that turn. PostgreSQL, the production database, is unaffected.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import Any

import aiosqlite


class InlineConnection(aiosqlite.Connection):
    """aiosqlite's connection, its calls run at once on the caller's thread.

    Opening, closing and SQLAlchemy's isolation-level setter still go through the worker
    thread, as aiosqlite and SQLAlchemy expect; hence the sqlite3 connection is made with
    check_same_thread=False (it is never used by two threads at once).
    """

    async def _execute(self, fn, *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)


def _inline_connection(database: str, **kwargs: Any) -> InlineConnection:
    kwargs["check_same_thread"] = False
    return InlineConnection(partial(sqlite3.connect, database, **kwargs), iter_chunk_size=64)


def connect_inline(dialect, _record, cargs: list, cparams: dict) -> Any:
    """SQLAlchemy's `do_connect` hook: the URL's arguments as parsed by the dialect, our
    connection class instead of aiosqlite's."""
    return dialect.dbapi.connect(*cargs, async_creator_fn=_inline_connection, **cparams)
