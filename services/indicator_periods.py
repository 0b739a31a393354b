"""Whether a reporting period is frozen: the one question asked before any measurement is written.

Every writer (an entry from Teams, a value file, the Indikatorer sheet) calls
`is_period_frozen` through this module (`indicator_periods.is_period_frozen(...)`), so a test
can replace it (monkeypatch) and the locking of reporting periods, when it arrives, plugs in
here alone: read the plan's locked periods from the repository and answer True for those.
"""

from __future__ import annotations

from storage.repository import Repository


async def is_period_frozen(repo: Repository, plan_id: int, period: str) -> bool:
    """True when the plan's reporting period `period` ("2026-T1", "2025") is locked.

    No period locks yet: always False. Locking belongs to reporting periods; when they are
    stored, look the plan's period up through `repo` here and every writer obeys it.
    """
    del repo, plan_id, period
    return False
