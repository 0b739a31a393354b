"""Answers from busy people: thirty owners of two districts' real plans, four weeks around
Trettondedag jul, and the test's own statement of who is reminded when.

Kungsholmen follows the 2025 plan, Norrmalm the 2024 plan. Each role's holder behaves one way
("kind"): prompt (answers at once), unchanged (answers the first round, confirms it with
"oförändrat" in the second), snooze ("i morgon" in the first round, "på måndag" in the second),
away (away with a stand-in, who answers the first round), silent (never answers; hour and
tuesday are silent people with a preference; shared is silent in both districts).

The rounds are set relative to `start`, the Monday of the week of 2 January of the year after
the clock's: two rounds a district, the first due just after Trettondedag jul.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import holidays

from services.imports import import_workbook
from storage.db import Database
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2024, PLAN_2025
from tests.reminder_world import World, _coordinators, _hold, _owning_roles, _person

FIRST = {"Kungsholmen": ("shared", "hour", "tuesday", "away", "snooze", "unchanged"),
         "Norrmalm": ("shared", "away", "snooze", "unchanged")}
CYCLE = ("prompt", "silent", "unchanged", "prompt", "snooze", "silent")
NOT_OWNERS = ("coordinator", "standin")


@dataclass
class BusyWorld(World):
    standin_of: dict[int, int] = field(default_factory=dict)  # away owner → their stand-in

    @property
    def owners(self) -> set[int]:
        return {p for p, k in self.kind.items() if k not in NOT_OWNERS}


async def build_busy_world(db: Database, tmp: Path) -> BusyWorld:
    world = BusyWorld()
    for district, plan, year in (("Kungsholmen", PLAN_2025, 2025), ("Norrmalm", PLAN_2024, 2024)):
        path = build_workbook(plan, tmp / f"plan-{district}.xlsx")
        world.plans[district] = (await import_workbook(db, path, year=year,
                                                       district=district)).plan_id
    count, shared = 0, None
    for district, first in FIRST.items():
        for index, (role_id, _name) in enumerate(await _owning_roles(db, world.plans[district])):
            kind = first[index] if index < len(first) else CYCLE[index % len(CYCLE)]
            if kind == "shared" and shared is not None:
                await _hold(db, world, shared, role_id, district)
                continue
            count += 1
            pid = await _person(db, world, count, kind)
            await _hold(db, world, pid, role_id, district)
            shared = pid if kind == "shared" else shared
    await _coordinators(db, world, count)
    count += 3
    for owner in sorted(world.of_kind("away")):
        count += 1
        world.standin_of[owner] = await _person(db, world, count, "standin")
    return world


def working(day: date) -> bool:
    """The test's own working day: Monday to Friday and no Swedish public holiday."""
    return day.weekday() < 5 and day not in holidays.Sweden(years=day.year)


def on_or_after(day: date) -> date:
    while not working(day):
        day += timedelta(days=1)
    return day


def on_or_before(day: date) -> date:
    while not working(day):
        day -= timedelta(days=1)
    return day


def start_of(today: date) -> date:
    """The Monday of the week holding 2 January of next year: four weeks from it hold
    Trettondedag jul (6 January) and New Year's Day, whatever weekday they fall on."""
    second = date(today.year + 1, 1, 2)
    return second - timedelta(days=second.weekday())


@dataclass(frozen=True)
class PlannedRound:
    label: str
    district: str
    opens: date
    due: date
    previous: str | None  # the district's round this one closes when it opens


def planned_rounds(start: date) -> list[PlannedRound]:
    """K1 is due on the Wednesday after next (the week of Trettondedag jul or the one after),
    N1 on that Friday; the second rounds open in week three and are due in week four."""
    at = lambda n: start + timedelta(days=n)  # noqa: E731
    return [PlannedRound("K1", "Kungsholmen", on_or_after(at(0)), at(9), None),
            PlannedRound("N1", "Norrmalm", on_or_after(at(1)), at(11), None),
            PlannedRound("K2", "Kungsholmen", on_or_after(at(14)), at(22), "K1"),
            PlannedRound("N2", "Norrmalm", on_or_after(at(15)), at(24), "N1")]


def slots(rnd: PlannedRound, weekday: int | None) -> set[date]:
    """Two days before the due date and on it, each moved back to a working day; a preferred
    weekday in the week ending on the due date replaces them when it is a working day after
    the opening."""
    if weekday is not None:
        chosen = rnd.due - timedelta(days=(rnd.due.weekday() - weekday) % 7)
        if working(chosen) and chosen > rnd.opens:
            return {chosen}
    return {on_or_before(rnd.due - timedelta(days=2)), on_or_before(rnd.due)}
