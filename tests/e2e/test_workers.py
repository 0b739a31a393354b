"""`folja serve --workers N`: N processes on one port for PostgreSQL, stopped as one; refused on
SQLite, which has one writer."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
from pathlib import Path

import aiohttp

from storage.db import Database

ROOT = Path(__file__).resolve().parents[2]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(url: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    return subprocess.Popen([ROOT / ".venv/bin/folja", "serve", "--port", str(port),
                             "--workers", str(workers)], env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_group(proc: subprocess.Popen) -> None:
    """Whatever happened, no worker outlives the test (it would deliver from the test database)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)


def _children(pid: int) -> list[int]:
    """The worker processes (multiprocessing's resource tracker is a child too)."""
    kids = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [k for k in kids if b"resource_tracker" not in Path(f"/proc/{k}/cmdline").read_bytes()]


async def _healthy(port: int, proc: subprocess.Popen, seconds: float = 40) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(int(seconds * 5)):
            assert proc.poll() is None, proc.communicate()[1][-2000:]
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as r:
                    if r.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError("no worker answered /healthz")


async def test_workers_share_the_port_and_stop_together(database: Database, backend: str):
    port = _port()
    proc = _serve(database.url, port, 2)
    if backend == "sqlite":
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode != 0 and "kräver PostgreSQL" in err
        return
    try:
        await _healthy(port, proc)
        workers = _children(proc.pid)
        assert len(workers) == 2, workers
        async with aiohttp.ClientSession() as session:  # new connections land on both workers
            for _ in range(20):
                async with session.get(f"http://127.0.0.1:{port}/healthz",
                                       headers={"Connection": "close"}) as r:
                    assert r.status == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
        assert not any(Path(f"/proc/{w}").exists() for w in workers)
    finally:
        _kill_group(proc)


async def test_a_worker_that_dies_stops_the_unit(database: Database, backend: str):
    if backend == "sqlite":
        return
    port = _port()
    proc = _serve(database.url, port, 2)
    try:
        await _healthy(port, proc)
        first, second = _children(proc.pid)
        os.kill(second, signal.SIGKILL)
        assert proc.wait(60) != 0  # the service manager restarts the whole unit
        assert not _alive(first)
    finally:
        _kill_group(proc)


def _zombie(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"


async def test_workers_stop_when_the_supervisor_is_killed(database: Database, backend: str):
    if backend == "sqlite":
        return
    port = _port()
    proc = _serve(database.url, port, 2)
    try:
        await _healthy(port, proc)
        workers = _children(proc.pid)
        proc.kill()  # SIGKILL: the parent cannot pass anything on
        proc.wait(10)
        for _ in range(100):
            if not any(_alive(w) for w in workers):
                break
            await asyncio.sleep(0.2)
        assert not any(_alive(w) for w in workers)
    finally:
        _kill_group(proc)


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and not _zombie(pid)
