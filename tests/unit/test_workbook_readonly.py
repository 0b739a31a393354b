"""The parser reads workbooks in openpyxl's read-only mode: what that mode could get wrong.

openpyxl writes every string inline and a correct <dimension>; Excel writes a shared-strings
table, and other tools often a wrong <dimension> ("A1"). Merged ranges are not exposed in
read-only mode, so the parser reads them from the sheet XML itself, a chunk at a time.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

import importer.workbook as workbook
from importer.model import WorkbookError
from importer.workbook import parse_workbook
from tests.fixtures import more_variants
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2024, PLAN_2025

_INLINE = re.compile(r'<c([^>]*)t="inlineStr"([^>]*)><is>(.*?)</is></c>', re.S)
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def excel_style(src: Path, dst: Path, dimension: str = "A1") -> Path:
    """`src` rewritten as Excel stores it: strings in xl/sharedStrings.xml; and a wrong
    <dimension>."""
    strings: dict[str, int] = {}

    def shared(m: re.Match) -> str:
        index = strings.setdefault(m.group(3), len(strings))
        return f'<c{m.group(1)}t="s"{m.group(2)}><v>{index}</v></c>'

    parts = {}
    with zipfile.ZipFile(src) as z:
        for name in z.namelist():
            data = z.read(name).decode()
            if name.startswith("xl/worksheets/sheet"):
                data = _INLINE.sub(shared, data)
                data = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>',
                              data)
            parts[name] = data
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si>{s}</si>" for s in strings) + "</sst>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}"/>'
                    "</Types>")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>", f'<Relationship Id="rIdSst" Type="{_SST_REL}" '
                            'Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return dst


@pytest.mark.parametrize("make", [
    lambda p: build_workbook(PLAN_2025, p, variant="clean"),
    lambda p: build_workbook(PLAN_2024, p, variant="clean"),
    lambda p: build_workbook(PLAN_2025, p, variant="hidden_sheet"),
    lambda p: build_workbook(PLAN_2025, p, variant="line_breaks_nbsp"),
    more_variants.merged_who_and_long_merge,
])
def test_shared_strings_and_a_wrong_dimension_read_the_same(make, tmp_path):
    plain = make(tmp_path / "plain.xlsx")
    excel = excel_style(plain, tmp_path / "excel.xlsx")
    assert b"sharedStrings" in excel.read_bytes()
    expected, got = parse_workbook(plain), parse_workbook(excel)
    assert got == expected
    assert len(got.actions) > 0


def test_merged_ranges_cut_at_any_chunk_boundary_are_still_found(tmp_path, monkeypatch):
    path = more_variants.merged_who_and_long_merge(tmp_path / "m.xlsx")
    expected = parse_workbook(path)
    first = expected.areas[0].actions
    assert first[0].who_text == first[1].who_text != ""
    for chunk in (7, 64, 333):
        monkeypatch.setattr(workbook, "_CHUNK", chunk)
        monkeypatch.setattr(workbook, "_OVERLAP", 128)
        assert parse_workbook(path) == expected


def test_a_broken_sheet_inside_a_good_zip_is_not_a_workbook(tmp_path):
    good = build_workbook(PLAN_2025, tmp_path / "good.xlsx", variant="clean")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]  # cut mid-sheet: the XML never closes
            dst.writestr(name, data)
    with pytest.raises(WorkbookError) as info:
        parse_workbook(bad)
    assert info.value.code == "not_workbook"
