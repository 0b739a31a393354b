"""Roles and who holds them, as the `folja roles` commands and coordinator scopes need them."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import PersonRow, RoleHolderRow, RoleRow
from storage.repos.base import RepoBase


class RolesRepo(RepoBase):
    async def role_holders(self) -> dict[int, list[tuple[str, str, int | None]]]:
        """Role id → [(e-mail, name, plan id or None)]."""
        rows = await self.session.execute(
            select(RoleHolderRow.role_id, PersonRow.email, PersonRow.display_name,
                   RoleHolderRow.plan_id)
            .join(PersonRow, PersonRow.id == RoleHolderRow.person_id)
            .order_by(PersonRow.email))
        result: dict[int, list[tuple[str, str, int | None]]] = {}
        for role_id, email, name, plan_id in rows.all():
            result.setdefault(role_id, []).append((email or "", name, plan_id))
        return result

    async def set_role_aliases(self, role_id: int, aliases: list[str]) -> None:
        row = await self.session.get(RoleRow, role_id)
        if row is not None:
            row.aliases = aliases
            await self.session.flush()

    async def coordinator_plan_ids(self, person_id: int) -> list[int | None]:
        """The plans the person holds "koordinator" in; None stands for every plan."""
        rows = await self.session.scalars(
            select(RoleHolderRow.plan_id).join(RoleRow, RoleRow.id == RoleHolderRow.role_id)
            .where(RoleHolderRow.person_id == person_id,
                   func.lower(RoleRow.name) == "koordinator").distinct())
        return list(rows)
