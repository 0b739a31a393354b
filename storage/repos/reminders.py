"""Reminder preferences, and what the escalation digest reads: finished rounds, coordinators."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, or_, select

from domain.followup import Round, RoundState
from domain.model import Person
from domain.reminders import Preference
from storage.models import (
    OutboxRow,
    PersonRow,
    ReminderPreferenceRow,
    RoleHolderRow,
    RoleRow,
    RoundRow,
)
from storage.repos.base import RepoBase, holds_in_plan, person_of
from storage.repos.followup import round_of

COORDINATOR_ROLE = "koordinator"


class RemindersRepo(RepoBase):
    async def reminder_preferences(self, person_ids: set[int]) -> dict[int, Preference]:
        """person id → preference, for those who have one (one query)."""
        if not person_ids:
            return {}
        rows = await self.session.scalars(select(ReminderPreferenceRow).where(
            ReminderPreferenceRow.person_id.in_(sorted(person_ids))))
        return {r.person_id: Preference(r.weekday, r.hour) for r in rows}

    async def reminded_on(self, person_ids: set[int], day: date) -> set[int]:
        """Those of these people who already got (or have queued) a reminder for `day`,
        whosever dedupe key it carried (one query)."""
        if not person_ids:
            return set()
        found = await self.session.scalars(select(OutboxRow.person_id).where(
            OutboxRow.kind == "reminder", OutboxRow.person_id.in_(sorted(person_ids)),
            OutboxRow.dedupe_key.like(f"reminder:%:{day.isoformat()}")))
        return {pid for pid in found if pid is not None}

    async def set_reminder_preference(self, person_id: int, preference: Preference) -> None:
        """Store the whole preference (an empty one removes the row)."""
        row = await self.session.get(ReminderPreferenceRow, person_id)
        if preference.empty:
            if row is not None:
                await self.session.delete(row)
            await self.session.flush()
            return
        if row is None:
            row = ReminderPreferenceRow(person_id=person_id)
            self.session.add(row)
        row.weekday, row.hour, row.updated_at = preference.weekday, preference.hour, self.now()
        await self.session.flush()

    async def clear_reminder_preference(self, person_id: int) -> bool:
        result = await self.session.execute(delete(ReminderPreferenceRow).where(
            ReminderPreferenceRow.person_id == person_id))
        return bool(getattr(result, "rowcount", 0))

    async def finished_rounds(self, today: date) -> list[Round]:
        """Closed rounds and rounds past their due date, by plan, oldest first."""
        rows = await self.session.scalars(select(RoundRow).where(or_(
            RoundRow.status == RoundState.CLOSED.value, RoundRow.due_date < today))
            .order_by(RoundRow.plan_id, RoundRow.id))
        return [round_of(r) for r in rows]

    async def plan_coordinators(self, plan_id: int) -> list[Person]:
        """Holders of "koordinator" in this plan's district or in every district (bound to
        none); a stadskoordinator is not a district's coordinator."""
        rows = await self.session.scalars(
            select(PersonRow).join(RoleHolderRow, RoleHolderRow.person_id == PersonRow.id)
            .join(RoleRow, RoleRow.id == RoleHolderRow.role_id)
            .where(func.lower(RoleRow.name) == COORDINATOR_ROLE,
                   holds_in_plan(plan_id),
                   PersonRow.forgotten_at.is_(None))
            .distinct().order_by(PersonRow.id))
        return [person_of(r) for r in rows]
