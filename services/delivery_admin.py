"""What an operator asks of delivery and scheduling: list, retry, set (one transaction each)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.schedule import Schedule, check_spec, next_after
from storage.db import Database
from storage.repos.outbox import OutboxEntry

PENDING = ("pending", "sending")
FAILED = ("failed", "dead")


@dataclass(frozen=True)
class OutboxView:
    entries: list[OutboxEntry]
    counts: dict[str, int]
    unreachable: list[tuple[int, str, str]]


async def outbox_view(db: Database, *, failed: bool, limit: int = 200) -> OutboxView:
    """Pending sends (or failed and dead ones), the counts per status, who is unreachable."""
    async with db.transaction() as repo:
        entries = await repo.list_outbox(FAILED if failed else PENDING, limit)
        return OutboxView(entries, await repo.count_outbox(), await repo.unreachable_people())


async def retry_outbox(db: Database, outbox_id: int | None, now: datetime) -> int:
    """Failed/dead rows back in the queue: one by id, or all when `outbox_id` is None."""
    async with db.transaction() as repo:
        return await repo.retry_outbox(outbox_id, now)


async def list_schedules(db: Database) -> tuple[list[Schedule], dict]:
    async with db.transaction() as repo:
        return await repo.list_schedules(), await repo.last_job_runs()


async def set_schedule(db: Database, *, name: str, job: str, spec: dict, plan_ref: str | None,
                       enabled: bool, now: datetime, zone) -> Schedule:
    """Create or replace a schedule; it first fires at its next occurrence after `now`.

    Raises domain.schedule.SpecError for a malformed spec and LookupError for an unknown plan.
    """
    check_spec(spec)
    async with db.transaction() as repo:
        plan_id = None
        if plan_ref:
            plan_id = await repo.find_plan_id(plan_ref)
            if plan_id is None:
                raise LookupError(plan_ref)
        return await repo.set_schedule(name=name, job=job, spec=spec, plan_id=plan_id,
                                       enabled=enabled, next_run_at=next_after(spec, now, zone))


async def ensure_schedules(db: Database, defaults: tuple[tuple[str, str, dict], ...], *,
                           now: datetime, zone) -> list[str]:
    """Create each (name, job, spec) that does not exist yet; returns the names created.

    Existing schedules are left as the operator set them (to turn a default off, disable it:
    a deleted default comes back at the next start).
    """
    async with db.transaction() as repo:
        have = {s.name for s in await repo.list_schedules()}
        created = []
        for name, job, spec in defaults:
            if name not in have:
                await repo.set_schedule(name=name, job=job, spec=check_spec(spec), plan_id=None,
                                        enabled=True, next_run_at=next_after(spec, now, zone))
                created.append(name)
        return created


async def delete_schedule(db: Database, name: str) -> bool:
    async with db.transaction() as repo:
        return await repo.delete_schedule(name)
