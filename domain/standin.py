"""Stand-ins (ersättare): who receives an owner's prompts, and the typed command's parts.

Pure, so the rule "who receives for whom" is one function that prompts, reminders and the save
all rely on, and the command's wording can be tested without a chat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_EMAIL = re.compile(r"[^\s@<>()\"',;]+@[^\s@<>()\"',;]+\.[^\s@<>()\"',;]+")
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_FOR = re.compile(r"(?:^|\s)(?:för|for)\s+(\S+@\S+)", re.IGNORECASE)


@dataclass(frozen=True)
class StandIn:
    """One stand-in record: `standin_id` receives and answers for `person_id` to `until`."""

    id: int
    person_id: int
    standin_id: int
    until: date
    created_at: datetime
    ended_at: datetime | None = None

    def active_on(self, day: date) -> bool:
        """Active through `until` (inclusive) unless ended early; the date passing ends it."""
        return self.ended_at is None and day <= self.until


def receivers(person_ids: list[int] | set[int], standins: list[StandIn], day: date
              ) -> dict[int, int]:
    """Owner id → the person who receives their prompts and reminders on `day` (only owners
    with an active stand-in are listed). The newest record wins if several are active."""
    out: dict[int, int] = {}
    for s in sorted(standins, key=lambda s: s.id):
        if s.person_id in person_ids and s.active_on(day):
            out[s.person_id] = s.standin_id
    return out


@dataclass(frozen=True)
class StandinCommand:
    """"ersättare E-POST [för E-POST] till ÅÅÅÅ-MM-DD": stand-in, owner (None: me), last day.
    `error` is a catalogue key when the text is not a command of that shape."""

    standin_email: str = ""
    owner_email: str | None = None
    until: date | None = None
    error: str = ""


def parse_standin(argument: str) -> StandinCommand:
    """The parts of the typed command (the trigger word already removed)."""
    owner = _FOR.search(argument)
    rest = argument[:owner.start()] + argument[owner.end():] if owner else argument
    emails = _EMAIL.findall(rest)
    day = _DATE.search(argument)
    if len(emails) != 1 or day is None:
        return StandinCommand(error="standin_usage")
    try:
        until = date.fromisoformat(day.group(1))
    except ValueError:
        return StandinCommand(error="standin_err_date")
    owner_email = owner.group(1).strip().lower().rstrip(".,;") if owner else None
    if owner_email is not None and not _EMAIL.fullmatch(owner_email):
        return StandinCommand(error="standin_usage")
    return StandinCommand(emails[0].strip().lower().rstrip(".,;"), owner_email, until)


def parse_end(argument: str) -> str | None:
    """"avsluta ersättare [för E-POST]": the owner's e-mail, or None (my own stand-in)."""
    found = _EMAIL.search(argument)
    return found.group(0).strip().lower().rstrip(".,;") if found else None
