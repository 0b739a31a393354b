"""What operators and the delivery worker ask of the outbox beyond queueing and claiming:
listing, retrying dead letters, and remembering who cannot be reached."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from storage.models import OutboxRow, PersonRow
from storage.repos.base import RepoBase, touched
from storage.repos.outbox import OutboxEntry, _entry

FAILED = ("failed", "dead")


class OutboxAdminRepo(RepoBase):
    async def list_outbox(self, statuses: tuple[str, ...], limit: int = 200) -> list[OutboxEntry]:
        rows = await self.session.scalars(
            select(OutboxRow).where(OutboxRow.status.in_(statuses))
            .order_by(OutboxRow.id).limit(limit)
        )
        return [_entry(r) for r in rows]

    async def count_outbox(self) -> dict[str, int]:
        """Rows per status, for `folja outbox` and the benchmarks."""
        rows = await self.session.execute(
            select(OutboxRow.status, func.count(OutboxRow.id)).group_by(OutboxRow.status)
        )
        return {status: int(n) for status, n in rows.all()}

    async def retry_outbox(self, outbox_id: int | None, now: datetime) -> int:
        """Failed or dead rows (one, or all when `outbox_id` is None) back to pending, fresh."""
        query = update(OutboxRow).where(OutboxRow.status.in_(FAILED))
        if outbox_id is not None:
            query = query.where(OutboxRow.id == outbox_id)
        result = await self.session.execute(query.values(
            status="pending", attempts=0, next_attempt_at=now, claimed_by="",
        ))
        return touched(result)

    async def mark_unreachable(self, person_id: int, reason: str, now: datetime) -> None:
        """Teams refused to write to this person (blocked, uninstalled): say so, once."""
        await self.session.execute(
            update(PersonRow).where(PersonRow.id == person_id,
                                    PersonRow.unreachable_since.is_(None))
            .values(unreachable_since=now, unreachable_reason=reason[:200], updated_at=now)
        )

    async def mark_reachable(self, person_id: int) -> None:
        """The person wrote to Följa (or a send got through): reachable again."""
        await self.session.execute(
            update(PersonRow).where(PersonRow.id == person_id,
                                    PersonRow.unreachable_since.is_not(None))
            .values(unreachable_since=None, unreachable_reason="", updated_at=self.now())
        )

    async def unreachable_people(self) -> list[tuple[int, str, str]]:
        """(person id, display name or e-mail, reason) of everyone marked unreachable."""
        rows = await self.session.execute(
            select(PersonRow.id, PersonRow.display_name, PersonRow.email,
                   PersonRow.unreachable_reason)
            .where(PersonRow.unreachable_since.is_not(None)).order_by(PersonRow.id)
        )
        return [(pid, name or email or "", reason) for pid, name, email, reason in rows.all()]

    async def dead_letters_by_round(self) -> dict[int | None, int]:
        """Dead or failed rows per round (None: not part of a round); notices excluded."""
        rows = await self.session.execute(
            select(OutboxRow.round_id, func.count(OutboxRow.id))
            .where(OutboxRow.status.in_(FAILED), OutboxRow.kind != "notice")
            .group_by(OutboxRow.round_id)
        )
        return {round_id: int(n) for round_id, n in rows.all()}
