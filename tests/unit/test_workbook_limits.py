"""Workbook bombs are refused before or while parsing, with a Swedish message naming the limit;
and openpyxl parses with defusedxml. (How fast and how little memory: bench/fuzz_importer.py.)"""

from __future__ import annotations

import pytest

from i18n import t
from importer import limits
from importer.model import WorkbookError
from importer.workbook import parse_workbook
from tests.damaged_workbooks import (
    _replace_member,
    clean_bytes,
    many_rows_sheet,
    many_sheets,
    wide_sheet,
    zip_bomb,
)

BOMBS = [
    (lambda: many_rows_sheet(20_000), "too_many_rows", "5000 rader"),
    (lambda: many_rows_sheet(dimension="A1:G40"), "too_many_rows", "5000 rader"),  # a million
    (lambda: many_rows_sheet(limits.MAX_ROWS + 600, dimension="A1:G40"), "too_many_rows",
     "5000 rader"),
    (wide_sheet, "too_many_columns", "200 kolumner"),
    (zip_bomb, "too_big_unpacked", "högst 50 MB"),
    (many_sheets, "too_many_sheets", "högst 30 blad"),
]


@pytest.mark.parametrize(("make", "code", "named"), BOMBS, ids=[b[1] + str(i) for i, b in
                                                                   enumerate(BOMBS)])
def test_a_workbook_beyond_any_plan_is_refused(make, code, named):
    _name, data = make()
    with pytest.raises(WorkbookError) as refused:
        parse_workbook(data)
    assert refused.value.code == code
    message = t(f"import.error.{code}", "sv", **refused.value.values)
    assert named in message and "Inget har sparats" in message


def test_a_plan_at_the_row_limit_is_read():
    _name, data = many_rows_sheet(limits.MAX_ROWS - 600)
    assert parse_workbook(data).areas  # the sheet of ones is no area, the others are read


def test_openpyxl_parses_with_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_an_entity_bomb_is_refused_unexpanded():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                         for i in range(1, 10))
              + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
              b"</sheetData></worksheet>")
    data = _replace_member(clean_bytes(), "xl/worksheets/sheet2.xml",
                           lambda part: part.write(laughs))
    with pytest.raises(WorkbookError) as refused:
        parse_workbook(data)
    assert refused.value.code == "not_workbook"
