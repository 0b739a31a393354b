"""The follow-up cards on their own: the list fits one Teams message with the real 2025 plan's
longest texts, the Ändra form shows what is saved, titles are never cut, refresh names owners."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from cards.followup import MAX_REFRESH_USERS, report_card
from cards.followup_list import LIST_BUDGET, Row, list_card, list_size
from cards.followup_messages import prompt_activity, typed_values
from domain.followup import FieldError, ReportItem, Round, RoundState, StatusReport
from domain.model import full_title
from domain.plaintext import unescape
from domain.status import Status
from importer.text import short_title
from tests.fixtures.seed_plans import PLAN_2025
from tests.schemas import MAX_CARD_BYTES, assert_valid_card

AT = datetime(2026, 12, 4, 9, 12, tzinfo=UTC)
RND = Round(id=7, plan_id=1, label="Vecka 49", due_date=None, area_ids=(), state=RoundState.OPEN,
            opened_at=AT)


def report(n: int, person: str, text: str, *, action_id: int, person_id: int) -> StatusReport:
    return StatusReport(id=n, round_id=RND.id, action_id=action_id, person_id=person_id,
                        role_id=None, version=n, status=Status.DELAYED, done_text=text,
                        occasions=3, needs_support=True, support_text="Lokal behövs.",
                        source="teams", created_at=AT, person_name=person, role_name="")


def longest_items(n: int = 15, *, mine: bool = True) -> list[ReportItem]:
    """The plan's n actions with the longest texts, each with a saved version of mine and two
    co-owners' long statuses."""
    rows = sorted(((sheet.area_name, row) for sheet in PLAN_2025.sheets for row in sheet.rows),
                  key=lambda p: -len(p[1].action + p[1].goal + p[1].problem))[:n]
    items = []
    for i, (area, row) in enumerate(rows, start=1):
        others = tuple(report(100 + i * 10 + k, f"Part {k}", row.cause * 3, action_id=i,
                              person_id=50 + k) for k in range(2))
        title = full_title(short_title(row.action) or short_title(row.problem), row.action,
                           row.problem, row.cause)  # as the importer and the cards make it
        items.append(ReportItem(
            round=RND, action_id=i, area_name=area, title=title,
            goal=row.goal, when_text=row.when, counts_occasions=True,
            owners=(f"Kommunpolis ({row.who})", "Socialtjänsten (Samir Trygg)"),
            previous=others, mine=report(i, "Tove Polis", row.follow_up or row.action,
                                         action_id=i, person_id=1) if mine else None,
            owner_ids=("29:tove", "29:samir"), viewer_id="29:tove"))
    return items


def size(value: object) -> int:
    return len(json.dumps(value, ensure_ascii=False).encode())


def buttons_of(content: dict) -> list[dict]:
    return [c["items"][-1]["actions"][0] for c in content["body"] if c["type"] == "Container"]


def test_fifteen_real_actions_fit_one_message_with_their_forms():
    """The prompt: nothing saved yet, so every row carries its (empty) form."""
    activity = prompt_activity("Hej! Du har 15 åtgärder att följa upp.",
                               longest_items(mine=False), "sv")
    [attachment] = activity["attachments"]
    content = attachment["content"]
    assert_valid_card(content)
    assert size(content) <= LIST_BUDGET and size(activity) < MAX_CARD_BYTES
    shows = buttons_of(content)
    assert len(shows) == 15 and all(a["type"] == "Action.ShowCard" for a in shows)


def test_a_list_with_long_saved_texts_still_fits():
    """Saved texts ride in the forms: the largest forms become a button opening the single
    card (whose save returns to the list), so the card still fits."""
    content = list_card(longest_items(mine=True), "sv")
    assert_valid_card(content)
    assert size(content) <= LIST_BUDGET
    kinds = [a["type"] for a in buttons_of(content)]
    assert len(kinds) == 15 and "Action.ShowCard" in kinds and "Action.Execute" in kinds
    opens = [a for a in buttons_of(content) if a["type"] == "Action.Execute"]
    assert all(a["verb"] == "status.open" and a["data"]["view"] == "list" for a in opens)


def test_a_list_measured_from_its_rows_is_its_json_size():
    """The budget adds up each row's size once, so that sum must be what the list weighs."""
    rows = list_card(longest_items(mine=True), "sv")["body"]
    for some in ([], rows[:1], rows):
        assert list_size([size(r) for r in some]) == size(some)


def test_titles_wrap_whole_in_the_list_and_on_the_card():
    items = sorted(longest_items(), key=lambda i: -len(i.title))[:3]
    long_title = items[0].title
    assert len(long_title) > 160  # the list cut at 160, the importer at 90
    listed = list_card(items, "sv")
    assert_valid_card(listed)
    first = listed["body"][1]["items"][0]
    assert first["text"] == long_title and first["wrap"] is True
    single = report_card(items[0], "sv")
    assert any(b.get("text") == long_title and b.get("wrap") for b in single["body"])


def test_the_edit_form_shows_the_saved_version_not_none():
    [item] = longest_items(1)
    item = ReportItem(**{**item.__dict__, "previous": ()})  # only my version is saved
    content = report_card(item, "sv")
    assert_valid_card(content)
    text = json.dumps(content, ensure_ascii=False)
    assert "Ingen status rapporterad ännu" not in text
    # As Teams shows the TextBlocks: the name and its parentheses reach them escaped.
    shown = [unescape(b["text"]) for b in content["body"] if b.get("type") == "TextBlock"]
    heading = shown.index("Tidigare status")
    assert shown[heading + 1].startswith("**Försenad** – Tove Polis (du, version 1): ")
    nobody = ReportItem(**{**item.__dict__, "mine": None})
    assert "Ingen status rapporterad ännu" in json.dumps(report_card(nobody, "sv"),
                                                         ensure_ascii=False)


def test_a_rows_errors_and_typed_values_come_back_in_its_form():
    items = longest_items(3, mine=False)
    typed = {"status": "done", "done_text": "Skrivet men inte sparat", "occasions": "x",
             "needs_support": "true", "support_text": ""}
    row = Row(RND.id, 2, values=typed, errors=(FieldError("occasions", "fu_err_occasions"),))
    content = list_card(items, "sv", row=row)
    assert_valid_card(content)
    target = content["body"][2]
    assert "Inget sparades" in json.dumps(target["items"][:3], ensure_ascii=False)
    form = target["items"][-1]["actions"][0]["card"]
    inputs = {i["id"]: i.get("value") for i in form["body"] if "id" in i}
    assert inputs["done_text.7.2"] == "Skrivet men inte sparat" and inputs["occasions.7.2"] == "x"
    assert "tillfällen" in json.dumps(form, ensure_ascii=False).lower()
    others = json.dumps(content["body"][1], ensure_ascii=False)
    assert "Skrivet men inte sparat" not in others and "Inget sparades" not in others


def test_a_rows_inputs_are_read_back_by_their_row():
    data = {"round_id": 7, "action_id": 2, "status.7.2": "done", "done_text.7.2": "Rad två",
            "status.7.3": "delayed", "done_text.7.3": "Rad tre", "needs_support.7.2": "false"}
    values = typed_values(data)
    assert values["status"] == "done" and values["done_text"] == "Rad två"


def test_refresh_lists_at_most_sixty_owners():
    [item] = longest_items(1)
    many = tuple(f"29:user{i}" for i in range(75))
    content = report_card(ReportItem(**{**item.__dict__, "owner_ids": many}), "sv")
    assert_valid_card(content)
    assert content["refresh"]["userIds"] == list(many[:MAX_REFRESH_USERS])
    assert content["refresh"]["action"] == {
        "type": "Action.Execute", "verb": "status.refresh",
        "data": {"round_id": 7, "action_id": 1, "view": "item", "verb": "status.refresh"}}


def test_a_shortened_title_comes_back_whole_from_its_source():
    source = ("Strategisk BOB (Barn och unga i organiserad brottslighet) vilket är ett "
              "regeringsuppdrag för hela staden och dess förvaltningar. Andra meningen.")
    shortened = source[:80].rsplit(" ", 1)[0] + "…"
    assert full_title(shortened, source) == source.split(". ")[0]
    assert full_title("Kort titel", source) == "Kort titel"
    assert full_title("", source) == source


def test_lookup_suggestions_are_rows_that_wrap_not_a_button_row():
    from cards.lookups import note_card
    from domain.lookup import Hit, Kind

    long = "Trygghetsvandring i Kungsholmens parker med polis, skola och fastighetsägare"
    hits = [Hit(Kind.ACTION, n, f"{long} {n}", 0.8) for n in range(1, 6)]
    content = note_card("Jag hittade inget som heter så. Menade du:", hits)
    assert_valid_card(content)
    assert "actions" not in content  # a row of five buttons ran off the card's right edge
    rows = [c for c in content["body"] if "selectAction" in c]
    assert len(rows) == 5
    assert all(r["items"][0]["wrap"] and long in r["items"][0]["text"] for r in rows)
    assert [r["selectAction"]["data"]["id"] for r in rows] == [1, 2, 3, 4, 5]
