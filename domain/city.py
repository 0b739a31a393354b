"""The city's roll-up: every district's active plan of a year, side by side, and per area.

Pure, from three lean lists storage hands over (the plans, their actions, the latest answers),
so `folja city status`, the city report and a roll-up card read one `CityStatus` and count the
same way:

- An action's answer is the latest one: in the most recently opened round of the year (or of
  the period) in which it was answered, each party's newest version. Its status is the one that
  needs the most attention among those (as on the styrgrupp card); it needs support when any of
  them asks for it; its light follows domain/lights.py.
- Areas are matched across districts by name (domain/area_match.py); the effect indicators of
  the plans (given judged) are matched within those areas by name (domain/city_indicators.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from domain.area_match import AreaName, match_areas
from domain.city_indicators import CityIndicatorArea, match_indicators
from domain.indicator_results import IndicatorResult
from domain.lights import Light, answer_light, group_light, worst
from domain.status import STATUS_ORDER
from domain.summary import combined_status

STATUSES: tuple[str, ...] = tuple(s.value for s in STATUS_ORDER)


@dataclass(frozen=True)
class DistrictPlan:
    plan_id: int
    district: str
    year: int


class CityAction(NamedTuple):  # tuples: thousands are made per roll-up, cheaply
    id: int
    plan_id: int
    area_name: str
    area_position: int
    title: str


class CityAnswer(NamedTuple):
    """One party's newest version on an action, in the action's latest answered round."""

    action_id: int
    status: str
    needs_support: bool = False
    support_text: str = ""


@dataclass(frozen=True)
class Tally:
    """Counts of a group of actions (a district, or one district's part of an area)."""

    district: str
    actions: int
    answered: int
    needs_support: int
    statuses: tuple[tuple[str, int], ...]  # every status of STATUSES, in that order
    light: Light


@dataclass(frozen=True)
class DistrictStatus(Tally):
    plan_id: int = 0


@dataclass(frozen=True)
class CityArea:
    name: str
    districts: tuple[Tally, ...]  # the districts that have this area, in district order
    light: Light


@dataclass(frozen=True)
class FlaggedAction:
    """An action whose latest answer asks for support: the city group's list."""

    district: str
    area: str
    title: str
    status: str
    support_text: str


@dataclass(frozen=True)
class CityStatus:
    year: int | None
    period: str | None
    districts: tuple[DistrictStatus, ...]
    areas: tuple[CityArea, ...]
    flagged: tuple[FlaggedAction, ...]
    indicators: tuple[CityIndicatorArea, ...] = ()


class _Judged(NamedTuple):
    action: CityAction
    status: str | None  # None: no answer
    light: Light
    support: tuple[str, ...] | None  # None: no support asked for


def _judge(actions: Sequence[CityAction], answers: Iterable[CityAnswer]) -> list[_Judged]:
    by_action: dict[int, list[CityAnswer]] = defaultdict(list)
    for answer in answers:
        by_action[answer.action_id].append(answer)
    judged = []
    for action in actions:
        mine = by_action.get(action.id, ())
        flagged = [a.support_text for a in mine if a.needs_support]
        judged.append(_Judged(
            action, combined_status([a.status for a in mine]) if mine else None,
            worst(answer_light(a.status, a.needs_support) for a in mine),
            tuple(t for t in flagged if t) if flagged else None))
    return judged


def _tally(district: str, items: Sequence[_Judged]) -> Tally:
    answered = [i.status for i in items if i.status is not None]
    return Tally(district, len(items), len(answered), sum(i.support is not None for i in items),
                 tuple((s, answered.count(s)) for s in STATUSES),
                 group_light(i.light for i in items))


def build_city(year: int | None, period: str | None, plans: Sequence[DistrictPlan],
               actions: Sequence[CityAction], answers: Iterable[CityAnswer],
               indicators: Mapping[int, Sequence[IndicatorResult]] | None = None) -> CityStatus:
    """The roll-up of the given plans (districts in name order, areas matched by name);
    `indicators`: plan id → its indicators judged (services.indicators.judged)."""
    indicators = indicators or {}
    plans = sorted(plans, key=lambda p: (p.district.casefold(), p.plan_id))
    district_of = {p.plan_id: p.district for p in plans}
    judged = [j for j in _judge(actions, answers) if j.action.plan_id in district_of]
    per_plan: dict[int, list[_Judged]] = defaultdict(list)
    for item in judged:
        per_plan[item.action.plan_id].append(item)
    districts = tuple(DistrictStatus(**vars(_tally(p.district, per_plan[p.plan_id])),
                                     plan_id=p.plan_id) for p in plans)
    names = _area_names(plans, per_plan, indicators)
    matched = match_indicators([(p.plan_id, p.district) for p in plans], indicators, names)
    return CityStatus(year, period, districts, _areas(plans, per_plan, names),
                      _flagged(plans, per_plan), matched)


def _area_names(plans: Sequence[DistrictPlan], per_plan: dict[int, list[_Judged]],
                indicators: Mapping[int, Sequence[IndicatorResult]]
                ) -> dict[tuple[int, str], str]:
    """(plan id, area name) → the city's name for the area (areas of actions or indicators)."""
    seen: dict[AreaName, int] = {}
    for plan in plans:
        areas = {(i.action.area_position, i.action.area_name) for i in per_plan[plan.plan_id]}
        areas |= {(r.indicator.area_position, r.indicator.area_name)
                  for r in indicators.get(plan.plan_id, ())}
        for position, name in sorted(areas):
            seen[AreaName(plan.district, name, position)] = plan.plan_id
    matched = match_areas(list(seen))
    return {(plan_id, area.name): matched[area] for area, plan_id in seen.items()}


def _areas(plans: Sequence[DistrictPlan], per_plan: dict[int, list[_Judged]],
           names: dict[tuple[int, str], str]) -> tuple[CityArea, ...]:
    grouped: dict[str, dict[int, list[_Judged]]] = defaultdict(lambda: defaultdict(list))
    first: dict[str, tuple[int, int]] = {}
    for index, plan in enumerate(plans):
        for item in per_plan[plan.plan_id]:
            name = names[(plan.plan_id, item.action.area_name)]
            grouped[name][plan.plan_id].append(item)
            first[name] = min(first.get(name, (10**9, 0)), (item.action.area_position, index))
    result = []
    for name in sorted(grouped, key=lambda n: (first[n], n.casefold())):
        tallies = tuple(_tally(p.district, grouped[name][p.plan_id]) for p in plans
                        if p.plan_id in grouped[name])
        everything = [i.light for p in plans for i in grouped[name].get(p.plan_id, [])]
        result.append(CityArea(name, tallies, group_light(everything)))
    return tuple(result)


def _flagged(plans: Sequence[DistrictPlan], per_plan: dict[int, list[_Judged]]
             ) -> tuple[FlaggedAction, ...]:
    return tuple(
        FlaggedAction(p.district, i.action.area_name, i.action.title, i.status or "",
                      " / ".join(i.support or ()))
        for p in plans
        for i in sorted(per_plan[p.plan_id], key=lambda i: (i.action.area_position, i.action.id))
        if i.support is not None
    )


def city_json(status: CityStatus) -> dict:
    """The shape `folja city status --json` prints (lights as extra keys)."""
    return {
        "year": status.year, "period": status.period,
        "districts": [{"district": d.district, "plan_id": d.plan_id, "actions": d.actions,
                       "answered": d.answered, "needs_support": d.needs_support,
                       "statuses": dict(d.statuses), "light": d.light.value}
                      for d in status.districts],
        "areas": [{"area": a.name,
                   "districts": {t.district: dict(t.statuses) for t in a.districts},
                   "lights": {t.district: t.light.value for t in a.districts},
                   "light": a.light.value}
                  for a in status.areas],
    }
