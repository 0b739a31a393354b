"""Reporting periods: each year split into the city's tertials (or what the settings say).

Pure: the definitions come from the settings as (key, first month, last month); whether a period
is closed comes from the database. A closed period keeps the dates it had when it was closed,
so changing the settings later never moves a round into or out of a closed period.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from domain.followup import Round

PeriodSpec = tuple[str, int, int]  # key ("T1"), first month, last month
TERTIALS: tuple[PeriodSpec, ...] = (("T1", 1, 4), ("T2", 5, 8), ("T3", 9, 12))  # the default


class UnknownPeriod(ValueError):
    """Not a period this installation knows (the settings' keys, by default T1–T3)."""


@dataclass(frozen=True)
class Period:
    """One reporting period of one year; `closed_at` set once it is frozen."""

    year: int
    key: str
    starts: date
    ends: date
    closed_at: datetime | None = None
    closed_by: str = ""

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def label(self) -> str:
        return f"{self.key} {self.year}"

    def covers(self, day: date) -> bool:
        return self.starts <= day <= self.ends


def periods_of(year: int, specs: Sequence[PeriodSpec]) -> tuple[Period, ...]:
    """The year's periods as the settings define them (all open)."""
    return tuple(Period(year, key, date(year, first, 1),
                        date(year, last, calendar.monthrange(year, last)[1]))
                 for key, first, last in specs)


def with_closed(year: int, specs: Sequence[PeriodSpec], closed: Iterable[Period]
                ) -> tuple[Period, ...]:
    """The year's periods, a closed one as it was stored (its own dates, who, when)."""
    stored = {p.key.lower(): p for p in closed if p.year == year}
    return tuple(stored.get(p.key.lower(), p) for p in periods_of(year, specs))


def find_period(year: int, key: str, specs: Sequence[PeriodSpec]) -> Period | None:
    """The period named `key` ("T1", any case) in `year`, or None."""
    return next((p for p in periods_of(year, specs) if p.key.lower() == key.strip().lower()),
                None)


def named_period(year: int, key: str, specs: Sequence[PeriodSpec] = TERTIALS) -> Period:
    """The period named `key` in `year`; UnknownPeriod when the settings have none so named."""
    found = find_period(year, key or "", specs)
    if found is None:
        raise UnknownPeriod(key)
    return found


def period_on(day: date, specs: Sequence[PeriodSpec]) -> Period | None:
    """The period `day` falls in (None: a month the settings leave out)."""
    return next((p for p in periods_of(day.year, specs) if p.covers(day)), None)


def round_day(rnd: Round) -> date:
    """The day that decides a round's period: its due date, else the day it was opened (UTC,
    as stored: the same day in every process, whatever its time zone)."""
    return rnd.due_date or rnd.opened_at.date()


def closed_period_of(day: date, closed: Iterable[Period]) -> Period | None:
    """The closed period this day falls in, or None."""
    return next((p for p in closed if p.closed and p.covers(day)), None)


def due_to_close(period: Period, today: date, after_days: int) -> bool:
    """The scheduler closes a period `after_days` days after its last day (0: never)."""
    return after_days > 0 and not period.closed and today >= period.ends + timedelta(after_days)


def closed(period: Period, at: datetime, by: str) -> Period:
    return replace(period, closed_at=at, closed_by=by)
