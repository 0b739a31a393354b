"""Indicators → the workbook's "Indikatorer" sheet, in the columns the importer reads.

Cells are written as a clean input would have them (numbers as numbers, a year as a number,
"ingen data: <why>"), so import → export → import gives the same indicators and values, and the
sheet of a clean input comes back cell for cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from domain.indicators import Indicator, Measurement, period_key
from importer.indicator_cells import (
    DIRECTION_LABELS,
    SOURCE_LABELS,
    no_data_text,
    number_out,
    period_out,
)
from importer.indicator_sheet import SHEET
from importer.xlsx_cells import put

HEADERS = ("Område", "Problem", "Indikator", "Källa", "Enhet", "Riktning", "Utgångsvärde",
           "Utgångsår", "Mål", "Målår", "Ansvarig")
_WIDTHS = (30, 28, 36, 18, 12, 16, 12, 10, 10, 10, 22)
_BOLD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class IndicatorSheetRow:
    """One indicator with the latest entry per period; `extra` are added columns' texts
    (the year-end report's trend and judgement), after the periods."""

    indicator: Indicator
    latest: Mapping[str, Measurement]
    extra: tuple[str, ...] = ()


def _fixed(i: Indicator) -> tuple[object, ...]:
    return (i.area_name, i.problem or None, i.name, SOURCE_LABELS[i.source], i.unit or None,
            DIRECTION_LABELS[i.direction], number_out(i.baseline_value),
            period_out(i.baseline_period), number_out(i.target_value),
            period_out(i.target_period), i.owner_text or None)


def _cell(m: Measurement | None) -> object:
    if m is None:
        return None
    return no_data_text(m.reason) if m.value is None else number_out(m.value)


def write_indicator_sheet(wb, rows: Sequence[IndicatorSheetRow],
                          extra_headers: Sequence[str] = ()) -> None:
    """Add the sheet (nothing when there are no indicators)."""
    if not rows:
        return
    ws = wb.create_sheet(SHEET)
    periods = sorted({p for r in rows for p in r.latest}, key=period_key)
    heads = [*HEADERS, *periods, *extra_headers]
    for col, head in enumerate(heads, start=1):
        cell = put(ws, 1, col, head)
        cell.font, cell.fill, cell.alignment = _BOLD, _FILL, _WRAP
        width = _WIDTHS[col - 1] if col <= len(_WIDTHS) else 12
        ws.column_dimensions[get_column_letter(col)].width = width
    for number, row in enumerate(rows, start=2):
        values = [*_fixed(row.indicator), *(_cell(row.latest.get(p)) for p in periods),
                  *row.extra]
        for col, value in enumerate(values, start=1):
            put(ws, number, col, value).alignment = _WRAP
    ws.freeze_panes = ws.cell(row=2, column=4)
