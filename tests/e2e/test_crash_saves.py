"""kill -9 of `folja serve` during 50 concurrent card saves (issue 9 acceptance).

A real `folja serve` subprocess on the test database; 50 different status saves are POSTed at
once as Action.Execute invokes; once ten have been answered 200 the server is killed with
SIGKILL. After a restart every save that got HTTP 200 is in the database exactly once, and Teams'
retry of all 50 (same cards, same content) stores each missing one once and duplicates none.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import aiohttp
from sqlalchemy import select

from cards.followup_messages import COMPOSER
from services.rounds import open_round
from storage.db import Database
from storage.models import StatusReportRow
from tests.botclient import TOVE, Teams
from tests.connector_stub import ConnectorStub
from tests.followup_data import seed_2025
from tests.live import free_port, wait_healthy
from tests.schemas import assert_valid_card

SAVES = 50
KILL_AFTER = 10
ROOT = Path(__file__).resolve().parents[2]


async def serve(db_url: str, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": db_url, "FOLJA_PORT": str(port), "MICROSOFT_APP_ID": "",
           "FOLJA_HOST": "127.0.0.1", "LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "folja"), "serve"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=log.open("ab"))
    try:
        await wait_healthy(port, proc, log=log)
    except AssertionError:
        proc.kill()
        raise
    return proc


def save_activity(teams: Teams, round_id: int, action_id: int, i: int) -> dict:
    # 50 different saves of a few actions: without a base (the version a card was drawn from),
    # so none is refused as stale; what is tested is that a kill loses and doubles nothing.
    data = {"verb": "status.save", "round_id": round_id, "action_id": action_id,
            "status": "on_track", "done_text": f"Spara nummer {i}", "needs_support": "false",
            "support_text": "", "occasions": ""}
    value = {"action": {"type": "Action.Execute", "verb": "status.save", "data": data},
             "trigger": "manual"}
    activity = teams.invoke(TOVE, "adaptiveCard/action", value)
    activity["id"] = f"save-{i}"
    return activity


async def post_all(port: int, activities: list[dict], killer=None) -> dict[int, int]:
    """POST all at once; status per save (0 when the connection died)."""
    statuses: dict[int, int] = {}
    answered = asyncio.Event()

    async def one(session: aiohttp.ClientSession, i: int, activity: dict) -> None:
        try:
            async with session.post(f"http://127.0.0.1:{port}/api/messages", json=activity) as r:
                body = await r.json(content_type=None)
                statuses[i] = r.status
                if r.status == 200:
                    assert body["type"] == "application/vnd.microsoft.card.adaptive", body
                    assert_valid_card(body["value"])
                if sum(s == 200 for s in statuses.values()) >= KILL_AFTER:
                    answered.set()
        except (TimeoutError, aiohttp.ClientError):
            statuses[i] = 0

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        tasks = [asyncio.create_task(one(session, i, a)) for i, a in enumerate(activities)]
        if killer is not None:
            waiter = asyncio.create_task(answered.wait())
            await asyncio.wait([waiter, asyncio.gather(*tasks)], return_when="FIRST_COMPLETED")
            killer()
        await asyncio.gather(*tasks)
    return statuses


async def saved_texts(db: Database) -> list[str]:
    async with db.session() as session:
        return list(await session.scalars(
            select(StatusReportRow.done_text).where(StatusReportRow.source != "import")))


async def test_kill_9_during_50_saves_loses_no_acknowledged_save_and_duplicates_none(
    database: Database, db_url: str, tmp_path: Path
):
    seeded = await seed_2025(database, tmp_path)
    now = database.clock()  # the real one: the server in its own process cannot share a frozen one
    opened = await open_round(database, "Kungsholmen 2025", label="Vecka 49",
                              due=now.date() + timedelta(days=4), actor="karin.koord@stad.se",
                              now=now, compose=COMPOSER)
    async with database.transaction() as repo:
        plan = await repo.get_plan(seeded.plan_id)
    mine = [a.id for a in plan.actions
            if any(r.role.name == "Kommunpolis" for r in a.responsibilities)]
    assert mine
    async with ConnectorStub() as stub:
        teams = Teams(stub.url)
        activities = [save_activity(teams, opened.round.id, mine[i % len(mine)], i)
                      for i in range(SAVES)]
        log, port = tmp_path / "serve.log", free_port()
        proc = await serve(db_url, port, log)
        first = await post_all(port, activities, killer=lambda: os.kill(proc.pid, signal.SIGKILL))
        proc.wait()
        acknowledged = {i for i, s in first.items() if s == 200}
        print(f"answered 200 before the kill: {len(acknowledged)} of {SAVES}")
        assert len(acknowledged) >= KILL_AFTER
        texts = await saved_texts(database)
        for i in acknowledged:  # everything answered 200 survived the kill
            assert texts.count(f"Spara nummer {i}") == 1, i
        assert all(texts.count(t) == 1 for t in texts)

        proc = await serve(db_url, port, log)  # restart; Teams retries every card
        try:
            again = await post_all(port, activities)
        finally:
            proc.terminate()
            proc.wait()
        assert set(again.values()) == {200}, again
        texts = await saved_texts(database)
        assert sorted(texts) == sorted(f"Spara nummer {i}" for i in range(SAVES))
        assert "Traceback" not in log.read_text()
