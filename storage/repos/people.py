"""Roles, people and who holds which role."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import bindparam, func, or_, select

from domain.model import Organisation, Person, Role
from storage.models import PersonRow, PlanRow, ResponsibilityRow, RoleHolderRow, RoleRow
from storage.repos.base import RepoBase, holds_in_plan, person_of, role_of


class PeopleRepo(RepoBase):
    async def get_or_create_role(
        self, name: str, organisation: Organisation = Organisation.OTHER,
        aliases: tuple[str, ...] = (),
    ) -> Role:
        row = await self.session.scalar(
            select(RoleRow).where(func.lower(RoleRow.name) == name.strip().lower())
        )
        if row is None:
            row = RoleRow(name=name.strip(), organisation=organisation.value, aliases=list(aliases))
            self.session.add(row)
            await self.session.flush()
        return role_of(row)

    async def list_roles(self) -> list[Role]:
        rows = await self.session.scalars(select(RoleRow).order_by(RoleRow.name))
        return [role_of(r) for r in rows]

    async def add_responsibility(self, action_id: int, role_id: int, *, lead: bool) -> None:
        self.session.add(ResponsibilityRow(action_id=action_id, role_id=role_id, lead=lead))
        await self.session.flush()

    async def holders_by_role(self, plan_id: int | None) -> dict[int, tuple[Person, ...]]:
        """People holding each role in this plan (bound to its district or to every district)."""
        query = select(RoleHolderRow.role_id, PersonRow).join(
            PersonRow, PersonRow.id == RoleHolderRow.person_id
        )
        if plan_id is not None:
            query = query.where(holds_in_plan(plan_id))
        result: dict[int, list[Person]] = {}
        for role_id, person in (await self.session.execute(query.order_by(PersonRow.id))).all():
            result.setdefault(role_id, []).append(person_of(person))
        return {k: tuple(v) for k, v in result.items()}

    async def holders_by_plan(self, plan_ids: Sequence[int]
                              ) -> dict[int, dict[int, tuple[Person, ...]]]:
        """plan id → `holders_by_role` of that plan, for several plans in one query (opening a
        city round reads every district's plan at once)."""
        if not plan_ids:
            return {}
        bound = or_(RoleHolderRow.district_id.is_(None),
                    RoleHolderRow.district_id == PlanRow.district_id)
        rows = await self.session.execute(  # columns, not entities: a city has thousands
            select(PlanRow.id.label("plan_id"), RoleHolderRow.role_id, *PersonRow.__table__.c)
            .join(RoleHolderRow, bound).join(PersonRow, PersonRow.id == RoleHolderRow.person_id)
            .where(PlanRow.id.in_(list(plan_ids))).order_by(PersonRow.id))
        found: dict[int, dict[int, list[Person]]] = {}
        for row in rows.all():
            found.setdefault(row.plan_id, {}).setdefault(row.role_id, []).append(person_of(row))
        return {plan: {role: tuple(people) for role, people in roles.items()}
                for plan, roles in found.items()}

    async def assign_role(self, role_id: int, person_id: int, district_id: int | None) -> bool:
        """Bind a person to a role in one district (None: every district); False when the
        binding already existed."""
        exists = await self.session.scalar(
            select(RoleHolderRow.id).where(
                RoleHolderRow.role_id == role_id,
                RoleHolderRow.person_id == person_id,
                RoleHolderRow.district_id.is_(None) if district_id is None
                else RoleHolderRow.district_id == district_id,
            )
        )
        if exists:
            return False
        self.session.add(RoleHolderRow(role_id=role_id, person_id=person_id,
                                       district_id=district_id))
        await self.session.flush()
        return True

    async def roles_of_person(self, person_id: int, plan_id: int | None = None) -> list[Role]:
        query = (
            select(RoleRow)
            .join(RoleHolderRow, RoleHolderRow.role_id == RoleRow.id)
            .where(RoleHolderRow.person_id == person_id)
        )
        if plan_id is not None:
            query = query.where(holds_in_plan(plan_id))
        return [role_of(r) for r in await self.session.scalars(query.order_by(RoleRow.name))]

    async def person_by_aad(self, aad_object_id: str) -> Person | None:
        """Every card save starts here: plain columns from a statement built once."""
        row = (await self.core(_BY_AAD, {"aad": aad_object_id})).first()
        return person_of(row) if row else None

    async def person_by_email(self, email: str) -> Person | None:
        row = await self.session.scalar(
            select(PersonRow).where(func.lower(PersonRow.email) == email.strip().lower())
        )
        return person_of(row) if row else None

    async def person_by_teams_id(self, teams_user_id: str) -> Person | None:
        row = await self.session.scalar(
            select(PersonRow).where(PersonRow.teams_user_id == teams_user_id)
        )
        return person_of(row) if row else None

    async def create_person(self, *, email: str | None, display_name: str = "", **ids) -> Person:
        now = self.now()
        row = PersonRow(
            email=email.strip().lower() if email else None, display_name=display_name,
            created_at=now, updated_at=now, **ids,
        )
        self.session.add(row)
        await self.session.flush()
        return person_of(row)

    async def update_person(self, person_id: int, **fields) -> Person:
        """Set the given PersonRow fields (identity binding, name, language, away-until)."""
        row = await self.session.get(PersonRow, person_id)
        if row is None:
            raise LookupError(f"person {person_id}")
        for key, value in fields.items():
            setattr(row, key, value)
        row.updated_at = self.now()
        await self.session.flush()
        return person_of(row)

    async def set_away(self, person_id: int, until: date | None) -> None:
        await self.update_person(person_id, away_until=until)


_BY_AAD = select(*PersonRow.__table__.c).where(PersonRow.aad_object_id == bindparam("aad"))
