"""Action.Execute status saves per second and p99 at 50 concurrent users, beside a bare echo bot.

    .venv/bin/python -m bench.card_save [--requests 2000] [--clients 50]

`folja serve` runs on a fresh SQLite database holding the 2025 sample plan and an open round;
each client is its own Teams user holding the role "Kommunpolis", and saves a status (new text
each time, so every request stores a new version) through an `adaptiveCard/action` invoke. The
echo bot (bench.echo_bot, an AgentApplication on the same SDK) gets the same load in the same run.
Goal: ≥ 0.5× the echo bot's turns/s, p99 < 250 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import aiohttp

from bench.turns import load, start_echo, start_folja, wait_healthy
from services.imports import import_workbook
from services.rounds import open_round
from storage.db import Database
from tests.botclient import TENANT, Teams, User
from tests.connector_stub import ConnectorStub
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025

FOLJA, ECHO = 18988, 18989


async def seed(db_dir: str, users: list[User]) -> tuple[int, list[int]]:
    """The plan, the users as Kommunpolis holders, and an open round; (round id, action ids)."""
    db = Database(f"sqlite+aiosqlite:///{db_dir}/bench.db")
    try:
        path = build_workbook(PLAN_2025, Path(db_dir) / "plan.xlsx")
        report = await import_workbook(db, path, year=2025, district="Kungsholmen")
        async with db.transaction() as repo:
            role = await repo.get_or_create_role("Kommunpolis")
            for u in users:
                person = await repo.create_person(email=u.email, display_name=u.name,
                                                  aad_object_id=u.aad, tenant_id=TENANT,
                                                  teams_user_id=u.teams_id)
                await repo.assign_role(role.id, person.id, report.plan_id)
            plan = await repo.get_plan(report.plan_id)
        actions = [a.id for a in plan.actions
                   if any(r.role.name == "Kommunpolis" for r in a.responsibilities)]
        opened = await open_round(db, str(report.plan_id), label="Bench", due=date(2026, 12, 4),
                                  actor="bench", now=datetime.now(UTC))
        return opened.round.id, actions
    finally:
        await db.dispose()


async def saves(teams: Teams, users: list[User], requests: int, round_id: int,
                actions: list[int]) -> dict:
    latencies: list[float] = []
    errors = 0
    url = f"http://127.0.0.1:{FOLJA}/api/messages"

    async def client(n: int, user: User, session: aiohttp.ClientSession) -> None:
        nonlocal errors
        for i in range(requests // len(users)):
            data = {"verb": "status.save", "round_id": round_id,
                    "action_id": actions[(n + i) % len(actions)], "base": 0,
                    "status": "on_track", "done_text": f"Möte {i} hållet med skolan.",
                    "needs_support": "false", "support_text": "", "occasions": ""}
            value = {"action": {"type": "Action.Execute", "verb": "status.save", "data": data},
                     "trigger": "manual"}
            start = time.perf_counter()
            async with session.post(url, json=teams.invoke(user, "adaptiveCard/action", value)) as r:
                body = await r.json(content_type=None)
                if r.status != 200 or "Sparat av" not in str(body):
                    errors += 1
                    if errors == 1:
                        print("first error:", r.status, str(body)[:300])
            latencies.append(time.perf_counter() - start)

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=len(users))) as session:
        began = time.perf_counter()
        await asyncio.gather(*(client(n, u, session) for n, u in enumerate(users)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {"turns_per_s": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies) * 1000,
            "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000, "errors": errors}


async def main(requests: int, clients: int) -> None:
    users = [User(f"29:save-{i}", f"aad-save-{i}", f"Polis {i}", f"polis{i}@polisen.se")
             for i in range(clients)]
    async with ConnectorStub() as stub:
        for u in users:
            stub.add_member(id=u.teams_id, aad_object_id=u.aad, name=u.name, email=u.email,
                            tenant_id=TENANT)
        teams = Teams(stub.url)
        with tempfile.TemporaryDirectory() as tmp:
            folja = start_folja(FOLJA, tmp)  # migrates the database first
            await wait_healthy(FOLJA, folja)
            round_id, actions = await seed(tmp, users)
            echo = start_echo(ECHO)
            try:
                await wait_healthy(ECHO, echo)
                await saves(teams, users, clients * 2, round_id, actions)  # warm-up
                await load(ECHO, teams, users, clients * 2, "hej")
                echo_r = await load(ECHO, teams, users, requests, "hej")
                save_r = await saves(teams, users, requests, round_id, actions)
                echo_r2 = await load(ECHO, teams, users, requests, "hej")
            finally:
                for proc in (folja, echo):
                    proc.terminate()
                    proc.wait(10)
    echo_best = max(echo_r["turns_per_s"], echo_r2["turns_per_s"])
    print(f"requests={requests} clients={clients}")
    print(f"echo        : {echo_r}  (second run {echo_r2['turns_per_s']:.0f}/s)")
    print(f"status.save : {save_r}")
    print(f"ratio save/echo (best echo run): {save_r['turns_per_s'] / echo_best:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.clients))
