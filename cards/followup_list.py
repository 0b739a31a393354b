"""The owner's list: one compact card for all their actions, each row's form opening in place.

The prompt, the reminder and "mina åtgärder" are this one card. A row's "Rapportera" is an
`Action.ShowCard` holding the row's form, so opening a form keeps the list; the form's Spara is
an `Action.Execute` whose answer is the whole list again, the saved row with its new status and
a ✓ (its form closed). Input ids carry the row (`status.<round>.<action>`): one card holds many
forms, and Adaptive Cards wants each id once.
"""

from __future__ import annotations

from dataclasses import dataclass

from cards.followup import (
    NOT_MINE,
    OPEN,
    SAVE,
    card,
    current_values,
    details,
    execute,
    form_inputs,
    item_data,
    previous,
    refresh,
    status_label,
    text,
)
from domain.followup import FieldError, ReportItem
from i18n import t

LIST = "list"  # card data "view": the answer to this save is the list
FORM_GOAL = 300  # characters of the goal shown in a row's form (the list must fit 28 KB)
FORM_PREVIOUS = 120  # characters of each saved status shown in a row's form


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


def suffix(round_id: int | str, action_id: int | str) -> str:
    """The id suffix of one row's inputs."""
    return f".{round_id}.{action_id}"


def list_card(items: list[ReportItem], lang: str, *, row: Row | None = None,
              forms: bool = True) -> dict:
    """The list, one row per action; `forms=False` gives rows whose button opens the single
    card instead (for a list too long to carry its forms)."""
    body: list[dict] = [text(t("fu_list_hint", lang), size="Small", isSubtle=True)]
    for item in items:
        this = row if row is not None and row.of(item) else None
        body.append(_row(item, lang, this, forms))
    viewer = next((i.viewer_id for i in items if i.viewer_id), "")
    return card(body, refresh=refresh({"view": LIST}, [viewer]))


def _row(item: ReportItem, lang: str, row: Row | None, forms: bool) -> dict:
    status = status_label(item.mine.status, lang) if item.mine else "–"
    if row is not None and row.saved:
        status += " ✓"
    items = [text(" ".join(item.title.split()), weight="Bolder"),
             text(f"{' '.join(item.area_name.split())} · {status}", size="Small",
                  isSubtle=row is None or not row.saved, spacing="None",
                  **({"color": "Good"} if row is not None and row.saved else {}))]
    if row is not None and (row.notice or row.errors):
        items.append(text(row.notice or t("fu_row_fix", lang), color="Attention", size="Small",
                          weight="Bolder", spacing="None"))
    title = t("fu_edit" if item.mine else "fu_open", lang)
    action = (_show_form(item, lang, row, title) if forms
              else execute(OPEN, title, item_data(item), inputs=False))
    items.append({"type": "ActionSet", "actions": [action]})
    return {"type": "Container", "separator": True, "spacing": "Medium", "items": items}


def _show_form(item: ReportItem, lang: str, row: Row | None, title: str) -> dict:
    """Action.ShowCard with the row's form; Spara answers with the list."""
    typed = row.values if row is not None and row.values is not None else current_values(item)
    errors = row.errors if row is not None else ()
    body = [details(item, lang, area=False, limit=FORM_GOAL),
            *previous(item, lang, shown=3, limit=FORM_PREVIOUS)]
    if row is not None and row.notice:
        body.insert(0, text(row.notice, color="Attention", weight="Bolder"))
    body += form_inputs(item, lang, typed, errors, suffix(item.round.id, item.action_id))
    data = {**item_data(item), "view": LIST}
    form = {"type": "AdaptiveCard", "body": body,
            "actions": [execute(SAVE, t("fu_save", lang), data, style="positive"),
                        execute(NOT_MINE, t("fu_not_mine", lang), item_data(item), inputs=False)]}
    return {"type": "Action.ShowCard", "title": title, "card": form}

