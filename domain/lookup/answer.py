"""From a question to what to show: one action, a short list to choose from, a role's, person's
or area's actions grouped by area, or the closest suggestions when nothing fits.

Pure: the index holds the plan and the latest statuses; the asker is a person id from the
activity (never from card data).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from domain.lookup.index import Hit, Kind, LookupIndex
from domain.lookup.question import Ask, Question
from domain.model import Action, Area

MIN_SCORE = 0.45  # below this a hit is only a suggestion
CLOSE = 0.9  # hits within this share of the best one are "just as good": let the user choose
MAX_CHOICES = 5

_KINDS: dict[Ask, frozenset[Kind]] = {
    Ask.OWNER: frozenset({Kind.ACTION, Kind.AREA}),
    Ask.HOLDINGS: frozenset({Kind.ROLE, Kind.PERSON}),
    Ask.AREA: frozenset({Kind.AREA}),
}


class Show(enum.StrEnum):
    ACTION = "action"
    CHOICES = "choices"
    GROUP = "group"
    MINE = "mine"
    NONE = "none"


@dataclass(frozen=True)
class Answer:
    question: Question
    show: Show
    hits: tuple[Hit, ...] = ()  # best first: the choices, or the suggestions
    subject: Hit | None = None  # the action, role, person or area answered about
    groups: tuple[tuple[Area, tuple[Action, ...]], ...] = ()


def answer(index: LookupIndex, question: Question, asker_id: int | None = None) -> Answer:
    """The answer to `question` over `index`; never raises for odd input."""
    if question.ask is Ask.MINE:
        mine = _grouped(index, lambda a: _held_by(a, asker_id)) if asker_id else ()
        return Answer(question, Show.MINE, groups=mine)
    hits = _search(index, question)
    if not hits or hits[0].score < MIN_SCORE:
        suggestions = tuple(hits or index.search(question.subject) or index.suggest(question.subject))
        return Answer(question, Show.NONE, hits=suggestions[:3])
    top = hits[0]
    if top.kind is Kind.ACTION:
        close = [h for h in hits if h.kind is Kind.ACTION and h.score >= top.score * CLOSE]
        if len(close) > 1:
            return Answer(question, Show.CHOICES, hits=tuple(close[:MAX_CHOICES]), subject=top)
        return Answer(question, Show.ACTION, hits=(top,), subject=top)
    return Answer(question, Show.GROUP, hits=(top,), subject=top, groups=groups_for(index, top))


def _search(index: LookupIndex, question: Question) -> list[Hit]:
    kinds = _KINDS.get(question.ask)
    hits = index.search(question.subject, kinds)
    if kinds is not None and (not hits or hits[0].score < MIN_SCORE):
        hits = index.search(question.subject)
    return hits


def groups_for(index: LookupIndex, subject: Hit) -> tuple[tuple[Area, tuple[Action, ...]], ...]:
    """The subject's actions grouped by area, in plan order."""
    if subject.kind is Kind.AREA:
        return _grouped(index, lambda a: a.area_id == subject.id)
    if subject.kind is Kind.ROLE:
        return _grouped(index, lambda a: any(r.role.id == subject.id for r in a.responsibilities))
    if subject.kind is Kind.PERSON:
        return _grouped(index, lambda a: _held_by(a, subject.id))
    return _grouped(index, lambda a: a.id == subject.id)


def _held_by(action: Action, person_id: int | None) -> bool:
    return any(p.id == person_id for r in action.responsibilities for p in r.people)


def _grouped(index: LookupIndex, keep) -> tuple[tuple[Area, tuple[Action, ...]], ...]:
    out = []
    for area in index.plan.areas:
        actions = tuple(a for a in area.actions if keep(a))
        if actions:
            out.append((area, actions))
    return tuple(out)
