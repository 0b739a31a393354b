"""One small trend chart per effect indicator: its values per period, baseline and target.

Drawn like the year-end's status chart (matplotlib's object API, Agg, base64 PNG) so the HTML
stays one file. `ylim` fixes the scale, so a city report can put every district's chart of one
indicator on the same axis (`shared_ylim`).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from domain.indicator_results import IndicatorResult, Light

LIGHT_COLOURS = {Light.GREEN: "#107c10", Light.YELLOW: "#c19c00", Light.RED: "#d13438",
                 Light.GREY: "#8a8886"}


def shared_ylim(results: Iterable[IndicatorResult]) -> tuple[float, float] | None:
    """One scale for many charts: from 0 (or the lowest value) to a little above the highest."""
    numbers = [v for r in results for v in _numbers(r)]
    if not numbers:
        return None
    low, high = min(0.0, min(numbers)), max(numbers)
    return low, high + (high - low) * 0.1 or 1.0


def _numbers(result: IndicatorResult) -> list[float]:
    i = result.indicator
    extra = [v for v in (i.baseline_value, i.target_value) if v is not None]
    return [m.value for m in result.values if m.value is not None] + extra


def trend_chart(result: IndicatorResult, ylim: tuple[float, float] | None = None,
                labels: tuple[str, str] = ("Utgångsvärde", "Mål")) -> str:
    """The chart as base64 PNG; '' when the indicator has no value to draw."""
    points = [(m.period, m.value) for m in result.series if m.value is not None]
    if not points:
        return ""
    fig = Figure(figsize=(3.6, 1.9), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    periods = [p for p, _v in points]
    colour = LIGHT_COLOURS[result.light]
    ax.plot(periods, [v for _p, v in points], marker="o", color=colour, linewidth=2)
    i = result.indicator
    if i.baseline_value is not None:
        ax.axhline(i.baseline_value, color="#605e5c", linestyle="--", linewidth=1, label=labels[0])
    if i.target_value is not None:
        ax.axhline(i.target_value, color="#107c10", linestyle=":", linewidth=1.5, label=labels[1])
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.tick_params(labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    if i.baseline_value is not None or i.target_value is not None:
        ax.legend(fontsize=6, frameon=False, loc="best")
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return base64.b64encode(out.getvalue()).decode()
