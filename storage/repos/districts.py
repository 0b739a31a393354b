"""Districts: found by name in any case, created when a plan of a new district is imported."""

from __future__ import annotations

from sqlalchemy import func, select

from domain.model import District
from storage.models import DistrictRow, PlanRow, RoleHolderRow, RoleRow
from storage.repos.base import RepoBase


class DistrictsRepo(RepoBase):
    async def find_district(self, name: str) -> District | None:
        row = await self.session.scalar(
            select(DistrictRow).where(func.lower(DistrictRow.name) == name.strip().lower()))
        return District(row.id, row.name) if row else None

    async def ensure_district(self, name: str) -> District:
        """The district of this name, created on first use (an import of its first plan)."""
        found = await self.find_district(name)
        if found is not None:
            return found
        row = DistrictRow(name=" ".join(name.split()), created_at=self.now())
        self.session.add(row)
        await self.session.flush()
        return District(row.id, row.name)

    async def list_districts(self) -> list[District]:
        rows = await self.session.scalars(select(DistrictRow).order_by(DistrictRow.name))
        return [District(r.id, r.name) for r in rows]

    async def district_of_plan(self, plan_id: int) -> int | None:
        return await self.session.scalar(select(PlanRow.district_id).where(PlanRow.id == plan_id))

    async def role_district_ids(self, person_id: int, *role_names: str) -> list[int | None]:
        """The districts the person holds any of these roles in; None stands for every one."""
        rows = await self.session.scalars(
            select(RoleHolderRow.district_id).join(RoleRow, RoleRow.id == RoleHolderRow.role_id)
            .where(RoleHolderRow.person_id == person_id,
                   func.lower(RoleRow.name).in_([n.lower() for n in role_names])).distinct())
        return list(rows)
