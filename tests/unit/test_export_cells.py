"""Every xlsx Följa writes holds only what XML can store, and no text of a person's becomes a
formula: checked by reading the files back."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from domain.model import Action, Area, Plan
from domain.status import Status
from domain.when import When
from importer.export import put, write_plan
from importer.followup import FollowUpEntry

LABELS = {"done": "Genomförd", "none": "Ingen rapport"}
HOSTILE = ['=HYPERLINK("http://evil.example","klicka")', "+46 70 123 45 67", "-1+2",
           "@SUM(A1:A2)", '=cmd|" /C calc"!A0']


def _plan(text: str) -> Plan:
    action = Action(id=1, area_id=1, position=1, title=text, problem=text, cause=text,
                    action_text=text, goal=text, when=When(text), who_text=text)
    area = Area(id=1, position=1, name=f"Område\x0b{text}", actions=(action,))
    return Plan(id=1, year=2026, district="Kungsholmen", title=f"Plan\x0b{text}", areas=(area,))


def _cells(data: bytes) -> list:
    wb = load_workbook(io.BytesIO(data))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.mark.parametrize("text", [*HOSTILE, "Rad ett\x0bRad två\x0c\x01"])
def test_export_keeps_every_text_as_text_without_xml_illegal_characters(text):
    answer = FollowUpEntry("Kommunpolis", Status.DONE, f"{text}\x0bmer", "Tove", None)
    data = write_plan(_plan(text), {1: [answer]}, LABELS)  # raised IllegalCharacterError before
    cells = _cells(data)
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    texts = " ".join(str(c.value) for c in cells)
    assert "\x0b" not in texts and "\x0c" not in texts and "\x01" not in texts
    clean = text.replace("\x0b", "").replace("\x0c", "").replace("\x01", "")
    assert any(c.value == clean for c in cells), clean  # the text itself, verbatim


def test_put_is_the_one_way_in():
    ws = Workbook().active
    assert put(ws, 1, 1, "=1+1").data_type == "s"
    assert put(ws, 1, 2, "a\x0bb").value == "ab"
    assert put(ws, 1, 3, 42).value == 42 and put(ws, 1, 3, 42).data_type == "n"


def test_a_formula_typed_by_a_person_is_written_as_text():
    answer = FollowUpEntry("Kommunpolis", Status.DONE, HOSTILE[0], "Tove", None)
    plan = Plan(id=1, year=2026, district="K", title="Plan", areas=(Area(
        id=1, position=1, name="Område", actions=(Action(
            id=1, area_id=1, position=1, title=HOSTILE[0], problem=HOSTILE[1], cause=HOSTILE[2],
            action_text=HOSTILE[3], goal=HOSTILE[4], when=When("varje vecka"),
            who_text=HOSTILE[0]),)),))
    cells = _cells(write_plan(plan, {1: [answer]}, LABELS))
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert set(HOSTILE) <= {c.value for c in cells}
