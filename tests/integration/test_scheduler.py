"""The scheduler on a real database: each job once per period, across concurrent ticks."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from config import Settings
from domain.model import ConversationRef
from scheduler.jobs import JOBS, JobContext, job
from scheduler.tick import STALE_RUN, tick
from services.delivery_admin import set_schedule
from storage.db import Database
from tests.clock import FrozenClock, iso_week, next_working_week, stockholm

WEEKLY = {"every": "week", "weekday": 0, "time": "08:00"}


@pytest.fixture
def monday_8(clock: FrozenClock) -> datetime:
    """The next plain Monday after today at 08:00 in Stockholm; the clock stands there."""
    return clock.move_to(stockholm(next_working_week(clock.today), 8))


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


async def schedule(db: Database, spec: dict, monday_8: datetime, name: str = "weekly",
                   job_name: str = "test_count") -> None:
    """Store the schedule as if set the day before `monday_8`."""
    settings = Settings()
    now = monday_8 - timedelta(days=1)
    await set_schedule(db, name=name, job=job_name, spec=spec, plan_ref=None, enabled=True,
                       now=now, zone=settings.zone)


async def test_a_job_runs_once_per_period(database: Database, counting_job, monday_8):
    settings = Settings()
    await schedule(database, WEEKLY, monday_8)
    day = monday_8.date()
    week, next_week = iso_week(day), iso_week(day + timedelta(days=7))
    next_monday_8 = stockholm(day + timedelta(days=7), 8)  # the same hour across summer time
    assert await tick(database, settings, monday_8 - timedelta(minutes=1)) == []
    assert await tick(database, settings, monday_8) == [f"weekly@{week}"]
    assert await tick(database, settings, monday_8 + timedelta(hours=3)) == []
    assert await tick(database, settings, next_monday_8) == [f"weekly@{next_week}"]
    assert counting_job == [week, next_week]
    async with database.transaction() as repo:
        [s] = await repo.list_schedules()
        runs = await repo.last_job_runs()
    assert s.next_run_at == stockholm(day + timedelta(days=14), 8)
    assert runs["weekly"][0] == next_week and runs["weekly"][2] is not None


async def test_replicas_ticking_together_run_it_once(database: Database, counting_job, monday_8):
    settings = Settings()
    await schedule(database, WEEKLY, monday_8)
    results = await asyncio.gather(*(tick(database, settings, monday_8) for _ in range(3)))
    assert sorted(map(len, results)) == [0, 0, 1]
    assert counting_job == [iso_week(monday_8.date())]
    async with database.transaction() as repo:
        assert await repo.count_outbox() == {"pending": 1}


async def test_a_failed_run_is_taken_again_later(database: Database, counting_job, monday_8):
    settings = Settings()
    await schedule(database, {**WEEKLY, "fail": True}, monday_8)
    assert await tick(database, settings, monday_8) == []
    assert await tick(database, settings, monday_8 + timedelta(minutes=1)) == []  # not yet
    later = monday_8 + STALE_RUN + timedelta(minutes=1)
    async with database.transaction() as repo:  # the schedule waits for next week by now …
        [s] = await repo.list_schedules()
        await repo.set_next_run(s.id, later)  # … so bring it back to see the takeover
    assert await tick(database, settings, later) == []  # fails again, but it *ran* again
    assert counting_job == [iso_week(monday_8.date())] * 2


async def test_unknown_job_waits_without_running(database: Database, monday_8):
    await schedule(database, WEEKLY, monday_8, job_name="weekly_summary_not_registered")
    assert await tick(database, Settings(), monday_8) == []
    assert {"reminders", "open_round", "dead_letters"} <= set(JOBS)


async def test_dead_letters_are_told_to_the_coordinator_once_per_round(database: Database,
                                                                       monday_8):
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
    await schedule(database, {"every": "minutes", "minutes": 15}, monday_8, name="dl",
                   job_name="dead_letters")
    day = monday_8.date().isoformat()  # periods are Stockholm's minutes
    assert await tick(database, settings, monday_8) == [f"dl@{day}T08:00"]
    assert await tick(database, settings, monday_8 + timedelta(minutes=15)) == [f"dl@{day}T08:15"]
    async with database.transaction() as repo:
        notices = await repo.list_outbox(("pending",))
    assert [(n.kind, n.round_id, n.lane) for n in notices] == [("notice", 7, "a:anna")]
    assert "3 meddelanden i omgång 7" in notices[0].activity["text"]


@pytest.fixture
def flaky_job():
    """A job that fails its first `fail_times` runs (spec), then succeeds; counts every run."""
    runs: list[str] = []

    @job("test_flaky")
    async def flaky(ctx: JobContext) -> dict:
        runs.append(ctx.period)
        if len(runs) <= int(ctx.spec.get("fail_times", 0)):
            raise RuntimeError("database blip with personal text: Anna Andersson")
        return {"period": ctx.period}

    yield runs
    JOBS.pop("test_flaky", None)


async def _state(db: Database) -> tuple:
    async with db.transaction() as repo:
        [s] = await repo.list_schedules()
        return s, await repo.last_job_runs()


async def test_a_failed_run_is_retried_within_its_period(database: Database, flaky_job,
                                                           clock: FrozenClock, monday_8):
    """A blip at 08:00 loses nothing: the run is tried again after a short backoff, succeeds,
    and only then does the schedule wait for next week. The failure is recorded, no free text."""
    settings = Settings()
    await schedule(database, {**WEEKLY, "fail_times": 1}, monday_8, job_name="test_flaky")
    week = iso_week(monday_8.date())
    assert await tick(database, settings, monday_8) == []
    s, runs = await _state(database)
    assert monday_8 < s.next_run_at <= monday_8 + timedelta(minutes=10)
    period, _, finished, result = runs["weekly"]
    assert (period, finished) == (week, None)
    assert result["attempts"] == 1 and result["error"] == "RuntimeError"
    assert "Anna" not in str(result)
    retry_at = clock.move_to(s.next_run_at)
    assert await tick(database, settings, retry_at) == [f"weekly@{week}"]
    s, runs = await _state(database)
    assert s.next_run_at == stockholm(monday_8.date() + timedelta(days=7), 8)
    assert runs["weekly"][2] is not None
    assert flaky_job == [week, week]


async def test_a_run_failing_all_period_moves_on_and_is_recorded(database: Database, flaky_job,
                                                                  clock: FrozenClock, monday_8):
    """Retries back off (growing) and stop at the next regular run, which is the next period."""
    settings = Settings()
    await schedule(database, {**WEEKLY, "fail_times": 10_000}, monday_8, job_name="test_flaky")
    next_monday = stockholm(monday_8.date() + timedelta(days=7), 8)
    now, gaps = monday_8, []
    for _ in range(400):
        await tick(database, settings, now)
        s, runs = await _state(database)
        if s.next_run_at >= next_monday:
            break
        gaps.append(s.next_run_at - now)
        now = clock.move_to(s.next_run_at)
    assert s.next_run_at == next_monday
    assert gaps[0] <= timedelta(minutes=10) and gaps[1] > gaps[0]  # it backs off, growing
    period, _, finished, result = runs["weekly"]
    assert (period, finished) == (iso_week(monday_8.date()), None)
    assert result["attempts"] == len(flaky_job) == len(gaps) + 1
    assert result["error"] == "RuntimeError"
    await tick(database, settings, clock.move_to(next_monday))
    _, runs = await _state(database)
    assert runs["weekly"][0] == iso_week(next_monday.date())  # the new week runs
