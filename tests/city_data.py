"""Two districts' 2025 plans from the real seed plans, answered through the real services.

Kungsholmen imports the 2025 plan; Norrmalm the 2024 plan as its 2025 plan, with its areas
spelled the way another district might ("Otrygga platser och miljöer", capitals, a number).
Kungsholmen has a T1 round (everything it answered "delayed" or "on track") and a T2 round
that answers again; Norrmalm has only the T2 round. The expected numbers are in
tests/integration/test_city.py.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from cards.followup_messages import COMPOSER
from domain.followup import StatusInput
from domain.status import Status
from services.imports import import_workbook
from services.reports import record_status
from services.rounds import close_round, open_round
from storage.db import Database
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.more_variants import with_next_year
from tests.fixtures.seed_plans import PLAN_2024, PLAN_2025
from tests.indicator_data import add_indicator_sheet

COORDINATOR = "stadens.koordinator@stad.se"
T1_OPENED, T1_DUE = datetime(2025, 2, 3, 8, 0, tzinfo=UTC), date(2025, 3, 14)
T2_OPENED, T2_DUE = datetime(2025, 5, 12, 8, 0, tzinfo=UTC), date(2025, 6, 13)
SUPPORT_K = "Behöver <b>lokal</b> & *stöd* [här](http://x)"
SUPPORT_N = "Polisresurser kvällstid"
NORRMALM_NAMES = ("1. UNGA I RISKZON för destruktivt beteende", "Otrygga platser och miljöer",
                  "Systemhotade brottslighet", "Särskilt utsatta och sårbara brottsoffer.",
                  "Kriminella miljöer och livsstilar")


@dataclass
class City:
    plans: dict[str, int]  # district → plan id
    areas: dict[str, list[tuple[str, list[int]]]]  # district → (area name, action ids) in order
    flagged: dict[str, list[int]]  # district → actions whose latest answer needs support


def norrmalm_plan():
    plan = with_next_year(PLAN_2024, 2025)
    sheets = tuple(dataclasses.replace(s, area_name=n)
                   for s, n in zip(plan.sheets, NORRMALM_NAMES, strict=True))
    return dataclasses.replace(plan, sheets=sheets)


async def seed_city(db: Database, tmp: Path,
                    indicators: dict[str, list[list]] | None = None) -> City:
    """Import both plans, answer them (module docstring) and return what a test checks.
    `indicators`: district → the rows of an Indikatorer sheet added to its workbook."""
    plans = {}
    for district, seed in (("Kungsholmen", PLAN_2025), ("Norrmalm", norrmalm_plan())):
        path = build_workbook(seed, tmp / f"{district}.xlsx")
        if indicators and district in indicators:
            add_indicator_sheet(path, indicators[district])
        plans[district] = (await import_workbook(db, path, year=2025, district=district)).plan_id
    async with db.transaction() as repo:
        person = await repo.create_person(email=COORDINATOR, display_name="Stadens koordinator")
        areas = {d: [(a.name, [x.id for x in a.actions]) for a in
                     (await repo.get_plan(p)).areas if a.actions] for d, p in plans.items()}
    city = City(plans, areas, {})
    await _kungsholmen(db, city, person.id)
    await _norrmalm(db, city, person.id)
    return city


async def _answer(db: Database, round_id: int, action_id: int, status: Status, person: int,
                  now: datetime, support: str = "") -> None:
    data = StatusInput(round_id, action_id, status, done_text=f"Läget: {status.value}",
                       needs_support=bool(support), support_text=support)
    result = await record_status(db, data, person_id=person, now=now, coordinators=(COORDINATOR,))
    assert result.ok, result


async def _round(db: Database, district: str, label: str, opened: datetime, due: date) -> int:
    found = await open_round(db, f"{district} 2025", label=label, due=due, actor="test",
                             now=opened, compose=COMPOSER)
    return found.round.id


async def _kungsholmen(db: Database, city: City, person: int) -> None:
    (_, unga), (_, otrygga), (_, sarskilt), (_, kriminella) = city.areas["Kungsholmen"]
    t1 = await _round(db, "Kungsholmen", "T1", T1_OPENED, T1_DUE)
    for action_id in unga + otrygga:
        await _answer(db, t1, action_id, Status.DELAYED, person, T1_OPENED)
    for action_id in sarskilt[:5]:
        await _answer(db, t1, action_id, Status.ON_TRACK, person, T1_OPENED)
    await close_round(db, str(t1), actor="test", now=T2_OPENED)
    t2 = await _round(db, "Kungsholmen", "T2", T2_OPENED, T2_DUE)
    statuses = [Status.DONE] * 6 + [Status.ON_TRACK] * 2 + [Status.PARTIAL, Status.NOT_STARTED]
    await _answer(db, t2, unga[0], Status.DELAYED, person, T2_OPENED)  # then a newer version
    for action_id, status in zip(unga, statuses, strict=True):
        support = SUPPORT_K if status is Status.NOT_STARTED else ""
        await _answer(db, t2, action_id, status, person, T2_OPENED, support)
    for action_id, status in zip(otrygga[:3], (Status.DELAYED, Status.DELAYED, Status.DONE),
                                 strict=True):  # the fourth keeps its T1 answer
        await _answer(db, t2, action_id, status, person, T2_OPENED)
    for action_id, status in zip(kriminella, (Status.DISCONTINUED, Status.DONE), strict=True):
        await _answer(db, t2, action_id, status, person, T2_OPENED)
    city.flagged["Kungsholmen"] = [unga[-1]]


async def _norrmalm(db: Database, city: City, person: int) -> None:
    (_, unga), (_, otrygga), (_, _sarskilt), (_, kriminella) = city.areas["Norrmalm"]
    t2 = await _round(db, "Norrmalm", "T2", T2_OPENED, T2_DUE)
    for action_id in unga:
        await _answer(db, t2, action_id, Status.DONE, person, T2_OPENED)
    for i, action_id in enumerate(otrygga):
        flagged = i < 2
        await _answer(db, t2, action_id, Status.NOT_STARTED if flagged else Status.ON_TRACK,
                      person, T2_OPENED, SUPPORT_N if flagged else "")
    await _answer(db, t2, kriminella[0], Status.PARTIAL, person, T2_OPENED)
    city.flagged["Norrmalm"] = otrygga[:2]
