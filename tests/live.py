"""Real servers and databases for the tests that start processes, and for the benchmarks:
a free port, waiting for /healthz, an empty PostgreSQL schema."""

from __future__ import annotations

import asyncio
import socket
import subprocess
from pathlib import Path

import aiohttp
from sqlalchemy import text

from storage.db import Database


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_healthy(port: int, proc: subprocess.Popen, *, seconds: float = 30,
                       log: Path | None = None) -> None:
    """Until GET /healthz answers 200; fails at once, with the log's tail, if `proc` exits."""
    async with aiohttp.ClientSession() as session:
        for _ in range(int(seconds * 10)):
            if proc.poll() is not None:
                tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
                raise AssertionError(f"server exited with {proc.returncode}: {tail}")
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as r:
                    if r.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"no server on port {port} became healthy in {seconds:g} s")


async def reset_public_schema(url: str) -> None:
    """Drop everything in a PostgreSQL database (its own, for tests or a benchmark)."""
    db = Database(url)
    try:
        async with db.engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await db.dispose()
