"""Excel → ParsedPlan: every sheet classified, every area sheet read by its header names.

Pure: takes bytes or a path, returns values (or raises WorkbookError for a file that is not a
plan at all). What is odd but readable becomes a warning with sheet and row.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from importer.headers import find_header
from importer.indicator_sheet import is_indicator_sheet, read_indicators
from importer.limits import check_archive, check_sheet_count, check_size
from importer.model import (
    ImportWarning,
    ParsedArea,
    ParsedIndicator,
    ParsedPlan,
    SummaryRow,
    WorkbookError,
)
from importer.personal_data import personal_number_warnings
from importer.sheet import read_area
from importer.summary import check_summary, is_summary_name, read_summary
from importer.text import clean, loose

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_INSTRUCTION = ("instruktion", "anvisning", "lasanvisning", "information")
_MAX_BLANK_RUN = 500
_CHUNK, _OVERLAP = 1 << 20, 4096  # bytes read at a time, and kept for a cut <mergeCell>
_YEAR = re.compile(r"\b(20\d\d)\b")
# SyntaxError: ElementTree's ParseError on a broken sheet; zlib.error and NotImplementedError:
# zipfile on a damaged deflate stream or an unknown compression method (found by fuzzing).
_UNREADABLE = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError,
               SyntaxError, zlib.error, NotImplementedError)
# <mergeCell ref="A5:A9"/>, any namespace prefix, either quote. Cell text never holds a raw
# "<" (XML escapes it), so this matches only the elements.
_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([A-Za-z$]+\d+(?::[A-Za-z$]+\d+)?)["']""")


def parse_workbook(source: bytes | Path) -> ParsedPlan:
    """Read an åtgärdsplan workbook (either template layout)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    wb = _open(data)
    try:
        return _parse(wb)
    except _UNREADABLE as exc:  # read-only mode reads the sheets only now
        raise WorkbookError("not_workbook") from exc
    finally:
        wb.close()


def parse_rows(data: bytes) -> list[list[object]]:
    """The first visible sheet's values as rows (a value file), with the workbook's limits."""
    wb = _open(data)
    try:
        sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
        return _grid(sheets[0]) if sheets else []
    except _UNREADABLE as exc:
        raise WorkbookError("not_workbook") from exc
    finally:
        wb.close()


def _parse(wb) -> ParsedPlan:
    areas: list[ParsedArea] = []
    warnings: list[ImportWarning] = []
    check_sheet_count(len(wb.worksheets))
    summary_sheet = ""
    summary: tuple[SummaryRow, ...] = ()
    layouts: list[str] = []
    grids: dict[str, list[list[object]]] = {}
    indicator_sheet = ""
    indicators: tuple[ParsedIndicator, ...] = ()
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            warnings.append(ImportWarning(ws.title, None, "hidden_sheet_skipped"))
            continue
        rows = grids[ws.title] = _grid(ws)
        if is_indicator_sheet(ws.title) and not indicator_sheet:
            indicator_sheet = ws.title
            indicators, found = read_indicators(ws.title, rows)
            warnings.extend(found)
            continue
        header = find_header(rows)
        if header is not None:
            area, found = read_area(ws.title, rows, header)
            areas.append(area)
            warnings.extend(found)
            layouts.append(header.layout)
        elif is_summary_name(ws.title) or is_summary_name(_first_text(rows)):
            summary_sheet, summary = ws.title, read_summary(rows)
        elif any(clean(v) for row in rows for v in row) and not loose(ws.title).startswith(_INSTRUCTION):
            warnings.append(ImportWarning(ws.title, None, "unknown_sheet_skipped"))
    if not areas:
        raise WorkbookError("no_area_sheets")
    if summary_sheet:
        warnings.extend(check_summary(summary_sheet, summary, areas))
    warnings.extend(personal_number_warnings(areas))  # the personnummer guard
    return ParsedPlan(
        layout=max(set(layouts), key=layouts.count), title=_title(wb, grids),
        year=_year(wb, grids),
        areas=tuple(areas), warnings=tuple(warnings), summary_sheet=summary_sheet,
        indicators=indicators, indicator_sheet=indicator_sheet,
    )


def _open(data: bytes):
    if data.startswith(_OLE):
        encrypted = "EncryptedPackage".encode("utf-16-le") in data
        raise WorkbookError("encrypted" if encrypted else "old_excel")
    if not data.startswith(b"PK"):
        raise WorkbookError("not_workbook")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:  # the limits, before parsing
            check_archive(archive)
        # Read-only: cells stream as plain values; the full load builds a styled Cell object
        # per cell and re-styles every merged cell, most of the import's time.
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise WorkbookError("not_workbook") from exc


def _grid(ws) -> list[list[object]]:
    """All values as rows; a merged range's value fills every cell of the range."""
    ws.reset_dimensions()  # trust the cells, not the file's <dimension> (often wrong)
    rows: list[list[object]] = []
    blank = 0
    for row in ws.iter_rows(values_only=True):
        blank = 0 if any(v is not None and clean(v) for v in row) else blank + 1
        if blank > _MAX_BLANK_RUN:  # formatting down to row 1,048,576: nothing more to read
            break
        check_size(len(rows) + 1, len(row))  # <dimension> may lie: the caps hold here too
        rows.append(list(row))
    width = max(map(len, rows), default=0)  # no column past it can hold a header
    for min_col, min_row, max_col, max_row in _merged_ranges(ws):
        if min_row > len(rows) or min_col > width:
            continue
        top_row = rows[min_row - 1]
        top = top_row[min_col - 1] if min_col <= len(top_row) else None
        last = min(max_col, width)
        for r in range(min_row, min(max_row, len(rows)) + 1):
            row = rows[r - 1]
            if len(row) < last:  # read-only rows end at their last written cell
                row.extend([None] * (last - len(row)))
            for c in range(min_col, last + 1):
                row[c - 1] = top
    return rows


def _merged_ranges(ws) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range, read from the sheet's XML
    (read-only worksheets do not expose them), a chunk at a time so a huge sheet is never
    held whole; a chunk keeps the previous one's end, where an element may have been cut."""
    refs: dict[bytes, None] = {}
    tail = b""
    with ws._get_source() as src:  # noqa: SLF001 - the sheet's part in the open archive
        while chunk := src.read(_CHUNK):
            text = tail + chunk
            refs.update(dict.fromkeys(_MERGE.findall(text)))
            tail = text[-_OVERLAP:]
    ranges = []
    for ref in refs:
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii").replace("$", ""))
        ranges.append((min_col, min_row, max_col or min_col, max_row or min_row))
    return ranges


def _first_text(rows: list[list[object]]) -> str:
    return next((clean(v) for row in rows[:3] for v in row if clean(v)), "")


def _a1(ws, grids: dict[str, list[list[object]]]) -> str:
    """The sheet's A1 text: from its grid when read, else (hidden sheets) from the file."""
    rows = grids.get(ws.title)
    if rows is not None:
        return clean(rows[0][0]) if rows and rows[0] else ""
    return clean(ws.cell(row=1, column=1).value)


def _title(wb, grids) -> str:
    for ws in wb.worksheets[:1]:
        text = _a1(ws, grids)
        if loose(text).startswith("atgardsplan"):
            return text
    return clean(wb.properties.title) or ""


def _year(wb, grids) -> int | None:
    texts = [clean(wb.properties.title)]
    texts += [_a1(ws, grids) for ws in wb.worksheets[:3]]
    for text in texts:
        if m := _YEAR.search(text or ""):
            return int(m.group(1))
    return None
