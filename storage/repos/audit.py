"""The audit trail: who changed what, when, before and after."""

from __future__ import annotations

from sqlalchemy import insert

from storage.models import AuditEventRow
from storage.repos.base import RepoBase

# A Core INSERT built once: the ORM unit of work cost a card save more than the INSERT itself.
_INSERT = insert(AuditEventRow.__table__)


class AuditRepo(RepoBase):
    async def audit(
        self, *, actor: str, action: str, entity: str, entity_id: str | int = "",
        plan_id: int | None = None, before: dict | None = None, after: dict | None = None,
    ) -> None:
        await self.session.execute(_INSERT, {
            "at": self.now(), "actor": actor, "action": action, "entity": entity,
            "entity_id": str(entity_id), "plan_id": plan_id, "before": before, "after": after,
        })
