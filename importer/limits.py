"""How big a workbook Följa agrees to read: refused before parsing, and capped while streaming.

A district's åtgärdsplan is a few sheets of at most a few hundred rows and a dozen columns, a
few hundred kilobytes unpacked. A file far beyond that is a mistake or an attack (a "zip bomb":
a small upload that unpacks to gigabytes, or a sheet of a million rows), and reading it would
stall the bot for everyone. The limits below sit far above any real plan:

- MAX_UNPACKED_BYTES: the sum of the zip members' sizes. zipfile (and so openpyxl) never
  inflates a member past the size its directory entry declares, so the declared sum bounds
  what parsing can unpack.
- MAX_SHEETS: sheets listed in xl/workbook.xml.
- MAX_ROWS and MAX_COLUMNS, per sheet: first from each sheet's `<dimension>` (read from the
  head of the sheet's XML, cheaply), then again while the rows stream in, because
  `<dimension>` is written by the program that saved the file and may lie.
- MAX_PARTS: members of the zip, so reading the directory stays cheap too.

Each refusal is a WorkbookError whose Swedish message names the limit (i18n/imports.py).
"""

from __future__ import annotations

import re
import zipfile

from openpyxl.utils.cell import range_boundaries

from importer.model import WorkbookError

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_SHEETS = 30
MAX_ROWS = 5_000
MAX_COLUMNS = 200
MAX_PARTS = 1_000

_HEAD = 16 * 1024  # bytes of a sheet's XML read for its <dimension>
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b")
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*["']([A-Za-z$0-9:]+)["']""")


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse the workbook from its zip directory and sheet heads, before openpyxl reads it."""
    members = archive.infolist()
    if len(members) > MAX_PARTS:
        raise WorkbookError("too_many_parts", limit=MAX_PARTS)
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError("too_big_unpacked", size=unpacked // 2**20,
                            limit=MAX_UNPACKED_BYTES // 2**20)
    if "xl/workbook.xml" in archive.namelist():
        check_sheet_count(len(_SHEET.findall(archive.read("xl/workbook.xml"))))
    for member in members:
        if member.filename.endswith(".xml") and "worksheets/" in member.filename:
            with archive.open(member) as part:
                _check_dimension(part.read(_HEAD))


def _check_dimension(head: bytes) -> None:
    found = _DIMENSION.search(head)
    if found is None:
        return
    try:
        _min_col, _min_row, max_col, max_row = range_boundaries(
            found.group(1).decode("ascii").replace("$", ""))
    except ValueError:
        return  # a dimension we cannot read says nothing; the streaming caps still hold
    check_size(max_row or 0, max_col or 0)


def check_sheet_count(count: int) -> None:
    if count > MAX_SHEETS:
        raise WorkbookError("too_many_sheets", n=count, limit=MAX_SHEETS)


def check_size(rows: int, columns: int) -> None:
    """Called with the declared size first, then with each row as it streams in."""
    if rows > MAX_ROWS:
        raise WorkbookError("too_many_rows", limit=MAX_ROWS)
    if columns > MAX_COLUMNS:
        raise WorkbookError("too_many_columns", limit=MAX_COLUMNS)
