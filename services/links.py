"""Year-to-year links: list them for a plan, confirm or undo one."""

from __future__ import annotations

from services.plans import PlanNotFound
from storage.db import Database
from storage.repos.links import LinkView


class LinkNotFound(LookupError):
    """No link has that id."""


async def list_links(db: Database, plan: str) -> list[LinkView]:
    async with db.transaction() as repo:
        plan_id = await repo.find_plan_id(plan)
        if plan_id is None:
            raise PlanNotFound(plan)
        return await repo.list_links(plan_id)


async def decide_link(db: Database, link_id: int, status: str, actor: str = "cli") -> None:
    """status "confirmed" or "undone" (undo cuts the history link too)."""
    async with db.transaction() as repo:
        decided = await repo.decide_link(link_id, status, actor)
        if decided is None:
            raise LinkNotFound(link_id)
        plan_id, before = decided
        await repo.audit(actor=actor, action=f"link.{status}", entity="action_link",
                         entity_id=link_id, plan_id=plan_id, before={"status": before},
                         after={"status": status})
