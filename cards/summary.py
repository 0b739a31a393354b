"""The styrgrupp card (Adaptive Card 1.5) from one `Summary`; wording from the card template.

`words` is the template module of reports/templates/summary_card.LANG.j2 (its macros), handed in
by the edge so this module stays pure. Every user-written text goes through `card_text`. Lists
are cut until the card (with its Markdown fallback) fits under the Teams size limit, ending with
"… och N till" and the command that shows the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from domain.lights import emoji
from domain.plaintext import card_text
from domain.summary import UNANSWERED, AttentionItem, Summary

ADAPTIVE = "application/vnd.microsoft.card.adaptive"
BUDGET_BYTES = 26 * 1024
LIMITS = (40, 25, 15, 10, 6, 3, 1)
TITLE_CHARS, TEXT_CHARS = 90, 160
INDICATOR_NAMES = 4  # effect indicators named per area and kind; the rest counted
SQUARES = {"delayed": "🟥", "not_started": "🟧", "partial": "🟨", "on_track": "🟩",
           "done": "🟩", "discontinued": "⬛", UNANSWERED: "⬜"}


def _text(text: str, **extra: Any) -> dict:
    return {"type": "TextBlock", "text": str(text).strip(), "wrap": True, **extra}


def _heading(text: str) -> dict:
    return _text(text, weight="Bolder", size="Medium", spacing="Large", separator=True)


def bar(counts: tuple[tuple[str, int], ...], width: int = 10) -> str:
    """Ten squares split by status (largest remainder), worst first: the eye sees it at once."""
    total = sum(n for _s, n in counts)
    if not total:
        return ""
    exact = [(s, n * width / total) for s, n in counts]
    cells = {s: int(x) for s, x in exact}
    rest = width - sum(cells.values())
    for s, _x in sorted(exact, key=lambda e: e[1] - int(e[1]), reverse=True)[:rest]:
        cells[s] += 1
    return "".join(SQUARES[s] * cells[s] for s, _n in counts)


def _indicator_line(summary: Summary, area: str, words) -> list[dict]:
    """The area's effect indicators that moved the wrong way or have no data (names escaped,
    at most a few of each: the card keeps its budget)."""
    found = next((i for i in summary.indicators if i.area == area), None)
    if found is None:
        return []

    def names(values: tuple[str, ...]) -> str:
        shown = ", ".join(card_text(v, 60) for v in values[:INDICATOR_NAMES])
        return shown + (f" +{len(values) - INDICATOR_NAMES}" if len(values) > INDICATOR_NAMES else "")

    line = words.indicator_line(names(found.worse), names(found.no_data))
    return [_text(line, size="Small", spacing="None")]


def _area_rows(summary: Summary, words) -> list[dict]:
    rows = []
    for area in summary.areas:
        # The light as an emoji (domain/lights.py): its colour is its own, readable on light
        # and dark themes (Adaptive Card colours on text, "Warning" yellow above all, are not).
        parts = " · ".join(f"{words.status(s)} {n}" for s, n in area.counts if n)
        rows.append({"type": "ColumnSet", "spacing": "Small", "columns": [
            {"type": "Column", "width": "auto", "verticalContentAlignment": "Center",
             "items": [_text(emoji(area.light))]},
            {"type": "Column", "width": "stretch", "items": [
                _text(card_text(area.name, TITLE_CHARS), weight="Bolder"),
                _text(parts, isSubtle=True, size="Small", spacing="None"),
                *_indicator_line(summary, area.name, words)]},
            {"type": "Column", "width": "auto", "verticalContentAlignment": "Center",
             "items": [_text(bar(area.counts))]},
        ]})
    return rows


def _attention_item(item: AttentionItem, words) -> list[dict]:
    line = words.attention_line(card_text(item.title, TITLE_CHARS), card_text(item.area, 40),
                                words.status(item.status),
                                card_text(", ".join(item.roles), TEXT_CHARS))
    blocks = [_text(line, spacing="Small")]
    if item.needs_support:
        texts = " / ".join(item.support_texts)
        blocks.append(_text(words.support(card_text(texts, TEXT_CHARS)), size="Small",
                            spacing="None"))
    return blocks


def _cut(items: list, limit: int, words) -> tuple[list, list[dict]]:
    if len(items) <= limit:
        return items, []
    return items[:limit], [_text(words.more(len(items) - limit), isSubtle=True, size="Small")]


def _body(summary: Summary, words, limit: int) -> list[dict]:
    body = [
        _text(words.title(card_text(summary.plan_name, 80), card_text(summary.round_label, 80)),
              weight="Bolder", size="Large"),
        _text(_headline(summary, words), spacing="Small"),
        _text(words.overall(emoji(summary.light), words.light(summary.light)), spacing="Small",
              weight="Bolder"),  # the emoji carries the colour: no coloured text (see _area_rows)
        _heading(words.areas_heading()),
        _text(words.legend(), isSubtle=True, size="Small", spacing="None"),
        *_area_rows(summary, words),
        _heading(words.attention_heading()),
    ]
    shown, more = _cut(list(summary.attention), limit, words)
    body += [b for item in shown for b in _attention_item(item, words)] or [
        _text(words.nothing_needed())]
    body += more + [_heading(words.changes_heading())] + _changes(summary, words, limit)
    return body + _standins(summary, words, limit) + _people(summary, words, limit)


def _headline(summary: Summary, words) -> str:
    """Answered actions and people, the due date, and the round's response rate."""
    line = str(words.headline(summary.progress, summary.due_date))
    return f"{line} · {words.response(summary.response.overall)}" if summary.response else line


def _standins(summary: Summary, words, limit: int) -> list[dict]:
    """Answers a stand-in gave: "Åtgärd: Anna Andersson för Kim Kommunpolis"."""
    if not summary.standin_answers:
        return []
    shown, more = _cut(list(summary.standin_answers), limit, words)
    return [_heading(words.standins_heading()), *[
        _text(words.standin_line(card_text(a.title, TITLE_CHARS), card_text(a.standin, 60),
                                 card_text(a.owner, 60)), spacing="Small") for a in shown], *more]


def _people(summary: Summary, words, limit: int) -> list[dict]:
    """Everyone not yet answered in ONE list (out of reach marked ⚠️ there), the roles nobody
    holds in one line, and only then anyone else out of reach: nobody is listed twice."""
    body = [_heading(words.pending_heading())]
    shown, more = _cut(list(summary.pending), limit, words)
    body += [_text(words.pending_person(card_text(p.name, 60),
                                        card_text(", ".join(p.roles), TEXT_CHARS),
                                        p.open_actions, p.reachable), spacing="Small")
             for p in shown] or [_text(words.all_answered())]
    body += more
    if summary.roles_without_person:
        names = card_text(", ".join(summary.roles_without_person), 40 * limit)
        body.append(_text(words.roles_without_person(names), isSubtle=True, size="Small"))
    if summary.unreachable:
        shown, more = _cut(list(summary.unreachable), limit, words)
        body += [_heading(words.unreachable_heading()),
                 _text(words.unreachable_line(card_text(", ".join(shown), 40 * limit))), *more]
    return body


def _changes(summary: Summary, words, limit: int) -> list[dict]:
    if summary.first:
        return [_text(words.first_summary())]
    shown, more = _cut(list(summary.changes), limit, words)
    lines = [
        _text(words.change_status(card_text(c.title, TITLE_CHARS), words.status(c.old),
                                  words.status(c.new)) if c.kind == "status"
              else words.change_answer(card_text(c.title, TITLE_CHARS), words.status(c.new)),
              spacing="Small")
        for c in shown
    ]
    return lines + more if lines else [_text(words.no_changes())]


def summary_card(summary: Summary, words, fallback: Callable[[int], str] | None = None) -> dict:
    """The card, its lists cut until the whole card is under `BUDGET_BYTES`.

    `fallback(limit)` renders the Markdown fallback with the same list limit (card.fallbackText).
    """
    card: dict = {}
    for limit in LIMITS:
        card = {
            "type": "AdaptiveCard", "version": "1.5",
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "msteams": {"width": "Full"},
            "body": _body(summary, words, limit),
        }
        if fallback is not None:
            card["fallbackText"] = fallback(limit)
        if len(json.dumps(card, ensure_ascii=False).encode()) < BUDGET_BYTES:
            return card
    return card


def summary_activity(card: dict, headline: str) -> dict:
    """The Activity JSON the outbox sends (and updates in place)."""
    return {"type": "message", "summary": headline,
            "attachments": [{"contentType": ADAPTIVE, "content": card}]}

