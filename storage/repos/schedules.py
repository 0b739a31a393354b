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
        """True when this caller runs (job, period): the first to insert it, the taker of a run
        that failed (tick retries it within its period), or of one that started long ago and
        never finished (its process died; jobs are idempotent). The takeover is conditional on
        the start time it read, so of two replicas taking the same run only one wins."""
        dialect = self.dialect
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        new = await self.session.scalar(
            insert(JobRunRow).values(job=job, period=period, started_at=now, result={})
            .on_conflict_do_nothing(index_elements=["job", "period"]).returning(JobRunRow.id)
        )
        if new is not None:
            return True
        row = (await self.session.execute(
            select(JobRunRow.id, JobRunRow.started_at, JobRunRow.finished_at, JobRunRow.result)
            .where(JobRunRow.job == job, JobRunRow.period == period)
        )).one()
        result = dict(row.result or {})
        if row.finished_at is not None:
            return False
        if not result.get("failed") and aware(row.started_at) >= now - stale:
            return False  # running elsewhere right now
        result.pop("failed", None)
        taken = await self.session.execute(
            update(JobRunRow).where(JobRunRow.id == row.id,
                                    JobRunRow.started_at == row.started_at,
                                    JobRunRow.finished_at.is_(None))
            .values(started_at=now, result=result)
        )
        return bool(touched(taken))

    async def job_run_finished(self, job: str, period: str) -> bool:
        """Whether (job, period) ran to the end (a later tick has nothing left to do)."""
        finished = await self.session.scalar(
            select(JobRunRow.finished_at).where(JobRunRow.job == job, JobRunRow.period == period)
        )
        return finished is not None

    async def finish_job_run(self, job: str, period: str, now: datetime, result: dict) -> None:
        """Record the result of a run that succeeded."""
        await self.session.execute(
            update(JobRunRow).where(JobRunRow.job == job, JobRunRow.period == period)
            .values(finished_at=now, result=result)
        )

    async def fail_job_run(self, job: str, period: str, error: str) -> int:
        """Record a failed attempt: it stays unfinished and marked failed, so a later tick in
        the same period takes it again. `error` is a class name, never a message (a message
        may quote personal data). Returns the attempts so far."""
        row = await self.session.scalar(
            select(JobRunRow).where(JobRunRow.job == job, JobRunRow.period == period)
        )
        if row is None:
            return 0
        attempts = int((row.result or {}).get("attempts", 0)) + 1
        row.result = {"failed": True, "attempts": attempts, "error": error}
        row.finished_at = None
        await self.session.flush()
        return attempts

    async def last_job_runs(self) -> dict[str, tuple[str, datetime, datetime | None, dict]]:
        """Per job: (period, started, finished, result) of its latest run."""
        rows = await self.session.scalars(select(JobRunRow).order_by(JobRunRow.started_at))
        return {r.job: (r.period, aware(r.started_at), aware(r.finished_at), r.result or {})
                for r in rows}
