"""The report card, its read-only receipt, and the compact list: Adaptive Card 1.5 dicts.

Every button is an `Action.Execute` (Universal Actions) with an `Action.Submit` fallback written
as an object (schemas/README.md, caveat 3); both carry the same data, so the bot reads
them on one code path. Long plan texts are cut so a card stays far below Teams' 28 KB.
"""

from __future__ import annotations

from domain.followup import FieldError, ReportItem, StatusReport
from domain.followup_cell import split_cell
from domain.status import STATUS_ORDER, Status
from i18n import format_day, t

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
MAX_SHOWN = 700  # characters of a plan text shown on a card
SAVE, OPEN, EDIT, NOT_MINE = "status.save", "status.open", "status.edit", "status.notmine"


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def card(body: list[dict], actions: list[dict] | None = None) -> dict:
    content: dict = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body}
    if actions:
        content["actions"] = actions
    return content


def execute(verb: str, title: str, data: dict, *, inputs: bool = True, style: str = "") -> dict:
    """Action.Execute with an Action.Submit fallback carrying the same data and the verb."""
    payload = {**data, "verb": verb}
    action = {"type": "Action.Execute", "title": title, "verb": verb, "data": payload,
              "fallback": {"type": "Action.Submit", "title": title, "data": payload}}
    if not inputs:
        action["associatedInputs"] = "none"
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
        text(t("fu_card_title", lang, label=item.round.label), size="Small", isSubtle=True),
        text(cut(item.title, 300), size="Medium", weight="Bolder"),
        facts([
            (t("fu_area", lang), cut(item.area_name, 200)),
            (t("fu_goal", lang), cut(item.goal)),
            (t("fu_when", lang), cut(item.when_text, 200)),
            (t("fu_coowners", lang), cut(", ".join(item.owners), 300)),
        ]),
    ]


def _previous(item: ReportItem, lang: str) -> list[dict]:
    if not item.previous:
        return [text(t("fu_previous_none", lang), isSubtle=True, size="Small")]
    lines = [line for r in item.previous[:4] for line in _previous_lines(r, lang)]
    return [text(t("fu_previous", lang), weight="Bolder", spacing="Medium"),
            text("\n\n".join(lines), size="Small")]


def _previous_lines(report: StatusReport, lang: str) -> list[str]:
    """"**Status** – who: text"; a cell Följa wrote and then read back gives one line a party."""
    if report.source == "import":
        entries = split_cell(report.done_text)
        if entries:
            return [_line(e.status, e.who, e.text) for e in entries]
        who = t("fu_previous_plan", lang)
    else:
        who = report.role_name or report.person_name
    return [_line(status_label(report.status, lang), who, report.done_text)]


def _line(status: str, who: str, said: str) -> str:
    head = f"**{status}** – {who}" if who else f"**{status}**"
    return f"{head}: {cut(said, 200)}" if said.strip() else head


def _error(errors: tuple[FieldError, ...], name: str, lang: str) -> list[dict]:
    return [text(t(e.key, lang, **e.values), color="Attention", size="Small", spacing="None")
            for e in errors if e.field == name]


def report_card(item: ReportItem, lang: str, *, values: dict | None = None,
                errors: tuple[FieldError, ...] = (), notice: str = "") -> dict:
    """The editable card; `values` (what the user typed) and `errors` when it comes back."""
    mine = item.mine
    typed = values if values is not None else ({
        "status": mine.status.value, "done_text": mine.done_text,
        "occasions": "" if mine.occasions is None else str(mine.occasions),
        "needs_support": "true" if mine.needs_support else "false",
        "support_text": mine.support_text,
    } if mine else {})
    body = _header(item, lang) + _previous(item, lang)
    if notice:
        body.insert(0, text(notice, color="Attention", weight="Bolder"))
    body += [
        {"type": "Input.ChoiceSet", "id": "status", "label": t("fu_status", lang),
         "placeholder": t("fu_status_pick", lang), "style": "compact",
         "value": str(typed.get("status", "")),
         "choices": [{"title": status_label(s, lang), "value": s.value} for s in STATUS_ORDER]},
        *_error(errors, "status", lang),
        {"type": "Input.Text", "id": "done_text", "label": t("fu_done_text", lang),
         "isMultiline": True, "maxLength": 4000, "value": str(typed.get("done_text", ""))},
        *_error(errors, "done_text", lang),
    ]
    if item.counts_occasions:
        body += [{"type": "Input.Text", "id": "occasions", "label": t("fu_occasions", lang),
                  "value": str(typed.get("occasions", "") or "")}, *_error(errors, "occasions", lang)]
    body += [
        {"type": "Input.Toggle", "id": "needs_support", "title": t("fu_needs_support", lang),
         "valueOn": "true", "valueOff": "false",
         "value": "true" if str(typed.get("needs_support", "")).lower() == "true" else "false"},
        {"type": "Input.Text", "id": "support_text", "label": t("fu_support_text", lang),
         "isMultiline": True, "maxLength": 4000, "value": str(typed.get("support_text", ""))},
        *_error(errors, "support_text", lang),
    ]
    actions = [execute(SAVE, t("fu_save", lang), item_data(item), style="positive"),
               execute(NOT_MINE, t("fu_not_mine", lang), item_data(item), inputs=False)]
    return card(body, actions)


def receipt_card(item: ReportItem, report: StatusReport, lang: str) -> dict:
    """Read-only view of what was saved, with "Ändra" to edit again."""
    body = _header(item, lang) + [
        text(f"**{status_label(report.status, lang)}**", spacing="Medium"),
        text(cut(report.done_text, 4000) or "–"),
    ]
    if report.occasions is not None:
        body.append(text(t("fu_occasions_value", lang, n=report.occasions), size="Small"))
    if report.needs_support:
        body.append(text(t("fu_support_yes", lang, text=cut(report.support_text, 4000)), size="Small"))
    body.append(text(t("fu_saved", lang, name=report.person_name or "–",
                       day=format_day(report.created_at.date(), lang), version=report.version),
                     isSubtle=True, size="Small"))
    data = {"round_id": item.round.id, "action_id": item.action_id, "base": report.id}
    return card(body, [execute(EDIT, t("fu_edit", lang), data, inputs=False)])


def list_card(items: list[ReportItem], lang: str) -> dict:
    """A compact list, one row per action with "Rapportera", when cards would not fit one message."""
    body: list[dict] = [text(t("fu_list_hint", lang), size="Small", isSubtle=True)]
    for item in items:
        status = status_label(item.mine.status, lang) if item.mine else "–"
        body.append({
            "type": "ColumnSet", "separator": True,
            "columns": [
                {"type": "Column", "width": "stretch", "items": [
                    text(cut(item.title, 160), weight="Bolder"),
                    text(f"{cut(item.area_name, 80)} · {status}", size="Small", isSubtle=True,
                         spacing="None")]},
                {"type": "Column", "width": "auto", "verticalContentAlignment": "Center", "items": [
                    {"type": "ActionSet", "actions": [
                        execute(OPEN, t("fu_open", lang), item_data(item), inputs=False)]}]},
            ],
        })
    return card(body)


def message_card(message: str) -> dict:
    """A plain card with one sentence (an invoke answer must be a card)."""
    return card([text(message)])


DELEGATE, RETURN = "status.delegate", "status.return"


def not_mine_card(item: ReportItem, lang: str, *, email: str = "", error: str = "") -> dict:
    """"Inte min": hand over to a colleague by e-mail, or back to the coordinator."""
    body = [text(t("fu_notmine_title", lang, title=cut(item.title, 200)), weight="Bolder"),
            {"type": "Input.Text", "id": "email", "label": t("fu_notmine_email", lang),
             "style": "Email", "value": email}]
    if error:
        body.append(text(error, color="Attention", size="Small", spacing="None"))
    data = item_data(item)
    return card(body, [execute(DELEGATE, t("fu_delegate", lang), data),
                       execute(RETURN, t("fu_return", lang), data, inputs=False),
                       execute(OPEN, t("fu_open", lang), data, inputs=False)])
