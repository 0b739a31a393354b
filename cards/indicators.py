"""An indicator owner's cards: the period's value, or "ingen data" with its reason, and a note.

The prompt of a round carries them as one card beside the actions' list (`indicators_card`, one
row per indicator missing its value, each row's form in an Action.ShowCard); a refusal or a bad
number comes back as the single form (`indicator_card`) with what the user typed kept. Input ids
carry the indicator (`value.<id>`): one card holds many forms. Parsing (`parse_entry`) only
turns strings into typed values: who is acting comes from the activity, never from the card.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

from cards.followup import card, cut, execute, text
from domain.indicators import Indicator
from i18n import t

SAVE, NO_DATA, OPEN = "indicator.save", "indicator.nodata", "indicator.open"
CARD_BUDGET = 26_000  # bytes of JSON: Teams takes 28 KB a message
FIELDS = ("value", "reason", "note")
MAX_ID = 2**31 - 1
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


@dataclass(frozen=True)
class Entry:
    """What the card sent: the indicator, the period, a value (None: ingen data), the texts;
    `error` a catalogue key when the value is no number."""

    indicator_id: int
    period: str
    value: float | None
    reason: str
    note: str
    error: str = ""


def number(raw: str) -> float | None:
    """A number as Swedes write it: decimal comma or point, spaces between thousands."""
    clean = _SPACES.sub("", raw).replace("−", "-")
    if not _NUMBER.match(clean):
        return None
    found = float(clean.replace(",", "."))
    return found if math.isfinite(found) else None


def typed(data: dict, indicator_id: object) -> dict[str, str]:
    """The form's texts as typed (input ids carry the indicator)."""
    return {f: str(data.get(f"{f}.{indicator_id}", data.get(f)) or "") for f in FIELDS}


def parse_entry(data: dict, *, no_data: bool) -> Entry | None:
    """The entry a card sent, or None when it names no indicator."""
    raw = data.get("indicator_id")
    if isinstance(raw, bool) or not isinstance(raw, int | str) or not str(raw).isdigit():
        return None
    indicator_id = int(raw)
    if indicator_id > MAX_ID:
        return None
    values = typed(data, indicator_id)
    period = str(data.get("period") or "")
    reason, note = values["reason"].strip(), values["note"].strip()
    if no_data:
        return Entry(indicator_id, period, None, reason, note)
    value = number(values["value"])
    return Entry(indicator_id, period, value, reason, note,
                 error="" if value is not None else "indicators.err.value")


def _unit(indicator: Indicator, lang: str) -> str:
    return cut(indicator.unit, 60) or t("indicators.card.no_unit", lang)


def _form(indicator: Indicator, period: str, lang: str, values: dict[str, str] | None,
          error: str, view: str) -> tuple[list[dict], list[dict]]:
    """The inputs and the two buttons of one indicator's entry."""
    values = values or {}
    i = indicator.id
    body = [text(error, color="Attention", weight="Bolder")] if error else []
    body += [
        {"type": "Input.Text", "id": f"value.{i}", "value": values.get("value", ""),
         "label": t("indicators.card.value", lang, unit=_unit(indicator, lang)),
         "placeholder": t("indicators.card.value_hint", lang)},
        {"type": "Input.Text", "id": f"reason.{i}", "value": values.get("reason", ""),
         "label": t("indicators.card.reason", lang), "maxLength": 500},
        {"type": "Input.Text", "id": f"note.{i}", "value": values.get("note", ""),
         "label": t("indicators.card.note", lang), "isMultiline": True, "maxLength": 1000},
    ]
    data = {"indicator_id": i, "period": period, "view": view}
    actions = [execute(SAVE, t("indicators.card.save", lang), data, style="positive"),
               execute(NO_DATA, t("indicators.card.no_data", lang), data)]
    return body, actions


def _heading(indicator: Indicator, period: str, lang: str) -> list[dict]:
    line = t("indicators.card.line", lang, area=cut(indicator.area_name, 200), period=cut(period, 20),
             unit=_unit(indicator, lang))
    return [text(cut(indicator.name, 300), weight="Bolder"),
            text(line, size="Small", isSubtle=True, spacing="None")]


def indicator_card(indicator: Indicator, period: str, lang: str, *,
                   values: dict[str, str] | None = None, error: str = "") -> dict:
    """One indicator's form, open: the card a refusal or a bad number comes back as."""
    body, actions = _form(indicator, period, lang, values, error, "")
    title = text(t("indicators.card.title", lang, period=cut(period, 20)), size="Small",
                 isSubtle=True)
    return card([title, *_heading(indicator, period, lang), *body], actions)


def indicators_card(indicators: list[Indicator], period: str, lang: str, *,
                    notice: str = "", budget: int = CARD_BUDGET) -> dict:
    """The indicators still missing the period's value, one row each with its form in place.

    Rows keep their forms while the card fits `budget` (the room the actions' list leaves in
    the message); later rows get a button that opens the single form, and what still does not
    fit is counted."""
    body = [text(t("indicators.card.list_title", lang, period=cut(period, 20), n=len(indicators)),
                 weight="Bolder")]
    if notice:
        body.append(text(notice, color="Good", size="Small"))
    used = size(body) + 300
    for n, indicator in enumerate(indicators):
        row = _row(indicator, period, lang, form=True)
        if used + size(row) > budget:
            row = _row(indicator, period, lang, form=False)
        if used + size(row) + 300 > budget:
            body.append(text(t("indicators.card.more", lang, n=len(indicators) - n),
                             isSubtle=True, size="Small"))
            break
        body.append(row)
        used += size(row)
    return card(body)


def _row(indicator: Indicator, period: str, lang: str, *, form: bool) -> dict:
    """One row: its form in an Action.ShowCard, or (short of room) a button opening the form."""
    if form:
        inputs, actions = _form(indicator, period, lang, None, "", "list")
        action = {"type": "Action.ShowCard", "title": t("indicators.card.enter", lang),
                  "card": {"type": "AdaptiveCard", "body": inputs, "actions": actions}}
    else:
        action = execute(OPEN, t("indicators.card.enter", lang),
                         {"indicator_id": indicator.id, "period": period}, inputs=False)
    return {"type": "Container", "separator": True, "items": [
        *_heading(indicator, period, lang), {"type": "ActionSet", "actions": [action]}]}


def size(value: object) -> int:
    """Bytes of JSON, as Teams counts a message."""
    return len(json.dumps(value, ensure_ascii=False).encode())


def saved_text(indicator: Indicator, entry: Entry, lang: str) -> str:
    """The receipt's sentence (names escaped here, where they enter)."""
    if entry.value is None:
        return t("indicators.card.saved_no_data", lang, name=cut(indicator.name, 300),
                 period=cut(entry.period, 20), reason=cut(entry.reason, 300))
    shown = f"{entry.value:g}".replace(".", "," if lang == "sv" else ".")
    return t("indicators.card.saved", lang, name=cut(indicator.name, 300),
             period=cut(entry.period, 20),
             value=shown, unit=cut(indicator.unit, 60))


def receipt_card(indicator: Indicator, entry: Entry, lang: str) -> dict:
    """After a save: what was stored (the note is not repeated; it may be long)."""
    return card([text(saved_text(indicator, entry, lang), color="Good", weight="Bolder")])
