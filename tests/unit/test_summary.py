"""The styrgrupp summary object (no rendering) and its card: schema, size, escaping."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import partial

from cards.summary import summary_card
from domain.plaintext import card_text, message_text, unescape
from domain.summary import (
    ActionInfo,
    OwnerRole,
    PersonInfo,
    ReportInfo,
    SummaryInput,
    build_summary,
)
from reports.summary import card_words, summary_markdown
from tests.schemas import assert_valid_card

INJECTIONS = ("<at>x</at>", "[x](http://evil.example)", "**", "<b>")
POLICE, SOCIAL = OwnerRole(1, "Kommunpolis", "polis", True), OwnerRole(2, "Fältassistenter",
                                                                        "socialtjanst")


def plan(n: int, title: str = "Åtgärd {i}") -> tuple[ActionInfo, ...]:
    return tuple(ActionInfo(i, 1 + i % 3, f"Område {i % 3}", i % 3, i, title.format(i=i),
                            (POLICE, SOCIAL), 4 if i % 5 == 0 else None) for i in range(1, n + 1))


PEOPLE = (PersonInfo(10, "Tove Polis", (1,)), PersonInfo(11, "Samir Trygg", (2,), reachable=False))


def data(actions, reports=(), previous=None) -> SummaryInput:
    return SummaryInput(1, "Kungsholmen 2025", 7, "Tertial 1", date(2025, 4, 30), actions,
                        tuple(reports), PEOPLE, previous or {})


def test_headline_counts_and_attention():
    actions = plan(4)
    reports = [ReportInfo(1, 1, 10, 1, "done"), ReportInfo(2, 1, 11, 2, "delayed"),
               ReportInfo(3, 2, 10, 1, "on_track", needs_support=True, support_text="Lokal"),
               ReportInfo(4, 3, 10, 1, "not_started")]
    s = build_summary(data(actions, reports))
    assert (s.total_actions, s.answered_actions) == (4, 3)
    # Samir (social) answered action 1 only; Tove (police) has not answered action 4.
    assert s.people_pending == 2 and (s.progress.people_answered, s.progress.people_total) == (0, 2)
    # One list of people, each once, with the actions still open for them.
    assert [(p.name, p.roles, p.open_actions, p.reachable) for p in s.pending] == [
        ("Samir Trygg", ("Fältassistenter",), 3, False), ("Tove Polis", ("Kommunpolis",), 1, True)]
    # Support first, then delayed (worst status of two parties wins), then not started.
    assert [(i.action_id, i.status, i.needs_support) for i in s.attention] == [
        (2, "on_track", True), (1, "delayed", False), (3, "not_started", False)]
    assert s.attention[0].support_texts == ("Lokal",)
    assert s.unreachable == ()  # Samir is marked in the list above, not listed again
    assert s.roles_without_person == ()
    area1 = next(a for a in s.areas if a.name == "Område 1")
    assert dict(area1.counts)["delayed"] == 1 and area1.total == 2


def test_changes_since_the_previous_snapshot():
    actions = plan(3)
    first = build_summary(data(actions, [ReportInfo(1, 1, 10, 1, "on_track")]))
    assert first.first and first.changes == ()
    later = build_summary(data(actions, [ReportInfo(5, 1, 10, 1, "delayed"),
                                         ReportInfo(6, 2, 10, 1, "done")], first.snapshot))
    assert not later.first
    assert [(c.action_id, c.kind, c.old, c.new) for c in later.changes] == [
        (1, "status", "on_track", "delayed"), (2, "answer", None, "done")]


def _texts(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if node.get("type") == "TextBlock" else []
        return found + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def test_card_for_300_actions_validates_and_fits():
    evil = "Åtgärd {i} " + " ".join(INJECTIONS) + " " + "lång text " * 30
    actions = plan(300, evil)
    reports = [ReportInfo(i, i, 10, 1, "delayed", needs_support=True,
                          support_text="<b>Hjälp</b> **nu** <at>x</at> " * 10)
               for i in range(1, 301)]
    s = build_summary(data(actions, reports))
    card = summary_card(s, card_words("sv"), partial(summary_markdown, s, "sv"))
    assert_valid_card(card)
    assert len(json.dumps(card, ensure_ascii=False).encode()) < 28 * 1024
    texts = _texts(card["body"])
    assert any(re.search(r"och \d+ till.*@Följa sammanfattning alla", t) for t in texts)
    assert card["fallbackText"].startswith("**Lägesbild för styrgruppen")


def test_injections_render_as_plain_text():
    for attack in INJECTIONS:
        for escape in (card_text, message_text):
            safe = escape(attack)
            assert unescape(safe) == attack  # the reader sees exactly what was written
            assert "<at>" not in safe and "<b>" not in safe and "](" not in safe
            assert not re.search(r"(?<!\\)\*\*", safe)
    actions = plan(2, "<at>x</at> [x](http://evil.example) ** <b>")
    s = build_summary(data(actions, [ReportInfo(1, 1, 10, 1, "delayed")]))
    card = summary_card(s, card_words("sv"), partial(summary_markdown, s, "sv"))
    assert_valid_card(card)
    blob = json.dumps(card, ensure_ascii=False)
    assert "<at>x</at>" not in blob and "](http" not in blob and "<b>" not in blob
    shown = [unescape(t) for t in _texts(card["body"])]
    assert any("<at>x</at> [x](http://evil.example) ** <b>" in t for t in shown)


def test_markdown_fallback_in_english():
    s = build_summary(data(plan(3)))
    md = summary_markdown(s, "en")
    assert "Actions: 0 of 3 answered · People: 0 of 2 have answered" in md
    assert "Not answered yet" in md


SCHOOL, LIBRARY = OwnerRole(3, "Skolan", "skola"), OwnerRole(4, "Biblioteket", "kultur")


def _blocks(node) -> list[dict]:
    if isinstance(node, dict):
        found = [node] if node.get("type") == "TextBlock" else []
        return found + [b for v in node.values() for b in _blocks(v)]
    if isinstance(node, list):
        return [b for v in node for b in _blocks(v)]
    return []


def test_each_person_once_roles_without_person_in_one_line_no_coloured_text():
    actions = tuple(ActionInfo(i, 1, "Område", 1, i, f"Åtgärd {i}",
                               (POLICE, SOCIAL, SCHOOL, LIBRARY)) for i in range(1, 6))
    people = (*PEOPLE, PersonInfo(12, "Olle Oläst", (1,), reachable=False),
              PersonInfo(13, "Nora Nåbar", (9,), reachable=False))  # owns nothing here
    s = build_summary(SummaryInput(1, "Kungsholmen 2025", 7, "T1", None, actions,
                                   (ReportInfo(1, 1, 10, 1, "done"),), people))
    card = summary_card(s, card_words("sv"), partial(summary_markdown, s, "sv"))
    assert_valid_card(card)
    texts = _texts(card["body"])
    for name in ("Tove Polis", "Samir Trygg", "Olle Oläst"):
        assert sum(name in t for t in texts) == 1, name
    assert not any("Nora" in t for t in texts)
    lines = [t for t in texts if "Roller utan person" in t]
    assert lines == ["Roller utan person: Biblioteket, Skolan"]
    assert not any(t.startswith(("Skolan", "Biblioteket")) for t in texts)
    samir = next(t for t in texts if "Samir Trygg" in t)
    assert samir.startswith("⚠️") and "5 åtgärder kvar" in samir and "går inte att nå" in samir
    assert next(t for t in texts if "Tove Polis" in t).startswith("•")
    assert [b for b in _blocks(card["body"]) if "color" in b] == []  # colour marks, not text
    md = card["fallbackText"]
    assert md.count("Samir Trygg") == 1 and md.count("Roller utan person") == 1


def test_a_person_has_answered_when_nothing_waits_for_them():
    actions = plan(2)
    reports = [ReportInfo(1, 1, 10, 1, "done"), ReportInfo(2, 2, 10, 1, "done"),
               ReportInfo(3, 1, None, 2, "on_track")]  # someone answered for the role
    s = build_summary(data(actions, reports))
    assert (s.progress.actions_answered, s.progress.actions_total) == (2, 2)
    assert (s.progress.people_answered, s.progress.people_total) == (1, 2)
    assert [(p.name, p.open_actions) for p in s.pending] == [("Samir Trygg", 1)]
    headline = str(card_words("sv").headline(s.progress, date(2025, 4, 30)))
    assert headline == ("Åtgärder: 2 av 2 besvarade · Personer: 1 av 2 har svarat · sista dag "
                        "onsdag 30 april")
