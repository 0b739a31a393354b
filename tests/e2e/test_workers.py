"""`folja serve --workers N`: N processes on one port for PostgreSQL, stopped as one; refused on
SQLite, which has one writer."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from storage.db import Database
from tests.live import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[2]


def _serve(url: str, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    with log.open("ab") as out:
        return subprocess.Popen([ROOT / ".venv/bin/folja", "serve", "--port", str(port),
                                 "--workers", "2"], env=env, start_new_session=True,
                                stdout=out, stderr=subprocess.STDOUT)


@contextlib.asynccontextmanager
async def two_workers(database: Database, log: Path) -> AsyncIterator[tuple]:
    """A healthy unit of two workers: (supervisor, port, worker pids). Whatever happens, no
    worker outlives the test (it would go on delivering from the test database)."""
    port = free_port()
    proc = _serve(database.url, port, log)
    try:
        await wait_healthy(port, proc, seconds=40, log=log)
        yield proc, port, _children(proc.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


def _children(pid: int) -> list[int]:
    """The worker processes (multiprocessing's resource tracker is a child too)."""
    kids = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [k for k in kids if b"resource_tracker" not in Path(f"/proc/{k}/cmdline").read_bytes()]


def _alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


def _postgresql_only(backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("workers need PostgreSQL; SQLite's refusal has its own test")


async def test_sqlite_refuses_workers(database: Database, backend: str, tmp_path):
    if backend != "sqlite":
        pytest.skip("the refusal is SQLite's")
    log = tmp_path / "serve.log"
    proc = _serve(database.url, free_port(), log)
    assert proc.wait(60) != 0
    assert "kräver PostgreSQL" in log.read_text()


async def test_workers_share_the_port_and_stop_together(database: Database, backend: str,
                                                        tmp_path):
    _postgresql_only(backend)
    async with two_workers(database, tmp_path / "serve.log") as (proc, port, workers):
        assert len(workers) == 2, workers
        async with aiohttp.ClientSession() as session:  # new connections land on both workers
            for _ in range(20):
                async with session.get(f"http://127.0.0.1:{port}/healthz",
                                       headers={"Connection": "close"}) as r:
                    assert r.status == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
        assert not any(_alive(w) for w in workers)


async def test_a_worker_that_dies_stops_the_unit(database: Database, backend: str, tmp_path):
    _postgresql_only(backend)
    async with two_workers(database, tmp_path / "serve.log") as (proc, _port, workers):
        first, second = workers
        os.kill(second, signal.SIGKILL)
        assert proc.wait(60) != 0  # the service manager restarts the whole unit
        assert not _alive(first)


async def test_workers_stop_when_the_supervisor_is_killed(database: Database, backend: str,
                                                          tmp_path):
    _postgresql_only(backend)
    async with two_workers(database, tmp_path / "serve.log") as (proc, _port, workers):
        proc.kill()  # SIGKILL: the parent cannot pass anything on
        proc.wait(10)
        for _ in range(100):
            if not any(_alive(w) for w in workers):
                break
            await asyncio.sleep(0.2)
        assert not any(_alive(w) for w in workers)
