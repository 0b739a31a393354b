"""Action.Execute status saves per second and p99 at 50 concurrent users, beside a bare echo bot.

    .venv/bin/python -m bench.card_save [--requests 2000] [--clients 50] [--database-url URL]
                                        [--workers N] [--spread]

`folja serve` (with --workers N: N processes, PostgreSQL only) runs on a fresh SQLite database
(or, with --database-url, on that PostgreSQL database, whose public schema is DROPPED first: give
it a database of its own) holding the 2025 sample plan and an open round. Each client is its own
Teams user holding the role "Kommunpolis" (with --spread: the plan's roles in turn), and saves a
status (new text each time, so every request stores a new version) through an
`adaptiveCard/action` invoke. The echo bot (bench.echo_bot, an AgentApplication on the same SDK,
one process) gets the same load in the same run. Goal: ≥ 0.5× the echo bot's turns/s, p99 < 250 ms."""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import closed_loop, report, start_echo, start_folja, stop
from bench.turns import load
from cards.followup_messages import COMPOSER
from services.imports import import_workbook
from services.rounds import open_round
from storage.db import Database
from tests.botclient import TENANT, Teams, User
from tests.connector_stub import ConnectorStub
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025
from tests.live import reset_public_schema, wait_healthy

FOLJA, ECHO = 18988, 18989


def sqlite_url(db_dir: str) -> str:
    return f"sqlite+aiosqlite:///{db_dir}/bench.db"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its children (`--workers`; Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = children.read_text().split() if children.exists() else []
    return own + sum(cpu_seconds(int(k)) for k in kids if Path(f"/proc/{k}").exists())


async def seed(db_dir: str, users: list[User], url: str | None = None, *, spread: bool = False
               ) -> tuple[int, list[list[int]]]:
    """The plan, the users as role holders, and an open round; (round id, each user's actions).

    Default: every user holds "Kommunpolis" (50 holders of one role: the worst case for a save,
    which reads and shows all of them). `spread`: user n holds the plan's n-th role in turn, as
    in a real plan (a few holders per role)."""
    db = Database(url or sqlite_url(db_dir))
    try:
        path = build_workbook(PLAN_2025, Path(db_dir) / "plan.xlsx")
        report = await import_workbook(db, path, year=2025, district="Kungsholmen")
        async with db.transaction() as repo:
            plan = await repo.get_plan(report.plan_id)
            names = sorted({r.role.name for a in plan.actions for r in a.responsibilities})
            names = names if spread else ["Kommunpolis"]
            roles = [await repo.get_or_create_role(name) for name in names]
            for n, u in enumerate(users):
                person = await repo.create_person(email=u.email, display_name=u.name,
                                                  aad_object_id=u.aad, tenant_id=TENANT,
                                                  teams_user_id=u.teams_id)
                await repo.assign_role(roles[n % len(roles)].id, person.id, await repo.district_of_plan(report.plan_id))
        owned = [[a.id for a in plan.actions
                  if any(r.role.name == names[n % len(names)] for r in a.responsibilities)]
                 for n in range(len(users))]
        now = datetime.now(UTC)
        opened = await open_round(db, str(report.plan_id), label="Bench",
                                  due=(now + timedelta(days=7)).date(),  # a past date is refused
                                  actor="bench", now=now, compose=COMPOSER)
        return opened.round.id, owned
    finally:
        await db.dispose()


async def saves(teams: Teams, users: list[User], requests: int, round_id: int,
                owned: list[list[int]]) -> dict:
    """Each user saves a new version of one of their own actions, request after request."""
    def body(n: int, user: User, i: int) -> dict:
        # No base (the version a card was drawn from): every request is a new version, none
        # is answered as a stale card.
        data = {"verb": "status.save", "round_id": round_id,
                "action_id": owned[n][i % len(owned[n])],
                "status": "on_track", "done_text": f"Möte {i} hållet med skolan.",
                "needs_support": "false", "support_text": "", "occasions": ""}
        value = {"action": {"type": "Action.Execute", "verb": "status.save", "data": data},
                 "trigger": "manual"}
        return teams.invoke(user, "adaptiveCard/action", value)

    return await closed_loop(FOLJA, users, requests // len(users), body,
                             lambda status, answer: status == 200 and "Sparat av" in answer)


async def main(requests: int, clients: int, database_url: str | None, workers: int = 1,
               spread: bool = False) -> None:
    users = [User(f"29:save-{i}", f"aad-save-{i}", f"Polis {i}", f"polis{i}@polisen.se")
             for i in range(clients)]
    async with ConnectorStub() as stub:
        for u in users:
            stub.add_member(id=u.teams_id, aad_object_id=u.aad, name=u.name, email=u.email,
                            tenant_id=TENANT)
        teams = Teams(stub.url)
        with tempfile.TemporaryDirectory() as tmp:
            url = database_url or sqlite_url(tmp)
            if database_url:
                await reset_public_schema(database_url)
            folja = start_folja(FOLJA, url, workers)  # migrates the database first
            await wait_healthy(FOLJA, folja)
            await asyncio.sleep(3 if workers > 1 else 0)  # the other workers start too
            round_id, owned = await seed(tmp, users, url, spread=spread)
            echo = start_echo(ECHO)
            try:
                await wait_healthy(ECHO, echo)
                await saves(teams, users, clients * 2, round_id, owned)  # warm-up
                await load(ECHO, teams, users, clients * 2, "hej")
                echo_r = await load(ECHO, teams, users, requests, "hej")
                cpu = cpu_seconds(folja.pid)
                save_r = await saves(teams, users, requests, round_id, owned)
                save_r["server_cpu_ms_per_save"] = (cpu_seconds(folja.pid) - cpu) / requests * 1000
                echo_r2 = await load(ECHO, teams, users, requests, "hej")
            finally:
                stop(folja, echo)
    print(f"requests={requests} clients={clients} workers={workers} spread={spread} "
          f"database={'postgresql' if database_url else 'sqlite'}")
    report("status.save", save_r, (echo_r, echo_r2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--database-url", default=None,
                        help="postgresql+asyncpg://… (its public schema is dropped); default SQLite")
    parser.add_argument("--workers", type=int, default=1, help="folja serve --workers (PostgreSQL)")
    parser.add_argument("--spread", action="store_true",
                        help="users hold the plan's roles in turn (default: all hold Kommunpolis)")
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.clients, args.database_url, args.workers, args.spread))
