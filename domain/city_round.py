"""A city round: one round in every district's active plan, opened together.

Pure. The rounds share a label and a due date; a person who owns actions in several districts
is asked once for all of them, and the beredningsgrupp sees one roll-up card per city round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.city import CityStatus


@dataclass(frozen=True)
class CityRound:
    id: int
    label: str
    due_date: date | None
    opened_at: datetime


@dataclass(frozen=True)
class DistrictPlanRef:
    """A district and the plan of it a city round opens its round in (its newest active one)."""

    district_id: int
    district: str
    plan_id: int
    year: int


def city_round_key(label: str, due: date | None) -> str:
    """What makes two openings the same city round: the label (any case or spacing) and due date."""
    return f"{' '.join(label.split()).casefold()}|{due.isoformat() if due else ''}"[:300]


@dataclass(frozen=True)
class CityRoundView:
    """What the city card shows: the city round and its roll-up (lights per district and area)."""

    city_round_id: int
    label: str
    due_date: date | None
    status: CityStatus
