"""Whether a reporting period is frozen: the one question asked before any measurement is written.

Every writer (an entry from Teams, a value file, the Indikatorer sheet) calls
`is_period_frozen` through this module (`indicator_periods.is_period_frozen(...)`), so all of
them obey the reporting periods that lock (docs/periods.md) the same way answers do.
"""

from __future__ import annotations

from datetime import date

from storage.repository import Repository


async def is_period_frozen(repo: Repository, plan_id: int, period: str) -> bool:
    """True when the measurement period `period` is locked: "2026-T1" when the reporting
    period T1 of 2026 is closed; a whole year ("2025") once the period ending on its last
    day is closed. Periods are the city's, the same for every plan (`plan_id` is kept for
    the call sites)."""
    del plan_id
    year_text, _, tertial = period.partition("-")
    if not year_text.isdigit():
        return False
    closed = await repo.closed_periods(int(year_text))
    if tertial:
        return any(p.key.upper() == tertial.upper() for p in closed)
    return any(p.ends == date(int(year_text), 12, 31) for p in closed)
