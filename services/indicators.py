"""Effect indicators as the edges use them: one entry, what a person still owes, the list.

`record_measurement` is the one way a person's entry is stored (Teams cards will call it): the
person comes from the activity, never from card data; a refusal is a value (`Recorded.refused`,
a catalogue key) and nothing is saved. Entries are appended, the latest per period wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.indicator_results import IndicatorResult, judge
from domain.indicators import Indicator, parse_period
from domain.model import Person
from domain.personal_data import has_personal_number
from services import indicator_periods
from storage.db import Database
from storage.repository import Repository


@dataclass(frozen=True)
class Recorded:
    """The outcome of one entry: saved, or `refused` (a key of i18n/indicators.py)."""

    saved: bool = False
    refused: str | None = None
    values: dict[str, object] = field(default_factory=dict)
    indicator: Indicator | None = None


@dataclass(frozen=True)
class PlanIndicators:
    """One plan's indicators, judged: what `folja indicators list` and the reports show."""

    plan_id: int
    district: str
    year: int
    results: tuple[IndicatorResult, ...]


async def _may_enter(repo: Repository, person: Person, indicator: Indicator,
                     coordinators: tuple[str, ...]) -> bool:
    """The owning role's holder (in this plan's district or every district), or a coordinator
    of the plan's district or of the city (the role, or listed in FOLJA_COORDINATORS, as
    services/coordination.py counts them)."""
    if any(i.id == indicator.id for i in await repo.indicators_of_person(person.id)):
        return True
    if (person.email or "").lower() in coordinators:
        return True
    scopes = await repo.coordinator_district_ids(person.id)
    return None in scopes or await repo.district_of_plan(indicator.plan_id) in scopes


async def record_measurement(
    db: Database, person: Person, indicator_id: int, period: str, value: float | None,
    reason: str = "", note: str = "", *, coordinators: tuple[str, ...] = (),
) -> Recorded:
    """Append the person's entry: a value, or ingen data (`value` None) with its reason."""
    key = parse_period(period)
    reason, note = (reason or "").strip(), (note or "").strip()
    if key is None:
        return Recorded(refused="indicators.refused.bad_period", values={"period": period})
    if value is None and not reason:
        return Recorded(refused="indicators.refused.no_reason")
    if has_personal_number(reason, note):
        return Recorded(refused="indicators.refused.personal_number")
    async with db.transaction() as repo:
        indicator = await repo.indicator(indicator_id)
        if indicator is None:
            return Recorded(refused="indicators.refused.unknown")
        if not await _may_enter(repo, person, indicator, coordinators):
            return Recorded(refused="indicators.refused.not_owner", indicator=indicator)
        if await indicator_periods.is_period_frozen(repo, indicator.plan_id, key):
            return Recorded(refused="indicators.refused.frozen", values={"period": key},
                            indicator=indicator)
        await repo.add_measurements([{
            "indicator_id": indicator_id, "period": key, "value": value,
            "reason": "" if value is not None else reason, "note": note,
            "person_id": person.id, "entered_by": "", "source": "teams"}])
        await repo.audit(actor=f"person:{person.id}", action="indicator.measured",
                         entity="indicator", entity_id=indicator_id, plan_id=indicator.plan_id,
                         after={"period": key, "value": value, "no_data": value is None})
    return Recorded(saved=True, values={"period": key}, indicator=indicator)


async def missing_values(db: Database, person_id: int, period: str) -> list[Indicator]:
    """The indicators the person owns (by role) that have no entry for `period` yet, neither a
    value nor ingen data: what a reminder asks for."""
    key = parse_period(period) or period
    async with db.transaction() as repo:
        owned = await repo.indicators_of_person(person_id)
        entered = await repo.periods_entered([i.id for i in owned], key)
    return [i for i in owned if i.id not in entered]


async def judged(repo: Repository, plan_ids: Sequence[int]) -> dict[int, list[IndicatorResult]]:
    """Plan id → its indicators judged, inside the caller's transaction."""
    indicators = await repo.indicators_of(plan_ids)
    history = await repo.measurements_of([i.id for i in indicators])
    by_indicator: dict[int, list] = {}
    for m in history:
        by_indicator.setdefault(m.indicator_id, []).append(m)
    found: dict[int, list[IndicatorResult]] = {p: [] for p in plan_ids}
    for i in indicators:
        found[i.plan_id].append(judge(i, by_indicator.get(i.id, ())))
    return found


async def list_indicators(db: Database, district: str | None = None) -> list[PlanIndicators]:
    """Every plan's indicators (or one district's), newest plan first."""
    async with db.transaction() as repo:
        plans = await repo.plans_by_district()
        wanted = {k: v for k, v in plans.items()
                  if district is None or k == district.strip().lower()}
        ids = [plan_id for pairs in wanted.values() for _year, plan_id in pairs]
        results = await judged(repo, ids)
        names = {s.id: s.district for s in await repo.list_plans()}
    return [PlanIndicators(plan_id, names.get(plan_id, key), year, tuple(results[plan_id]))
            for key, pairs in sorted(wanted.items()) for year, plan_id in pairs
            if results[plan_id]]


async def indicator_for(db: Database, person: Person, indicator_id: int, *,
                        coordinators: tuple[str, ...] = ()) -> Indicator | None:
    """The indicator, when the person may enter its values (its form shown again); else None."""
    async with db.transaction() as repo:
        indicator = await repo.indicator(indicator_id)
        if indicator is None or not await _may_enter(repo, person, indicator, coordinators):
            return None
    return indicator
