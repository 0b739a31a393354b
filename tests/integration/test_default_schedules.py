"""Every installation starts with reminders, the weekly summary, its refresh and dead letters."""

from __future__ import annotations

from config import Settings
from scheduler.defaults import DEFAULT_SCHEDULES, install_defaults
from scheduler.jobs import JOBS
from storage.db import Database


async def test_defaults_are_created_once_and_edits_are_kept(database: Database):
    settings = Settings(database_url=database.url)
    created = await install_defaults(database, settings)
    assert sorted(created) == sorted(name for name, _, _ in DEFAULT_SCHEDULES)
    async with database.transaction() as repo:
        weekly = next(s for s in await repo.list_schedules() if s.name == "veckosammanfattning")
        await repo.set_schedule(name=weekly.name, job=weekly.job, spec=weekly.spec,
                                plan_id=None, enabled=False, next_run_at=None)
    assert await install_defaults(database, settings) == []
    async with database.transaction() as repo:
        kept = {s.name: s for s in await repo.list_schedules()}
    assert kept["veckosammanfattning"].enabled is False
    assert all(s.next_run_at is not None for n, s in kept.items() if n != "veckosammanfattning")


def test_every_default_names_a_registered_job():
    assert {job for _, job, _ in DEFAULT_SCHEDULES} <= set(JOBS)
