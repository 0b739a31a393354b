"""What a reminder and a coordinator's digest say, as data the cards turn into messages.

A reminder names nobody: it carries the person's own open actions and, per round, only counts
("6 av 9 har svarat"). The digest goes to a coordinator alone and names the people who missed
two rounds in a row, with their open actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from domain.indicators import Owed


@dataclass(frozen=True)
class OpenAction:
    round_id: int
    action_id: int
    title: str


@dataclass(frozen=True)
class RoundPart:
    """One open round of one plan in a person's reminder: where, when, how far, what is open."""

    district: str
    plan_name: str
    round_label: str
    due_date: date | None
    people_answered: int
    people_total: int
    actions: tuple[OpenAction, ...]
    for_name: str = ""  # the owner a stand-in is reminded for, in a reminder of several owners


@dataclass(frozen=True)
class MissedPerson:
    """Someone who missed two rounds in a row, with what is still open of theirs."""

    name: str
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Escalation:
    """One coordinator digest: a plan's round that was the second one missed by these people."""

    district: str
    plan_name: str
    round_label: str
    previous_label: str
    people: tuple[MissedPerson, ...]


class ReminderComposer(Protocol):
    """Turns the content above into activities (cards/reminders.py implements it)."""

    def reminder(self, parts: list[RoundPart], lang: str, today: date,
                 for_name: str = "") -> dict: ...

    def escalation(self, digest: Escalation, lang: str) -> dict: ...

    def with_indicators(self, activity: dict, owed: Owed, lang: str) -> dict:
        """The reminder `activity` with the indicators the person still owes."""
        ...


def by_district(parts: list[RoundPart]) -> list[tuple[str, list[RoundPart]]]:
    """The parts grouped by district (first seen first), each group's rounds by due date."""
    groups: dict[str, list[RoundPart]] = {}
    for part in parts:
        groups.setdefault(part.district, []).append(part)
    return [(d, sorted(g, key=lambda p: (p.due_date or date.max, p.round_label)))
            for d, g in groups.items()]
