"""The city workbook's indicator sheet: one row per indicator and district, area by area, as the
HTML and Markdown reports show them.

Numbers stay numbers (an analyst sums and charts them); a period without a value reads
"ingen data: <why>" as in the plan's Indikatorer sheet. Every word comes from `labels`; user
text goes through `put`, so a name like "=HYPERLINK(…)" stays text.
"""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from domain.city_indicators import CityIndicatorArea
from domain.indicator_results import IndicatorResult
from domain.indicators import Measurement, period_key
from importer.indicator_cells import no_data_text, number_out, period_out
from importer.xlsx_cells import put

_BOLD = Font(bold=True)
_HEAD = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_FILLS = {"green": "DFF6DD", "yellow": "FFF4CE", "red": "FDE7E9", "grey": "EDEBE9"}
_FIRST = ("col_area", "ind.col_indicator", "col_district", "ind.col_problem", "ind.col_unit",
          "ind.col_baseline", "ind.col_baseline_period")
_LAST = ("ind.col_target", "ind.col_target_period", "ind.col_trend", "ind.col_light")
_WIDTHS = (30, 34, 20, 26, 10, 12, 10)


def write_indicator_rows(wb, areas: tuple[CityIndicatorArea, ...],
                         labels: Mapping[str, str]) -> None:
    """Add the sheet (nothing when no district has indicators)."""
    if not areas:
        return
    ws = wb.create_sheet(labels["ind.sheet"])
    results = [r.result for a in areas for m in a.indicators for r in m.rows]
    periods = sorted({s.period for r in results for s in r.series}, key=period_key)
    heads = [*(labels[k] for k in _FIRST), *periods, *(labels[k] for k in _LAST)]
    for column, head in enumerate(heads, start=1):
        cell = put(ws, 1, column, head)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEAD, _WRAP
        width = _WIDTHS[column - 1] if column <= len(_WIDTHS) else 12
        ws.column_dimensions[get_column_letter(column)].width = width
    row = 2
    for area in areas:
        for matched in area.indicators:
            for item in matched.rows:
                values = _values(area.name, matched.name, item.district, item.result, periods,
                                 labels)
                for column, value in enumerate(values, start=1):
                    put(ws, row, column, value).alignment = _WRAP
                fill = _FILLS[item.result.light.value]
                ws.cell(row=row, column=len(values)).fill = PatternFill("solid", fgColor=fill)
                row += 1
    ws.freeze_panes = ws.cell(row=2, column=4)


def _values(area: str, name: str, district: str, r: IndicatorResult, periods: list[str],
            labels: Mapping[str, str]) -> list[object]:
    i = r.indicator
    latest = {m.period: m for m in r.series}
    better = "" if r.better is None else labels[f"ind.better.{'yes' if r.better else 'no'}"]
    return [area, name, district, i.problem or None, i.unit or None, number_out(i.baseline_value),
            period_out(i.baseline_period), *(_cell(latest.get(p)) for p in periods),
            number_out(i.target_value), period_out(i.target_period),
            f"{r.arrow} {better}".strip() or None, labels[f"ind.light.{r.light.value}"]]


def _cell(m: Measurement | None) -> object:
    if m is None:
        return None
    return no_data_text(m.reason) if m.value is None else number_out(m.value)
