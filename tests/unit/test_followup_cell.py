"""Följa's own Uppföljning cell read back, and the card's "Tidigare status" lines from it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from cards.followup import report_card
from domain.followup import ReportItem, Round, RoundState, StatusReport
from domain.followup_cell import CellEntry, split_cell, written_from
from domain.status import Status
from importer.followup import FollowUpEntry, compile_follow_up
from tests.schemas import assert_valid_card

LABELS = {"done": "Genomförd", "delayed": "Försenad", "on_track": "Pågår enligt plan"}
AT = datetime(2026, 5, 1, tzinfo=UTC)
ENTRIES = [FollowUpEntry("Kommunpolis", Status.DONE, "Två vandringar.", "Tove Polis", AT),
           FollowUpEntry("Socialtjänsten", Status.DELAYED, "Första stycket.\n\nAndra.", "", AT),
           FollowUpEntry("Trygghetssamordnare", Status.ON_TRACK, "", "", AT)]


def test_compiled_cell_splits_back_into_its_parties():
    cell = compile_follow_up(ENTRIES, LABELS)
    assert split_cell(cell) == (
        CellEntry("Kommunpolis, Tove Polis", "Genomförd", "Två vandringar."),
        CellEntry("Socialtjänsten", "Försenad", "Första stycket.\n\nAndra."),
        CellEntry("Trygghetssamordnare", "Pågår enligt plan", ""))
    assert written_from(cell, [e.text for e in ENTRIES])


def test_hand_written_and_edited_cells_are_not_ours():
    texts = [e.text for e in ENTRIES]
    assert split_cell("SSP har genomförts enligt plan (se bilaga).") == ()
    assert not written_from("Har genomförts: två gånger.", texts)
    cell = compile_follow_up(ENTRIES[:2], LABELS)
    assert not written_from(cell.replace("Två", "Tre"), texts)
    assert not written_from(cell + "\n\nStyrgruppen vill veta mer.", texts)
    assert not written_from(cell, texts[:1])  # more parties than statements


def test_the_year_end_closing_line_is_ours():
    cell = "Polisen (Genomförd): Två vandringar.\n\nTillfällen: 2 av 4 planerade"
    assert written_from(cell, ["Två vandringar."])
    assert written_from("Polisen (Genomförd)\n\nTillfällen: 2 av 4 planerade", [""])


def _item(previous: tuple[StatusReport, ...]) -> ReportItem:
    rnd = Round(id=1, plan_id=1, label="Helår", due_date=date(2026, 12, 1), area_ids=(),
                state=RoundState.OPEN, opened_at=AT, closed_at=None, opened_by="t",
                reminder_days_before=3)
    return ReportItem(round=rnd, action_id=1, area_name="Område", title="SSP", goal="",
                      when_text="", counts_occasions=False, owners=(), previous=previous,
                      mine=None)


def _imported(text: str) -> StatusReport:
    return StatusReport(id=1, round_id=None, action_id=1, person_id=None, role_id=None,
                        version=1, status=Status.ON_TRACK, done_text=text, occasions=None,
                        needs_support=False, support_text="", source="import", created_at=AT,
                        attributed_to="imported")


def _previous_text(card: dict) -> str:
    assert_valid_card(card)
    texts = [b.get("text", "") for b in card["body"]]
    return texts[texts.index("Tidigare status") + 1]


def test_card_shows_each_party_of_a_cell_folja_wrote():
    cell = compile_follow_up(ENTRIES, LABELS)
    shown = _previous_text(report_card(_item((_imported(cell),)), "sv"))
    assert shown.split("\n\n") == [
        "**Genomförd** – Kommunpolis, Tove Polis: Två vandringar.",
        "**Försenad** – Socialtjänsten: Första stycket. Andra.",
        "**Pågår enligt plan** – Trygghetssamordnare"]


def test_card_names_the_plan_for_a_hand_written_follow_up():
    shown = _previous_text(report_card(_item((_imported("SSP har genomförts."),)), "sv"))
    assert shown == "**Pågår enligt plan** – Uppföljning i planen: SSP har genomförts."
    assert "– :" not in shown
