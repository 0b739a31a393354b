"""Counts read naturally: "1 person", "2 personer", "1 åtgärd", "2 åtgärder", in every message
and template that has a count; and the coordinator is called koordinator everywhere."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.handlers import help_lines
from bot.routes import COMMANDS
from domain.progress import Progress
from i18n import MESSAGES, plural, t
from i18n.imports import warning_message
from reports import render
from reports.summary import card_words

TEMPLATES = Path(__file__).resolve().parents[2] / "reports" / "templates"
ACTION = ("åtgärd", "åtgärder")

# key → (the counted values besides the count, {count name: (singular, plural) in Swedish})
COUNTED = {
    "fu_intro": ({"day": "fredag", "label": "V48"}, {"n": ACTION}),
    "fu_intro_nodue": ({"label": "V48"}, {"n": ACTION}),
    "fu_reminder": ({"day": "fredag", "label": "V48"}, {"n": ACTION}),
    "fu_reminder_today": ({"label": "V48"}, {"n": ACTION}),
    "fu_err_too_long": ({"max": 4000}, {"n": ("tecken", "tecken")}),
    "fu_round_opened": ({"label": "V48", "plan": "P"},
                        {"n": ("person", "personer"), "actions": ACTION}),
    "export.done": ({"plan": "P", "file": "f.xlsx"}, {"actions": ACTION}),
    "lookup_role_title": ({"name": "Kommunpolis"}, {"count": ACTION}),
    "lookup_area_title": ({"name": "Område"}, {"count": ACTION}),
    "outbox_dead_letters": ({"round": "V48"}, {"count": ("meddelande", "meddelanden")}),
}


def _says(text: str, count: int, noun: str) -> bool:
    return re.search(rf"(?<!\d){count} {noun}(?!\w)", text) is not None


@pytest.mark.parametrize("key", sorted(COUNTED))
def test_counted_message_takes_singular_and_plural(key):
    others, counts = COUNTED[key]
    for count in (1, 2):
        text = t(key, "sv", **others, **dict.fromkeys(counts, count))
        for one, many in counts.values():
            assert _says(text, count, one if count == 1 else many), (key, text)
        if count == 1:
            assert not [m for _o, m in counts.values() if m != _o and _says(text, 1, m)], text
        english = t(key, "en", **others, **dict.fromkeys(counts, count))
        assert "{" not in english and "|" not in english and "#" not in english


def test_no_message_puts_a_bare_count_before_a_noun():
    """A new message with "{n} åtgärder" would say "1 åtgärder": use "{n:# åtgärd|# åtgärder}"."""
    bare = re.compile(r"\{\w+\} (åtgärd|person|meddelande|orsak|tecken|action|people|message)")
    assert not [k for k, e in MESSAGES.items() for text in e.values() if bare.search(text)]
    for path in TEMPLATES.glob("*.j2"):
        found = re.findall(r"\{\{[^}]*\}\} (?:åtgärd|person|action|people)", path.read_text())
        assert not found, (path.name, found)


def test_plural_rule_is_babels():
    assert [plural(n, "# person|# personer") for n in (0, 1, 2, 21)] == [
        "0 personer", "1 person", "2 personer", "21 personer"]
    assert plural(1, "# person|# people", "en") == "1 person"


def test_summary_mismatch_noun_follows_the_count():
    values = {"area": "Unga", "what": "causes", "ours": 2}
    assert "anger 1 orsak för" in warning_message("summary_mismatch", {**values, "theirs": 1})
    assert "anger 3 orsaker för" in warning_message("summary_mismatch", {**values, "theirs": 3})


def _import_report(n: int):
    changes = SimpleNamespace(added=[("A", "x")] * n, changed=[("A", "x", ())] * n,
                              archived=[("A", "x")] * n, restored=[("A", "x")] * n, unchanged=n)
    return SimpleNamespace(created=False, district="K", year=2025, plan_id=1,
                           shown_areas=(("Unga", n),), changes=changes, owned=n - 1 if n > 1
                           else 0, unowned=[SimpleNamespace(sheet="s", row=1, title="t")],
                           links=())


def test_import_summary_counts():
    one = render("import_summary", "sv", report=_import_report(1), warnings=[])
    assert "Unga: 1 åtgärd\n" in one
    assert "Ändringar: 1 ny, 1 ändrad, 1 arkiverad, 1 återställd, 1 oförändrad." in one
    assert "0 av 1 åtgärd har" in one
    two = render("import_summary", "sv", report=_import_report(2), warnings=[])
    assert "Unga: 2 åtgärder\n" in two
    assert "Ändringar: 2 nya, 2 ändrade, 2 arkiverade, 2 återställda, 2 oförändrade." in two
    assert "1 av 2 åtgärder har" in two
    assert "Unga: 1 action\n" in render("import_summary", "en", report=_import_report(1),
                                         warnings=[])


def test_summary_headline_counts():
    w = card_words("sv")
    assert str(w.headline(Progress(1, 1, 0, 1), None)) == (
        "Åtgärder: 1 av 1 besvarad · Personer: 0 av 1 har svarat")
    assert str(w.headline(Progress(1, 2, 1, 2), date(2025, 4, 30))).startswith(
        "Åtgärder: 1 av 2 besvarade · Personer: 1 av 2 har svarat")
    assert str(card_words("en").headline(Progress(1, 1, 1, 1), None)) == (
        "Actions: 1 of 1 answered · People: 1 of 1 has answered")
    assert str(card_words("en").headline(Progress(0, 3, 0, 2), None)) == (
        "Actions: 0 of 3 answered · People: 0 of 2 have answered")


def test_help_and_messages_say_koordinator():
    help_text = render("help", "sv", commands=help_lines(COMMANDS, "sv"), channel=True)
    assert "koordinator" in help_text
    standalone = re.compile(r"(?<![\w-])samordnar", re.IGNORECASE)  # not Trygghetssamordnare
    assert not standalone.search(help_text)
    assert not [k for k, e in MESSAGES.items() if standalone.search(e["sv"])]
    assert not [p.name for p in TEMPLATES.glob("*.sv.j2") if standalone.search(p.read_text())]
