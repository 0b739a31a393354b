"""The reminder and the coordinators' digest as Adaptive Cards (pure; user text escaped here).

The reminder names nobody, not even its reader: plan, round and action titles and counts only.
Each action has a Rapportera button (`status.open`) that opens its report form in place.
"""

from __future__ import annotations

from datetime import date

from cards.followup import OPEN, card, cut, execute, text
from cards.followup_messages import COMPOSER as PROMPTS
from cards.followup_messages import card_message
from domain.indicators import Owed
from domain.reminder_content import Escalation, RoundPart, by_district
from domain.reminders import Preference
from i18n import format_day, t

MAX_ACTIONS = 25  # rows with a button on one card: well inside Teams' 28 KB
TITLE_LIMIT = 200


def _round_heading(part: RoundPart, lang: str, today: date) -> str:
    label = cut(part.round_label, TITLE_LIMIT)
    if part.due_date is None:
        return t("rem_round_nodue", lang, label=label)
    if part.due_date == today:
        return t("rem_round_today", lang, label=label)
    return t("rem_round_due", lang, label=label, day=format_day(part.due_date, lang))


def _round_block(part: RoundPart, lang: str, today: date, room: int) -> list[dict]:
    """A round's heading, its counts and up to `room` of the reader's open actions."""
    body = [text(_round_heading(part, lang, today), weight="Bolder", spacing="Medium"),
            text(t("rem_progress", lang, answered=part.people_answered,
                   total=part.people_total), isSubtle=True, spacing="None")]
    if part.for_name:
        body.append(text(t("rem_part_for", lang, name=cut(part.for_name, TITLE_LIMIT)),
                         spacing="None"))
    for action in part.actions[:room]:
        button = execute(OPEN, t("rem_report", lang),
                         {"round_id": action.round_id, "action_id": action.action_id},
                         inputs=False, fallback=False)
        body.append({"type": "ColumnSet", "columns": [
            {"type": "Column", "width": "stretch",
             "items": [text("• " + cut(action.title, TITLE_LIMIT))]},
            {"type": "Column", "width": "auto",
             "items": [{"type": "ActionSet", "actions": [button]}]}]})
    if len(part.actions) > room:
        body.append(text(t("rem_more", lang, n=len(part.actions) - room), isSubtle=True))
    return body


def reminder_card(parts: list[RoundPart], lang: str, today: date) -> dict:
    """Every open round of the reader's, grouped by district (each district has its own plan)."""
    body = [text(t("rem_title", lang), size="Medium", weight="Bolder")]
    room = MAX_ACTIONS
    for district, group in by_district(parts):
        plans = ", ".join(dict.fromkeys(cut(p.plan_name, TITLE_LIMIT) for p in group))
        body.append(text(t("rem_district", lang, district=cut(district, TITLE_LIMIT),
                           plan=plans), weight="Bolder", size="Medium", spacing="Large"))
        for part in group:
            body += _round_block(part, lang, today, room)
            room = max(room - len(part.actions), 0)
    body.append(text(t("rem_hint", lang), isSubtle=True, spacing="Large"))
    return card(body)


def escalation_card(digest: Escalation, lang: str) -> dict:
    """The names of those who missed two rounds in a row, each with their open actions."""
    intro = t("esc_intro", lang, n=len(digest.people), plan=cut(digest.plan_name, TITLE_LIMIT),
              previous=cut(digest.previous_label, TITLE_LIMIT),
              label=cut(digest.round_label, TITLE_LIMIT))
    body = [text(t("esc_title", lang), size="Medium", weight="Bolder"), text(intro)]
    for person in digest.people:
        body.append(text(cut(person.name, TITLE_LIMIT), weight="Bolder", spacing="Medium"))
        body += [text("• " + cut(title, TITLE_LIMIT), spacing="None")
                 for title in person.actions[:MAX_ACTIONS]]
    return card(body)


def preference_text(preference: Preference, lang: str) -> str:
    """"på tisdagar, tidigast kl. 09.00": a preference in words."""
    said = []
    if preference.weekday is not None:
        said.append(t("rem_pref_day", lang, days=t(f"rem_day_{preference.weekday}", lang)))
    if preference.hour is not None:
        said.append(t("rem_pref_hour", lang, hour=preference.hour))
    return ", ".join(said)


class ReminderCards:
    """Implements domain.reminder_content.ReminderComposer with the cards above (stateless)."""

    def reminder(self, parts: list[RoundPart], lang: str, today: date,
                 for_name: str = "") -> dict:
        """The reminder; `for_name` set: sent to a stand-in, saying for whom (the owner)."""
        count = sum(len(p.actions) for p in parts)
        intro = t("rem_intro", lang, n=count)
        if for_name:
            intro = t("standin_prompt_for", lang, name=cut(for_name, TITLE_LIMIT)) + "\n\n" + intro
        return card_message(reminder_card(parts, lang, today), intro)

    def escalation(self, digest: Escalation, lang: str) -> dict:
        return card_message(escalation_card(digest, lang), t("esc_title", lang))

    def with_indicators(self, activity: dict, owed: Owed, lang: str) -> dict:
        """The indicator rows after the reminder, as in a prompt (one message)."""
        return PROMPTS.with_indicators(activity, owed, lang)


COMPOSER = ReminderCards()
