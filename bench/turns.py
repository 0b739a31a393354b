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
import tempfile
from pathlib import Path

from bench.common import closed_loop, report, start_echo, start_folja, stop
from tests.botclient import TENANT, Teams, User
from tests.connector_stub import ConnectorStub
from tests.live import wait_healthy


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def load(port: int, teams: Teams, users: list[User], requests: int, text: str) -> dict:
    """`requests` messages saying `text` from len(users) concurrent clients (202 expected)."""
    return await closed_loop(port, users, requests // len(users),
                             lambda _n, user, _i: teams.message(user, text),
                             lambda status, _answer: status == 202)


async def main(requests: int, clients: int) -> None:
    users = [User(f"29:bench-{i}", f"aad-bench-{i}", f"Bench {i}", f"bench{i}@stad.se")
             for i in range(clients)]
    async with ConnectorStub() as stub:
        for u in users:
            stub.add_member(id=u.teams_id, aad_object_id=u.aad, name=u.name, email=u.email,
                            tenant_id=TENANT)
        teams = Teams(stub.url)
        with tempfile.TemporaryDirectory() as tmp:
            folja = start_folja(18978, f"sqlite+aiosqlite:///{tmp}/bench.db")
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
                stop(folja, echo)
    print(f"requests={requests} clients={clients}")
    report("hjälp", folja_r, (echo_r, echo_r2))
    print(f"folja serve RSS: idle {idle:.0f} MiB, after load {busy:.0f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.clients))
