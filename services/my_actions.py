"""What "mina åtgärder" answers: the asker's actions in the open rounds, to report on, and their
actions in every other district they are bound in, with the latest status; one read for one reply.

A person may be bound in several districts (a kommunpolis serving two), and a round is opened per
district: when only some of them have a round open, the others still show, beside the list.
With no open round at all, the lookup's answer to the question is the whole reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.followup import ReportItem
from domain.model import Person
from services import lookups
from services.lookup_access import Place
from services.lookups import LookupCache, LookupResult
from services.reports import my_items
from storage.db import Database


@dataclass(frozen=True)
class MyActions:
    """The report list's items (open rounds) and the lookup's answer for the other districts
    (None: nothing more to show; with no items, the answer to the whole question)."""

    items: list[ReportItem] = field(default_factory=list)
    elsewhere: LookupResult | None = None


async def my_actions(db: Database, cache: LookupCache, text: str, person: Person | None, *,
                     zone: ZoneInfo, place: Place, coordinators: tuple[str, ...],
                     lang: str) -> MyActions:
    """Every action `person` answers for: in open rounds as items, elsewhere as the lookup's
    answer (a few queries per district, never one per action)."""
    items = await my_items(db, person.id) if person else []
    if not items:
        return MyActions([], await lookups.ask(db, cache, text, person, zone=zone, place=place,
                                               coordinators=coordinators, lang=lang))
    listed = {item.district for item in items}
    rest = await lookups.mine(db, cache, person, zone=zone, place=place,
                              coordinators=coordinators, lang=lang, leave_out=listed)
    found = [p for p in rest.parts if p.answer.groups] if rest else []
    return MyActions(items, lookups.joined(found))
