""""Oförändrat sedan förra" and "påminn mig": the prompt's buttons, a row's button, the receipt
and the snooze's answer. Adaptive Card 1.5 dicts; plan and user text made inert where it enters.

The buttons carry ids only (rounds, actions, the version each row was drawn from); who clicks
comes from the activity, and the snooze's day is counted by the bot when the click arrives.
"""

from __future__ import annotations

from cards.followup import (
    REFRESH,
    UNCHANGED,
    card,
    cut,
    execute,
    status_label,
    text,
)
from domain.followup import ReportItem
from domain.unchanged import Confirmed, Snooze, Snoozed, Unchanged
from i18n import format_day, t

SNOOZE = "status.snooze"
LIST = "list"  # as cards/followup_list.LIST: the answer is the list


def prompt_actions(items: list[ReportItem], lang: str) -> list[dict]:
    """The prompt's own actions (the card's `actions`), for all of its unanswered actions at
    once (none when all are answered): confirm them unchanged, or be reminded tomorrow or on Monday. They name the
    rounds only: the bot finds the clicker's unanswered actions in them (a list of fifteen
    actions has few bytes to spare)."""
    rounds = list(dict.fromkeys(i.round.id for i in items if i.mine is None))
    if not rounds:
        return []
    # No associatedInputs: a card's own actions gather the body's inputs, and the list's
    # inputs all sit in the rows' Action.ShowCard forms.
    return [execute(UNCHANGED, t("uc_all", lang), {"rounds": rounds}, fallback=False),
            execute(SNOOZE, t("uc_snooze_tomorrow", lang),
                    {"rounds": rounds, "until": Snooze.TOMORROW.value}, fallback=False),
            execute(SNOOZE, t("uc_snooze_monday", lang),
                    {"rounds": rounds, "until": Snooze.MONDAY.value}, fallback=False)]


def row_button(item: ReportItem, lang: str, *, view: str = "") -> list[dict]:
    """An unanswered action's own "Oförändrat" (a list row's, or a report card's): only when
    the action was answered in an earlier round (a list has no bytes for a button that
    cannot work; the prompt's "Oförändrat sedan förra" still reaches last year's answers)."""
    if item.mine is not None or not any(
            r.round_id not in (None, item.round.id) for r in item.previous):
        return []
    data = {"round_id": item.round.id, "action_id": item.action_id,
            **({"view": view} if view else {})}
    return [execute(UNCHANGED, t("uc_one", lang), data, inputs=False, fallback=not view)]


def show_list(lang: str) -> dict:
    """"Visa mina åtgärder": the list as it is now (the refresh verb, asked for by hand)."""
    return execute(REFRESH, t("uc_show_list", lang), {"view": LIST}, inputs=False)


def _confirmed(entry: Confirmed, lang: str) -> list[dict]:
    report = entry.report
    said = f"**{status_label(report.status, lang)}**"
    if report.done_text.strip():
        said += f": {cut(report.done_text, 300)}"
    if entry.last_year:
        said += " " + t("uc_last_year", lang)
    lines = [text(cut(entry.title, 300), weight="Bolder", spacing="Medium"),
             text(said, size="Small", spacing="None")]
    if report.needs_support:
        lines.append(text(t("fu_support_yes", lang, text=cut(report.support_text, 300)),
                          size="Small", spacing="None"))
    return lines


def _titles(heading: str, titles: tuple[str, ...]) -> list[dict]:
    if not titles:
        return []
    listed = "\n".join(f"- {cut(title, 200)}" for title in titles)
    return [text(heading, weight="Bolder", spacing="Medium"), text(listed, size="Small")]


def unchanged_receipt(result: Unchanged, lang: str) -> dict:
    """What one "oförändrat" confirmed, each action with the status and text now saved, and
    what it left: actions with no earlier answer (still open), actions already answered."""
    n = len(result.confirmed)
    body = [text(t("uc_receipt_title", lang, n=n) if n else t("uc_receipt_none", lang),
                 size="Medium", weight="Bolder", color="Good" if n else "Default")]
    for entry in result.confirmed:
        body += _confirmed(entry, lang)
    body += _titles(t("uc_no_earlier", lang, n=len(result.no_earlier)), result.no_earlier)
    body += _titles(t("uc_answered", lang), result.answered)
    return card(body, [show_list(lang)])


def snoozed_card(snoozed: Snoozed, lang: str) -> dict:
    """The answer to a snooze click: when the reminder comes."""
    if not snoozed.rounds:
        return card([text(t("uc_snooze_nothing", lang))], [show_list(lang)])
    return card([text(t("uc_snoozed", lang, day=format_day(snoozed.until, lang)))],
                [show_list(lang)])
