"""Excel → ParsedPlan: every sheet classified, every area sheet read by its header names.

Pure: takes bytes or a path, returns values (or raises WorkbookError for a file that is not a
plan at all). What is odd but readable becomes a warning with sheet and row.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from importer.headers import find_header
from importer.model import ImportWarning, ParsedArea, ParsedPlan, WorkbookError
from importer.sheet import read_area
from importer.summary import check_summary, is_summary_name, read_summary
from importer.text import clean, loose

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_INSTRUCTION = ("instruktion", "anvisning", "lasanvisning", "information")
_MAX_BLANK_RUN = 500
_YEAR = re.compile(r"\b(20\d\d)\b")


def parse_workbook(source: bytes | Path) -> ParsedPlan:
    """Read an åtgärdsplan workbook (either template layout)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    wb = _open(data)
    areas: list[ParsedArea] = []
    warnings: list[ImportWarning] = []
    summary_sheet, summary = "", ()
    layouts: list[str] = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            warnings.append(ImportWarning(ws.title, None, "hidden_sheet_skipped"))
            continue
        rows = _grid(ws)
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
    return ParsedPlan(
        layout=max(set(layouts), key=layouts.count), title=_title(wb), year=_year(wb),
        areas=tuple(areas), warnings=tuple(warnings), summary_sheet=summary_sheet,
    )


def _open(data: bytes):
    if data.startswith(_OLE):
        encrypted = "EncryptedPackage".encode("utf-16-le") in data
        raise WorkbookError("encrypted" if encrypted else "old_excel")
    if not data.startswith(b"PK"):
        raise WorkbookError("not_workbook")
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise WorkbookError("not_workbook") from exc


def _grid(ws: Worksheet) -> list[list[object]]:
    """All values as rows; a merged range's value fills every cell of the range."""
    rows: list[list[object]] = []
    blank = 0
    for row in ws.iter_rows(values_only=True):
        blank = 0 if any(v is not None and clean(v) for v in row) else blank + 1
        if blank > _MAX_BLANK_RUN:  # formatting down to row 1,048,576: nothing more to read
            break
        rows.append(list(row))
    for merged in ws.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else None
        for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if c - 1 < len(rows[r - 1]):
                    rows[r - 1][c - 1] = top
    return rows


def _first_text(rows: list[list[object]]) -> str:
    return next((clean(v) for row in rows[:3] for v in row if clean(v)), "")


def _title(wb) -> str:
    for ws in wb.worksheets[:1]:
        text = clean(ws.cell(row=1, column=1).value)
        if loose(text).startswith("atgardsplan"):
            return text
    return clean(wb.properties.title) or ""


def _year(wb) -> int | None:
    texts = [clean(wb.properties.title)]
    texts += [clean(ws.cell(row=1, column=1).value) for ws in wb.worksheets[:3]]
    for text in texts:
        if m := _YEAR.search(text or ""):
            return int(m.group(1))
    return None
