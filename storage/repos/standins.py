"""Stand-ins (ersättare): the records, and the owners a person answers for today."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update

from domain.standin import StandIn
from storage.models import ActionRow, ResponsibilityRow, RoleHolderRow, StandinRow
from storage.repos.base import RepoBase, holds_in_plan, touched


def _standin(row: StandinRow) -> StandIn:
    return StandIn(row.id, row.person_id, row.standin_person_id, row.until, row.created_at,
                   row.ended_at)


class StandinsRepo(RepoBase):
    async def add_standin(self, *, person_id: int, standin_id: int, until: date, by: str,
                          now: datetime) -> StandIn:
        row = StandinRow(person_id=person_id, standin_person_id=standin_id, until=until,
                         created_at=now, created_by=by, ended_by="")
        self.session.add(row)
        await self.session.flush()
        return _standin(row)

    async def end_standins(self, person_id: int, *, by: str, now: datetime, day: date
                           ) -> list[StandIn]:
        """End this owner's stand-ins still active on `day`; returns the ones ended."""
        rows = list(await self.session.scalars(select(StandinRow).where(
            StandinRow.person_id == person_id, StandinRow.ended_at.is_(None),
            StandinRow.until >= day).order_by(StandinRow.id)))
        if rows:
            await self.session.execute(update(StandinRow).where(
                StandinRow.id.in_([r.id for r in rows])).values(ended_at=now, ended_by=by))
        return [_standin(r) for r in rows]

    async def active_standins(self, day: date, *, person_ids: set[int] | None = None,
                              standin_id: int | None = None) -> list[StandIn]:
        """Stand-ins active on `day`: for these owners, or of this stand-in (one query)."""
        query = select(StandinRow).where(StandinRow.ended_at.is_(None), StandinRow.until >= day)
        if person_ids is not None:
            query = query.where(StandinRow.person_id.in_(person_ids))
        if standin_id is not None:
            query = query.where(StandinRow.standin_person_id == standin_id)
        return [_standin(r) for r in await self.session.scalars(query.order_by(StandinRow.id))]

    async def expired_standins(self, day: date) -> list[StandIn]:
        """Records whose last day has passed but that were never marked ended."""
        rows = await self.session.scalars(select(StandinRow).where(
            StandinRow.ended_at.is_(None), StandinRow.until < day).order_by(StandinRow.id))
        return [_standin(r) for r in rows]

    async def mark_standins_ended(self, ids: list[int], *, by: str, now: datetime) -> int:
        if not ids:
            return 0
        return touched(await self.session.execute(update(StandinRow).where(
            StandinRow.id.in_(ids), StandinRow.ended_at.is_(None)).values(ended_at=now, ended_by=by)))

    async def plan_ids_of_person(self, person_id: int) -> set[int]:
        """The plans a person owns actions in: a role of the action held in the plan's district
        or in every district (one query)."""
        return set(await self.session.scalars(
            select(ActionRow.plan_id).join(ResponsibilityRow,
                                           ResponsibilityRow.action_id == ActionRow.id)
            .join(RoleHolderRow, RoleHolderRow.role_id == ResponsibilityRow.role_id)
            .where(RoleHolderRow.person_id == person_id, holds_in_plan(ActionRow.plan_id))
            .distinct()))
