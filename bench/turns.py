"""Turns per second and latency of the "hjälp" turn, beside a bare echo bot, in the same run.

    .venv/bin/python -m bench.turns [--requests 2000] [--clients 50]

Both bots run as their own process (`folja serve` on a fresh SQLite database, `bench.echo_bot`),
reply to a connector stub in this process, and get the same load: `clients` concurrent clients,
each its own Teams user, POSTing messages to /api/messages. Also prints the idle RSS of
`folja serve` (after start-up and migration check, before any turn).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from tests.botclient import TENANT, Teams, User
from tests.connector_stub import ConnectorStub

ROOT = Path(__file__).resolve().parent.parent


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}")
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as r:
                    if r.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise TimeoutError("server did not become healthy")


def start_folja(port: int, db_dir: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{db_dir}/bench.db",
           "LOG_LEVEL": "ERROR"}
    subprocess.run([ROOT / ".venv/bin/folja", "db", "upgrade"], env=env, check=True,
                   capture_output=True)
    return subprocess.Popen([ROOT / ".venv/bin/folja", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_echo(port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bench.echo_bot", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def load(port: int, teams: Teams, users: list[User], requests: int, text: str) -> dict:
    """Send `requests` messages from len(users) concurrent clients; latency per request."""
    latencies: list[float] = []
    errors = 0
    per_client = requests // len(users)
    url = f"http://127.0.0.1:{port}/api/messages"

    async def client(user: User, session: aiohttp.ClientSession) -> None:
        nonlocal errors
        for _ in range(per_client):
            start = time.perf_counter()
            async with session.post(url, json=teams.message(user, text)) as response:
                await response.read()
                if response.status != 202:
                    errors += 1
            latencies.append(time.perf_counter() - start)

    connector = aiohttp.TCPConnector(limit=len(users))
    async with aiohttp.ClientSession(connector=connector) as session:
        began = time.perf_counter()
        await asyncio.gather(*(client(u, session) for u in users))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "turns_per_s": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "errors": errors,
    }


async def main(requests: int, clients: int) -> None:
    users = [User(f"29:bench-{i}", f"aad-bench-{i}", f"Bench {i}", f"bench{i}@stad.se")
             for i in range(clients)]
    async with ConnectorStub() as stub:
        for u in users:
            stub.add_member(id=u.teams_id, aad_object_id=u.aad, name=u.name, email=u.email,
                            tenant_id=TENANT)
        teams = Teams(stub.url)
        with tempfile.TemporaryDirectory() as tmp:
            folja = start_folja(18978, tmp)
            echo = start_echo(18979)
            try:
                await wait_healthy(18978, folja)
                await wait_healthy(18979, echo)
                await asyncio.sleep(2)
                idle = rss_mib(folja.pid)
                await load(18978, teams, users, clients * 4, "hjälp")  # warm-up: first contact
                await load(18979, teams, users, clients * 4, "hej")
                echo_r = await load(18979, teams, users, requests, "hej")
                folja_r = await load(18978, teams, users, requests, "hjälp")
                echo_r2 = await load(18979, teams, users, requests, "hej")
                busy = rss_mib(folja.pid)
            finally:
                for proc in (folja, echo):
                    proc.terminate()
                    proc.wait(10)
    echo_best = max(echo_r["turns_per_s"], echo_r2["turns_per_s"])
    print(f"requests={requests} clients={clients}")
    print(f"echo   : {echo_r}  (second run {echo_r2['turns_per_s']:.0f}/s)")
    print(f"hjälp  : {folja_r}")
    print(f"ratio hjälp/echo (best echo run): {folja_r['turns_per_s'] / echo_best:.2f}")
    print(f"folja serve RSS: idle {idle:.0f} MiB, after load {busy:.0f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.clients))
