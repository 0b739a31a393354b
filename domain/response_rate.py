"""How well a round is answered: the share of duties answered, how long the first answer took,
and how many reminders it took per answer. Pure: storage hands over one round's duties, first
answers and reminder count (a fixed number of queries however many people there are).

Definitions, so that the CLI, the styrgrupp card and the year-end report agree:
- A duty is one (action, owning role) the round asks about. It is answered by the round's first
  report for that role; a report with no role (a coordinator answering for the action) answers
  every role of the action at once.
- Time to answer runs from the round's opening (`rounds.opened_at`), not from when a prompt was
  delivered: the opening is the moment the steering group asked, is the same for everyone, and
  a prompt that waited in the outbox (an unreachable owner) is part of the delay being measured.
- Reminders per answer = reminders sent in the round (outbox rows of kind "reminder" that were
  delivered) / answered duties. Reminders go to people, not roles, so per role it is not given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import median


@dataclass(frozen=True)
class Duty:
    action_id: int
    role_id: int
    role: str


@dataclass(frozen=True)
class FirstAnswer:
    """The earliest report in the round for (action, role); role_id None: for every role."""

    action_id: int
    role_id: int | None
    at: datetime


@dataclass(frozen=True)
class RateInput:
    round_id: int
    label: str
    district: str
    opened_at: datetime
    duties: tuple[Duty, ...]
    answers: tuple[FirstAnswer, ...]
    reminders: int


@dataclass(frozen=True)
class Rate:
    asked: int
    answered: int
    median_hours: float | None  # None: nothing answered yet
    reminders: int | None = None  # None: not counted at this level (per role)

    @property
    def share(self) -> float | None:
        return self.answered / self.asked if self.asked else None

    @property
    def reminders_per_answer(self) -> float | None:
        if self.reminders is None or not self.answered:
            return None
        return self.reminders / self.answered


@dataclass(frozen=True)
class ResponseRate:
    round_id: int
    label: str
    district: str
    overall: Rate
    by_role: tuple[tuple[str, Rate], ...]  # role name → its rate, in name order


def _first_answers(data: RateInput) -> dict[tuple[int, int], datetime]:
    """(action, role) → when its first answer came."""
    roles_of: dict[int, list[int]] = {}
    for duty in data.duties:
        roles_of.setdefault(duty.action_id, []).append(duty.role_id)
    first: dict[tuple[int, int], datetime] = {}
    for answer in data.answers:
        roles = roles_of.get(answer.action_id, []) if answer.role_id is None else [answer.role_id]
        for role_id in roles:
            key = (answer.action_id, role_id)
            if key not in first or answer.at < first[key]:
                first[key] = answer.at
    return first


def _rate(duties: list[Duty], first: dict[tuple[int, int], datetime], opened: datetime,
          reminders: int | None) -> Rate:
    waits = [(first[(d.action_id, d.role_id)] - opened).total_seconds() / 3600
             for d in duties if (d.action_id, d.role_id) in first]
    return Rate(len(duties), len(waits), median(waits) if waits else None, reminders)


def response_rate(data: RateInput) -> ResponseRate:
    """The round's rate overall and per role (definitions in the module docstring)."""
    duties = list(dict.fromkeys(data.duties))
    first = _first_answers(data)
    roles = sorted({d.role for d in duties})
    return ResponseRate(
        data.round_id, data.label, data.district,
        _rate(duties, first, data.opened_at, data.reminders),
        tuple((role, _rate([d for d in duties if d.role == role], first, data.opened_at, None))
              for role in roles))
