"""Read-only queries for the operator's view (/metrics)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import distinct, func, select

from storage.models import OutboxRow, RoundRow, StatusReportRow
from storage.repos.base import RepoBase

WAITING = ("pending", "sending", "claimed")


class OperationsRepo(RepoBase):
    async def outbox_backlog(self) -> tuple[int, datetime | None]:
        """How many outbox rows wait to be sent, and when the oldest was queued."""
        row = (await self.session.execute(
            select(func.count(OutboxRow.id), func.min(OutboxRow.created_at))
            .where(OutboxRow.status.in_(WAITING))
        )).one()
        return int(row[0] or 0), row[1]

    async def answers_per_open_round(self) -> dict[tuple[int, int], int]:
        """(plan id, round id) → number of actions with at least one status in that round."""
        query = (
            select(RoundRow.plan_id, RoundRow.id, func.count(distinct(StatusReportRow.action_id)))
            .outerjoin(StatusReportRow, StatusReportRow.round_id == RoundRow.id)
            .where(RoundRow.status == "open")
            .group_by(RoundRow.plan_id, RoundRow.id)
        )
        return {(p, r): int(n) for p, r, n in (await self.session.execute(query)).all()}
