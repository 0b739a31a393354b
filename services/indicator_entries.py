"""One entry from an owner's card, and what the same person still owes for that period.

The list card of a prompt answers a save with the rows still missing, so the card stays the
owner's to-do list; `enter` gives both from one call (the save, then a read after it).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.indicators import Indicator
from domain.model import Person
from services.indicators import Recorded, missing_values, record_measurement
from storage.db import Database


@dataclass(frozen=True)
class Entered:
    """The save's outcome and, when saved, the person's indicators still without the period's
    entry (in the plan of the one just saved)."""

    recorded: Recorded
    remaining: tuple[Indicator, ...] = ()


async def enter(db: Database, person: Person, indicator_id: int, period: str,
                value: float | None, reason: str, note: str, *,
                coordinators: tuple[str, ...] = ()) -> Entered:
    """Record the entry (services.indicators.record_measurement decides) and list what is left."""
    recorded = await record_measurement(db, person, indicator_id, period, value, reason, note,
                                        coordinators=coordinators)
    if not recorded.saved or recorded.indicator is None:
        return Entered(recorded)
    key = str(recorded.values.get("period", period))
    plan_id = recorded.indicator.plan_id
    left = await missing_values(db, person.id, key)
    return Entered(recorded, tuple(i for i in left if i.plan_id == plan_id))
