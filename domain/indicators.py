"""Effect indicators: did the problem shrink, not only was the action done (Brå's method).

An indicator belongs to a priority area of a plan, or to one problem within it; it has a
source, a unit, a direction (lower or higher is better), a baseline, a target and an owning
role. Measurements are append-only: every entry is a new row and the latest per period wins, so
a corrected value keeps what it replaced. "Ingen data" with a reason is a measurement too.

Periods are keys people can read and sort: "2025" (a year) or "2026-T1" (a tertial:
T1 January-April, T2 May-August, T3 September-December).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

_PERIOD = re.compile(r"^\s*(20\d\d)\s*(?:[-/ ]?\s*[tT]\s*([123]))?\s*$")
_PERIOD_FIRST = re.compile(r"^\s*[tT]\s*([123])\s*[-/ ]?\s*(20\d\d)\s*$")


class Source(enum.StrEnum):
    TRYGGHETSMATNING = "trygghetsmatning"
    NTU = "ntu"
    POLICE_STATISTICS = "polisens_statistik"
    OWN_COUNT = "egen_rakning"
    OTHER = "annan"


class Direction(enum.StrEnum):
    LOWER = "lower"  # fewer crimes, less insecurity: lower is better
    HIGHER = "higher"


def parse_period(text: object) -> str | None:
    """"2026-T1" from "2026-T1", "2026 t1", "T1 2026", 2026 (a year cell); None otherwise."""
    raw = str(int(text)) if isinstance(text, float) and text.is_integer() else str(text or "")
    if m := _PERIOD.match(raw):
        return m.group(1) + (f"-T{m.group(2)}" if m.group(2) else "")
    if m := _PERIOD_FIRST.match(raw):
        return f"{m.group(2)}-T{m.group(1)}"
    return None


def period_key(period: str) -> tuple[int, int]:
    """Sort order: a year before its tertials would be odd; a year sorts after its T3."""
    year, _, tertial = period.partition("-T")
    return int(year), int(tertial) if tertial else 4


def period_year(period: str) -> int:
    return int(period[:4])


def tertial_of(day: date) -> str:
    """The tertial a day falls in: what a reminder asks about."""
    return f"{day.year}-T{(day.month - 1) // 4 + 1}"


@dataclass(frozen=True)
class Indicator:
    id: int
    plan_id: int
    area_id: int
    area_name: str
    name: str
    source: Source
    direction: Direction
    unit: str = ""
    problem: str = ""  # "" = the whole area
    baseline_value: float | None = None
    baseline_period: str = ""
    target_value: float | None = None
    target_period: str = ""
    role_id: int | None = None
    owner_text: str = ""  # Ansvarig as written; role_id is the role it names
    position: int = 0
    area_position: int = 0


@dataclass(frozen=True)
class Measurement:
    """One entry: a value, or no value (`value` None) with the reason why."""

    id: int
    indicator_id: int
    period: str
    value: float | None
    reason: str = ""
    note: str = ""
    entered_by: str = ""
    person_id: int | None = None
    at: datetime | None = None
    source: str = ""

    @property
    def no_data(self) -> bool:
        return self.value is None


def latest_per_period(measurements: Iterable[Measurement]) -> dict[str, Measurement]:
    """Per period the newest entry (the highest id is the latest save), in period order."""
    latest: dict[str, Measurement] = {}
    for m in measurements:
        if m.period not in latest or m.id > latest[m.period].id:
            latest[m.period] = m
    return {p: latest[p] for p in sorted(latest, key=period_key)}


def same_entry(m: Measurement | None, value: float | None, reason: str,
               note: str | None = None) -> bool:
    """Whether saving would repeat the latest entry (a re-import adds nothing); `note` None:
    the source has no notes (the workbook), so the stored one does not count."""
    if m is None or m.value != value or m.reason != reason:
        return False
    return note is None or m.note == note


@dataclass(frozen=True)
class Owed:
    """The indicators a person still owes a value for one period: the prompt's indicator rows."""

    period: str
    indicators: tuple[Indicator, ...] = ()
