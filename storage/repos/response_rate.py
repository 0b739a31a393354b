"""What the response rate needs (domain/response_rate.py), for one round or every round of a
plan, in four statements whatever the number of people, actions or answers."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from domain.response_rate import Duty, FirstAnswer, RateInput
from storage.models import (
    ActionRow,
    OutboxRow,
    PlanRow,
    ResponsibilityRow,
    RoleRow,
    RoundRow,
    StatusReportRow,
)
from storage.repos.base import RepoBase


def _aware(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at  # SQLite hands back naive UTC


class ResponseRateRepo(RepoBase):
    async def response_inputs(self, plan_id: int, round_id: int | None = None
                              ) -> list[RateInput]:
        """Each round's duties, first answers and delivered reminders, oldest round first."""
        query = (select(RoundRow.id, RoundRow.label, RoundRow.opened_at, RoundRow.area_ids,
                        PlanRow.district)
                 .join(PlanRow, PlanRow.id == RoundRow.plan_id).where(RoundRow.plan_id == plan_id))
        if round_id is not None:
            query = query.where(RoundRow.id == round_id)
        rounds = (await self.session.execute(query.order_by(RoundRow.id))).all()
        if not rounds:
            return []
        ids = [r[0] for r in rounds]
        duties = (await self.session.execute(
            select(ActionRow.id, ActionRow.area_id, ResponsibilityRow.role_id, RoleRow.name)
            .join(ResponsibilityRow, ResponsibilityRow.action_id == ActionRow.id)
            .join(RoleRow, RoleRow.id == ResponsibilityRow.role_id)
            .where(ActionRow.plan_id == plan_id, ActionRow.status == "active")
            .order_by(ActionRow.id, RoleRow.name))).all()
        firsts = (await self.session.execute(
            select(StatusReportRow.round_id, StatusReportRow.action_id, StatusReportRow.role_id,
                   func.min(StatusReportRow.created_at))
            .where(StatusReportRow.round_id.in_(ids), StatusReportRow.source != "import")
            .group_by(StatusReportRow.round_id, StatusReportRow.action_id,
                      StatusReportRow.role_id))).all()
        reminders = dict((await self.session.execute(
            select(OutboxRow.round_id, func.count(OutboxRow.id))
            .where(OutboxRow.round_id.in_(ids), OutboxRow.kind == "reminder",
                   OutboxRow.status == "sent")
            .group_by(OutboxRow.round_id))).all())
        result = []
        for rid, label, opened, area_ids, district in rounds:
            areas = set(area_ids or ())
            result.append(RateInput(
                rid, label, district, _aware(opened),
                tuple(Duty(a, role, name) for a, area, role, name in duties
                      if not areas or area in areas),
                tuple(FirstAnswer(a, role, _aware(at)) for r, a, role, at in firsts if r == rid),
                int(reminders.get(rid, 0))))
        return result
