"""The audit trail: who changed what, when, before and after."""

from __future__ import annotations

from storage.models import AuditEventRow
from storage.repos.base import RepoBase, utcnow


class AuditRepo(RepoBase):
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
