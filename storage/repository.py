"""The repository: what services may ask of storage, in the plan's words.

Methods take and return domain objects or plain values, so services never see a Row or a query.
One repository wraps one session inside one transaction (see `Database.transaction`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.model import (
    Action,
    ActionStatus,
    Area,
    ConversationRef,
    Organisation,
    Person,
    Plan,
    PlanStatus,
    PlanSummary,
    Responsibility,
    Role,
)
from domain.when import When, WhenKind
from storage.models import (
    ActionRow,
    AreaRow,
    AuditEventRow,
    ConversationRefRow,
    PersonRow,
    PlanRow,
    ResponsibilityRow,
    RoleHolderRow,
    RoleRow,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


def role_of(row: RoleRow) -> Role:
    return Role(row.id, row.name, Organisation(row.organisation), tuple(row.aliases or ()))


def person_of(row: PersonRow) -> Person:
    return Person(
        id=row.id,
        email=row.email,
        display_name=row.display_name,
        aad_object_id=row.aad_object_id,
        teams_user_id=row.teams_user_id,
        tenant_id=row.tenant_id,
        language=row.language,
        away_until=row.away_until,
    )


def when_of(row: ActionRow) -> When:
    return When(row.when_text, WhenKind(row.when_kind), row.times_per_year, row.deadline)


class Repository:
    """Storage operations for one transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- plans -----------------------------------------------------------------------------
    async def list_plans(self) -> list[PlanSummary]:
        action_count = (
            select(func.count(ActionRow.id))
            .where(ActionRow.plan_id == PlanRow.id, ActionRow.status == "active")
            .scalar_subquery()
        )
        area_count = select(func.count(AreaRow.id)).where(AreaRow.plan_id == PlanRow.id)
        rows = await self.session.execute(
            select(PlanRow, area_count.scalar_subquery(), action_count).order_by(
                PlanRow.year.desc(), PlanRow.district
            )
        )
        return [
            PlanSummary(p.id, p.year, p.district, PlanStatus(p.status), areas, actions)
            for p, areas, actions in rows.all()
        ]

    async def find_plan_id(self, ref: str) -> int | None:
        """A plan by id, or by "district year" / "district" (the newest), case-insensitive."""
        ref = ref.strip()
        if ref.isdigit():
            found = await self.session.get(PlanRow, int(ref))
            return found.id if found else None
        query = select(PlanRow.id, PlanRow.district, PlanRow.year).order_by(PlanRow.year.desc())
        for plan_id, district, year in (await self.session.execute(query)).all():
            if ref.lower() in (f"{district} {year}".lower(), district.lower(), str(year)):
                return plan_id
        return None

    async def create_plan(
        self, *, year: int, district: str, police_area: str = "", title: str = "",
        source_file: str = "", status: PlanStatus = PlanStatus.ACTIVE,
    ) -> int:
        now = utcnow()
        row = PlanRow(
            year=year, district=district, police_area=police_area, title=title,
            source_file=source_file, status=status.value, created_at=now, updated_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def add_area(
        self, plan_id: int, name: str, position: int, *, sheet_name: str = "", custom: bool = False
    ) -> int:
        row = AreaRow(
            plan_id=plan_id, name=name, position=position, sheet_name=sheet_name, custom=custom
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def add_action(self, plan_id: int, area_id: int, position: int, **fields) -> int:
        """Insert an action; `fields` are ActionRow columns (title, problem, when, …)."""
        when: When | None = fields.pop("when", None)
        if when is not None:
            fields.update(
                when_text=when.text, when_kind=when.kind.value,
                times_per_year=when.times_per_year, deadline=when.deadline,
            )
        row = ActionRow(plan_id=plan_id, area_id=area_id, position=position, **fields)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def count_plans(self) -> int:
        return int(await self.session.scalar(select(func.count(PlanRow.id))) or 0)

    async def get_plan(self, plan_id: int, *, include_archived: bool = False) -> Plan | None:
        """The whole plan in three queries (plan+areas+actions, responsibilities, holders)."""
        plan = await self.session.scalar(
            select(PlanRow)
            .where(PlanRow.id == plan_id)
            .options(
                selectinload(PlanRow.areas)
                .selectinload(AreaRow.actions)
                .selectinload(ActionRow.responsibilities)
                .selectinload(ResponsibilityRow.role)
            )
        )
        if plan is None:
            return None
        holders = await self.holders_by_role(plan_id)
        areas = tuple(
            Area(
                id=a.id, position=a.position, name=a.name, custom=a.custom,
                actions=tuple(
                    self._action_of(x, holders)
                    for x in a.actions
                    if include_archived or x.status == ActionStatus.ACTIVE.value
                ),
            )
            for a in plan.areas
        )
        return Plan(
            id=plan.id, year=plan.year, district=plan.district, police_area=plan.police_area,
            title=plan.title, status=PlanStatus(plan.status), source_file=plan.source_file,
            areas=areas, created_at=plan.created_at,
        )

    @staticmethod
    def _action_of(row: ActionRow, holders: dict[int, tuple[Person, ...]]) -> Action:
        return Action(
            id=row.id, area_id=row.area_id, position=row.position, title=row.title,
            problem=row.problem, cause=row.cause, action_text=row.action_text, goal=row.goal,
            when=when_of(row), who_text=row.who_text, status=ActionStatus(row.status),
            imported_follow_up=row.imported_follow_up,
            responsibilities=tuple(
                Responsibility(role_of(r.role), r.lead, holders.get(r.role_id, ()))
                for r in sorted(row.responsibilities, key=lambda r: (not r.lead, r.id))
            ),
        )

    # --- roles and people ------------------------------------------------------------------
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
        """People holding each role in this plan (plan-scoped or plan-wide bindings)."""
        query = select(RoleHolderRow.role_id, PersonRow).join(
            PersonRow, PersonRow.id == RoleHolderRow.person_id
        )
        if plan_id is not None:
            query = query.where(
                or_(RoleHolderRow.plan_id.is_(None), RoleHolderRow.plan_id == plan_id)
            )
        result: dict[int, list[Person]] = {}
        for role_id, person in (await self.session.execute(query.order_by(PersonRow.id))).all():
            result.setdefault(role_id, []).append(person_of(person))
        return {k: tuple(v) for k, v in result.items()}

    async def assign_role(self, role_id: int, person_id: int, plan_id: int | None) -> bool:
        """Bind a person to a role; False when the binding already existed."""
        exists = await self.session.scalar(
            select(RoleHolderRow.id).where(
                RoleHolderRow.role_id == role_id,
                RoleHolderRow.person_id == person_id,
                RoleHolderRow.plan_id.is_(None) if plan_id is None
                else RoleHolderRow.plan_id == plan_id,
            )
        )
        if exists:
            return False
        self.session.add(RoleHolderRow(role_id=role_id, person_id=person_id, plan_id=plan_id))
        await self.session.flush()
        return True

    async def roles_of_person(self, person_id: int, plan_id: int | None = None) -> list[Role]:
        query = (
            select(RoleRow)
            .join(RoleHolderRow, RoleHolderRow.role_id == RoleRow.id)
            .where(RoleHolderRow.person_id == person_id)
        )
        if plan_id is not None:
            query = query.where(
                or_(RoleHolderRow.plan_id.is_(None), RoleHolderRow.plan_id == plan_id)
            )
        return [role_of(r) for r in await self.session.scalars(query.order_by(RoleRow.name))]

    async def person_by_aad(self, aad_object_id: str) -> Person | None:
        row = await self.session.scalar(
            select(PersonRow).where(PersonRow.aad_object_id == aad_object_id)
        )
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
        now = utcnow()
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
        row.updated_at = utcnow()
        await self.session.flush()
        return person_of(row)

    async def set_away(self, person_id: int, until: date | None) -> None:
        await self.update_person(person_id, away_until=until)

    # --- conversation references -----------------------------------------------------------
    async def save_conversation_ref(
        self, ref: ConversationRef, *, kind: str, person_id: int | None = None,
        plan_id: int | None = None,
    ) -> None:
        """Insert or refresh the stored reference for this conversation."""
        row = await self.session.scalar(
            select(ConversationRefRow).where(
                ConversationRefRow.conversation_id == ref.conversation_id
            )
        )
        payload = {
            "bot_id": ref.bot_id, "bot_name": ref.bot_name, "user_id": ref.user_id,
            "is_group": ref.is_group, **ref.extra,
        }
        if row is None:
            row = ConversationRefRow(conversation_id=ref.conversation_id, kind=kind)
            self.session.add(row)
        row.kind = kind
        row.person_id = person_id if person_id is not None else row.person_id
        row.plan_id = plan_id if plan_id is not None else row.plan_id
        row.service_url = ref.service_url
        row.channel_id = ref.channel_id
        row.tenant_id = ref.tenant_id
        row.reference = payload
        row.updated_at = utcnow()
        await self.session.flush()

    async def conversation_ref_for_person(self, person_id: int) -> ConversationRef | None:
        row = await self.session.scalar(
            select(ConversationRefRow)
            .where(ConversationRefRow.person_id == person_id, ConversationRefRow.kind == "personal")
            .order_by(ConversationRefRow.updated_at.desc())
        )
        return _ref_of(row) if row else None

    async def count_conversation_refs(self) -> int:
        return int(await self.session.scalar(select(func.count(ConversationRefRow.id))) or 0)

    # --- audit -----------------------------------------------------------------------------
    async def audit(
        self, *, actor: str, action: str, entity: str, entity_id: str | int = "",
        plan_id: int | None = None, before: dict | None = None, after: dict | None = None,
    ) -> None:
        self.session.add(
            AuditEventRow(
                at=utcnow(), actor=actor, action=action, entity=entity,
                entity_id=str(entity_id), plan_id=plan_id, before=before, after=after,
            )
        )
        await self.session.flush()


def _ref_of(row: ConversationRefRow) -> ConversationRef:
    extra = dict(row.reference or {})
    return ConversationRef(
        conversation_id=row.conversation_id, service_url=row.service_url,
        channel_id=row.channel_id, tenant_id=row.tenant_id, bot_id=extra.pop("bot_id", None),
        bot_name=extra.pop("bot_name", None), user_id=extra.pop("user_id", None),
        is_group=bool(extra.pop("is_group", False)), extra=extra,
    )
