"""Damaged and extreme åtgärdsplan workbooks, made from the 2025 seed plan (issue 9).

Each maker returns (name, bytes). Shared by tests/integration/test_importer_fuzz.py and
bench/fuzz_importer.py.
"""

from __future__ import annotations

import io
import random
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook, load_workbook

from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025

LONG = 32_000  # Excel holds up to 32,767 characters in a cell


def clean_bytes() -> bytes:
    """The seed workbook with fixed timestamps, so the same damage hits the same bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        data = build_workbook(PLAN_2025, Path(tmp) / "plan.xlsx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z",
                                 content)
            dst.writestr(zipfile.ZipInfo(item.filename, (2026, 1, 1, 0, 0, 0)), content,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def truncated(data: bytes, fractions=(0.02, 0.1, 0.5, 0.9, 0.99)) -> Iterator[tuple[str, bytes]]:
    for f in fractions:
        yield f"truncated at {f:.0%}", data[: int(len(data) * f)]


def _rewrite(data: bytes, change) -> bytes:
    """A copy of the zip with each member passed through change(name, content)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = change(item.filename, src.read(item.filename))
            if content is not None:
                dst.writestr(item, content)
    return out.getvalue()


def broken_xml(data: bytes) -> Iterator[tuple[str, bytes]]:
    first = "xl/worksheets/sheet2.xml"
    yield "sheet XML cut short", _rewrite(
        data, lambda n, c: c[: len(c) // 2] if n == first else c)
    yield "sheet XML replaced by garbage", _rewrite(
        data, lambda n, c: b"<worksheet><sheetData><row><c r='A1'><v>oops" if n == first else c)
    yield "sheet XML not XML", _rewrite(
        data, lambda n, c: b"\x00\xff" * 100 if n == first else c)
    yield "workbook.xml missing", _rewrite(
        data, lambda n, c: None if n == "xl/workbook.xml" else c)
    yield "shared strings missing", _rewrite(
        data, lambda n, c: None if n == "xl/sharedStrings.xml" else c)
    yield "content types missing", _rewrite(
        data, lambda n, c: None if n == "[Content_Types].xml" else c)
    for seed in (1, 2, 3):
        yield f"40 random bytes flipped (seed {seed})", flip(data, seed)


# Damage the importer does not yet turn into WorkbookError (zlib.error, NotImplementedError from
# zipfile): a finding for importer/workbook.py's _UNREADABLE, reported in issue 9.
CRASHING_FLIPS = {0: "NotImplementedError", 7: "zlib.error"}


def flip(data: bytes, seed: int, count: int = 40) -> bytes:
    rng = random.Random(seed)
    flipped = bytearray(data)
    for _ in range(count):
        flipped[rng.randrange(100, len(flipped))] ^= 0xFF
    return bytes(flipped)


def _edited(data: bytes, edit) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _area(wb):
    return next(ws for ws in wb.worksheets if ws["B1"].value == "Orsak")


def with_formulas(data: bytes) -> tuple[str, bytes]:
    def edit(wb) -> None:
        ws = _area(wb)
        ws["B3"] = '=HYPERLINK("http://evil.example","klicka")'
        ws["C3"] = "=SUM(1,2)"
        ws["D3"] = "=A1&A2"
        ws["E3"] = '=cmd|" /C calc"!A0'
    return "formulas in cells", _edited(data, edit)


def with_long_cells(data: bytes) -> tuple[str, bytes]:
    def edit(wb) -> None:
        ws = _area(wb)
        for column in "ABCDEFG":
            ws[f"{column}3"] = ("Lång text å ä ö " * (LONG // 16))[:LONG]
    return f"{LONG:,}-character cells", _edited(data, edit)


def with_many_rows(rows: int = 100_000) -> tuple[str, bytes]:
    """One area sheet of the 2025 layout with `rows` filled action rows (write-only: fast)."""
    source = load_workbook(io.BytesIO(clean_bytes()))
    model = _area(source)
    header = [c.value for c in model[1]]
    guidance = [c.value for c in model[2]]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(model.title)
    ws.append(header)
    ws.append(guidance)
    for i in range(rows):
        ws.append([f"Problem {i // 10}", f"Orsak {i}", f"Åtgärd nummer {i}", f"Mål {i}",
                   "Varje vecka", "Polisen", ""][: len(header)])
    out = io.BytesIO()
    wb.save(out)
    return f"{rows:,} action rows", out.getvalue()


def all_cases(big_rows: int = 100_000) -> Iterator[tuple[str, bytes]]:
    data = clean_bytes()
    yield "clean", data
    yield from truncated(data)
    yield from broken_xml(data)
    yield with_formulas(data)
    yield with_long_cells(data)
    yield "empty file", b""
    yield "a PNG", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    yield "zip of nothing", _empty_zip()
    if big_rows:
        yield with_many_rows(big_rows)


def _empty_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hej")
    return out.getvalue()


# Workbook bombs: far beyond any plan, each refused before or while parsing (importer/limits.py).
def _replace_member(data: bytes, name: str, write) -> bytes:
    """A copy of the zip whose member `name` is streamed in by write(file), a chunk at a time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename == name:
                info = zipfile.ZipInfo(name, item.date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(info, "w", force_zip64=True) as part:
                    write(part)
            else:
                dst.writestr(item, src.read(item.filename), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def many_rows_sheet(rows: int = 1_000_000, *, dimension: str | None = None) -> tuple[str, bytes]:
    """The seed plan with one sheet of `rows` one-cell rows, written as XML directly (fast);
    `dimension` is what the sheet claims (default: the truth)."""
    claimed = dimension or f"A1:A{rows}"

    def write(part) -> None:
        part.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
                   b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   b'<dimension ref="' + claimed.encode() + b'"/><sheetData>')
        for start in range(1, rows + 1, 10_000):
            part.write(b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r)
                                for r in range(start, min(start + 10_000, rows + 1))))
        part.write(b"</sheetData></worksheet>")

    lie = f" claiming {dimension}" if dimension else ""
    return f"{rows:,} rows in one sheet{lie}", _replace_member(clean_bytes(),
                                                              "xl/worksheets/sheet2.xml", write)


def wide_sheet(columns: int = 5_000) -> tuple[str, bytes]:
    """One row reaching column `columns`, under a <dimension> that claims one cell."""
    from openpyxl.utils import get_column_letter

    last = get_column_letter(columns)

    def write(part) -> None:
        part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   b'<dimension ref="A1"/><sheetData><row r="1"><c r="A1"><v>1</v></c>'
                   b'<c r="' + last.encode() + b'1"><v>1</v></c></row></sheetData></worksheet>')
    return f"a row {columns:,} columns wide", _replace_member(clean_bytes(),
                                                             "xl/worksheets/sheet2.xml", write)


def zip_bomb(megabytes: int = 60) -> tuple[str, bytes]:
    """A member of zeros that unpacks to `megabytes` MB from a few hundred kilobytes."""
    def write(part) -> None:
        zeros = b"\0" * 2**20
        for _ in range(megabytes):
            part.write(zeros)
    return f"{megabytes} MB of zeros unpacked", _replace_member(
        clean_bytes(), "docProps/app.xml", write)


def many_sheets(count: int = 40) -> tuple[str, bytes]:
    wb = load_workbook(io.BytesIO(clean_bytes()))
    for i in range(count):
        wb.create_sheet(f"Extra {i}")
    out = io.BytesIO()
    wb.save(out)
    return f"{len(wb.sheetnames)} sheets", out.getvalue()


def bombs(rows: int = 1_000_000) -> Iterator[tuple[str, bytes]]:
    yield many_rows_sheet(rows)
    yield many_rows_sheet(rows, dimension="A1:G40")
    yield wide_sheet()
    yield zip_bomb()
    yield many_sheets()
