"""What the HTTP benchmarks share: the processes they start and stop, the closed-loop load of
concurrent Teams users, and the printed comparison with the echo bot of the same run."""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp

from tests.botclient import User

ROOT = Path(__file__).resolve().parent.parent
Body = Callable[[int, User, int], dict]  # (client number, its user, request number) → activity
Ok = Callable[[int, str], bool]  # (HTTP status, response text) → answered as it should


def start_folja(port: int, url: str, workers: int = 1) -> subprocess.Popen:
    """`folja serve` on a database it migrates first (quiet: only errors are logged)."""
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "ERROR"}
    subprocess.run([ROOT / ".venv/bin/folja", "db", "upgrade"], env=env, check=True,
                   capture_output=True)
    return subprocess.Popen([ROOT / ".venv/bin/folja", "serve", "--port", str(port),
                             "--workers", str(workers)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_echo(port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bench.echo_bot", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(*procs: subprocess.Popen) -> None:
    for proc in procs:
        proc.terminate()
        proc.wait(10)


async def closed_loop(port: int, users: list[User], per_client: int, body: Body, ok: Ok) -> dict:
    """Each user sends `per_client` requests one after the other, all users at once; the rate,
    the median and 99th-percentile latency, and how many answers were not `ok`."""
    latencies: list[float] = []
    errors = 0
    url = f"http://127.0.0.1:{port}/api/messages"

    async def client(n: int, user: User, session: aiohttp.ClientSession) -> None:
        nonlocal errors
        for i in range(per_client):
            start = time.perf_counter()
            async with session.post(url, json=body(n, user, i)) as response:
                answer = await response.text()
                if not ok(response.status, answer):
                    errors += 1
                    if errors == 1:
                        print("first error:", response.status, answer[:300])
            latencies.append(time.perf_counter() - start)

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=len(users))) as session:
        began = time.perf_counter()
        await asyncio.gather(*(client(n, u, session) for n, u in enumerate(users)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {"turns_per_s": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies) * 1000,
            "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000, "errors": errors}


def report(label: str, result: dict, echo_runs: tuple[dict, dict]) -> None:
    """The echo bot's runs, this turn's, and the ratio to the better echo run."""
    first, second = echo_runs
    best = max(first["turns_per_s"], second["turns_per_s"])
    print(f"echo        : {first}  (second run {second['turns_per_s']:.0f}/s)")
    print(f"{label:<12}: {result}")
    print(f"ratio {label}/echo (best echo run): {result['turns_per_s'] / best:.2f}")
