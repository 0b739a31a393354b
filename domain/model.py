"""Plain, immutable views of the plan; what services hand to the edges and templates."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.when import When

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def full_title(title: str, *sources: str) -> str:
    """An action's title in full: the importer stores a long first sentence shortened with "…"
    (a name to match and to fit buttons); this gives the sentence back whole from the text it
    was taken from (`sources`: action text, problem, cause), so cards and reports can wrap it.
    """
    title = " ".join((title or "").split())
    if not title:
        return next((" ".join(s.split()) for s in sources if s and s.strip()), "")
    if not title.endswith("…"):
        return title
    head = title[:-1]
    for source in sources:
        flat = " ".join((source or "").split())
        if head and flat.startswith(head):
            return _SENTENCE_END.split(flat, maxsplit=1)[0].rstrip(".")
    return title


class Organisation(enum.StrEnum):
    """Which party a role belongs to; the follow-up is reported per party."""

    POLICE = "polis"
    SOCIAL_SERVICES = "socialtjanst"
    SCHOOL = "skola"
    DISTRICT = "stadsdelsforvaltning"
    OTHER = "annan"


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class ActionStatus(enum.StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


@dataclass(frozen=True)
class Role:
    id: int
    name: str
    organisation: Organisation
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    id: int
    email: str | None
    display_name: str
    aad_object_id: str | None = None
    teams_user_id: str | None = None
    tenant_id: str | None = None
    language: str = "sv"
    away_until: date | None = None
    unreachable: bool = False  # a send was refused (blocked, uninstalled) since they last wrote


@dataclass(frozen=True)
class Responsibility:
    """One role's part in one action; `lead` when the plan names it sammankallande/ansvarig."""

    role: Role
    lead: bool = False
    people: tuple[Person, ...] = ()


@dataclass(frozen=True)
class Action:
    id: int
    area_id: int
    position: int
    title: str
    problem: str
    cause: str
    action_text: str
    goal: str
    when: When
    who_text: str
    status: ActionStatus = ActionStatus.ACTIVE
    imported_follow_up: str = ""
    responsibilities: tuple[Responsibility, ...] = ()

    @property
    def lead_roles(self) -> tuple[Role, ...]:
        return tuple(r.role for r in self.responsibilities if r.lead)

    @property
    def full_title(self) -> str:
        """The title in full, for cards and reports, where it wraps (see `full_title`)."""
        return full_title(self.title, self.action_text, self.problem, self.cause)


# "[Eget prioriterat område]": a name that is one bracketed text, as the template's blanks are.
_PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")


def is_placeholder_area(name: str, actions: int) -> bool:
    """An area the district never filled in: no actions, and a bracketed template name.

    The template ships a "[Eget prioriterat område]" sheet for the district's own area; left
    empty, it is no area of the plan, so reports, summaries and lookups leave it out. A real
    area without actions (a standard area the district has nothing for yet) is still shown.
    """
    return actions == 0 and _PLACEHOLDER.fullmatch(" ".join((name or "").split())) is not None


@dataclass(frozen=True)
class Area:
    id: int
    position: int
    name: str
    custom: bool = False
    actions: tuple[Action, ...] = ()

    @property
    def placeholder(self) -> bool:
        """The template's unfilled area sheet, never shown to users (see `is_placeholder_area`)."""
        return is_placeholder_area(self.name, len(self.actions))


@dataclass(frozen=True)
class District:
    """A district (stadsdelsområde): one plan a year, its own coordinators and styrgrupp."""

    id: int
    name: str


@dataclass(frozen=True)
class Plan:
    id: int
    year: int
    district: str
    police_area: str = ""
    title: str = ""
    status: PlanStatus = PlanStatus.ACTIVE
    source_file: str = ""
    areas: tuple[Area, ...] = ()
    created_at: datetime | None = None

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for area in self.areas for a in area.actions)

    @property
    def name(self) -> str:
        return f"{self.district} {self.year}".strip()


@dataclass(frozen=True)
class PlanSummary:
    """One line of `folja plan list`."""

    id: int
    year: int
    district: str
    status: PlanStatus
    areas: int
    actions: int
    district_id: int | None = None


@dataclass(frozen=True)
class ConversationRef:
    """Where Följa can write to a person or a channel without being spoken to first."""

    conversation_id: str
    service_url: str
    channel_id: str = "msteams"
    tenant_id: str | None = None
    bot_id: str | None = None
    bot_name: str | None = None
    user_id: str | None = None
    is_group: bool = False
    extra: dict = field(default_factory=dict)
