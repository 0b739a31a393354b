"""What quick lookups read: the newest plan, a cheap version stamp of it, and the latest status of
each of its actions — each one query, so a question costs a constant number of round trips."""

from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from domain.lookup import LatestStatus
from domain.status import Status
from storage.models import (
    ActionRow,
    PersonRow,
    PlanRow,
    ResponsibilityRow,
    RoleHolderRow,
    StatusReportRow,
)
from storage.repos.base import RepoBase

_STATUSES = {s.value for s in Status}


class LookupsRepo(RepoBase):
    async def lookup_plans(self, person_id: int | None,
                           conversation_id: str = "") -> list[tuple[int, str, bool]]:
        """(plan id, district, the asker's own) of each district's newest active plan: the
        asker's own districts (a role bound there, or the channel is its styrgrupp) first."""
        rows = (await self.session.execute(
            select(PlanRow.id, PlanRow.district, PlanRow.district_id,
                   PlanRow.steering_conversation_id)
            .where(PlanRow.status == "active")
            .order_by(PlanRow.year.desc(), PlanRow.id.desc()))).all()
        bound: set[int | None] = set()
        if person_id is not None:
            bound = set(await self.session.scalars(
                select(RoleHolderRow.district_id).where(RoleHolderRow.person_id == person_id)))
        newest: dict[object, tuple[int, str, bool]] = {}
        for plan_id, district, district_id, steering in rows:
            own = (None in bound or district_id in bound
                   or bool(conversation_id and steering == conversation_id))
            newest.setdefault(district_id or district, (plan_id, district, own))
        return sorted(newest.values(), key=lambda p: (not p[2], p[1].lower()))

    async def newest_plan_id(self) -> int | None:
        """The plan people mean when they ask without naming one: the newest active one."""
        return await self.session.scalar(
            select(PlanRow.id).where(PlanRow.status == "active")
            .order_by(PlanRow.year.desc(), PlanRow.id.desc()).limit(1)
        )

    async def lookup_version(self, plan_id: int) -> tuple:
        """Changes whenever the plan, its owners, role holders or statuses change (one query)."""
        actions = select(ActionRow.id).where(ActionRow.plan_id == plan_id)
        active = (ActionRow.plan_id == plan_id, ActionRow.status == "active")
        in_plan = ResponsibilityRow.action_id.in_(actions)
        stamps = (
            select(PlanRow.updated_at).where(PlanRow.id == plan_id),
            select(func.max(ActionRow.id)).where(*active),
            select(func.count(ActionRow.id)).where(*active),
            select(func.max(ResponsibilityRow.id)).where(in_plan),
            select(func.count(ResponsibilityRow.id)).where(in_plan),
            select(func.max(RoleHolderRow.id)),
            select(func.count(RoleHolderRow.id)),
            select(func.max(StatusReportRow.id)).where(StatusReportRow.action_id.in_(actions)),
        )
        row = (await self.session.execute(select(*(s.scalar_subquery() for s in stamps)))).one()
        return tuple(row)

    async def latest_statuses(self, plan_id: int, zone: ZoneInfo) -> dict[int, LatestStatus]:
        """The newest status report of each action of the plan, with who filed it."""
        newest = (
            select(func.max(StatusReportRow.id))
            .join(ActionRow, ActionRow.id == StatusReportRow.action_id)
            .where(ActionRow.plan_id == plan_id)
            .group_by(StatusReportRow.action_id)
        )
        rows = await self.session.execute(
            select(StatusReportRow, PersonRow.display_name)
            .outerjoin(PersonRow, PersonRow.id == StatusReportRow.person_id)
            .where(StatusReportRow.id.in_(newest))
        )
        result: dict[int, LatestStatus] = {}
        for report, name in rows.all():
            if report.status not in _STATUSES:
                continue
            at = report.created_at
            at = at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite hands back naive UTC
            day = at.astimezone(zone).date()
            result[report.action_id] = LatestStatus(
                report.action_id, Status(report.status), day,
                name or report.attributed_to or "", report.done_text or "",
                report.support_text or "",
            )
        return result
