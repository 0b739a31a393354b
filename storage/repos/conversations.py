"""Stored conversation references: where Följa can write unprompted."""

from __future__ import annotations

from sqlalchemy import func, select

from domain.model import ConversationRef
from storage.models import ConversationRefRow
from storage.repos.base import RepoBase


class ConversationsRepo(RepoBase):
    async def save_conversation_ref(
        self, ref: ConversationRef, *, kind: str, person_id: int | None = None,
        plan_id: int | None = None,
    ) -> bool:
        """Insert or refresh the stored reference; writes only when something changed."""
        row = await self.session.scalar(
            select(ConversationRefRow).where(
                ConversationRefRow.conversation_id == ref.conversation_id
            )
        )
        payload = {
            "bot_id": ref.bot_id, "bot_name": ref.bot_name, "user_id": ref.user_id,
            "is_group": ref.is_group, **ref.extra,
        }
        if row is None:
            row = ConversationRefRow(conversation_id=ref.conversation_id, kind=kind)
            self.session.add(row)
        wanted = {
            "kind": kind,
            "person_id": person_id if person_id is not None else row.person_id,
            "plan_id": plan_id if plan_id is not None else row.plan_id,
            "service_url": ref.service_url, "channel_id": ref.channel_id,
            "tenant_id": ref.tenant_id, "reference": payload,
        }
        changed = {k: v for k, v in wanted.items() if getattr(row, k) != v}
        if not changed and row.id is not None:
            return False
        for key, value in changed.items():
            setattr(row, key, value)
        row.updated_at = self.now()
        await self.session.flush()
        return True

    async def conversation_ref_for_person(self, person_id: int) -> ConversationRef | None:
        row = await self.session.scalar(
            select(ConversationRefRow)
            .where(ConversationRefRow.person_id == person_id, ConversationRefRow.kind == "personal")
            .order_by(ConversationRefRow.updated_at.desc())
        )
        return _ref_of(row) if row else None

    async def count_conversation_refs(self) -> int:
        return int(await self.session.scalar(select(func.count(ConversationRefRow.id))) or 0)


def _ref_of(row: ConversationRefRow) -> ConversationRef:
    extra = dict(row.reference or {})
    return ConversationRef(
        conversation_id=row.conversation_id, service_url=row.service_url,
        channel_id=row.channel_id, tenant_id=row.tenant_id, bot_id=extra.pop("bot_id", None),
        bot_name=extra.pop("bot_name", None), user_id=extra.pop("user_id", None),
        is_group=bool(extra.pop("is_group", False)), extra=extra,
    )
