"""What the city roll-up reads: a fixed number of lean queries for all districts at once.

Why so: the city's overview covers every district's plan (Stockholm has 13), and its number of
queries must not grow with them (tests/integration/test_city.py counts them); column tuples on
the connection, no ORM entities (BENCHMARKS.md, 'city status').
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, select

from domain.city import CityAction, CityAnswer, DistrictPlan
from storage.models import ActionRow, AreaRow, PlanRow, RoundRow, StatusReportRow
from storage.repos.base import RepoBase


class CityRepo(RepoBase):
    async def _city_rows(self, statement) -> Sequence[Any]:
        return (await (await self.session.connection()).execute(statement)).all()

    async def plan_years(self) -> list[int]:
        """The years that have an active plan, newest first."""
        rows = await self._city_rows(select(PlanRow.year).where(PlanRow.status == "active")
                                     .group_by(PlanRow.year).order_by(PlanRow.year.desc()))
        return [r[0] for r in rows]

    async def district_plans(self, year: int) -> tuple[DistrictPlan, ...]:
        """The active plan of each district for `year` (the districts table; a plan from before
        it, by its district name). Should a district have two, the newest speaks for it."""
        rows = await self._city_rows(
            select(PlanRow.id, PlanRow.district, PlanRow.year, PlanRow.district_id)
            .where(PlanRow.year == year, PlanRow.status == "active")
            .order_by(PlanRow.id))
        chosen: dict[object, DistrictPlan] = {}
        for plan_id, district, plan_year, district_id in rows:
            name = " ".join(district.split())
            chosen[district_id or name.casefold()] = DistrictPlan(plan_id, name, plan_year)
        return tuple(chosen.values())

    async def city_actions(self, plan_ids: Sequence[int]) -> tuple[CityAction, ...]:
        """The active actions of these plans with their area: one query."""
        if not plan_ids:
            return ()
        rows = await self._city_rows(
            select(ActionRow.id, ActionRow.plan_id, AreaRow.name, AreaRow.position,
                   ActionRow.title)
            .join(AreaRow, AreaRow.id == ActionRow.area_id)
            .where(ActionRow.plan_id.in_(plan_ids), ActionRow.status == "active")
            .order_by(ActionRow.plan_id, AreaRow.position, ActionRow.position, ActionRow.id))
        return tuple(CityAction(r[0], r[1], r[2], r[3], r[4]) for r in rows)

    async def city_answers(self, plan_ids: Sequence[int],
                           due_between: tuple[date, date] | None = None
                           ) -> tuple[CityAnswer, ...]:
        """Per action, each party's newest version in the latest round (by opening) in which
        the action was answered; rounds limited to those due within `due_between`. One query.

        A party is a person, or a role when nobody in particular answered (as on the card).
        """
        if not plan_ids:
            return ()
        rounds = select(RoundRow.id).where(RoundRow.plan_id.in_(plan_ids))
        if due_between is not None:
            rounds = rounds.where(RoundRow.due_date.between(*due_between))
        latest = (
            select(StatusReportRow.action_id.label("action_id"),
                   func.max(StatusReportRow.round_id).label("round_id"))
            .where(StatusReportRow.round_id.in_(rounds.scalar_subquery()))
            .group_by(StatusReportRow.action_id)
        ).subquery()
        party_role = case((StatusReportRow.person_id.is_(None), StatusReportRow.role_id))
        rows = await self._city_rows(
            select(StatusReportRow.action_id, StatusReportRow.person_id, party_role,
                   StatusReportRow.status, StatusReportRow.needs_support,
                   StatusReportRow.support_text)
            .join(latest, and_(latest.c.action_id == StatusReportRow.action_id,
                               latest.c.round_id == StatusReportRow.round_id))
            .order_by(StatusReportRow.version, StatusReportRow.id))
        newest: dict[tuple, tuple] = {}
        for row in rows:
            newest[(row[0], row[1], row[2])] = row
        return tuple(CityAnswer(r[0], r[3], bool(r[4]), r[5] if r[4] else "")
                     for r in newest.values())
