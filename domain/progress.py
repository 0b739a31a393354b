"""How far a round has come, counted ONE way for the styrgrupp card and `folja round status`.

- An action is answered when it has at least one report in the round (any of its parties, or a
  coordinator answering for one).
- A person is asked when they hold a role that owns an action of the round. A person has
  answered when nothing is waiting for them: on each of their actions, their role has been
  answered (by them, a colleague in the same role, or someone answering for the role).
- A role that owns an action but that nobody holds is nobody's to answer: it is listed once as
  "without a person", not as a person who has not answered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


class _Role(Protocol):
    """Read-only shapes: the frozen dataclasses of domain/summary.py and services fit them."""

    @property
    def role_id(self) -> int: ...
    @property
    def name(self) -> str: ...


class _Action(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def roles(self) -> tuple[_Role, ...]: ...


class _Report(Protocol):
    @property
    def action_id(self) -> int: ...
    @property
    def person_id(self) -> int | None: ...
    @property
    def role_id(self) -> int | None: ...


class _Person(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def role_ids(self) -> tuple[int, ...]: ...
    @property
    def reachable(self) -> bool: ...


@dataclass(frozen=True)
class Progress:
    actions_answered: int
    actions_total: int
    people_answered: int
    people_total: int


@dataclass(frozen=True)
class PendingPerson:
    """Someone the round is still waiting for: their roles there and how many actions are open."""

    person_id: int
    name: str
    roles: tuple[str, ...]
    open_actions: int
    reachable: bool = True


@dataclass(frozen=True)
class Waiting:
    progress: Progress
    pending: tuple[PendingPerson, ...]  # by name
    roles_without_person: tuple[str, ...]  # by name


def answered_action_ids(actions: Iterable[_Action], reports: Iterable[_Report]) -> set[int]:
    reported = {r.action_id for r in reports}
    return {a.id for a in actions if a.id in reported}


def waiting(actions: tuple[_Action, ...], reports: tuple[_Report, ...],
            people: tuple[_Person, ...]) -> Waiting:
    """Who the round waits for, and the counts the card and the CLI both show."""
    holders: dict[int, list[_Person]] = defaultdict(list)
    for person in people:
        for role_id in person.role_ids:
            holders[role_id].append(person)
    by_action: dict[int, list[_Report]] = defaultdict(list)
    for report in reports:
        by_action[report.action_id].append(report)
    asked: dict[int, _Person] = {}
    open_roles: dict[int, dict[str, None]] = defaultdict(dict)  # person → role names (ordered)
    open_actions: dict[int, set[int]] = defaultdict(set)
    unheld: dict[str, None] = {}
    for action in actions:
        done_roles = {r.role_id for r in by_action[action.id]}
        done_people = {r.person_id for r in by_action[action.id]}
        for role in action.roles:
            people_of_role = holders.get(role.role_id, [])
            if not people_of_role:
                unheld[role.name] = None
            answered = role.role_id in done_roles or any(p.id in done_people
                                                         for p in people_of_role)
            for person in people_of_role:
                asked[person.id] = person
                if not answered:
                    open_roles[person.id][role.name] = None
                    open_actions[person.id].add(action.id)
    pending = tuple(sorted(
        (PendingPerson(pid, asked[pid].name, tuple(roles), len(open_actions[pid]),
                       asked[pid].reachable) for pid, roles in open_roles.items()),
        key=lambda p: p.name.lower()))
    progress = Progress(len(answered_action_ids(actions, reports)), len(actions),
                        len(asked) - len(pending), len(asked))
    return Waiting(progress, pending, tuple(sorted(unheld, key=str.lower)))
