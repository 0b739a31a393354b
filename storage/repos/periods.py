"""Closed reporting periods and the reports frozen when they closed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update

from domain.followup import Round
from domain.periods import Period
from storage.models import FrozenReportRow, ReportingPeriodRow, RoundRow
from storage.repos.base import RepoBase, touched
from storage.repos.followup import round_of
from storage.repos.outbox import aware


def period_of(row: ReportingPeriodRow) -> Period:
    return Period(row.year, row.key, row.starts, row.ends, aware(row.closed_at), row.closed_by)


class PeriodsRepo(RepoBase):
    async def closed_periods(self, year: int | None = None) -> list[Period]:
        """Every closed period (of one year), oldest first."""
        query = select(ReportingPeriodRow).where(ReportingPeriodRow.closed_at.is_not(None))
        if year is not None:
            query = query.where(ReportingPeriodRow.year == year)
        rows = (await self.session.scalars(query.order_by(ReportingPeriodRow.starts))).all()
        return [period_of(r) for r in rows]

    async def close_period(self, period: Period, by: str) -> Period | None:
        """Mark the period closed with its dates as they are now; None when it already was."""
        row = await self.session.scalar(select(ReportingPeriodRow).where(
            ReportingPeriodRow.year == period.year, ReportingPeriodRow.key == period.key))
        if row is not None and row.closed_at is not None:
            return None
        if row is None:
            row = ReportingPeriodRow(year=period.year, key=period.key)
            self.session.add(row)
        row.starts, row.ends, row.closed_at, row.closed_by = (
            period.starts, period.ends, self.now(), by)
        await self.session.flush()
        return period_of(row)

    async def reopen_period(self, year: int, key: str) -> bool:
        """Open a closed period again (its frozen reports go); False when it was not closed."""
        row = await self.session.scalar(select(ReportingPeriodRow).where(
            ReportingPeriodRow.year == year, ReportingPeriodRow.key == key,
            ReportingPeriodRow.closed_at.is_not(None)))
        if row is None:
            return False
        await self.session.execute(update(ReportingPeriodRow).where(
            ReportingPeriodRow.id == row.id).values(closed_at=None, closed_by=""))
        for frozen in (await self.session.scalars(select(FrozenReportRow).where(
                FrozenReportRow.period_id == row.id))).all():
            await self.session.delete(frozen)
        return True

    async def drop_frozen_reports(self, before: datetime) -> int:
        """Remove the frozen reports made before `before` (retention: they hold free text)."""
        result = await self.session.execute(delete(FrozenReportRow).where(
            FrozenReportRow.created_at < before))
        return touched(result)

    async def all_rounds(self) -> list[Round]:
        """Every round of every plan (periods are counted and frozen from these)."""
        rows = (await self.session.scalars(select(RoundRow).order_by(RoundRow.id))).all()
        return [round_of(r) for r in rows]

    async def frozen_report(self, period: Period, scope: str, fmt: str, lang: str
                            ) -> bytes | None:
        """The bytes frozen for this closed period, scope, format and language, if any."""
        return await self.session.scalar(
            select(FrozenReportRow.content).join(
                ReportingPeriodRow, ReportingPeriodRow.id == FrozenReportRow.period_id)
            .where(ReportingPeriodRow.year == period.year, ReportingPeriodRow.key == period.key,
                   FrozenReportRow.scope == scope, FrozenReportRow.format == fmt,
                   FrozenReportRow.lang == lang))

    async def freeze_report(self, period: Period, scope: str, fmt: str, lang: str,
                            content: bytes) -> bytes:
        """Keep `content` unless something was frozen first (then that wins and is returned)."""
        kept = await self.frozen_report(period, scope, fmt, lang)
        if kept is not None:
            return kept
        period_id = await self.session.scalar(select(ReportingPeriodRow.id).where(
            ReportingPeriodRow.year == period.year, ReportingPeriodRow.key == period.key))
        if period_id is None:
            raise LookupError(f"period {period.label} is not closed")
        self.session.add(FrozenReportRow(period_id=period_id, scope=scope, format=fmt, lang=lang,
                                         content=content, created_at=self.now()))
        await self.session.flush()
        return content
