"""A reporting period of the year as dates: tertial T1 (January–April), T2 (May–August), T3
(September–December).

Why one small function: the city roll-up filters rounds by their due date within the period,
and this is the only place that knows what a period is, so a richer notion of periods (locked
reporting periods) can replace it without touching the roll-up.
"""

from __future__ import annotations

import re
from datetime import date

_TERTIAL = re.compile(r"^\s*T([123])\s*$", re.IGNORECASE)


class UnknownPeriod(ValueError):
    """Not a period this installation knows ("T1", "T2", "T3")."""


def period_dates(year: int, period: str) -> tuple[date, date]:
    """(first day, last day) of `period` in `year`; UnknownPeriod for anything else."""
    found = _TERTIAL.match(period or "")
    if found is None:
        raise UnknownPeriod(period)
    first_month = 1 + 4 * (int(found.group(1)) - 1)
    last = date(year + 1, 1, 1) if first_month == 9 else date(year, first_month + 4, 1)
    return date(year, first_month, 1), date.fromordinal(last.toordinal() - 1)


def period_name(period: str) -> str:
    """The period as it is written ("t2 " → "T2"); UnknownPeriod for anything else."""
    found = _TERTIAL.match(period or "")
    if found is None:
        raise UnknownPeriod(period)
    return f"T{found.group(1)}"
