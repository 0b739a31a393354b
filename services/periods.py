"""Reporting periods: list them, close one (it freezes), open one again; and what a closed
period refuses.

The periods come from the settings (`Settings.periods`, handed down by the edges as `specs`); the
database keeps only which were closed, by whom, when, and with which dates. A round belongs to
the period of its due date (without one: the day it was opened, domain/periods.round_day). Once
its period is closed a round takes no saves or edits (services/reports.py checks it inside the
save's own query), no round is opened into it, and its report is frozen (services/frozen.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.followup import Round
from domain.periods import Period, PeriodSpec, closed_period_of, find_period, round_day, with_closed
from storage.db import Database
from storage.repository import Repository


class PeriodError(LookupError):
    """The period named does not exist or cannot be changed so; `key` is the i18n message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key, self.values = key, values


@dataclass(frozen=True)
class PeriodView:
    """A period as `folja period list` shows it: dates, open/closed (when, by whom), rounds."""

    period: Period
    rounds: int


async def list_periods(db: Database, year: int, specs: Sequence[PeriodSpec]) -> list[PeriodView]:
    """The year's periods with their state and how many rounds (of any plan) belong to each."""
    async with db.transaction() as repo:
        closed = await repo.closed_periods(year)
        rounds = await repo.all_rounds()
    days = [round_day(r) for r in rounds]
    return [PeriodView(p, sum(p.covers(d) for d in days)) for p in with_closed(year, specs, closed)]


async def close_period(db: Database, year: int, key: str, specs: Sequence[PeriodSpec], *,
                       actor: str) -> Period:
    """Close the period (refused when unknown or closed already), with an audit event."""
    period = _named(year, key, specs)
    async with db.transaction() as repo:
        done = await repo.close_period(period, actor)
        if done is None:
            raise PeriodError("period_err_already_closed", period=period.label)
        await repo.audit(actor=actor, action="period.closed", entity="reporting_period",
                         entity_id=done.label, after=_audited(done))
    return done


async def reopen_period(db: Database, year: int, key: str, specs: Sequence[PeriodSpec], *,
                        actor: str) -> Period:
    """Open a closed period again: saves are taken and its frozen reports are dropped."""
    period = _named(year, key, specs)
    async with db.transaction() as repo:
        before = next((p for p in await repo.closed_periods(year) if p.key == period.key), None)
        if before is None or not await repo.reopen_period(year, period.key):
            raise PeriodError("period_err_not_closed", period=period.label)
        await repo.audit(actor=actor, action="period.reopened", entity="reporting_period",
                         entity_id=period.label, before=_audited(before))
    return period


async def period_of(db: Database, year: int, key: str, specs: Sequence[PeriodSpec]) -> Period:
    """The named period as it stands: the stored one when closed, else from the settings."""
    period = _named(year, key, specs)
    async with db.transaction() as repo:
        closed = await repo.closed_periods(year)
    return next((p for p in closed if p.key == period.key), period)


async def next_open_round(repo: Repository, rnd: Round, closed: Sequence[Period]) -> Round | None:
    """Where an answer refused in a closed period can go: the plan's next open round outside
    closed periods (earliest first), or None."""
    rounds = [r for r in await repo.open_rounds(rnd.plan_id)
              if r.id != rnd.id and closed_period_of(round_day(r), closed) is None]
    return min(rounds, key=lambda r: (round_day(r), r.id), default=None)


def _named(year: int, key: str, specs: Sequence[PeriodSpec]) -> Period:
    period = find_period(year, key, specs)
    if period is None:
        raise PeriodError("period_err_unknown", period=key,
                          known=", ".join(k for k, _, _ in specs))
    return period


def _audited(period: Period) -> dict:
    return {"year": period.year, "period": period.key, "starts": period.starts.isoformat(),
            "ends": period.ends.isoformat(), "closed_by": period.closed_by,
            "closed_at": period.closed_at.isoformat() if period.closed_at else None}
