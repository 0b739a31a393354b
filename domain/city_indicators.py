"""The effect indicators of every district, side by side per city area.

Why matched: the districts fill in one template, so "Otrygghet i området" in two plans is one
indicator to the city. Areas take the city's name for them (domain/area_match.py, as the action
roll-up does); indicators within an area are matched by name after the same normalisation
(case, punctuation, numbering and small words do not matter). Each district keeps its own row:
its baseline, values, target, arrow and colour (domain/indicator_results.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.area_match import display_name, normalise
from domain.indicator_results import IndicatorResult


@dataclass(frozen=True)
class DistrictIndicator:
    district: str
    result: IndicatorResult


@dataclass(frozen=True)
class CityIndicator:
    """One indicator as the city sees it: every district's row, in district order."""

    name: str
    rows: tuple[DistrictIndicator, ...]

    @property
    def results(self) -> tuple[IndicatorResult, ...]:
        return tuple(r.result for r in self.rows)


@dataclass(frozen=True)
class CityIndicatorArea:
    name: str
    indicators: tuple[CityIndicator, ...]


def match_indicators(districts: Sequence[tuple[int, str]],
                     results: Mapping[int, Sequence[IndicatorResult]],
                     area_name: Mapping[tuple[int, str], str]) -> tuple[CityIndicatorArea, ...]:
    """`districts`: (plan id, district) in district order; `area_name`: (plan id, the plan's
    area name) → the city's name (an area missing there keeps its own name). Areas and
    indicators come in the order first seen (area position, then the sheet's order)."""
    groups: dict[str, dict[str, list[DistrictIndicator]]] = {}
    first: dict[str, tuple[int, int]] = {}
    for index, (plan_id, district) in enumerate(districts):
        for r in sorted(results.get(plan_id, ()), key=_plan_order):
            i = r.indicator
            area = area_name.get((plan_id, i.area_name), display_name(i.area_name))
            first[area] = min(first.get(area, (10**9, 0)), (i.area_position, index))
            key = normalise(i.name) or i.name.casefold()
            groups.setdefault(area, {}).setdefault(key, []).append(DistrictIndicator(district, r))
    return tuple(
        CityIndicatorArea(area, tuple(CityIndicator(display_name(rows[0].result.indicator.name),
                                                    tuple(rows))
                                      for rows in groups[area].values()))
        for area in sorted(groups, key=lambda a: (first[a], a.casefold())))


def _plan_order(result: IndicatorResult) -> tuple[int, int, int]:
    i = result.indicator
    return i.area_position, i.position, i.id
