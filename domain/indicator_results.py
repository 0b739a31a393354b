"""Judging an indicator: green, yellow, red or grey, and which way it moves.

The rule (docs/indicators.md), on the latest period that has an entry:
- grey: no value there (nothing measured, or "ingen data": the reason is shown instead);
- green: the target is met, or the value has moved from the baseline towards the target by at
  least half the distance;
- yellow: it moved the right way, but less than half (or, with no target, any improvement);
- red: unchanged or worse than the baseline.
Without a baseline the first value is the reference. The arrow shows how the value moved since
the previous value (↑ rose, ↓ fell, → unchanged); `better` says whether that was good, by the
indicator's direction, so "↓ bättre" and "↑ sämre" read right for a crime count.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from domain.indicators import Direction, Indicator, Measurement, latest_per_period


class Light(enum.StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


class Trend(enum.StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"
    NONE = "none"  # fewer than two values to compare


ARROWS = {Trend.UP: "↑", Trend.DOWN: "↓", Trend.FLAT: "→", Trend.NONE: ""}
HALF = 0.5


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    series: tuple[Measurement, ...]  # the latest entry per period, in period order
    light: Light
    trend: Trend
    better: bool | None  # the last move was good (by direction); None: no move

    @property
    def latest(self) -> Measurement | None:
        return self.series[-1] if self.series else None

    @property
    def arrow(self) -> str:
        return ARROWS[self.trend]

    @property
    def values(self) -> tuple[Measurement, ...]:
        return tuple(m for m in self.series if m.value is not None)


def gain(direction: Direction, old: float, new: float) -> float:
    """How far `new` is better than `old` (negative: worse)."""
    return old - new if direction is Direction.LOWER else new - old


def light_of(indicator: Indicator, series: tuple[Measurement, ...]) -> Light:
    """The colour by the rule above."""
    latest = series[-1] if series else None
    if latest is None or latest.value is None:
        return Light.GREY
    value, d = latest.value, indicator.direction
    target = indicator.target_value
    if target is not None and gain(d, target, value) >= 0:
        return Light.GREEN
    values = [m.value for m in series if m.value is not None]
    reference = indicator.baseline_value if indicator.baseline_value is not None else values[0]
    moved = gain(d, reference, value)
    if moved <= 0:
        return Light.YELLOW if len(values) == 1 and indicator.baseline_value is None else Light.RED
    needed = gain(d, reference, target) if target is not None else 0.0
    if needed > 0 and moved >= HALF * needed:
        return Light.GREEN
    return Light.YELLOW


def trend_of(indicator: Indicator, series: tuple[Measurement, ...]) -> tuple[Trend, bool | None]:
    """The move between the last two values (or the baseline and the only value)."""
    values = [m.value for m in series if m.value is not None]
    if indicator.baseline_value is not None:
        values.insert(0, indicator.baseline_value)
    if len(values) < 2:
        return Trend.NONE, None
    old, new = values[-2], values[-1]
    if new == old:
        return Trend.FLAT, None
    return (Trend.UP if new > old else Trend.DOWN), gain(indicator.direction, old, new) > 0


def judge(indicator: Indicator, measurements: Iterable[Measurement]) -> IndicatorResult:
    """The indicator with its series, colour and trend."""
    series = tuple(latest_per_period(m for m in measurements if m.indicator_id == indicator.id)
                   .values())
    trend, better = trend_of(indicator, series)
    return IndicatorResult(indicator, series, light_of(indicator, series), trend, better)


def by_area(results: Iterable[IndicatorResult]) -> tuple[tuple[str, tuple[IndicatorResult, ...]], ...]:
    """(area name, its indicators) in plan order: area position, then the sheet's order."""
    grouped: dict[tuple[int, str], list[IndicatorResult]] = {}
    for r in sorted(results, key=lambda r: (r.indicator.area_position, r.indicator.position)):
        grouped.setdefault((r.indicator.area_position, r.indicator.area_name), []).append(r)
    return tuple((name, tuple(items)) for (_p, name), items in grouped.items())
