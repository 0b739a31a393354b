"""Schedules and job runs: the database is the schedule, and (job, period) runs once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from domain.schedule import Schedule
from storage.models import JobRunRow, ScheduleRow
from storage.repos.base import RepoBase, touched
from storage.repos.outbox import aware, utc


def _schedule(row: ScheduleRow) -> Schedule:
    return Schedule(id=row.id, name=row.name, job=row.job, plan_id=row.plan_id,
                    spec=dict(row.spec or {}), enabled=row.enabled,
                    next_run_at=aware(row.next_run_at))


class SchedulesRepo(RepoBase):
    async def list_schedules(self, *, enabled_only: bool = False) -> list[Schedule]:
        query = select(ScheduleRow).order_by(ScheduleRow.name)
        if enabled_only:
            query = query.where(ScheduleRow.enabled.is_(True))
        return [_schedule(r) for r in await self.session.scalars(query)]

    async def set_schedule(self, *, name: str, job: str, spec: dict, plan_id: int | None,
                           enabled: bool, next_run_at: datetime | None) -> Schedule:
        """Create or replace the schedule called `name`."""
        row = await self.session.scalar(select(ScheduleRow).where(ScheduleRow.name == name))
        if row is None:
            row = ScheduleRow(name=name)
            self.session.add(row)
        row.job, row.spec, row.plan_id, row.enabled = job, spec, plan_id, enabled
        row.next_run_at, row.updated_at = utc(next_run_at), self.now()
        await self.session.flush()
        return _schedule(row)

    async def delete_schedule(self, name: str) -> bool:
        result = await self.session.execute(delete(ScheduleRow).where(ScheduleRow.name == name))
        return bool(touched(result))

    async def set_next_run(self, schedule_id: int, at: datetime | None) -> None:
        await self.session.execute(
            update(ScheduleRow).where(ScheduleRow.id == schedule_id).values(next_run_at=utc(at))
        )

    async def claim_job_run(self, job: str, period: str, now: datetime,
                            stale: timedelta) -> bool:
        """True when this caller runs (job, period): the first to insert it, or the taker of a
        run that started long ago and never finished (its process died; jobs are idempotent)."""
        dialect = self.dialect
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        new = await self.session.scalar(
            insert(JobRunRow).values(job=job, period=period, started_at=now, result={})
            .on_conflict_do_nothing(index_elements=["job", "period"]).returning(JobRunRow.id)
        )
        if new is not None:
            return True
        taken = await self.session.execute(
            update(JobRunRow).where(
                JobRunRow.job == job, JobRunRow.period == period,
                JobRunRow.finished_at.is_(None), JobRunRow.started_at < now - stale,
            ).values(started_at=now)
        )
        return bool(touched(taken))

    async def finish_job_run(self, job: str, period: str, now: datetime, result: dict,
                             *, ok: bool = True) -> None:
        """Record the result; a failed run stays unfinished so a later tick takes it again."""
        await self.session.execute(
            update(JobRunRow).where(JobRunRow.job == job, JobRunRow.period == period)
            .values(finished_at=now if ok else None, result=result)
        )

    async def last_job_runs(self) -> dict[str, tuple[str, datetime, datetime | None, dict]]:
        """Per job: (period, started, finished, result) of its latest run."""
        rows = await self.session.scalars(select(JobRunRow).order_by(JobRunRow.started_at))
        return {r.job: (r.period, aware(r.started_at), aware(r.finished_at), r.result or {})
                for r in rows}
