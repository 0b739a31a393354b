"""The personnummer guard (issue 9): a corpus of valid and invalid numbers, and the importer's
warning per cell — on a real .xlsx built from the 2025 seed plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from domain.personal_data import contains_personal_number, find_personal_numbers
from i18n.imports import warning_message
from importer.workbook import parse_workbook
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025
from tests.pnr_corpus import E2E_FORMS, E2E_LOOKALIKES, in_text

# Valid: Skatteverket's published test numbers and others with a correct check digit and date.
VALID = [
    "19121212-1212", "121212-1212", "1212121212", "191212121212", "121212+1212",
    "811218-9876", "198112189876", "8112189876",
    "701063-2391",  # samordningsnummer: day 63 = 3 + 60
    "19701063-2391", "200002292381",  # 29 February 2000
    "Kontakta 811218-9876 om detta",  # inside text
    "Elev (20121212-1212) har flyttat",
]
# Invalid: wrong check digit, impossible dates, and numbers that only look alike.
INVALID = [
    "19121212-1213", "811218-9875", "19990230-1234", "991332-1234", "000000-0000",
    "070-123 45 67", "0701234567", "08-508 000 00", "+46701234567",
    "556677-8899",  # organisationsnummer: month 66
    "2026-11-26", "2026-11-26 10:00", "1 000 000 kr", "12345678901234567890",
    "DNR 2025-1234-5678", "Ärende 811218", "21121212-1212",  # century 21
    "Rum 1212 och 1212", "",
]


@pytest.mark.parametrize("text", VALID)
def test_valid_personal_numbers_are_found(text: str):
    assert contains_personal_number(text), text
    assert len(find_personal_numbers(text)) == 1


@pytest.mark.parametrize("text", INVALID)
def test_lookalikes_are_not_personal_numbers(text: str):
    assert not contains_personal_number(text), find_personal_numbers(text)


def test_import_warns_per_cell_without_repeating_the_number(tmp_path: Path):
    path = build_workbook(PLAN_2025, tmp_path / "plan.xlsx")
    wb = load_workbook(path)
    sheet = next(ws for ws in wb.worksheets if ws.sheet_state == "visible"
                 and ws.max_row > 3 and ws["B1"].value == "Orsak")
    sheet["B3"] = f"{sheet['B3'].value} Kontaktperson 811218-9876"
    sheet["C4"] = f"{sheet['C4'].value} (19121212-1212)"
    sheet["D4"] = f"{sheet['D4'].value} ring 070-123 45 67"  # a phone number: no warning
    wb.save(path)
    parsed = parse_workbook(path)
    found = [(w.sheet, w.row, w.values["column"]) for w in parsed.warnings
             if w.code == "personal_number"]
    assert found == [(sheet.title, 3, "Orsak"), (sheet.title, 4, "Åtgärd")]
    texts = [warning_message(w.code, w.values) for w in parsed.warnings if w.code == "personal_number"]
    assert "personnummer" in texts[0] and "811218" not in " ".join(texts)
    clean = parse_workbook(build_workbook(PLAN_2025, tmp_path / "clean.xlsx"))
    assert not [w for w in clean.warnings if w.code == "personal_number"]


def test_import_warns_for_every_form_of_the_corpus(tmp_path: Path):
    path = build_workbook(PLAN_2025, tmp_path / "plan.xlsx")
    wb = load_workbook(path)
    sheet = next(ws for ws in wb.worksheets if ws.sheet_state == "visible"
                 and ws.max_row > 3 and ws["B1"].value == "Orsak")
    rows = range(3, 3 + len(E2E_FORMS))
    for row, number in zip(rows, E2E_FORMS, strict=True):
        sheet[f"B{row}"] = f"{sheet[f'B{row}'].value} {in_text(number)}"
    sheet["C3"] = f"{sheet['C3'].value} {' '.join(in_text(t) for t in E2E_LOOKALIKES)}"
    wb.save(path)
    found = [(w.row, w.values["column"]) for w in parse_workbook(path).warnings
             if w.code == "personal_number" and w.sheet == sheet.title]
    assert found == [(row, "Orsak") for row in rows]
