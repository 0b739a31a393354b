"""Shared pieces of the repository: the session holder and Row → domain converters."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Executable, Result, Row, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.clock import Clock, system_clock
from domain.model import Organisation, Person, Role
from domain.when import When, WhenKind
from storage.models import ActionRow, PersonRow, PlanRow, RoleHolderRow, RoleRow


def touched(result: Result) -> int:
    """How many rows an UPDATE or DELETE changed: its Result is a CursorResult, typed as Result."""
    return int(cast(CursorResult, result).rowcount or 0)


def role_of(row: RoleRow) -> Role:
    return Role(row.id, row.name, Organisation(row.organisation), tuple(row.aliases or ()))


def person_of(row: PersonRow | Row[Any]) -> Person:
    return Person(
        id=row.id,
        email=row.email,
        display_name=row.display_name,
        aad_object_id=row.aad_object_id,
        teams_user_id=row.teams_user_id,
        tenant_id=row.tenant_id,
        language=row.language,
        away_until=row.away_until,
        unreachable=row.unreachable_since is not None,
    )


def when_of(row: ActionRow | Row[Any]) -> When:
    return When(row.when_text, WhenKind(row.when_kind), row.times_per_year, row.deadline)


def holds_in_plan(plan_id: Any) -> ColumnElement[bool]:
    """A role binding that counts in this plan: bound to the plan's district, or to every
    district. `plan_id` is a value or a column (ActionRow.plan_id in a join)."""
    district = select(PlanRow.district_id).where(PlanRow.id == plan_id).scalar_subquery()
    return or_(RoleHolderRow.district_id.is_(None), RoleHolderRow.district_id == district)


class RepoBase:
    """Holds the session of one transaction; the mixins in storage/repos use `self.session`,
    and `self.now()` for the time they stamp on rows (the clock `Database` was given)."""

    def __init__(self, session: AsyncSession, clock: Clock = system_clock) -> None:
        self.session = session
        self._clock = clock

    def now(self) -> datetime:
        """The current time from the installation's clock (aware, UTC)."""
        return self._clock()

    @property
    def dialect(self) -> str:
        """"sqlite" or "postgresql": upserts and row locks are written per dialect."""
        return self.session.get_bind().dialect.name

    async def core(self, statement: Executable, params: dict) -> Result:
        """Run a prebuilt column statement on this transaction's connection, as plain rows.

        Through the Session, a statement naming mapped attributes goes through the ORM's result
        machinery even when it selects only columns, a cost the card save pays on every turn (see
        BENCHMARKS.md, 'card save'). The connection skips it. No autoflush here, so use it only for reads
        that pending ORM changes cannot affect.
        """
        connection = await self.session.connection()
        return await connection.execute(statement, params)
