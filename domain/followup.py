"""Follow-up rounds and the status reports owners give in them. Pure: no I/O, no SDK.

A round asks every owner of the plan's active actions (or of some areas) for a status; each save
is a new, immutable `StatusReport` version, so the history is kept and the latest wins.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from domain.indicators import Owed
from domain.personal_data import contains_personal_number
from domain.status import Status

MAX_TEXT = 4000
MAX_OCCASIONS = 10_000


class RoundState(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class StatusInput:
    """What someone wants to save; the person comes from the activity, never from here."""

    round_id: int
    action_id: int
    status: Status
    done_text: str = ""
    occasions: int | None = None
    needs_support: bool = False
    support_text: str = ""
    idempotency_key: str | None = None
    # The id of this person's version the form was drawn from (0: none yet); None skips the
    # stale-card check (the text dialog and the CLI have no card that could be old).
    base: int | None = None


@dataclass(frozen=True)
class StatusReport:
    """One saved version of one person's status for one action in one round."""

    id: int
    round_id: int | None
    action_id: int
    person_id: int | None
    role_id: int | None
    version: int
    status: Status
    done_text: str
    occasions: int | None
    needs_support: bool
    support_text: str
    source: str
    created_at: datetime
    person_name: str = ""
    role_name: str = ""
    attributed_to: str = ""
    acted_by_id: int | None = None  # a stand-in wrote it for person_id; attributed_to: their name

    @property
    def standin_name(self) -> str:
        """The stand-in who answered for the owner ("" for the owner's own answer)."""
        return self.attributed_to if self.acted_by_id is not None else ""

    # The names services/exports.py reads: the party speaking, its text, and when.
    @property
    def party(self) -> str:
        return self.role_name or self.person_name or self.attributed_to

    @property
    def text(self) -> str:
        return self.done_text

    @property
    def at(self) -> datetime:
        return self.created_at


@dataclass(frozen=True)
class Round:
    id: int
    plan_id: int
    label: str
    due_date: date | None
    area_ids: tuple[int, ...]
    state: RoundState
    opened_at: datetime
    closed_at: datetime | None = None
    opened_by: str = ""
    reminder_days_before: int | None = None
    city_round_id: int | None = None  # the rounds opened together in every district

    @property
    def is_open(self) -> bool:
        return self.state is RoundState.OPEN


@dataclass(frozen=True)
class FieldError:
    """A problem with one input, named by an i18n key (shown on the card beside the field)."""

    field: str
    key: str
    values: dict = dataclasses.field(default_factory=dict)


def check_input(data: StatusInput, *, counts_occasions: bool) -> tuple[FieldError, ...]:
    """What is wrong with `data` as the user typed it; empty when it may be stored."""
    errors: list[FieldError] = []
    texts = {"done_text": data.done_text, "support_text": data.support_text}
    for name, text in texts.items():
        if len(text) > MAX_TEXT:
            errors.append(FieldError(name, "fu_err_too_long", {"max": MAX_TEXT, "n": len(text)}))
        elif contains_personal_number(text):
            errors.append(FieldError(name, "fu_err_personal_number"))
    if data.status.needs_text and not data.done_text.strip() and "done_text" not in {
        e.field for e in errors
    }:
        errors.append(FieldError("done_text", "fu_err_done_required"))
    if data.needs_support and not data.support_text.strip():
        errors.append(FieldError("support_text", "fu_err_support_required"))
    if data.occasions is not None and contains_personal_number(str(data.occasions)):
        # a number field still takes ten digits: refused whether the action counts or not
        errors.append(FieldError("occasions", "fu_err_personal_number"))
    elif counts_occasions and data.occasions is not None and not (
        0 <= data.occasions <= MAX_OCCASIONS
    ):
        errors.append(FieldError("occasions", "fu_err_occasions"))
    return tuple(errors)


@dataclass(frozen=True)
class ReportItem:
    """Everything a report card shows about one action for one person in one round."""

    round: Round
    action_id: int
    area_name: str
    title: str
    goal: str
    when_text: str
    counts_occasions: bool
    owners: tuple[str, ...]
    previous: tuple[StatusReport, ...] = ()
    mine: StatusReport | None = None
    owner_ids: tuple[str, ...] = ()  # the holders' Teams user ids (a card's refresh userIds)
    viewer_id: str = ""  # the Teams user id of the person this item was drawn for, if known
    district: str = ""  # the plan's district: a list spanning districts is headed by each

    @property
    def base(self) -> int:
        """The version the card was built on: part of the idempotency key of a save."""
        return self.mine.id if self.mine else 0


class Composer(Protocol):
    """Turns follow-up data into Activity JSON; the edges pass one (cards live outside services)."""

    def prompt(self, items: list[ReportItem], lang: str, *, reminder: bool, today: date) -> dict:
        ...

    def notice(self, key: str, lang: str, **values: object) -> dict:
        ...

    def with_indicators(self, activity: dict, owed: Owed, lang: str) -> dict:
        """The prompt `activity` with the indicators the person owes (domain/indicators.py)."""
        ...
