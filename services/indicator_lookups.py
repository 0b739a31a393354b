"""Indicator questions in a chat: the latest value and the trend of the indicators a question
names, from the asker's own district's newest plan first (then the other districts').

A note is free text: it follows the rule of status free text (services/lookup_access.py): in the
asker's personal chat for the indicator's owner and the plan's coordinators, in the plan's
styrgrupp channel for everyone there, nowhere else. The reason for "ingen data" is part of the
result (the reports show it) and is always shown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.indicator_results import IndicatorResult
from domain.lookup.indicator_question import IndicatorQuestion, matching
from domain.model import Person
from services.indicators import judged
from services.lookup_access import PERSONAL, Place
from storage.db import Database
from storage.repository import Repository


@dataclass(frozen=True)
class IndicatorAnswer:
    """The indicators found, per district (own first); notes already removed where not allowed."""

    found: tuple[tuple[str, tuple[IndicatorResult, ...]], ...]

    @property
    def empty(self) -> bool:
        return not any(results for _, results in self.found)


async def _notes_for(repo: Repository, asker: Person | None, place: Place, plan_id: int,
                     owned: set[int], coordinators: tuple[str, ...]) -> set[int] | None:
    """None: every note of the plan may be shown; else the indicator ids whose notes may."""
    if place.kind != PERSONAL:
        header = await repo.plan_header(plan_id)
        steering = header[2] if header else None
        return None if steering and steering == place.base_conversation else set()
    if asker is not None and ((asker.email or "").lower() in coordinators
                              or await repo.is_coordinator(asker.id, plan_id)):
        return None
    return owned


def _redacted(result: IndicatorResult, allowed: set[int] | None) -> IndicatorResult:
    if allowed is None or result.indicator.id in allowed:
        return result
    return replace(result, series=tuple(replace(m, note="") for m in result.series))


async def ask_indicators(db: Database, question: IndicatorQuestion, asker: Person | None,
                         place: Place, coordinators: tuple[str, ...] = ()) -> IndicatorAnswer:
    """The indicators the question names, in every district's newest plan, own district first."""
    async with db.transaction() as repo:
        plans = await repo.lookup_plans(asker.id if asker else None, place.base_conversation)
        results = await judged(repo, [plan_id for plan_id, _, _ in plans])
        owned = ({i.id for i in await repo.indicators_of_person(asker.id)} if asker else set())
        found = []
        for plan_id, district, _own in plans:
            wanted = {i.id for i in matching([r.indicator for r in results[plan_id]],
                                             question.subject)}
            if not wanted:
                continue
            allowed = await _notes_for(repo, asker, place, plan_id, owned, coordinators)
            found.append((district, tuple(_redacted(r, allowed) for r in results[plan_id]
                                          if r.indicator.id in wanted)))
    return IndicatorAnswer(tuple(found))
