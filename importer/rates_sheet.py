"""The year-end workbook's response-rate sheet: one row per round and role.

Added to the bytes `importer.export.write_plan` made, so the template's own sheets stay as they
are; cells go through `put`, so a role or round name is never read as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime

from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from importer.export import put, stamped


def add_rates_sheet(xlsx: bytes, title: str, heads: Sequence[str],
                    rows: Sequence[Sequence[object]], at: datetime | None = None) -> bytes:
    """`xlsx` with a sheet `title`: bold `heads`, then `rows` (numbers stay numbers); dated
    `at` as `write_plan` dates a closed period's report, so the bytes stay the same."""
    if not rows:
        return xlsx
    wb = load_workbook(io.BytesIO(xlsx))
    ws = wb.create_sheet(title[:31])
    for col, head in enumerate(heads, start=1):
        put(ws, 1, col, head).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = 28 if col <= 2 else 16
    for offset, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            put(ws, offset, col, "" if value is None else value)
    if at is not None:
        wb.properties.created = wb.properties.modified = at.astimezone(UTC).replace(tzinfo=None)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue() if at is None else stamped(out.getvalue(), at)
