"""What the styrgrupp summary and the year-end report read: a fixed number of lean queries.

Why lean (column tuples, no ORM entities): the summary of a 2,000-action plan must stay within
its goal (BENCHMARKS.md, 'summary') with the same number of queries for 10 or 2,000 actions
(no N+1).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, update

from domain.model import full_title
from domain.summary import ActionInfo, OwnerRole, PersonInfo, ReportInfo
from domain.yearend import PartyReport, party_of
from storage.models import (
    ActionRow,
    AreaRow,
    ConversationRefRow,
    DistrictRow,
    OutboxRow,
    PersonRow,
    PlanRow,
    ResponsibilityRow,
    RoleHolderRow,
    RoleRow,
    RoundRow,
    StatusReportRow,
    SummaryPostRow,
)
from storage.repos.base import RepoBase, holds_in_plan, touched

COORDINATOR_ROLES = ("koordinator", "stadskoordinator")

_OWNER_NAME = func.coalesce(func.nullif(PersonRow.display_name, ""), PersonRow.email)


def steering_of_plan() -> ColumnElement:
    """A plan's styrgrupp channel: its district's (kept from year to year), else its own."""
    district = (select(DistrictRow.steering_conversation_id)
                .where(DistrictRow.id == PlanRow.district_id).scalar_subquery())
    return func.coalesce(district, PlanRow.steering_conversation_id)


class SummariesRepo(RepoBase):
    async def _rows(self, statement) -> Sequence[Any]:
        """Core execution on the session's connection: no ORM row processing (BENCHMARKS.md)."""
        return (await (await self.session.connection()).execute(statement)).all()

    async def plan_header(self, plan_id: int) -> tuple[str, int, str | None] | None:
        """(name, year, steering conversation id) of a plan."""
        row = (await self.session.execute(
            select(PlanRow.district, PlanRow.year, steering_of_plan())
            .where(PlanRow.id == plan_id)
        )).first()
        return (f"{row[0]} {row[1]}".strip(), row[1], row[2]) if row else None

    async def active_plan_ids(self) -> list[int]:
        """Active plans, newest first (the default when a coordinator names none)."""
        rows = await self.session.scalars(
            select(PlanRow.id).where(PlanRow.status == "active")
            .order_by(PlanRow.year.desc(), PlanRow.created_at.desc(), PlanRow.id.desc())
        )
        return list(rows)

    async def set_steering_conversation(self, plan_id: int, conversation_id: str) -> str | None:
        """Point the plan and its district at the summary channel (next year's plan of the
        district finds it there); returns the channel the plan had before. A channel is one
        district's: another district bound to it before lets it go."""
        before = await self.session.scalar(select(steering_of_plan()).where(PlanRow.id == plan_id))
        district = await self.session.scalar(select(PlanRow.district_id)
                                             .where(PlanRow.id == plan_id))
        if district is not None:
            await self.session.execute(update(DistrictRow).where(
                DistrictRow.steering_conversation_id == conversation_id,
                DistrictRow.id != district).values(steering_conversation_id=None))
            await self.session.execute(update(PlanRow).where(
                PlanRow.steering_conversation_id == conversation_id,
                PlanRow.district_id != district).values(steering_conversation_id=None,
                                                        updated_at=self.now()))
            await self.session.execute(update(DistrictRow).where(DistrictRow.id == district)
                                       .values(steering_conversation_id=conversation_id))
        await self.session.execute(update(PlanRow).where(PlanRow.id == plan_id).values(
            steering_conversation_id=conversation_id, updated_at=self.now()))
        return before

    async def plans_for_conversation(self, conversation_id: str) -> list[int]:
        rows = await self.session.scalars(
            select(PlanRow.id).where(steering_of_plan() == conversation_id)
            .order_by(PlanRow.year.desc(), PlanRow.id.desc()))
        return list(rows)

    async def is_coordinator(self, person_id: int, plan_id: int | None) -> bool:
        """Holds "koordinator" in this plan's district or in every district, or is a
        stadskoordinator."""
        query = (
            select(func.count(RoleHolderRow.id))
            .join(RoleRow, RoleRow.id == RoleHolderRow.role_id)
            .where(RoleHolderRow.person_id == person_id,
                   func.lower(RoleRow.name).in_(COORDINATOR_ROLES))
        )
        scope: ColumnElement[bool] = RoleHolderRow.district_id.is_(None)
        if plan_id is not None:
            scope = holds_in_plan(plan_id)
        return bool(await self.session.scalar(query.where(scope)))

    async def channel_target(self, conversation_id: str) -> dict | None:
        """The outbox target of a stored channel conversation."""
        row = (await self.session.execute(
            select(ConversationRefRow.service_url, ConversationRefRow.tenant_id)
            .where(ConversationRefRow.conversation_id == conversation_id)
        )).first()
        if row is None:
            return None
        return {"conversation_id": conversation_id, "service_url": row[0], "tenant_id": row[1]}

    async def round_header(self, plan_id: int, round_id: int | None
                           ) -> tuple[int, str, date | None, str] | None:
        """(id, label, due date, status) of the given round, or of the plan's newest round."""
        query = select(RoundRow.id, RoundRow.label, RoundRow.due_date, RoundRow.status).where(
            RoundRow.plan_id == plan_id)
        if round_id is not None:
            query = query.where(RoundRow.id == round_id)
        row = (await self.session.execute(
            query.order_by(RoundRow.opened_at.desc(), RoundRow.id.desc()).limit(1))).first()
        return (row.id, row.label, row.due_date, row.status) if row else None

    async def summary_rounds(self) -> list[tuple[int, int]]:
        """(plan id, round id) of every open round of an active plan with a summary channel."""
        rows = await self.session.execute(
            select(RoundRow.plan_id, RoundRow.id).join(PlanRow, PlanRow.id == RoundRow.plan_id)
            .where(RoundRow.status == "open", PlanRow.status == "active",
                   steering_of_plan().is_not(None))
            .order_by(RoundRow.id))
        return [(r.plan_id, r.id) for r in rows.all()]

    async def round_area_ids(self, round_id: int) -> list[int]:
        return list(await self.session.scalar(
            select(RoundRow.area_ids).where(RoundRow.id == round_id)) or [])

    async def summary_actions(self, plan_id: int, area_ids: list[int] | None = None
                              ) -> tuple[ActionInfo, ...]:
        """Active actions with their owner roles: two queries whatever the plan's size."""
        query = (
            select(ActionRow.id, ActionRow.area_id, AreaRow.name, AreaRow.position,
                   ActionRow.position, ActionRow.title, ActionRow.times_per_year,
                   ActionRow.action_text, ActionRow.problem, ActionRow.cause)
            .join(AreaRow, AreaRow.id == ActionRow.area_id)
            .where(ActionRow.plan_id == plan_id, ActionRow.status == "active")
        )
        if area_ids:
            query = query.where(ActionRow.area_id.in_(area_ids))
        rows = await self._rows(query.order_by(AreaRow.position, ActionRow.position,
                                               ActionRow.id))
        roles: dict[int, list[OwnerRole]] = {}
        owner_rows = await self._rows(
            select(ResponsibilityRow.action_id, RoleRow.id, RoleRow.name, RoleRow.organisation,
                   ResponsibilityRow.lead)
            .join(RoleRow, RoleRow.id == ResponsibilityRow.role_id)
            .join(ActionRow, ActionRow.id == ResponsibilityRow.action_id)
            .where(ActionRow.plan_id == plan_id)
            .order_by(ResponsibilityRow.lead.desc(), ResponsibilityRow.id))
        for action_id, role_id, name, org, lead in owner_rows:
            roles.setdefault(action_id, []).append(OwnerRole(role_id, name, org, bool(lead)))
        return tuple(
            ActionInfo(r[0], r[1], r[2], r[3], r[4], full_title(r[5], r[7], r[8], r[9]),
                       tuple(roles.get(r[0], ())), r[6])
            for r in rows
        )

    async def area_list(self, plan_id: int) -> tuple[tuple[str, int], ...]:
        rows = await self.session.execute(select(AreaRow.name, AreaRow.position).where(
            AreaRow.plan_id == plan_id).order_by(AreaRow.position))
        return tuple((n, p) for n, p in rows.all())

    async def round_reports(self, round_id: int) -> tuple[ReportInfo, ...]:
        """Each person's (or role's) latest report per action in the round: one query.

        Only what the summary shows (no done_text): the year-end reads `party_reports`.
        """
        rows = await self._rows(
            select(StatusReportRow.id, StatusReportRow.action_id, StatusReportRow.person_id,
                   StatusReportRow.role_id, StatusReportRow.status,
                   StatusReportRow.needs_support, StatusReportRow.support_text,
                   StatusReportRow.attributed_to, StatusReportRow.acted_by_person_id)
            .where(StatusReportRow.round_id == round_id)
            .order_by(StatusReportRow.version, StatusReportRow.id))
        latest: dict[tuple, tuple] = {}
        for r in rows:
            latest[(r[1], r[2], r[3] if r[2] is None else None)] = r
        return tuple(ReportInfo(r[0], r[1], r[2], r[3], r[4], "", bool(r[5]),
                                r[6] if r[5] else "", standin=r[7] if r[8] is not None else "")
                     for r in latest.values())

    async def summary_people(self, plan_id: int) -> tuple[PersonInfo, ...]:
        """Role holders of the plan and whether Följa can write to them: two queries."""
        rows = (await self.session.execute(
            select(PersonRow.id, PersonRow.display_name, PersonRow.email,
                   PersonRow.aad_object_id, PersonRow.unreachable_since,
                   PersonRow.unreachable_reason, RoleHolderRow.role_id)
            .join(RoleHolderRow, RoleHolderRow.person_id == PersonRow.id)
            .where(holds_in_plan(plan_id))
            .order_by(PersonRow.id))).all()
        with_chat = set(await self.session.scalars(
            select(ConversationRefRow.person_id).where(ConversationRefRow.kind == "personal",
                                                       ConversationRefRow.person_id.is_not(None))))
        people: dict[int, dict] = {}
        for pid, name, email, aad, since, reason, role_id in rows:
            entry = people.setdefault(pid, {"name": name or email or f"#{pid}", "roles": [],
                                            "since": since, "aad": aad, "reason": reason})
            entry["roles"].append(role_id)
        return tuple(
            PersonInfo(pid, e["name"], tuple(e["roles"]),
                       reachable=e["since"] is None and (pid in with_chat or bool(e["aad"])),
                       reason=e["reason"] or "")
            for pid, e in people.items()
        )

    async def summary_post(self, plan_id: int, round_id: int | None, conversation_id: str
                           ) -> tuple[int, int | None, dict] | None:
        """(row id, first outbox id, snapshot) of the round's card in this channel."""
        row = (await self.session.execute(
            select(SummaryPostRow.id, SummaryPostRow.outbox_id, SummaryPostRow.snapshot).where(
                SummaryPostRow.plan_id == plan_id, SummaryPostRow.conversation_id == conversation_id,
                SummaryPostRow.round_id.is_(None) if round_id is None
                else SummaryPostRow.round_id == round_id)
            .with_for_update())).first()
        return (row[0], row[1], dict(row[2] or {})) if row else None

    async def save_summary_post(self, *, post_id: int | None, plan_id: int,
                                round_id: int | None, conversation_id: str,
                                outbox_id: int | None, snapshot: dict, now: datetime) -> None:
        if post_id is None:
            self.session.add(SummaryPostRow(
                plan_id=plan_id, round_id=round_id, conversation_id=conversation_id,
                outbox_id=outbox_id, snapshot=snapshot, posted_at=now, updated_at=now))
        else:
            await self.session.execute(update(SummaryPostRow).where(
                SummaryPostRow.id == post_id).values(snapshot=snapshot, updated_at=now))
        await self.session.flush()

    async def party_reports(self, plan_id: int, round_id: int | None) -> list[PartyReport]:
        """Every report of the plan (or of one round) with the party that wrote it: one query."""
        query = (
            select(StatusReportRow.id, StatusReportRow.round_id, StatusReportRow.action_id,
                   RoleRow.organisation, RoleRow.name, StatusReportRow.attributed_to,
                   StatusReportRow.status, StatusReportRow.done_text, StatusReportRow.occasions,
                   StatusReportRow.acted_by_person_id, _OWNER_NAME, StatusReportRow.needs_support)
            .join(ActionRow, ActionRow.id == StatusReportRow.action_id)
            .outerjoin(RoleRow, RoleRow.id == StatusReportRow.role_id)
            .outerjoin(PersonRow, PersonRow.id == StatusReportRow.person_id)
            .where(ActionRow.plan_id == plan_id)
        )
        if round_id is not None:
            query = query.where(StatusReportRow.round_id == round_id)
        rows = (await self.session.execute(query.order_by(StatusReportRow.id))).all()
        return [
            PartyReport(r[0], r[1], r[2], party_of(r[3] or "", r[4] or "coordinator"),
                        r[4] or (r[5] if r[9] is None else "") or "", r[6], r[7] or "", r[8],
                        (r[5] or "") if r[9] is not None else "", r[10] or "", bool(r[11]))
            for r in rows
        ]

    async def rewrite_pending(self, outbox_id: int, activity: dict) -> bool:
        """Replace the activity of a message not yet sent (so an update never races its post)."""
        result = await self.session.execute(
            update(OutboxRow).where(OutboxRow.id == outbox_id, OutboxRow.status == "pending")
            .values(activity=activity))
        return bool(touched(result))
