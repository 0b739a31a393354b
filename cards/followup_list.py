"""The owner's list: one compact card for all their actions, each row's form opening in place.

The prompt, the reminder and "mina åtgärder" are this one card. A row's "Rapportera" is an
`Action.ShowCard` holding the row's form, so opening a form keeps the list; the form's Spara is
an `Action.Execute` whose answer is the whole list again, the saved row with its new status and
a ✓ (its form closed). Input ids carry the row (`status.<round>.<action>`): one card holds many
forms, and Adaptive Cards wants each id once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cards.followup import (
    NOT_MINE,
    OPEN,
    SAVE,
    card,
    current_values,
    cut,
    execute,
    form_inputs,
    item_data,
    refresh,
    status_label,
    text,
)
from cards.unchanged import prompt_actions, row_button
from domain.followup import FieldError, ReportItem
from i18n import t

LIST = "list"  # card data "view": the answer to this save is the list
# Bytes of the list card as JSON with spaces (the wire form is about 8 % smaller): room left for
# the message around it under Teams' 28 KB.
LIST_BUDGET = 26_000


@dataclass(frozen=True)
class Row:
    """How one row comes back after a save: saved (✓), or with the typed values, field errors
    or a notice in its form (the form is closed; the row says to open it)."""

    round_id: int
    action_id: int
    saved: bool = False
    values: dict | None = None
    errors: tuple[FieldError, ...] = ()
    notice: str = ""

    def of(self, item: ReportItem) -> bool:
        return (self.round_id, self.action_id) == (item.round.id, item.action_id)


def suffix(round_id: object, action_id: object) -> str:
    """The id suffix of one row's inputs."""
    return f".{round_id}.{action_id}"


def list_card(items: list[ReportItem], lang: str, *, row: Row | None = None,
              budget: int = LIST_BUDGET) -> dict:
    """The list, one row per action, each with its form in an Action.ShowCard.

    Forms carry the saved texts, so a long list may not fit one message: then the largest
    forms (never the form of `row`, which holds what the user typed) become a button that
    opens the single card, whose save comes back to the list, until the card fits `budget`.
    """
    items = by_district(items)
    rows = [(item, row if row is not None and row.of(item) else None) for item in items]
    built = [_row(item, lang, this, form=True) for item, this in rows]
    sizes = [size(b) for b in built]  # each row measured once (a city round builds thousands)
    buttons = prompt_actions(items, lang)  # "oförändrat sedan förra", "påminn mig"
    total = list_size(sizes) + size(_hint(lang)) + size(buttons) + 600  # + card and refresh
    total += size(_headed(items, [{}] * len(items))) - size([{}] * len(items))  # headings
    by_size = sorted((n for n, (_, this) in enumerate(rows) if this is None),
                     key=lambda n: -sizes[n])
    for n in by_size:
        if total <= budget:
            break
        smaller = _row(rows[n][0], lang, rows[n][1], form=False)
        total += size(smaller) - sizes[n]
        built[n] = smaller
    viewer = next((i.viewer_id for i in items if i.viewer_id), "")
    return card([_hint(lang), *_headed(items, built)], buttons,
                refresh=refresh({"view": LIST}, [viewer]))


def by_district(items: list[ReportItem]) -> list[ReportItem]:
    """The items district by district (in the order each district first appears): a person
    who owns actions in several districts reads one list, one district after the other."""
    order = {d: n for n, d in enumerate(dict.fromkeys(i.district for i in items))}
    return sorted(items, key=lambda i: order[i.district])


def _headed(items: list[ReportItem], built: list[dict]) -> list[dict]:
    """The rows, with a heading above each district's first row when they span districts."""
    if len({i.district for i in items}) < 2:
        return built
    out: list[dict] = []
    for n, item in enumerate(items):
        if n == 0 or items[n - 1].district != item.district:
            out.append(text(cut(item.district or "–", 100), weight="Bolder", size="Medium",
                            spacing="Large"))
        out.append(built[n])
    return out


def _hint(lang: str) -> dict:
    return text(t("fu_list_hint", lang), size="Small", isSubtle=True)


def size(value: object) -> int:
    """Bytes of JSON, as Teams counts a message."""
    return len(json.dumps(value, ensure_ascii=False).encode())


def list_size(sizes: list[int]) -> int:
    """`size` of a list whose items' sizes are known: json.dumps writes "[", the items joined
    by ", " and "]"."""
    return 2 + sum(sizes) + 2 * max(len(sizes) - 1, 0)


def _row(item: ReportItem, lang: str, row: Row | None, *, form: bool) -> dict:
    status = status_label(item.mine.status, lang) if item.mine else "–"
    saved = row is not None and row.saved
    line = text(f"{cut(item.area_name, 200)} · {status}{' ✓' if saved else ''}",
                size="Small", spacing="None", **({"color": "Good"} if saved else {"isSubtle": True}))
    items = [text(cut(item.title, None), weight="Bolder"), line]
    if row is not None and (row.notice or row.errors):
        items.append(text(row.notice or t("fu_row_fix", lang), color="Attention", size="Small",
                          weight="Bolder", spacing="None"))
    title = t("fu_edit" if item.mine else "fu_open", lang)
    action = (_show_form(item, lang, row, title) if form
              else execute(OPEN, title, {**item_data(item), "view": LIST}, inputs=False))
    items.append({"type": "ActionSet", "actions": [action, *row_button(item, lang, view=LIST)]})
    return {"type": "Container", "separator": True, "items": items}


def _show_form(item: ReportItem, lang: str, row: Row | None, title: str) -> dict:
    """Action.ShowCard with the row's form, only its inputs (the single card, opened by a
    refresh or from a receipt, shows goal, owners and the other parties' statuses); Spara
    answers with the list."""
    typed = row.values if row is not None and row.values is not None else current_values(item)
    errors = row.errors if row is not None else ()
    body = form_inputs(item, lang, typed, errors, suffix(item.round.id, item.action_id),
                       compact=True)
    if row is not None and row.notice:
        body.insert(0, text(row.notice, color="Attention", weight="Bolder"))
    data = {**item_data(item), "view": LIST}
    form = {"type": "AdaptiveCard", "body": body,
            "actions": [execute(SAVE, t("fu_save", lang), data, style="positive", fallback=False),
                        execute(NOT_MINE, t("fu_not_mine", lang),
                                {"round_id": item.round.id, "action_id": item.action_id},
                                inputs=False, fallback=False)]}
    return {"type": "Action.ShowCard", "title": title, "card": form}
