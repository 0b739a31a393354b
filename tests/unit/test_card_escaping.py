"""Every card Följa composes shows user-written text inert: no live link, mention, emphasis or HTML.

The composers are found, not listed: every public function (and method of a public class) in
cards/*.py typed to return a card, an activity or card elements (`dict`, `list[dict]`, or not
typed at all) is called with inputs whose every user-written field (status texts, support text,
round labels, names, e-mails, area and action titles from an imported plan, the asker's question)
carries the injection strings. Functions typed otherwise (text such as `stale_notice`, id
suffixes, sizes, typed values) return nothing Teams renders by itself; where their text reaches a
card it is checked there (`stale_notice` is the report card's and a list row's notice below).
Whatever comes back is checked: card elements (a body part, one element) in a card of their own,
each text Teams renders as Markdown (TextBlock, FactSet, fallbackText, an activity's text, a
compose preview) must show the hostile text only as escaped characters, and the card must still
validate. A new composer whose inputs this test cannot build fails here until it is taught them
(PROVIDERS), unless it is a building block that takes already-escaped text (BUILDING_BLOCKS).

Input values are the exception by design: Teams shows them as plain text, and the form saves
them back as they stand, so a user's own words go into them unescaped (escaping them would add a
backslash to every saved version); test_form_values_are_the_users_words_unchanged holds that."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

import pytest

import cards
from cards.followup import report_card, stale_notice
from cards.followup_list import Row, list_card
from cards.indicators import Entry
from cards.lookup_mine import DistrictPart
from domain.city import CityAction, CityAnswer, DistrictPlan, build_city
from domain.city_round import CityRoundView
from domain.followup import ReportItem, Round, RoundState, StatusReport
from domain.indicator_results import IndicatorResult, judge
from domain.indicators import Direction, Indicator, Measurement, Owed, Source
from domain.lookup import Hit, Kind, LatestStatus, build_index
from domain.model import Action, Area, Organisation, Person, Plan, Responsibility, Role
from domain.plaintext import unescape
from domain.reminder_content import Escalation, MissedPerson, OpenAction, RoundPart
from domain.status import Status
from domain.summary import (
    ActionInfo,
    OwnerRole,
    PersonInfo,
    ReportInfo,
    SummaryInput,
    build_summary,
)
from domain.unchanged import Confirmed, Snoozed, Unchanged
from domain.when import parse_when
from i18n import format_day, t
from reports.summary import card_words, summary_markdown
from tests.schemas import assert_valid_card

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"

HOSTILE = "[x](http://evil.example) <at>x</at> **HOT** <b>b</b>"
SHOWN = "evil.example"  # what proves the hostile text reached the card at all
# Sentences a caller composed from the catalogue (user text in them is escaped where it enters).
COMPOSED = "Ett meddelande från katalogen."

# What a composer is typed to return: a card, an activity or compose result holding one, or card
# elements. A function without a return type is taken for a composer, so it is never skipped.
CARD_CONTENT = {"dict", "list[dict]", inspect.Signature.empty}
# Helpers typed as card content that take text already made safe (`text`, `facts`, a button's
# title, a finished card), or hold no text at all (button data, a card's `refresh`, which every
# report card carries and so is validated there): not composers.
BUILDING_BLOCKS = {
    "attachment", "card", "card_message", "execute", "facts", "item_data", "item_refresh",
    "owner_facts", "refresh", "show_button", "summary_activity", "text", "CardComposer.notice",
    "row_button", "show_list", "prompt_actions",  # buttons: catalogue titles and ids only
}


def hostile(suffix: str = "") -> str:
    return f"{HOSTILE}{suffix}"


def _round() -> Round:
    return Round(7, 1, hostile(" omgång"), date(2026, 12, 4), (1,), RoundState.OPEN,
                 datetime(2026, 11, 30, tzinfo=UTC))


def _report(id_: int, *, source: str = "card", done: str | None = None) -> StatusReport:
    return StatusReport(
        id=id_, round_id=7, action_id=1, person_id=1, role_id=1, version=1,
        status=Status.DELAYED, done_text=done or hostile(" gjort"), occasions=2,
        needs_support=True, support_text=hostile(" stöd"), source=source,
        created_at=datetime(2026, 12, 1, tzinfo=UTC), person_name=hostile(" person"),
        role_name=hostile(" roll"), attributed_to=hostile(" tillskriven"))


def report_item() -> ReportItem:
    imported = _report(2, source="import",
                       done=f"{hostile(' part')} ({hostile(' status')}): {hostile(' cell')}")
    return ReportItem(
        round=_round(), action_id=1, area_name=hostile(" område"), title=hostile(" åtgärd"),
        goal=hostile(" mål"), when_text=hostile(" när"), counts_occasions=True,
        owners=(hostile(" ägare"),), previous=(_report(3), imported), mine=_report(4))


def lookup_index():
    person = Person(1, hostile("@evil.example"), hostile(" namn"))
    role = Role(1, hostile(" roll"), Organisation.POLICE, (hostile(" alias"),))
    actions = tuple(Action(
        id=n, area_id=1, position=n, title=hostile(f" åtgärd {n}"), problem=hostile(" problem"),
        cause=hostile(" orsak"), action_text=hostile(" text"), goal=hostile(" mål"),
        when=parse_when(hostile(" när"), year=2026), who_text=hostile(" vem"),
        responsibilities=(Responsibility(role, n == 1, (person,)),)) for n in (1, 2))
    unowned = Action(3, 1, 3, hostile(" utan ägare"), "", "", "", "",
                     parse_when("", year=2026), hostile(" vem i planen"))
    plan = Plan(1, 2025, hostile(" distrikt"), areas=(
        Area(1, 1, hostile(" område"), actions=(*actions, unowned)),))
    latest = {"action_id": 1, "status": Status.DELAYED, "reported_on": date(2026, 3, 4),
              "reported_by": hostile(" rapportör"), "text": hostile(" gjort"),
              "support": hostile(" stöd")}
    known = LatestStatus.__dataclass_fields__  # every free-text field the status has
    statuses = {1: LatestStatus(**{k: v for k, v in latest.items() if k in known})}
    return build_index(plan, statuses)


def summary():
    roles = (OwnerRole(1, hostile(" roll"), "polis", True),)
    actions = tuple(ActionInfo(n, 1, hostile(" område"), 1, n, hostile(f" åtgärd {n}"), roles)
                    for n in (1, 2, 3))
    people = (PersonInfo(10, hostile(" person"), (1,)),
              PersonInfo(11, hostile(" onåbar"), (1,), reachable=False))

    def made(status: str, previous: dict | None = None):
        reports = (ReportInfo(1, 1, 10, 1, status, hostile(" gjort"), True, hostile(" stöd")),
                   ReportInfo(2, 2, 10, 1, "not_started"))
        return build_summary(SummaryInput(1, hostile(" plan"), 7, hostile(" omgång"),
                                          date(2026, 12, 4), actions, reports, people,
                                          previous or {}))

    return made("delayed", made("on_track").snapshot)


def reminder_parts() -> list[RoundPart]:
    actions = tuple(OpenAction(7, n, hostile(f" åtgärd {n}")) for n in (1, 2))
    return [RoundPart(hostile(" distrikt"), hostile(" plan"), hostile(" omgång"), date(2026, 12, 4),
                      6, 9, actions),
            RoundPart("Norrmalm", hostile(" plan 2"), hostile(" omgång 2"), None, 0, 1, actions)]


def escalation() -> Escalation:
    return Escalation(hostile(" distrikt"), hostile(" plan"), hostile(" omgång"),
                      hostile(" förra"), (MissedPerson(hostile(" person"), (hostile(" åtgärd"),)),))
def city_view() -> CityRoundView:
    """Two districts, hostile names everywhere a city card shows user or plan text."""
    plans = [DistrictPlan(1, hostile(" stadsdel"), 2026), DistrictPlan(2, "Norrmalm", 2026)]
    actions = [CityAction(n, 1 + n % 2, hostile(" område"), 1, hostile(f" åtgärd {n}"))
               for n in range(1, 5)]
    answers = [CityAnswer(1, "delayed", True, hostile(" stöd")), CityAnswer(2, "done")]
    return CityRoundView(3, hostile(" stadsomgång"), date(2026, 12, 4),
                         build_city(None, None, plans, actions, answers))


def _providers() -> dict[str, Any]:
    index = lookup_index()
    area = index.areas[1]
    actions = tuple(index.actions.values())
    built = summary()
    values = {"status": "delayed", "done_text": hostile(), "support_text": hostile(),
              "needs_support": "true", "occasions": "2"}
    stale = stale_notice(_report(6), "sv")  # a notice whose name is user text
    return {
        "item": report_item(), "report": _report(5), "view": city_view(),
        "items": [report_item(), replace(report_item(), mine=None),
                  replace(report_item(), action_id=2, district=hostile(" stadsdel"))],
        "lang": "sv", "say": lambda key, **v: t(key, "sv", **v),
        "day": partial(format_day, lang="sv"), "index": index, "action_id": 1,
        "hits": [Hit(Kind.ACTION, a.id, a.title, 1.0) for a in actions]
        + [Hit(Kind.ROLE, 1, hostile(" roll"), 0.5)],
        "subject": hostile(" fråga"), "groups": ((area, actions),), "email": hostile("@x.se"),
        "values": values, "typed": values, "notice": stale, "area": True,
        "row": Row(7, 1, values=values, notice=stale),
        "label": hostile(" rad"), "kind": "action", "id_": 1,
        "summary": built, "words": card_words("sv"),
        "fallback": partial(summary_markdown, built, "sv"),
        "reminder": False, "today": date(2026, 12, 1),
        "title": COMPOSED, "prose": COMPOSED, "message": COMPOSED,
        "error": COMPOSED, "intro": COMPOSED, "question": COMPOSED,
        "file_name": hostile(".xlsx"), "url": "https://files.example/plan.xlsx",
        "districts": [hostile(" distrikt"), "Norrmalm"], "district": hostile(" distrikt"),
        "answer_card": {"type": "AdaptiveCard", "version": "1.5", "body": []},
        "per_district": [DistrictPart(hostile(" distrikt"), index, ((area, actions),)),
                         DistrictPart("Norrmalm", index, ((area, actions[:1]),))],
        "parts": reminder_parts(), "digest": escalation(),
        "result": Unchanged(confirmed=(Confirmed(hostile(" åtgärd"), _report(5), last_year=True),),
                            no_earlier=(hostile(" öppen"),), answered=(hostile(" besvarad"),)),
        "snoozed": Snoozed(date(2026, 12, 7), (7,)),
        **_indicator_providers(),
    }


def _indicator_providers() -> dict[str, Any]:
    """The owner's indicator cards (cards/indicators.py): names, area, unit and reason hostile."""
    indicator = Indicator(3, 1, 1, hostile(" område"), hostile(" indikator"),
                          Source.OWN_COUNT, Direction.LOWER, unit=hostile(" st"))
    return {"indicator": indicator, "indicators": [indicator], "period": "2026-T3",
            "entry": Entry(3, "2026-T3", None, hostile(" orsak"), hostile(" not")),
            "owed": Owed("2026-T3", (indicator,)),
            "activity": {"type": "message", "text": COMPOSED, "attachments": []},
            "found": ((hostile(" distrikt"), (_judged(indicator),)),)}


def _judged(indicator: Indicator) -> IndicatorResult:
    """A result whose latest entry is ingen data with a hostile reason and note."""
    entry = Measurement(1, indicator.id, "2026-T2", None, hostile(" orsak"), hostile(" not"))
    return judge(indicator, (entry,))


# Composers whose user text goes only where Teams shows plain text (input values, see above).
PLAIN_ONLY = {"form_inputs"}
OPTIONAL = {"values", "fallback", "notice", "email", "row"}  # optional inputs worth filling in


def public_functions() -> list[tuple[str, Any]]:
    """Every public function of cards/*.py, and every public method of its public classes."""
    found = []
    for info in pkgutil.iter_modules(cards.__path__):
        module = importlib.import_module(f"cards.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj):
                found.append((name, obj))
            elif inspect.isclass(obj) and not hasattr(obj, "__dataclass_fields__"):
                instance = obj()
                found += [(f"{name}.{m}", getattr(instance, m)) for m, f in vars(obj).items()
                          if inspect.isfunction(f) and not m.startswith("_")]
    return found


def composers() -> list[tuple[str, Any]]:
    """The public functions typed to return card content (CARD_CONTENT)."""
    return [(name, function) for name, function in public_functions()
            if inspect.signature(function).return_annotation in CARD_CONTENT]


def arguments(function) -> tuple[list, dict] | None:
    """The function's inputs from PROVIDERS; None when a required one is unknown."""
    provided = _providers()
    args, kwargs = [], {}
    for p in inspect.signature(function).parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        required = p.default is p.empty
        if p.name not in provided or (not required and p.name not in OPTIONAL):
            if required:
                return None
            continue
        if p.kind is p.KEYWORD_ONLY:
            kwargs[p.name] = provided[p.name]
        else:
            args.append(provided[p.name])
    return args, kwargs


def rendered_texts(node: Any, parent: dict | None = None) -> list[str]:
    """The strings Teams renders as Markdown: TextBlock/TextRun text, FactSet titles and values,
    a card's fallbackText, a compose preview's title and text. Button titles, input values and
    choices are shown as plain text, and data is never shown."""
    out: list[str] = []
    if isinstance(node, dict):
        kind = node.get("type")
        if kind in ("TextBlock", "TextRun") and isinstance(node.get("text"), str):
            out.append(node["text"])
        if kind == "AdaptiveCard" and isinstance(node.get("fallbackText"), str):
            out.append(node["fallbackText"])
        if parent is not None and parent.get("type") == "FactSet":
            out += [str(node.get("title", "")), str(node.get("value", ""))]
        if str(node.get("contentType", "")).endswith("thumbnail"):
            out += [str(node["content"].get("title", "")), str(node["content"].get("text", ""))]
        for key, value in node.items():
            if key != "data":
                out += rendered_texts(value, node if key == "facts" else parent)
    elif isinstance(node, list):
        for value in node:
            out += rendered_texts(value, parent)
    return out


def cards_in(result: Any) -> list[dict]:
    """The Adaptive Cards in what a composer returned; card elements (a body part, one element)
    go into a card of their own, so they are validated and read like a card."""
    found = _cards(result)
    parts = result if isinstance(result, list) else [result]
    if not found and parts and all(isinstance(p, dict) and "type" in p for p in parts):
        found = [{"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": parts}]
    return found


def _cards(result: Any) -> list[dict]:
    if isinstance(result, dict):
        if result.get("type") == "AdaptiveCard":
            return [result]
        return [c for v in result.values() for c in _cards(v)]
    if isinstance(result, list | tuple):
        return [c for v in result for c in _cards(v)]
    return []


def inputs_in(node: Any) -> dict[str, Any]:
    """Every input's value by its id, inside shown cards (Action.ShowCard) too."""
    found: dict[str, Any] = {}
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith("Input.") and "id" in node:
            found[node["id"]] = node.get("value")
        for value in node.values():
            found |= inputs_in(value)
    elif isinstance(node, list):
        for value in node:
            found |= inputs_in(value)
    return found


def live_markup(text: str) -> list[str]:
    """What in `text` Teams would render as markup from the hostile strings."""
    found = []
    if "<at>" in text or "</at>" in text:
        found.append("mention")
    if "<b>" in text:
        found.append("HTML")
    if re.search(r"(?<!\\)\]\(", text):
        found.append("link")
    if re.search(r"(?<!\\)\*\*HOT", text) or re.search(r"HOT(?<!\\)\*\*", text):
        found.append("emphasis")
    return found


def test_every_public_card_function_is_known():
    unknown = [name for name, function in composers()
               if name not in BUILDING_BLOCKS and arguments(function) is None]
    assert not unknown, f"teach PROVIDERS the inputs of these card composers: {unknown}"
    stale = BUILDING_BLOCKS - {name for name, _ in composers()}
    assert not stale, f"BUILDING_BLOCKS names no function typed as card content: {stale}"


@pytest.mark.parametrize("name", [n for n, _ in composers() if n not in BUILDING_BLOCKS])
def test_user_text_is_inert_in_every_card(name: str):
    function = dict(composers())[name]
    args, kwargs = arguments(function)
    result = function(*args, **kwargs)
    found = cards_in(result)
    assert found, f"{name} returned no Adaptive Card and no card elements"
    texts = []
    for card in found:
        assert_valid_card(card)
        texts += rendered_texts(card)
    if isinstance(result, dict) and "preview" in result:
        texts += rendered_texts({"contentType": "thumbnail", "content": result["preview"]["content"]})
    if isinstance(result, dict) and result.get("type") == "message" and "text" in result:
        texts.append(result["text"])  # a message's own text is Markdown (and HTML) too
    live = {text: live_markup(text) for text in texts if live_markup(text)}
    assert not live, f"{name}: live markup from user text: {json.dumps(live, ensure_ascii=False)}"
    if not any(HOSTILE in repr(v) for v in (*args, *kwargs.values()) if not callable(v)):
        return
    if name in PLAIN_ONLY:  # kept as written, where Teams shows it as plain text
        assert HOSTILE in json.dumps(found, ensure_ascii=False), f"{name} lost the user's text"
    else:
        assert any(SHOWN in unescape(text) for text in texts), f"{name} showed no user text"


def test_a_stale_notice_names_the_saver_inert():
    notice = stale_notice(_report(6), "sv")
    assert not live_markup(notice)
    assert hostile(" person") in unescape(notice)


def test_form_values_are_the_users_words_unchanged():
    """What the user wrote comes back in the form as written, in the single card and in the
    list's row form alike: saving it again must not store an escaped copy."""
    item = report_item()
    single = inputs_in(report_card(item, "sv"))
    row = {k.split(".")[0]: v for k, v in inputs_in(list_card([item], "sv")).items()}
    for values in (single, row):
        assert values["done_text"] == item.mine.done_text
        assert values["support_text"] == item.mine.support_text
    assert HOSTILE in item.mine.done_text  # the words are the hostile ones, not made safe
