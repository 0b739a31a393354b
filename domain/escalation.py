"""Who missed two rounds in a row: the rule behind the coordinators' digest.

A round counts once it is finished (closed, or its due date has passed). A person missed it when
they owned actions in it and none of them got an answer (from them or for their role). Rounds in
which a person owned nothing do not break their run. An escalation is one event: the person's
latest finished round is their second miss in a row; it is named by that round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RoundOutcome:
    """One finished round: who owned actions in it, and who of them left all of them open."""

    round_id: int
    asked: frozenset[int]
    silent: frozenset[int]


def finished(due_date: date | None, closed: bool, today: date) -> bool:
    return closed or (due_date is not None and due_date < today)


def missed_twice(outcomes: list[RoundOutcome]) -> dict[int, tuple[int, int]]:
    """person id → (previous round id, latest round id) for each person whose two latest
    finished rounds (of those they owned actions in, `outcomes` oldest first) were both missed."""
    history: dict[int, list[RoundOutcome]] = {}
    for outcome in outcomes:
        for person_id in outcome.asked:
            history.setdefault(person_id, []).append(outcome)
    found = {}
    for person_id, rounds in history.items():
        if len(rounds) >= 2 and all(person_id in r.silent for r in rounds[-2:]):
            found[person_id] = (rounds[-2].round_id, rounds[-1].round_id)
    return found
