"""Writing one cell of any workbook Följa makes (shared by the plan sheets and Indikatorer)."""

from __future__ import annotations

import re

from openpyxl.cell.cell import Cell

# What XML 1.0 cannot hold: control characters but tab, newline and return (Word's vertical tab
# \x0b is the usual one), lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@")


def xml_text(text: str) -> str:
    """The text without the characters an xlsx cannot store (openpyxl refuses the whole file)."""
    return _NOT_XML.sub("", text)


def put(ws, row: int, column: int, value: object) -> Cell:
    """Write one cell of any workbook Följa makes: text that XML can hold, and stored as text.

    Plans and answers are typed by people (and pasted from Word): one vertical tab used to fail
    the whole year-end report, and "=HYPERLINK(…)" or "+46…" would open as a formula in Excel.
    """
    text = xml_text(value) if isinstance(value, str) else value
    cell = ws.cell(row=row, column=column, value=text)
    if isinstance(text, str) and text.startswith(_FORMULA_START):
        cell.data_type = "s"  # the text itself, never evaluated
    return cell
