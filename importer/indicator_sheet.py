"""The workbook's "Indikatorer" sheet → ParsedIndicator rows, header found by its names.

Columns: Område, Problem, Indikator, Källa, Enhet, Riktning, Utgångsvärde, Utgångsår, Mål,
Målår, Ansvarig, then one value column per period (header "2025", "2026-T1"). Names are compared
loosely (case, spaces, å/ä/ö), in any order; a value cell holds a number (decimal comma or
point) or "ingen data: <why>". What is odd but readable is a warning with its row; a reason that
holds a personnummer refuses the workbook (WorkbookError), since it would be stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.indicators import Direction, Source, parse_period
from domain.personal_data import contains_personal_number
from importer.indicator_cells import direction_of, number, source_of, value_cell
from importer.model import ImportWarning, ParsedIndicator, WorkbookError
from importer.text import clean, loose, words

SHEET = "Indikatorer"
_ALIASES = {
    "omrade": "area", "prioriterat omrade": "area", "prioriterat samverkansomrade": "area",
    "problem": "problem", "indikator": "name", "indikatorer": "name", "kalla": "source",
    "enhet": "unit", "riktning": "direction", "utgangsvarde": "baseline_value",
    "utgangslage": "baseline_value", "utgangsar": "baseline_period",
    "utgangsperiod": "baseline_period", "mal": "target_value", "malvarde": "target_value",
    "malar": "target_period", "malperiod": "target_period", "ansvarig": "owner",
    "ansvarar": "owner",
}
_SCAN_ROWS = 40


def is_indicator_sheet(title: str) -> bool:
    return loose(title).startswith("indikator")


def _header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[int, str]] | None:
    """(1-based row, column → field or "period:KEY") of the first row naming Indikator."""
    for index, row in enumerate(rows[:_SCAN_ROWS]):
        columns: dict[int, str] = {}
        for col, raw in enumerate(row):
            key = words(clean(raw))
            if key in _ALIASES and _ALIASES[key] not in columns.values():
                columns[col] = _ALIASES[key]
            elif (period := parse_period(raw)) is not None:
                columns[col] = f"period:{period}"
        if "name" in columns.values() and len(columns) >= 3:
            return index + 1, columns
    return None


def read_indicators(sheet: str, rows: Sequence[Sequence[object]]
                    ) -> tuple[tuple[ParsedIndicator, ...], list[ImportWarning]]:
    """Every row that names an indicator; warnings for what was odd."""
    found = _header(rows)
    if found is None:
        return (), [ImportWarning(sheet, None, "indicator_no_header")]
    header, columns = found
    result: list[ParsedIndicator] = []
    warnings: list[ImportWarning] = []
    for number_, row in enumerate(rows[header:], start=header + 1):
        cells = {f: row[c] if c < len(row) else None for c, f in columns.items()}
        if not any(clean(v) for v in cells.values()):
            continue
        if not clean(cells.get("name")):
            warnings.append(ImportWarning(sheet, number_, "indicator_no_name"))
            continue
        result.append(_indicator(sheet, number_, cells, warnings))
    return tuple(result), warnings


def _indicator(sheet: str, row: int, cells: dict[str, object],
               warnings: list[ImportWarning]) -> ParsedIndicator:
    def warn(code: str, **values: object) -> None:
        warnings.append(ImportWarning(sheet, row, code, values))

    source = source_of(cells.get("source"))
    if source is None:
        warn("indicator_unknown_source", text=clean(cells.get("source")))
    direction = direction_of(cells.get("direction"))
    if direction is None:
        warn("indicator_unknown_direction", text=clean(cells.get("direction")))
    values = []
    for field, raw in cells.items():
        if not field.startswith("period:"):
            continue
        cell = value_cell(raw)
        if cell.bad:
            warn("indicator_bad_value", column=field[7:], text=clean(raw))
        elif not cell.empty:
            if contains_personal_number(cell.reason):
                raise WorkbookError("indicator_personal_number", sheet=sheet, row=row)
            values.append((field[7:], cell))
    return ParsedIndicator(
        sheet=sheet, row=row, area=" ".join(clean(cells.get("area")).split()),
        name=clean(cells.get("name")), source=source or Source.OTHER,
        direction=direction or Direction.LOWER, problem=clean(cells.get("problem")),
        unit=clean(cells.get("unit")),
        baseline_value=_number(cells, "baseline_value", warn),
        baseline_period=_period(cells, "baseline_period", warn),
        target_value=_number(cells, "target_value", warn),
        target_period=_period(cells, "target_period", warn),
        owner=clean(cells.get("owner")), values=tuple(values))


def _number(cells: dict[str, object], field: str, warn) -> float | None:
    raw = cells.get(field)
    found = number(raw)
    if found is None and clean(raw):
        warn("indicator_bad_number", text=clean(raw))
    return found


def _period(cells: dict[str, object], field: str, warn) -> str:
    raw = cells.get(field)
    found = parse_period(raw)
    if found is None and clean(raw):
        warn("indicator_bad_period", text=clean(raw))
    return found or ""
