"""Reading the audit trail back: what `folja audit` shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select

from storage.models import AuditEventRow, PersonRow
from storage.repos.base import RepoBase


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    plan_id: int | None
    before: dict | None
    after: dict | None


class AuditLogRepo(RepoBase):
    async def audit_events(
        self, *, plan_id: int | None = None, since: datetime | None = None,
        person_email: str | None = None, limit: int = 1000,
    ) -> list[AuditEvent]:
        """Events oldest first, filtered by plan, time and the person who acted or was acted on."""
        query = select(AuditEventRow)
        if plan_id is not None:
            query = query.where(AuditEventRow.plan_id == plan_id)
        if since is not None:
            query = query.where(AuditEventRow.at >= since)
        if person_email:
            email = person_email.strip().lower()
            pid = await self.session.scalar(
                select(PersonRow.id).where(func.lower(PersonRow.email) == email))
            about = [(AuditEventRow.entity == "person") & (AuditEventRow.entity_id == str(pid)),
                     AuditEventRow.actor == f"person:{pid}"] if pid is not None else []
            query = query.where(or_(func.lower(AuditEventRow.actor) == email, *about))
        rows = await self.session.scalars(
            query.order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc()).limit(limit))
        return [
            AuditEvent(r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.plan_id,
                       r.before, r.after)
            for r in reversed(list(rows))
        ]
