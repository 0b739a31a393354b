"""Links from this year's actions to last year's, proposed by the importer."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import aliased

from storage.models import ActionLinkRow, ActionRow
from storage.repos.base import RepoBase


@dataclass(frozen=True)
class LinkView:
    id: int
    plan_id: int
    action_id: int
    action_title: str
    previous_action_id: int
    previous_title: str
    score: int
    method: str
    status: str


class LinksRepo(RepoBase):
    async def add_links(self, plan_id: int, proposals: list[tuple[int, int, int, str]]) -> None:
        """(action, previous action, score, method); the history carries over until undone."""
        existing = set((await self.session.execute(
            select(ActionLinkRow.action_id, ActionLinkRow.previous_action_id)
            .where(ActionLinkRow.plan_id == plan_id))).all())
        for action_id, previous_id, score, method in proposals:
            if (action_id, previous_id) in existing:
                continue
            self.session.add(ActionLinkRow(plan_id=plan_id, action_id=action_id,
                                           previous_action_id=previous_id, score=score,
                                           method=method, status="proposed"))
            await self.session.execute(update(ActionRow).where(ActionRow.id == action_id)
                                       .values(previous_action_id=previous_id))
        await self.session.flush()

    async def list_links(self, plan_id: int) -> list[LinkView]:
        prev = aliased(ActionRow)
        rows = await self.session.execute(
            select(ActionLinkRow, ActionRow.title, prev.title)
            .join(ActionRow, ActionRow.id == ActionLinkRow.action_id)
            .join(prev, prev.id == ActionLinkRow.previous_action_id)
            .where(ActionLinkRow.plan_id == plan_id).order_by(ActionLinkRow.id))
        return [LinkView(link.id, link.plan_id, link.action_id, title, link.previous_action_id,
                         ptitle, link.score, link.method, link.status)
                for link, title, ptitle in rows.all()]

    async def decide_link(self, link_id: int, status: str, actor: str) -> tuple[int, str] | None:
        """Confirm or undo; undo also cuts the history link. (plan id, status before) or None."""
        link = await self.session.get(ActionLinkRow, link_id)
        if link is None:
            return None
        before = link.status
        link.status, link.decided_by, link.decided_at = status, actor, self.now()
        await self.session.execute(update(ActionRow).where(ActionRow.id == link.action_id).values(
            previous_action_id=None if status == "undone" else link.previous_action_id))
        await self.session.flush()
        return link.plan_id, before
