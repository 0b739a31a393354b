"""The indicator rows of a round's prompt and reminders: what an owner still owes.

A round asks for the measurement period it belongs to: the tertial of its day (due date, else
the day it opened; domain/periods.round_day), the same day that ties its answers to a reporting
period, so both lock together. Only the round's plan's indicators are listed (another plan's
round asks for its own), and nothing once that period is locked (an entry would be refused).
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.followup import Round
from domain.indicators import Indicator, Owed, tertial_of
from domain.periods import round_day
from services import indicator_periods
from storage.repository import Repository


def round_period(rnd: Round) -> str:
    """The measurement period a round asks about ("2026-T3")."""
    return tertial_of(round_day(rnd))


async def indicator_rows(repo: Repository, rnd: Round, person_id: int) -> Owed | None:
    """The person's indicators of the round's plan with no entry for the round's period, inside
    the caller's transaction; None when there are none or the period is locked."""
    return (await owed_in_rounds(repo, [rnd], [person_id])).get(person_id)


async def owed_in_rounds(repo: Repository, rounds: Sequence[Round],
                         person_ids: Sequence[int] | None = None) -> dict[int, Owed]:
    """person id → `indicator_rows` of the first of `rounds` where they owe some, for every
    owner of an indicator in the rounds' plans (or only `person_ids`): one query for the
    indicators, then two per measurement period asked about, however many people."""
    owned = await repo.indicators_of_people(sorted({r.plan_id for r in rounds}), person_ids)
    if not owned:
        return {}
    open_ids: dict[str, set[int]] = {}  # period → the owned indicators still open to entries
    entered: dict[str, set[int]] = {}
    for rnd in rounds:
        period = round_period(rnd)
        if period not in open_ids:
            frozen = await indicator_periods.is_period_frozen(repo, rnd.plan_id, period)
            open_ids[period] = set() if frozen else {
                i.id for found in owned.values() for i in found if _asks(rounds, i, period)}
            entered[period] = await repo.periods_entered(sorted(open_ids[period]), period)
    result: dict[int, Owed] = {}
    for person_id, indicators in owned.items():
        for rnd in rounds:
            period = round_period(rnd)
            mine = [i for i in indicators if i.plan_id == rnd.plan_id]
            missing = tuple(i for i in mine if i.id in open_ids[period]
                            and i.id not in entered[period])
            if missing:
                result[person_id] = Owed(period, missing)
                break
    return result


def _asks(rounds: Sequence[Round], indicator: Indicator, period: str) -> bool:
    """Whether a round of `period` asks about the indicator (one of its plan's)."""
    return any(r.plan_id == indicator.plan_id and round_period(r) == period for r in rounds)
