"""The city report as a workbook: districts side by side, each area across districts, and the
actions flagged for the city group, every district's effect indicators
(importer/city_indicator_export.py), with native Excel charts (stacked bars per district).

Why native charts: the city's analysts re-filter and re-chart the sheets; a chart that reads the
cells follows their edits, an image would not. Every word comes from `labels` (the edge renders
them from reports/templates/city_words.LANG.j2); user text goes through `put`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from domain.city import STATUSES, CityStatus, Tally
from domain.lights import HEX, Light
from domain.summary import UNANSWERED
from importer.city_indicator_export import write_indicator_rows
from importer.export import put

KEYS = (*STATUSES, UNANSWERED)
_BOLD = Font(bold=True)
_HEAD = PatternFill("solid", fgColor="DDEBF7")
_COLOURS = {"delayed": "D13438", "not_started": "F7630C", "partial": "FCE100",
            "on_track": "6BB700", "done": "107C10", "discontinued": "605E5C",
            UNANSWERED: "D2D0CE"}
_FIRST_COUNT = 4  # column D: the first status; then no answer, needs support, light


def write_city(status: CityStatus, labels: Mapping[str, str]) -> bytes:
    wb = Workbook()
    _districts(wb.active, status, labels)
    _areas(wb.create_sheet(labels["sheet_areas"]), status, labels)
    _flagged(wb.create_sheet(labels["sheet_flagged"]), status, labels)
    write_indicator_rows(wb, status.indicators, labels)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _header(ws: Worksheet, row: int, first: str, labels: Mapping[str, str]) -> None:
    names = [first, labels["col_actions"], labels["col_answered"],
             *(labels[f"status.{k}"] for k in KEYS), labels["col_support"], labels["col_light"]]
    for column, name in enumerate(names, start=1):
        cell = put(ws, row, column, name)
        cell.font, cell.fill = _BOLD, _HEAD


def _row(ws: Worksheet, row: int, name: str, tally: Tally, labels: Mapping[str, str]) -> None:
    values = [name, tally.actions, tally.answered, *(n for _s, n in tally.statuses),
              tally.actions - tally.answered, tally.needs_support,
              labels[f"light.{tally.light.value}"]]
    for column, value in enumerate(values, start=1):
        put(ws, row, column, value)
    ws.cell(row=row, column=len(values)).fill = _light_fill(tally.light)


def _light_fill(light: Light) -> PatternFill:
    return PatternFill("solid", fgColor=HEX[light].lstrip("#").upper())


def _chart(ws: Worksheet, header: int, last: int, title: str, anchor: str) -> None:
    """A stacked horizontal bar per district row, one series per status."""
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title = title
    chart.add_data(Reference(ws, min_col=_FIRST_COUNT, max_col=_FIRST_COUNT + len(KEYS) - 1,
                             min_row=header, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header + 1, max_row=last))
    for series, key in zip(chart.series, KEYS, strict=True):
        series.graphicalProperties.solidFill = _COLOURS[key]
    chart.height, chart.width = 3 + 0.6 * (last - header), 18
    ws.add_chart(chart, anchor)


def _districts(ws: Worksheet, status: CityStatus, labels: Mapping[str, str]) -> None:
    ws.title = labels["sheet_districts"]
    _header(ws, 1, labels["col_district"], labels)
    for row, district in enumerate(status.districts, start=2):
        _row(ws, row, district.district, district, labels)
    if status.districts:
        _chart(ws, 1, len(status.districts) + 1, labels["districts_chart"], "O2")
    put(ws, len(status.districts) + 3, 1, labels["rules"])
    ws.column_dimensions["A"].width = 28


def _areas(ws: Worksheet, status: CityStatus, labels: Mapping[str, str]) -> None:
    row = 1
    for area in status.areas:
        title = put(ws, row, 1, area.name)
        title.font = Font(bold=True, size=13)
        put(ws, row, 2, labels[f"light.{area.light.value}"]).fill = _light_fill(area.light)
        _header(ws, row + 1, labels["col_district"], labels)
        for offset, tally in enumerate(area.districts, start=2):
            _row(ws, row + offset, tally.district, tally, labels)
        last = row + 1 + len(area.districts)
        _chart(ws, row + 1, last, labels["area_chart"].replace("{name}", area.name), f"O{row}")
        row = max(last + 2, row + 8 + int(1.2 * len(area.districts)))  # below the chart
    ws.column_dimensions["A"].width = 40


def _flagged(ws: Worksheet, status: CityStatus, labels: Mapping[str, str]) -> None:
    names = [labels[k] for k in ("col_district", "col_area", "col_action", "col_status",
                                 "col_support_text")]
    for column, name in enumerate(names, start=1):
        cell = put(ws, 1, column, name)
        cell.font, cell.fill = _BOLD, _HEAD
    for row, item in enumerate(status.flagged, start=2):
        values: Sequence[str] = (item.district, item.area, item.title,
                                 labels.get(f"status.{item.status}", item.status),
                                 item.support_text)
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value)
    if not status.flagged:
        put(ws, 2, 1, labels["no_flagged"])
    for letter, width in zip("ABCDE", (20, 36, 60, 18, 60), strict=True):
        ws.column_dimensions[letter].width = width
