"""The city's roll-up of every district's plan: one transaction, a fixed number of queries.

`city_status` serves `folja city status`, the city report and a roll-up card alike; the edge
renders; it carries every district's effect indicators, matched per area. Which year: the one asked for, else the clock's year when it has plans, else the newest
year that has plans. A period ("T1"–"T3") keeps the rounds due within it (domain/periods.py:
the settings' periods).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.city import CityStatus, build_city
from domain.periods import TERTIALS, PeriodSpec, UnknownPeriod, named_period
from importer.city_export import write_city
from services.indicators import judged
from storage.db import Database
from storage.repository import Repository

__all__ = ["CityStatus", "UnknownPeriod", "city_status", "city_workbook", "load_city"]


async def city_status(db: Database, *, this_year: int, year: int | None = None,
                      period: str | None = None,
                      specs: Sequence[PeriodSpec] = TERTIALS) -> CityStatus:
    """The roll-up of the chosen year (module docstring); UnknownPeriod for a bad period.
    `specs`: the installation's reporting periods (settings), tertials by default."""
    async with db.transaction() as repo:
        return await load_city(repo, this_year=this_year, year=year, period=period, specs=specs)


async def load_city(repo: Repository, *, this_year: int, year: int | None = None,
                    period: str | None = None,
                    specs: Sequence[PeriodSpec] = TERTIALS) -> CityStatus:
    """`city_status` inside a transaction the caller holds (a roll-up card reuses it)."""
    name = named_period(year or this_year, period, specs).key if period else None
    chosen = year if year is not None else await _default_year(repo, this_year)
    if chosen is None:
        return CityStatus(None, name, (), (), ())
    found = named_period(chosen, name, specs) if name else None
    due = (found.starts, found.ends) if found else None
    plans = await repo.district_plans(chosen)
    plan_ids = [p.plan_id for p in plans]
    actions = await repo.city_actions(plan_ids)
    answers = await repo.city_answers(plan_ids, due)
    indicators = await judged(repo, plan_ids)  # two queries, whatever the number of plans
    return build_city(chosen, name, plans, actions, answers, indicators)


async def _default_year(repo: Repository, this_year: int) -> int | None:
    years = await repo.plan_years()
    if this_year in years:
        return this_year
    return years[0] if years else None


def city_workbook(status: CityStatus, labels: Mapping[str, str]) -> bytes:
    """The city report as xlsx (the edge hands in the words: reports.city.workbook_labels)."""
    return write_city(status, labels)
