"""The "close_periods" job: close each reporting period a set number of days after it ends
(FOLJA_PERIOD_CLOSE_DAYS, 0: never) and freeze its reports, as `folja period close` does.

Idempotent: a period already closed is left alone, and freezing keeps what was stored first, so
a rerun after a crash only finishes what the first run began.
"""

from __future__ import annotations

from domain.periods import due_to_close
from services.frozen import freeze_period
from services.periods import PeriodError, close_period, list_periods


async def close_due_periods(ctx) -> dict:
    """Close (and freeze) every period of this year and last year that is due to close."""
    settings, today = ctx.settings, ctx.now.astimezone(ctx.settings.zone).date()
    closed, files = [], 0
    for year in (today.year - 1, today.year):
        for view in await list_periods(ctx.db, year, settings.periods):
            if not due_to_close(view.period, today, settings.period_close_days):
                continue
            try:
                period = await close_period(ctx.db, year, view.period.key, settings.periods,
                                            actor="scheduler")
            except PeriodError:  # another replica closed it a moment ago
                continue
            if ctx.render is not None:  # else frozen on the first request (services/frozen.py)
                files += await freeze_period(ctx.db, period, ctx.render)
            closed.append(period.label)
    return {"closed": closed, "files": files}
