"""The scheduler on a real database: each job once per period, across concurrent ticks."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from config import Settings
from domain.model import ConversationRef
from scheduler.jobs import JOBS, JobContext, job
from scheduler.tick import STALE_RUN, tick
from services.delivery_admin import set_schedule
from storage.db import Database

MONDAY_8 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # 08:00 in Stockholm
WEEKLY = {"every": "week", "weekday": 0, "time": "08:00"}


@pytest.fixture
def counting_job():
    """A job that queues one outbox row per run (keyed by its period) and counts its runs."""
    runs: list[str] = []

    @job("test_count")
    async def count(ctx: JobContext) -> dict:
        runs.append(ctx.period)
        if ctx.spec.get("fail"):
            raise RuntimeError("boom")
        async with ctx.db.transaction() as repo:
            await repo.enqueue(kind="notice", dedupe_key=f"count:{ctx.period}",
                               activity={"type": "message", "text": ctx.period},
                               target={"conversation_id": "c", "service_url": "http://x/"})
        return {"period": ctx.period}

    yield runs
    JOBS.pop("test_count", None)


async def schedule(db: Database, spec: dict, name: str = "weekly", job_name: str = "test_count",
                   now: datetime = MONDAY_8 - timedelta(days=1)) -> None:
    settings = Settings()
    await set_schedule(db, name=name, job=job_name, spec=spec, plan_ref=None, enabled=True,
                       now=now, zone=settings.zone)


async def test_a_job_runs_once_per_period(database: Database, counting_job):
    settings = Settings()
    await schedule(database, WEEKLY)
    assert await tick(database, settings, MONDAY_8 - timedelta(minutes=1)) == []
    assert await tick(database, settings, MONDAY_8) == ["weekly@2026-W49"]
    assert await tick(database, settings, MONDAY_8 + timedelta(hours=3)) == []
    assert await tick(database, settings, MONDAY_8 + timedelta(days=7)) == ["weekly@2026-W50"]
    assert counting_job == ["2026-W49", "2026-W50"]
    async with database.transaction() as repo:
        [s] = await repo.list_schedules()
        runs = await repo.last_job_runs()
    assert s.next_run_at == MONDAY_8 + timedelta(days=14)
    assert runs["weekly"][0] == "2026-W50" and runs["weekly"][2] is not None


async def test_replicas_ticking_together_run_it_once(database: Database, counting_job):
    settings = Settings()
    await schedule(database, WEEKLY)
    results = await asyncio.gather(*(tick(database, settings, MONDAY_8) for _ in range(3)))
    assert sorted(map(len, results)) == [0, 0, 1]
    assert counting_job == ["2026-W49"]
    async with database.transaction() as repo:
        assert await repo.count_outbox() == {"pending": 1}


async def test_a_failed_run_is_taken_again_later(database: Database, counting_job):
    settings = Settings()
    await schedule(database, {**WEEKLY, "fail": True})
    assert await tick(database, settings, MONDAY_8) == []
    assert await tick(database, settings, MONDAY_8 + timedelta(minutes=1)) == []  # not yet
    later = MONDAY_8 + STALE_RUN + timedelta(minutes=1)
    async with database.transaction() as repo:  # the schedule waits for next week by now …
        [s] = await repo.list_schedules()
        await repo.set_next_run(s.id, later)  # … so bring it back to see the takeover
    assert await tick(database, settings, later) == []  # fails again, but it *ran* again
    assert counting_job == ["2026-W49", "2026-W49"]


async def test_unknown_job_waits_without_running(database: Database):
    await schedule(database, WEEKLY, job_name="weekly_summary_not_registered")
    assert await tick(database, Settings(), MONDAY_8) == []
    assert {"reminders", "open_round", "dead_letters"} <= set(JOBS)


async def test_dead_letters_are_told_to_the_coordinator_once_per_round(database: Database):
    settings = Settings(coordinators=("anna@example.se",))
    async with database.transaction() as repo:
        anna = await repo.create_person(email="anna@example.se", display_name="Anna")
        await repo.save_conversation_ref(ConversationRef("a:anna", "http://x/"),
                                         kind="personal", person_id=anna.id)
        for i in range(3):
            oid = await repo.enqueue(kind="prompt", dedupe_key=f"p{i}", round_id=7,
                                     activity={"type": "message", "text": "Hej"},
                                     target={"conversation_id": f"a:{i}", "service_url": "http://x/"})
            await repo.mark_failed(oid, "503", status="dead")
    await schedule(database, {"every": "minutes", "minutes": 15}, name="dl", job_name="dead_letters")
    assert await tick(database, settings, MONDAY_8) == ["dl@2026-11-30T08:00"]
    assert await tick(database, settings, MONDAY_8 + timedelta(minutes=15)) \
        == ["dl@2026-11-30T08:15"]
    async with database.transaction() as repo:
        notices = await repo.list_outbox(("pending",))
    assert [(n.kind, n.round_id, n.lane) for n in notices] == [("notice", 7, "a:anna")]
    assert "3 meddelanden i omgång 7" in notices[0].activity["text"]
