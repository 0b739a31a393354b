"""What importing a workbook needs from storage: bulk writes, the plan as stored, follow-ups.

Bulk methods (one flush for many rows) keep a 2,000-action import well under two seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from domain.model import Organisation
from storage.models import (
    ActionRow,
    AreaRow,
    PlanRow,
    ResponsibilityRow,
    RoleRow,
    StatusReportRow,
)
from storage.repos.base import RepoBase

TEXT_FIELDS = ("title", "problem", "cause", "action_text", "goal", "when_text", "who_text")


@dataclass(frozen=True)
class StoredAction:
    id: int
    area_id: int
    area: str
    fields: dict[str, str]  # TEXT_FIELDS plus "follow_up" (the imported Uppföljning text)
    archived: bool
    position: int = 0
    source_row: int | None = None


class ImportsRepo(RepoBase):
    async def plan_by_district_year(self, district: str, year: int) -> int | None:
        return await self.session.scalar(select(PlanRow.id).where(
            func.lower(PlanRow.district) == district.strip().lower(), PlanRow.year == year))

    async def latest_district(self) -> str | None:
        return await self.session.scalar(
            select(PlanRow.district).order_by(PlanRow.year.desc(), PlanRow.id.desc()).limit(1))

    async def touch_plan(self, plan_id: int, **fields) -> None:
        await self.session.execute(
            update(PlanRow).where(PlanRow.id == plan_id).values(updated_at=self.now(), **fields))

    async def areas_of(self, plan_id: int) -> list[tuple[int, str]]:
        rows = await self.session.execute(
            select(AreaRow.id, AreaRow.name).where(AreaRow.plan_id == plan_id)
            .order_by(AreaRow.position))
        return [(i, n) for i, n in rows.all()]

    async def active_counts(self, plan_id: int) -> list[tuple[str, int]]:
        """(area name, active actions) in area order."""
        active = func.count(ActionRow.id).filter(ActionRow.status == "active")
        rows = await self.session.execute(
            select(AreaRow.name, active).outerjoin(ActionRow, ActionRow.area_id == AreaRow.id)
            .where(AreaRow.plan_id == plan_id).group_by(AreaRow.id, AreaRow.name,
                                                        AreaRow.position)
            .order_by(AreaRow.position))
        return [(n, int(c)) for n, c in rows.all()]

    async def update_area(self, area_id: int, **fields) -> None:
        await self.session.execute(update(AreaRow).where(AreaRow.id == area_id).values(**fields))

    async def stored_actions(self, plan_id: int) -> list[StoredAction]:
        rows = await self.session.execute(
            select(ActionRow, AreaRow.name).join(AreaRow, AreaRow.id == ActionRow.area_id)
            .where(ActionRow.plan_id == plan_id).order_by(AreaRow.position, ActionRow.position))
        return [
            StoredAction(
                id=a.id, area_id=a.area_id, area=name,
                fields={**{f: getattr(a, f) for f in TEXT_FIELDS},
                        "follow_up": a.imported_follow_up},
                archived=a.status == "archived", position=a.position, source_row=a.source_row,
            )
            for a, name in rows.all()
        ]

    async def insert_actions(self, plan_id: int, rows: list[dict]) -> list[int]:
        """Insert many actions (ActionRow columns) in one flush; ids in the same order."""
        if not rows:
            return []
        table = ActionRow.__table__  # Core insert: the ORM's per-object bookkeeping is the cost
        result = await self.session.execute(
            table.insert().returning(table.c.id, sort_by_parameter_order=True),
            [{"plan_id": plan_id, "status": "active", "imported_follow_up": "", **r} for r in rows])
        return list(result.scalars())

    async def update_action(self, action_id: int, **fields) -> None:
        await self.session.execute(
            update(ActionRow).where(ActionRow.id == action_id).values(**fields))

    async def set_action_status(self, action_ids: list[int], status: str) -> None:
        if action_ids:
            await self.session.execute(
                update(ActionRow).where(ActionRow.id.in_(action_ids)).values(status=status))

    async def ensure_roles(
        self, specs: list[tuple[str, Organisation, tuple[str, ...]]]
    ) -> dict[str, int]:
        """Role ids by name (case-insensitive), creating the missing ones."""
        have = {n.lower(): i for i, n in (await self.session.execute(
            select(RoleRow.id, RoleRow.name))).all()}
        new = [RoleRow(name=n, organisation=o.value, aliases=list(a))
               for n, o, a in specs if n.lower() not in have]
        self.session.add_all(new)
        await self.session.flush()
        have.update({r.name.lower(): r.id for r in new})
        return {n: have[n.lower()] for n, _o, _a in specs}

    async def replace_responsibilities(
        self, by_action: dict[int, list[tuple[int, bool]]]
    ) -> None:
        if not by_action:
            return
        await self.session.execute(delete(ResponsibilityRow).where(
            ResponsibilityRow.action_id.in_(list(by_action))))
        values = [{"action_id": a, "role_id": r, "lead": lead}
                  for a, pairs in by_action.items() for r, lead in pairs]
        if values:
            await self.session.execute(ResponsibilityRow.__table__.insert(), values)

    async def add_imported_reports(self, rows: list[tuple[int, str, str]]) -> None:
        """(action id, status, text): the file's own Uppföljning, attributed to "imported"."""
        now = self.now()
        if rows:
            await self.session.execute(StatusReportRow.__table__.insert(), [
                {"round_id": None, "action_id": a, "status": s, "done_text": t, "source": "import",
                 "attributed_to": "imported", "version": 1, "created_at": now}
                for a, s, t in rows])
