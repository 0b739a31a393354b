"""Adaptive Cards (1.5) for quick lookups: one action, a list to choose from, a group of actions,
a note with suggestion buttons, and the compose-extension result item.

Pure: every word comes from the caller's `say(key, **values)` (the catalogue in the user's
language) and dates from `day(date)`. Text written by people (plan cells, names, status texts) goes
through `domain.plaintext.card_text` where it enters (`flat`, `label`), so no Markdown link,
emphasis or mention in it is live. Buttons carry only what to show ({"verb": "lookup.show",
"kind", "id"}); who is asking always comes from the activity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from domain.lookup import Hit, LookupIndex, action_label
from domain.model import Action, Area
from domain.plaintext import card_text

Say = Callable[..., str]
Day = Callable[[date], str]
VERB = "lookup.show"
MAX_LISTED = 30
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"


def card(body: list[dict], actions: list[dict] | None = None) -> dict:
    out = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body}
    if actions:
        out["actions"] = actions
    return out


def flat(value: str, limit: int | None = None) -> str:
    """Plan or user text for a TextBlock or FactSet: one line, shortened, Markdown made inert."""
    return card_text(value, limit)


def label(action: Action, limit: int = 90) -> str:
    """The action's short name, escaped for a TextBlock."""
    return card_text(action_label(action, limit))


def text(value: str, **style: object) -> dict:
    return {"type": "TextBlock", "text": value, "wrap": True, **style}


def show_button(title: str, kind: str, id_: int) -> dict:
    return {"type": "Action.Submit", "title": title[:60],
            "data": {"verb": VERB, "kind": kind, "id": id_}}


def pick_row(label: str, kind: str, id_: int, detail: str = "") -> dict:
    """One choice as a tappable row that wraps (a row of buttons runs off a narrow card).

    `label` as written: escaped here for the row's text, plain in the tap's title (an action's
    title is not Markdown). `detail` is a line already made safe (`flat`, the catalogue).
    """
    items = [text(f"▸ {card_text(label)}", color="Accent", weight="Bolder")]
    if detail:
        items.append(text(detail, isSubtle=True, spacing="None", size="Small"))
    return {"type": "Container", "separator": True, "items": items,
            "selectAction": show_button(label, kind, id_)}


def status_text(index: LookupIndex, action_id: int, say: Say, day: Day) -> str:
    latest = index.statuses.get(action_id)
    if latest is None:
        return say("lookup_no_status")
    shown = say(f"lookup_status_{latest.status.value}")
    if latest.reported_by:
        return say("lookup_status_by", status=shown, day=day(latest.reported_on),
                   name=flat(latest.reported_by, 120))
    return say("lookup_status_line", status=shown, day=day(latest.reported_on))


def _role_text(resp) -> str:
    names = flat(", ".join(p.display_name or p.email or "" for p in resp.people))
    return f"{flat(resp.role.name)} ({names})" if names else flat(resp.role.name)


def owner_facts(action: Action, say: Say) -> list[dict]:
    """Lead first, then the others; the plan's own "Vem" text when no role was recognised."""
    leads = [_role_text(r) for r in action.responsibilities if r.lead]
    others = [_role_text(r) for r in action.responsibilities if not r.lead]
    if not leads and not others:
        return [{"title": say("lookup_fact_who"), "value": flat(action.who_text, 300) or "–"}]
    facts = []
    if leads:
        facts.append({"title": say("lookup_fact_lead"), "value": ", ".join(leads)})
    if others:
        key = "lookup_fact_others" if leads else "lookup_fact_owners"
        facts.append({"title": say(key), "value": ", ".join(others)})
    return facts


def action_card(index: LookupIndex, action_id: int, say: Say, day: Day) -> dict:
    """One action: name, area, owners (lead first), when, latest status and its date."""
    action = index.actions[action_id]
    area = index.areas[action.area_id]
    facts = [{"title": say("lookup_fact_area"), "value": flat(area.name)}, *owner_facts(action, say),
             {"title": say("lookup_fact_when"), "value": flat(action.when.text) or "–"},
             {"title": say("lookup_fact_status"),
              "value": status_text(index, action_id, say, day)}]
    body = [text(card_text(action.full_title), weight="Bolder", size="Medium"),
            {"type": "FactSet", "facts": facts}]
    latest = index.statuses.get(action_id)  # free text only where the service left it
    if latest is not None and latest.text:
        body.append(text(flat(latest.text, 500), isSubtle=True))
    if latest is not None and latest.support:
        body.append(text(say("lookup_support", text=flat(latest.support, 300)), isSubtle=True))
    if action.action_text:
        body.append(text(flat(action.action_text, 600), spacing="Medium"))
    return card(body)


def _summary(index: LookupIndex, action: Action, say: Say, day: Day) -> str:
    lead = next((flat(r.role.name) for r in action.responsibilities if r.lead), None)
    parts = [flat(index.areas[action.area_id].name)]
    if lead:
        parts.append(f"{say('lookup_fact_lead')}: {lead}")
    parts.append(status_text(index, action.id, say, day))
    return " · ".join(parts)


def choices_card(index: LookupIndex, hits: Sequence[Hit], subject: str, say: Say,
                 day: Day) -> dict:
    """Several close matches, best first, each with a button that shows it."""
    body = [text(say("lookup_choose", subject=flat(subject, 120)), weight="Bolder")]
    for n, hit in enumerate(hits, start=1):
        action = index.actions[hit.id]
        body.append(pick_row(f"{n}. {action.full_title}", "action", action.id,
                             _summary(index, action, say, day)))
    return card(body)


def _mark(action: Action, role_ids: set[int], person_id: int | None, say: Say) -> str:
    mine = [r for r in action.responsibilities
            if r.role.id in role_ids or any(p.id == person_id for p in r.people)]
    if not mine:
        return ""
    return say("lookup_leads") if any(r.lead for r in mine) else say("lookup_takes_part")


def group_rows(index: LookupIndex, groups: Sequence[tuple[Area, Sequence[Action]]], say: Say,
               day: Day, *, room: int = MAX_LISTED,
               role_ids: set[int] | frozenset[int] = frozenset(),
               person_id: int | None = None) -> tuple[list[dict], int]:
    """An area heading, then a line per action (name — leads/takes part · status, tap to open),
    for at most `room` actions; and how many were listed (a card has room for so many rows)."""
    body: list[dict] = []
    listed = 0
    for area, actions in groups:
        if listed >= room:
            break
        body.append(text(flat(area.name), weight="Bolder", spacing="Medium", color="Accent"))
        for action in actions[: room - listed]:
            mark = _mark(action, set(role_ids), person_id, say)
            line = " · ".join(x for x in (mark, status_text(index, action.id, say, day)) if x)
            body.append({"type": "Container", "spacing": "Small",
                         "selectAction": show_button(action_label(action, 40), "action",
                                                     action.id),
                         "items": [text(f"- {card_text(action.full_title)}"),
                                   text(line, isSubtle=True, spacing="None", size="Small")]})
            listed += 1
    return body, listed


def group_card(index: LookupIndex, title: str,
               groups: Sequence[tuple[Area, Sequence[Action]]], say: Say, day: Day, *,
               role_ids: set[int] | frozenset[int] = frozenset(),
               person_id: int | None = None) -> dict:
    """Actions grouped by area, each line: name — leads/takes part · status (tap to open)."""
    rows, listed = group_rows(index, groups, say, day, role_ids=role_ids, person_id=person_id)
    body = [text(title, weight="Bolder", size="Medium"), *rows]
    total = sum(len(actions) for _, actions in groups)
    if total > listed:
        body.append(text(say("lookup_more", count=total - listed), isSubtle=True))
    return card(body)


def note_card(prose: str, hits: Sequence[Hit]) -> dict:
    """A message with a tappable row per suggestion (rows wrap; a button row would not)."""
    return card([text(prose)] + [pick_row(h.label, h.kind.value, h.id) for h in hits])


def compose_item(index: LookupIndex, action_id: int, say: Say, day: Day) -> dict:
    """One messaging-extension result: the action card, previewed as a thumbnail card."""
    action = index.actions[action_id]
    return {
        "contentType": "application/vnd.microsoft.card.adaptive",
        "content": action_card(index, action_id, say, day),
        "preview": {"contentType": "application/vnd.microsoft.card.thumbnail", "content": {
            "title": label(action, 80), "text": _summary(index, action, say, day)}},
    }


def from_district(answer_card: dict, district: str, say: Say) -> dict:
    """The answer card with a first line naming the district it comes from (an answer from
    outside the asker's own districts)."""
    note = text(say("lookup_from_district", district=flat(district, 80)), isSubtle=True,
                size="Small")
    return {**answer_card, "body": [note, *answer_card.get("body", [])]}
