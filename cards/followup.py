"""The report card, its read-only receipt and view: Adaptive Card 1.5 dicts.

Every button is an `Action.Execute` (Universal Actions) with an `Action.Submit` fallback written
as an object (schemas/README.md, caveat 3); both carry the same data, so the bot reads them on
one code path. Every report card carries a `refresh` for the action's owners, so Teams shows the
newest state whenever one of them opens it. Titles wrap, never cut; long plan texts other than
titles are cut so a card stays far below Teams' 28 KB.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

from domain.followup import FieldError, ReportItem, StatusReport
from domain.followup_cell import split_cell
from domain.plaintext import card_text
from domain.status import STATUS_ORDER, Status
from i18n import format_day, t

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
MAX_SHOWN = 700  # characters of a plan text shown on a card
SAVE, OPEN, EDIT, NOT_MINE = "status.save", "status.open", "status.edit", "status.notmine"
REFRESH = "status.refresh"
UNCHANGED = "status.unchanged"  # "oförändrat": cards/unchanged.py
MAX_REFRESH_USERS = 60  # Teams refreshes a card automatically for at most 60 listed users
ZONE = ZoneInfo("Europe/Stockholm")


def cut(text: str, limit: int | None = MAX_SHOWN) -> str:
    """User- or plan-written text for a TextBlock: one line, shortened, Markdown made inert."""
    return card_text(text, limit)


def card(body: list[dict], actions: list[dict] | None = None, *, refresh: dict | None = None
         ) -> dict:
    content: dict = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body}
    if actions:
        content["actions"] = actions
    if refresh:
        content["refresh"] = refresh
    return content


def refresh(data: dict, user_ids: tuple[str, ...] | list[str]) -> dict:
    """Universal Actions refresh: Teams sends `adaptiveCard/action` (trigger "automatic") with
    this verb when one of `user_ids` (Teams `29:…` ids, at most 60) opens the card."""
    action = {"type": "Action.Execute", "verb": REFRESH, "data": {**data, "verb": REFRESH}}
    ids = [u for u in dict.fromkeys(user_ids) if u][:MAX_REFRESH_USERS]
    return {"action": action, "userIds": ids} if ids else {"action": action}


def item_refresh(item: ReportItem) -> dict:
    return refresh({"round_id": item.round.id, "action_id": item.action_id, "view": "item"},
                   item.owner_ids)


def saved_at(report: StatusReport, lang: str, zone: ZoneInfo = ZONE) -> tuple[str, str]:
    """("fredag 4 december", "10:12") of when a version was saved, in local time."""
    at = report.created_at if report.created_at.tzinfo else report.created_at.replace(tzinfo=UTC)
    local = at.astimezone(zone)
    return format_day(local.date(), lang), local.strftime("%H:%M")


def stale_notice(report: StatusReport, lang: str, zone: ZoneInfo = ZONE) -> str:
    """Who saved the newer version, and when: the card then shows it to edit. For a TextBlock
    (the single card's notice, a list row's): the name is escaped here, where it enters."""
    day, time = saved_at(report, lang, zone)
    return t("fu_stale", lang, name=cut(report.person_name, 200) or "–", day=day, time=time)


def execute(verb: str, title: str, data: dict, *, inputs: bool = True, style: str = "",
            fallback: bool = True) -> dict:
    """Action.Execute with an Action.Submit fallback carrying the same data and the verb.

    `fallback=False` where bytes are short (the list's row forms, fifteen to a card): Teams runs
    Action.Execute; a client without Universal Actions has the text dialog ("rapportera text").
    """
    payload = {**data, "verb": verb}
    action: dict[str, Any] = {"type": "Action.Execute", "title": title, "verb": verb,
                              "data": payload}
    if fallback:
        action["fallback"] = {"type": "Action.Submit", "title": title, "data": payload}
    if not inputs:
        action["associatedInputs"] = "none"
        if fallback:
            action["fallback"]["associatedInputs"] = "none"
    if style:
        action["style"] = style
    return action


def text(value: str, **style) -> dict:
    return {"type": "TextBlock", "text": value, "wrap": True, **style}


def facts(pairs: list[tuple[str, str]]) -> dict:
    return {"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in pairs if v]}


def status_label(status: Status, lang: str) -> str:
    return t(f"status_{status.value}", lang)


def item_data(item: ReportItem) -> dict:
    return {"round_id": item.round.id, "action_id": item.action_id, "base": item.base}


def _header(item: ReportItem, lang: str) -> list[dict]:
    return [
        text(t("fu_card_title", lang, label=cut(item.round.label, 200)), size="Small", isSubtle=True),
        text(cut(item.title, None), size="Medium", weight="Bolder"),
        details(item, lang, area=True),
    ]


def details(item: ReportItem, lang: str, *, area: bool, limit: int = MAX_SHOWN) -> dict:
    """Area, goal, when and owners of an action (the title is shown above, in full)."""
    return facts([
        (t("fu_area", lang), cut(item.area_name, 200) if area else ""),
        (t("fu_goal", lang), cut(item.goal, limit)),
        (t("fu_when", lang), cut(item.when_text, 200)),
        (t("fu_coowners", lang), cut(", ".join(item.owners), 300)),
    ])


def previous(item: ReportItem, lang: str, *, shown: int = 4, limit: int = 200) -> list[dict]:
    """What is saved for this action: my current version first, then the other parties'.

    Says "none yet" only when nobody, me included, has saved a version.
    """
    saved = ([item.mine] if item.mine else []) + list(item.previous)
    if not saved:
        return [text(t("fu_previous_none", lang), isSubtle=True, size="Small")]
    lines = [line for r in saved[:shown]
             for line in _previous_lines(r, lang, mine=r is item.mine, limit=limit)]
    return [text(t("fu_previous", lang), weight="Bolder", spacing="Medium"),
            text("\n\n".join(lines), size="Small")]


def _previous_lines(report: StatusReport, lang: str, *, mine: bool, limit: int) -> list[str]:
    """"**Status** – who: text"; a cell Följa wrote and then read back gives one line a party."""
    if report.source == "import":
        entries = split_cell(report.done_text)
        if entries:
            return [_line(e.status, e.who, e.text, limit) for e in entries]
        who = t("fu_previous_plan", lang)
    else:
        who = report.role_name or report.person_name
        if report.standin_name:  # "Polis (Anna Andersson för Kim Kommunpolis)"
            who = f"{who} ({speaker(report, lang)})" if report.role_name else speaker(report, lang)
    if mine:
        who = t("fu_previous_mine", lang, who=who, version=report.version)
    return [_line(status_label(report.status, lang), who, report.done_text, limit)]


def speaker(report: StatusReport, lang: str) -> str:
    """Who wrote the version: the person, or "stand-in för owner" (services/standins.py)."""
    if report.standin_name:
        return t("standin_attribution", lang, standin=report.standin_name,
                 owner=report.person_name or "–")
    return report.person_name


def _line(status: str, who: str, said: str, limit: int) -> str:
    status, who = cut(status, 80), cut(who, 200)
    head = f"**{status}** – {who}" if who else f"**{status}**"
    return f"{head}: {cut(said, limit)}" if said.strip() else head


def _error(errors: tuple[FieldError, ...], name: str, lang: str) -> list[dict]:
    return [text(t(e.key, lang, **e.values), color="Attention", size="Small", spacing="None")
            for e in errors if e.field == name]


def current_values(item: ReportItem) -> dict[str, str]:
    """The form's values: my newest version, or empty. Input values are shown as plain text
    and saved back as they stand, so the texts go in unescaped."""
    mine = item.mine
    if mine is None:
        return {}
    return {"status": mine.status.value, "done_text": mine.done_text,
            "occasions": "" if mine.occasions is None else str(mine.occasions),
            "needs_support": "true" if mine.needs_support else "false",
            "support_text": mine.support_text}


def form_inputs(item: ReportItem, lang: str, typed: dict, errors: tuple[FieldError, ...] = (),
                suffix: str = "", *, compact: bool = False) -> list[dict]:
    """The inputs of the status form; `suffix` keeps ids unique when a card holds many forms.

    `compact` (a list holding a form per action) leaves out what it cannot afford: the
    placeholder, empty values, and the support toggle (support is asked for by writing it;
    cards/followup_messages.py reads an empty text as "no").
    """
    def field(kind: str, name: str, label: str, **extra) -> list[dict]:
        value = str(typed.get(name, "") or "")
        element = {"type": kind, "id": name + suffix, "label": label, **extra}
        if value or not compact:
            element["value"] = value
        return [element, *_error(errors, name, lang)]

    choices = [{"title": status_label(s, lang), "value": s.value} for s in STATUS_ORDER]
    extra = {} if compact else {"placeholder": t("fu_status_pick", lang)}
    long = {"isMultiline": True} if compact else {"isMultiline": True, "maxLength": 4000}
    body = field("Input.ChoiceSet", "status", t("fu_status", lang), style="compact",
                 choices=choices, **extra)
    body += field("Input.Text", "done_text", t("fu_done_text", lang), **long)
    if item.counts_occasions:
        body += field("Input.Text", "occasions", t("fu_occasions", lang))
    if compact:
        return body + field("Input.Text", "support_text", t("fu_support_compact", lang), **long)
    needs = "true" if str(typed.get("needs_support", "")).lower() == "true" else "false"
    return body + [
        {"type": "Input.Toggle", "id": "needs_support" + suffix, "title": t("fu_needs_support", lang),
         "valueOn": "true", "valueOff": "false", "value": needs},
        *field("Input.Text", "support_text", t("fu_support_text", lang), **long),
    ]


def report_card(item: ReportItem, lang: str, *, values: dict | None = None,
                errors: tuple[FieldError, ...] = (), notice: str = "", view: str = "") -> dict:
    """The editable card; `values` (what the user typed) and `errors` when it comes back;
    `view` "list" when it was opened from the list, whose save then answers with the list."""
    typed = values if values is not None else current_values(item)
    body = _header(item, lang) + previous(item, lang)
    if notice:
        body.insert(0, text(notice, color="Attention", weight="Bolder"))
    body += form_inputs(item, lang, typed, errors)
    save = {**item_data(item), **({"view": view} if view else {})}
    actions = [execute(SAVE, t("fu_save", lang), save, style="positive"),
               execute(NOT_MINE, t("fu_not_mine", lang), item_data(item), inputs=False)]
    if item.mine is None:  # not yet answered in this round: the earlier answer may stand
        actions.append(execute(UNCHANGED, t("uc_one", lang), save, inputs=False))
    return card(body, actions, refresh=item_refresh(item))


def saved_body(report: StatusReport, lang: str) -> list[dict]:
    """One saved version, read-only."""
    body = [text(f"**{status_label(report.status, lang)}**", spacing="Medium"),
            text(cut(report.done_text, 4000) or "–")]
    if report.occasions is not None:
        body.append(text(t("fu_occasions_value", lang, n=report.occasions), size="Small"))
    if report.needs_support:
        body.append(text(t("fu_support_yes", lang, text=cut(report.support_text, 4000)), size="Small"))
    body.append(text(t("fu_saved", lang, name=cut(speaker(report, lang), 200) or "–",
                       day=format_day(report.created_at.date(), lang), version=report.version),
                     isSubtle=True, size="Small"))
    return body


def receipt_card(item: ReportItem, report: StatusReport, lang: str) -> dict:
    """Read-only view of what was saved, with "Ändra" to edit again."""
    data = {"round_id": item.round.id, "action_id": item.action_id, "base": report.id}
    return card(_header(item, lang) + saved_body(report, lang),
                [execute(EDIT, t("fu_edit", lang), data, inputs=False)],
                refresh=item_refresh(item))


def view_card(item: ReportItem, lang: str) -> dict:
    """What someone who is not an owner sees when a report card refreshes: the saved statuses,
    no form and no buttons."""
    return card(_header(item, lang) + previous(item, lang, shown=8, limit=700),
                refresh=item_refresh(item))


def message_card(message: str) -> dict:
    """A plain card with one sentence (an invoke answer must be a card)."""
    return card([text(message)])


DELEGATE, RETURN = "status.delegate", "status.return"


def not_mine_card(item: ReportItem, lang: str, *, email: str = "", error: str = "") -> dict:
    """"Inte min": hand over to a colleague by e-mail, or back to the coordinator."""
    body = [text(t("fu_notmine_title", lang, title=cut(item.title, None)), weight="Bolder"),
            {"type": "Input.Text", "id": "email", "label": t("fu_notmine_email", lang),
             "style": "Email", "value": email}]
    if error:
        body.append(text(error, color="Attention", size="Small", spacing="None"))
    data = item_data(item)
    return card(body, [execute(DELEGATE, t("fu_delegate", lang), data),
                       execute(RETURN, t("fu_return", lang), data, inputs=False),
                       execute(OPEN, t("fu_open", lang), data, inputs=False)])
