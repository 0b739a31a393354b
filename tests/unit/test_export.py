"""Export is pure: a domain plan and statements in, a workbook in the template's layout out."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from domain.model import Action, Area, Plan
from domain.status import Status
from domain.when import When
from importer.export import layout_of, write_plan
from importer.followup import FollowUpEntry, compile_follow_up, imported_status
from importer.workbook import parse_workbook

LABELS = {"done": "Genomförd", "on_track": "Pågår enligt plan", "partial": "Delvis genomförd",
          "delayed": "Försenad", "not_started": "Ej påbörjad", "discontinued": "Avslutas",
          "none": "Ingen rapport"}


def _action(i: int, problem: str, title: str, goal: str = "Mål") -> Action:
    return Action(id=i, area_id=1, position=i, title=title, problem=problem, cause=f"Orsak {i}",
                  action_text=f"{title}. Mer text\u00a0här.", goal=goal, when=When("4 ggr/år"),
                  who_text="Kommunpolis")


def _plan() -> Plan:
    area = Area(id=1, position=1, name="Otrygga och brottsutsatta platser", actions=(
        _action(1, "Centrum", "Trygghetsvandring"), _action(2, "Centrum", "Platssamverkan"),
        _action(3, "Parken", "Belysning")))
    return Plan(id=1, year=2026, district="Kungsholmen", title="Åtgärdsplan 2026",
                areas=(area, Area(id=2, position=2, name="Systemhotade brottslighet")))


def test_compile_follow_up_attributes_each_party():
    at = datetime(2026, 5, 1, tzinfo=UTC)
    text = compile_follow_up([
        FollowUpEntry("Kommunpolis", Status.DONE, "Två vandringar.", "Tove Polis", at),
        FollowUpEntry("Trygghetssamordnare", Status.DELAYED, "", "", at),
    ], LABELS)
    assert text == ("Kommunpolis, Tove Polis (Genomförd): Två vandringar.\n\n"
                    "Trygghetssamordnare (Försenad)")
    assert compile_follow_up([], LABELS) == ""


def test_imported_text_is_written_back_unchanged():
    entry = FollowUpEntry("imported", Status.DONE, "SSP har genomförts enligt plan.",
                          "imported", None, "import")
    assert compile_follow_up([entry], LABELS) == "SSP har genomförts enligt plan."


def test_imported_status_reads_the_usual_phrases():
    assert imported_status("Har genomförts enligt plan.") is Status.DONE
    assert imported_status("PointSurvey har delvis genomförts.") is Status.PARTIAL
    assert imported_status("Nyhetsbrevet har ej genomförts under 2024.") is Status.NOT_STARTED


def test_export_layout_merges_problems_and_counts_statuses():
    plan = _plan()
    at = datetime(2026, 5, 1, tzinfo=UTC)
    data = write_plan(plan, {1: [FollowUpEntry("Kommunpolis", Status.DONE, "Klart.", "", at)]},
                      LABELS)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["1. Otrygga och brottsutsatta",
                             "2. Systemhotade brottslighet", "Sammanställning"]
    ws = wb.worksheets[0]
    assert ws["A1"].value == "Otrygga och brottsutsatta platser"
    assert [c.value for c in ws[1]][1:] == ["Orsak", "Åtgärd", "Operativa mål", "När", "Vem",
                                           "Uppföljning"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A2:A3"]
    assert ws["G2"].value == "Kommunpolis (Genomförd): Klart." and ws["G3"].value is None
    assert ws["G2"].alignment.wrap_text
    summary = wb["Sammanställning"]
    head = [c.value for c in summary[2]]
    row = dict(zip(head, [c.value for c in summary[3]], strict=True))
    assert (row["Antal problem"], row["Antal identifierade orsaker"], row["Antal åtgärder"]) == (
        3, 3, 3)
    assert row["Genomförd"] == 1 and row["Ingen rapport"] == 2


def test_export_parses_back_to_the_same_texts():
    plan = _plan()
    parsed = parse_workbook(write_plan(plan, {}, LABELS))
    assert parsed.warnings == () and parsed.year == 2026
    got = [(a.problem, a.cause, a.action_text, a.goal, a.when_text, a.who_text)
           for a in parsed.areas[0].actions]
    assert got == [(a.problem, a.cause, a.action_text, a.goal, a.when.text, a.who_text)
                   for a in plan.areas[0].actions]
    assert layout_of(plan) == "2025"
