"""The indicator rows of a round's prompt and reminders: what an owner still owes.

A round asks for the measurement period it belongs to: the tertial of its day (due date, else
the day it opened; domain/periods.round_day), the same day that ties its answers to a reporting
period, so both lock together. Only the round's plan's indicators are listed (another plan's
round asks for its own), and nothing once that period is locked (an entry would be refused).
"""

from __future__ import annotations

from domain.followup import Round
from domain.indicators import Owed, tertial_of
from domain.periods import round_day
from services import indicator_periods
from storage.repository import Repository


def round_period(rnd: Round) -> str:
    """The measurement period a round asks about ("2026-T3")."""
    return tertial_of(round_day(rnd))


async def indicator_rows(repo: Repository, rnd: Round, person_id: int) -> Owed | None:
    """The person's indicators of the round's plan with no entry for the round's period, inside
    the caller's transaction; None when there are none or the period is locked."""
    period = round_period(rnd)
    owned = [i for i in await repo.indicators_of_person(person_id) if i.plan_id == rnd.plan_id]
    if not owned or await indicator_periods.is_period_frozen(repo, rnd.plan_id, period):
        return None
    entered = await repo.periods_entered([i.id for i in owned], period)
    missing = tuple(i for i in owned if i.id not in entered)
    return Owed(period, missing) if missing else None
