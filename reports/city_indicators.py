"""The city report's effect indicators: one small trend chart per district's indicator, every
district's chart of one matched indicator on the same y scale (`shared_ylim`), so two districts
compare at a glance; and the rows the workbook's Indikatorer sheet is written from.
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.city_indicators import CityIndicatorArea
from reports.indicator_charts import shared_ylim, trend_chart
from reports.yearend import indicator_words


def city_indicator_charts(areas: Iterable[CityIndicatorArea], lang: str = "sv"
                          ) -> dict[int, str]:
    """Indicator id → its chart (base64 PNG), drawn on its matched indicator's shared scale;
    an indicator without values has none."""
    iw = indicator_words(lang)
    labels = (str(iw.baseline_label()), str(iw.target_label()))
    charts: dict[int, str] = {}
    for area in areas:
        for matched in area.indicators:
            ylim = shared_ylim(matched.results)
            for row in matched.rows:
                chart = trend_chart(row.result, ylim, labels)
                if chart:
                    charts[row.result.indicator.id] = chart
    return charts
