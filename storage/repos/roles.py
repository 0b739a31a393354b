"""Roles and who holds them, as the `folja roles` commands and coordinator scopes need them."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import DistrictRow, PersonRow, RoleHolderRow, RoleRow
from storage.repos.districts import DistrictsRepo


class RolesRepo(DistrictsRepo):
    async def role_holders(self) -> dict[int, list[tuple[str, str, str | None]]]:
        """Role id → [(e-mail, name, district name or None for every district)]."""
        rows = await self.session.execute(
            select(RoleHolderRow.role_id, PersonRow.email, PersonRow.display_name,
                   DistrictRow.name)
            .join(PersonRow, PersonRow.id == RoleHolderRow.person_id)
            .outerjoin(DistrictRow, DistrictRow.id == RoleHolderRow.district_id)
            .order_by(PersonRow.email))
        result: dict[int, list[tuple[str, str, str | None]]] = {}
        for role_id, email, name, district in rows.all():
            result.setdefault(role_id, []).append((email or "", name, district))
        return result

    async def set_role_aliases(self, role_id: int, aliases: list[str]) -> None:
        row = await self.session.get(RoleRow, role_id)
        if row is not None:
            row.aliases = aliases
            await self.session.flush()

    async def coordinator_district_ids(self, person_id: int) -> list[int | None]:
        """The districts the person coordinates; None stands for every district (a
        stadskoordinator, or a "koordinator" bound to no district)."""
        held = await self.role_district_ids(person_id, "koordinator", "stadskoordinator")
        city = await self.role_district_ids(person_id, "stadskoordinator")
        return [None, *held] if city else held
