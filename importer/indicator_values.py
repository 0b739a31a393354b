"""A value file → rows of (district, indicator, period, value): many districts at once.

Columns, found by name in the first rows (case, spaces and å/ä/ö do not matter): Stadsdel (or
Distrikt), Indikator, Period, Värde, and optionally Kommentar and Område (when one name is in
two areas). An .xlsx (first visible sheet) or a .csv (";", "," or tab; UTF-8 or Windows-1252).
Pure: a file that is not sound raises ValueFileError naming the row, so nothing is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from domain.indicators import parse_period
from domain.personal_data import has_personal_number
from importer.indicator_cells import Cell, value_cell
from importer.model import WorkbookError
from importer.text import clean, words
from importer.workbook import parse_rows

_ALIASES = {"stadsdel": "district", "distrikt": "district", "stadsdelsomrade": "district",
            "indikator": "indicator", "period": "period", "varde": "value",
            "kommentar": "note", "anteckning": "note", "omrade": "area"}
_REQUIRED = ("indicator", "period", "value")
_NAMES = {"district": "Stadsdel", "indicator": "Indikator", "period": "Period", "value": "Värde"}
_SCAN_ROWS = 10


class ValueFileError(Exception):
    """The file is refused; `code` picks the message (indicators.error.CODE)."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class ValueRow:
    row: int
    district: str
    indicator: str
    period: str
    cell: Cell
    note: str = ""
    area: str = ""


def read_value_file(data: bytes, name: str, district: str | None = None) -> list[ValueRow]:
    """Every filled row; `district` fills in a file without a Stadsdel column."""
    grid = _csv(data) if name.lower().endswith(".csv") else _xlsx(data)
    found = _header(grid)
    if found is None:
        raise ValueFileError("no_columns", columns=", ".join(_NAMES[f] for f in _REQUIRED))
    header, columns = found
    if "district" not in columns.values() and not district:
        raise ValueFileError("no_district")
    rows = []
    for number, raw in enumerate(grid[header:], start=header + 1):
        cells = {f: clean(raw[c]) if c < len(raw) else "" for c, f in columns.items()}
        if not any(cells.values()):
            continue
        rows.append(_row(number, cells, {f: raw[c] if c < len(raw) else None
                                         for c, f in columns.items()}, district))
    return rows


def _row(number: int, cells: dict[str, str], raw: dict[str, object],
         district: str | None) -> ValueRow:
    period = parse_period(raw.get("period"))
    if period is None:
        raise ValueFileError("bad_period", row=number, text=cells.get("period", ""))
    cell = value_cell(raw.get("value"))
    if cell.bad or cell.empty:
        raise ValueFileError("bad_value", row=number, text=cells.get("value", ""))
    if has_personal_number(cell.reason, cells.get("note", "")):
        raise ValueFileError("personal_number", row=number)
    return ValueRow(number, " ".join(cells.get("district", "").split()) or (district or ""),
                    cells.get("indicator", ""), period, cell, cells.get("note", ""),
                    " ".join(cells.get("area", "").split()))


def _header(grid: list[list[object]]) -> tuple[int, dict[int, str]] | None:
    for index, row in enumerate(grid[:_SCAN_ROWS]):
        columns: dict[int, str] = {}
        for col, raw in enumerate(row):
            field = _ALIASES.get(words(clean(raw)))
            if field and field not in columns.values():
                columns[col] = field
        if all(f in columns.values() for f in _REQUIRED):
            return index + 1, columns
    return None


class _Semicolon(csv.excel):
    """What Swedish Excel writes when the sniffer cannot tell (one column, say)."""

    delimiter = ";"


def _csv(data: bytes) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ValueFileError("not_readable")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = _Semicolon
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _xlsx(data: bytes) -> list[list[object]]:
    try:
        return parse_rows(data)
    except WorkbookError as exc:
        raise ValueFileError("not_readable") from exc
