"""Card payloads in and messages out: parse a save into a StatusInput, build prompt activities.

Parsing never trusts the card for who is acting (there is no person in the data); it only turns
strings into typed values, or into field errors shown on the same card with the input kept.
"""

from __future__ import annotations

import json
from datetime import date

from cards.followup_list import LIST_BUDGET, list_card, size, suffix
from cards.indicators import indicators_card
from domain.followup import MAX_OCCASIONS, FieldError, ReportItem, StatusInput
from domain.indicators import Owed
from domain.personal_data import contains_personal_number
from domain.plaintext import message_text
from domain.status import Status
from i18n import format_day, t

ADAPTIVE = "application/vnd.microsoft.card.adaptive"
INPUTS = ("status", "done_text", "occasions", "needs_support", "support_text")
# The largest value of an INTEGER column on PostgreSQL: a card's number beyond it would fail
# in the database (an error, logged with the statement) instead of being answered on the card.
MAX_ID = 2**31 - 1
MESSAGE_BUDGET = 27_000  # bytes of a prompt with its indicator rows (Teams: 28 KB)


def _whole(value: object, top: int) -> int | None:
    """`value` as a whole number in 0..top, or None (also for text that is no number)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if 0 <= number <= top else None


def ids_of(data: dict) -> tuple[int, int, int] | None:
    """(round_id, action_id, base) from card data, or None when they are not whole numbers an
    id can be."""
    ids = (_whole(data.get("round_id"), MAX_ID), _whole(data.get("action_id"), MAX_ID),
           _whole(data.get("base") or 0, MAX_ID))
    if None in ids:
        return None
    round_id, action_id, base = ids
    return round_id or 0, action_id or 0, base or 0


def typed_values(data: dict) -> dict[str, str]:
    """What the user typed, as strings, to put back on the card: a list row's inputs carry the
    row in their ids (cards/followup_list.py), a single card's do not."""
    row = suffix(data.get("round_id"), data.get("action_id"))
    out = {}
    for k in INPUTS:
        value = data.get(k + row, data.get(k))
        out[k] = "" if value is None else str(value)
    if "support_text" + row in data and "needs_support" + row not in data:
        # A list row's form has no toggle: support is asked for by writing what is needed.
        out["needs_support"] = "true" if out["support_text"].strip() else "false"
    return out


def parse_status(data: dict) -> tuple[StatusInput | None, tuple[FieldError, ...]]:
    """A StatusInput, or the field errors of the values the card sent."""
    ids = ids_of(data)
    if ids is None:
        return None, (FieldError("action", "fu_err_unknown_action"),)
    values = typed_values(data)
    errors: list[FieldError] = []
    try:
        status = Status(values["status"].strip())
    except ValueError:
        status = None
        errors.append(FieldError("status", "fu_err_status"))
    occasions = None
    if contains_personal_number(values["occasions"]):
        errors.append(FieldError("occasions", "fu_err_personal_number"))
    elif values["occasions"].strip():
        occasions = _whole(values["occasions"].strip(), MAX_OCCASIONS)
        if occasions is None:
            errors.append(FieldError("occasions", "fu_err_occasions"))
    if errors or status is None:
        return None, tuple(errors)
    round_id, action_id, base = ids
    return StatusInput(
        round_id=round_id, action_id=action_id, status=status,
        done_text=values["done_text"].strip(), occasions=occasions,
        needs_support=values["needs_support"].strip().lower() == "true",
        support_text=values["support_text"].strip(),
        idempotency_key=f"card:{round_id}:{action_id}:{base}",
        # Our cards always carry their base; a payload without one is not checked for staleness.
        base=base if data.get("base") not in (None, "") else None,
    ), ()


def attachment(content: dict) -> dict:
    return {"contentType": ADAPTIVE, "content": content}


def prompt_activity(intro: str, items: list[ReportItem], lang: str,
                    beside: dict | None = None) -> dict:
    """One message: the intro and ONE list card, each row's form opening in place. `beside`, a
    card after the list ("mina åtgärder": the districts with no open round), takes its room
    from the list's budget, so the message stays within what Teams accepts."""
    room = LIST_BUDGET - (size(beside) if beside is not None else 0)
    cards = [list_card(items, lang, budget=room), *([beside] if beside is not None else [])]
    return {"type": "message", "text": intro, "attachments": [attachment(c) for c in cards]}


def card_message(content: dict, text: str = "") -> dict:
    activity = {"type": "message", "attachments": [attachment(content)]}
    if text:
        activity["text"] = text
    return activity


class CardComposer:
    """Implements domain.followup.Composer with these cards and the catalogue (stateless)."""

    def prompt(self, items: list[ReportItem], lang: str, *, reminder: bool, today: date) -> dict:
        rnd = items[0].round
        noun = t("fu_action_one" if len(items) == 1 else "fu_action_many", lang)
        values = {"n": len(items), "noun": noun, "label": message_text(rnd.label, 200)}
        if reminder:
            key = "fu_reminder_today" if rnd.due_date == today else "fu_reminder"
        else:
            key = "fu_intro" if rnd.due_date else "fu_intro_nodue"
        if rnd.due_date:
            values["day"] = format_day(rnd.due_date, lang)
        return prompt_activity(t(key, lang, **values), items, lang)

    def notice(self, key: str, lang: str, **values: object) -> dict:
        return {"type": "message", "text": t(key, lang, **values)}

    def with_indicators(self, activity: dict, owed: Owed, lang: str) -> dict:
        """The indicator rows: their own card after the actions' list, in the same message."""
        room = MESSAGE_BUDGET - len(json.dumps(activity, ensure_ascii=False).encode())
        card = indicators_card(list(owed.indicators), owed.period, lang, budget=room)
        return {**activity, "attachments": [*activity.get("attachments", []), attachment(card)]}


COMPOSER = CardComposer()
