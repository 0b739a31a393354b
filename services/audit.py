"""Reading the audit trail for operators and data-protection officers."""

from __future__ import annotations

from datetime import datetime

from services.plans import PlanNotFound
from storage.db import Database
from storage.repos.audit_log import AuditEvent


async def audit_trail(
    db: Database, *, plan_ref: str | None = None, since: datetime | None = None,
    person_email: str | None = None, limit: int = 1000,
) -> list[AuditEvent]:
    """Audit events, oldest first; `plan_ref` is an id or "district year"."""
    async with db.transaction() as repo:
        plan_id = None
        if plan_ref:
            plan_id = await repo.find_plan_id(plan_ref)
            if plan_id is None:
                raise PlanNotFound(plan_ref)
        return await repo.audit_events(plan_id=plan_id, since=since, person_email=person_email,
                                       limit=limit)
