"""Stored conversation references: where Följa can write unprompted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select

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

    async def personal_refs(self, person_ids: Sequence[int]) -> dict[int, ConversationRef]:
        """person id → their newest personal chat (`conversation_ref_for_person`), for many
        people in one query; people without one are not listed. Of two refreshed at the same
        instant (a frozen test clock), the first stored, as that query returns it."""
        if not person_ids:
            return {}
        rows = await self.session.execute(  # columns, not entities: thousands of people
            select(*ConversationRefRow.__table__.c)
            .where(ConversationRefRow.person_id.in_(list(person_ids)),
                   ConversationRefRow.kind == "personal")
            .order_by(ConversationRefRow.updated_at.desc(), ConversationRefRow.id))
        found: dict[int, ConversationRef] = {}
        for row in rows:
            if row.person_id is not None and row.person_id not in found:
                found[row.person_id] = _ref_of(row)
        return found

    async def count_conversation_refs(self) -> int:
        return int(await self.session.scalar(select(func.count(ConversationRefRow.id))) or 0)


def _ref_of(row: ConversationRefRow | Row[Any]) -> ConversationRef:
    extra = dict(row.reference or {})
    return ConversationRef(
        conversation_id=row.conversation_id, service_url=row.service_url,
        channel_id=row.channel_id, tenant_id=row.tenant_id, bot_id=extra.pop("bot_id", None),
        bot_name=extra.pop("bot_name", None), user_id=extra.pop("user_id", None),
        is_group=bool(extra.pop("is_group", False)), extra=extra,
    )
