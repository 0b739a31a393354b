"""Effect indicators and their measurements (append-only: a new row per entry)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, insert, select, update

from domain.indicators import Direction, Indicator, Measurement, Source
from storage.models import (
    AreaRow,
    IndicatorRow,
    MeasurementRow,
    PlanRow,
    RoleHolderRow,
)
from storage.repos.base import RepoBase, holds_in_plan

FIELDS = ("problem", "name", "source", "unit", "direction", "baseline_value", "baseline_period",
          "target_value", "target_period", "role_id", "owner_text", "position")


def indicator_of(row: IndicatorRow, area: AreaRow) -> Indicator:
    return Indicator(
        id=row.id, plan_id=row.plan_id, area_id=row.area_id, area_name=area.name,
        area_position=area.position, name=row.name, source=Source(row.source),
        direction=Direction(row.direction), unit=row.unit, problem=row.problem,
        baseline_value=row.baseline_value, baseline_period=row.baseline_period,
        target_value=row.target_value, target_period=row.target_period, role_id=row.role_id,
        owner_text=row.owner_text, position=row.position)


def measurement_of(row: MeasurementRow) -> Measurement:
    return Measurement(
        id=row.id, indicator_id=row.indicator_id, period=row.period, value=row.value,
        reason=row.reason, note=row.note, entered_by=row.entered_by, person_id=row.person_id,
        at=row.created_at, source=row.source)


class IndicatorsRepo(RepoBase):
    async def indicators_of(self, plan_ids: Sequence[int]) -> list[Indicator]:
        """The plans' indicators in the Indikatorer sheet's order (the export keeps it)."""
        rows = await self.session.execute(
            select(IndicatorRow, AreaRow).join(AreaRow, AreaRow.id == IndicatorRow.area_id)
            .where(IndicatorRow.plan_id.in_(list(plan_ids)))
            .order_by(IndicatorRow.plan_id, IndicatorRow.position, IndicatorRow.id))
        return [indicator_of(i, a) for i, a in rows.all()]

    async def indicator(self, indicator_id: int) -> Indicator | None:
        row = (await self.session.execute(
            select(IndicatorRow, AreaRow).join(AreaRow, AreaRow.id == IndicatorRow.area_id)
            .where(IndicatorRow.id == indicator_id))).first()
        return indicator_of(*row) if row else None

    async def add_indicator(self, plan_id: int, area_id: int, fields: dict) -> int:
        now = self.now()
        row = IndicatorRow(plan_id=plan_id, area_id=area_id, created_at=now, updated_at=now,
                           **fields)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def update_indicator(self, indicator_id: int, area_id: int, fields: dict) -> None:
        await self.session.execute(update(IndicatorRow).where(IndicatorRow.id == indicator_id)
                                   .values(area_id=area_id, updated_at=self.now(), **fields))

    async def measurements_of(self, indicator_ids: Sequence[int]) -> list[Measurement]:
        """Every entry (history included) of these indicators, oldest first."""
        if not indicator_ids:
            return []
        rows = await self.session.scalars(
            select(MeasurementRow).where(MeasurementRow.indicator_id.in_(list(indicator_ids)))
            .order_by(MeasurementRow.id))
        return [measurement_of(r) for r in rows]

    async def add_measurements(self, rows: list[dict]) -> None:
        """Append entries: dicts of indicator_id, period, value, reason, note, person_id,
        entered_by, source."""
        if rows:
            now = self.now()
            await self.session.execute(insert(MeasurementRow.__table__),
                                       [{**r, "created_at": now} for r in rows])

    async def plans_by_district(self) -> dict[str, list[tuple[int, int]]]:
        """Lower-cased district → [(year, plan id)], newest first."""
        rows = await self.session.execute(
            select(PlanRow.district, PlanRow.year, PlanRow.id)
            .order_by(PlanRow.year.desc(), PlanRow.id.desc()))
        found: dict[str, list[tuple[int, int]]] = {}
        for district, year, plan_id in rows.all():
            found.setdefault(district.strip().lower(), []).append((year, plan_id))
        return found

    async def indicators_of_person(self, person_id: int) -> list[Indicator]:
        """Indicators whose owning role the person holds (in that plan's district or in every
        district)."""
        rows = await self.session.execute(
            select(IndicatorRow, AreaRow).join(AreaRow, AreaRow.id == IndicatorRow.area_id)
            .join(RoleHolderRow, RoleHolderRow.role_id == IndicatorRow.role_id)
            .where(RoleHolderRow.person_id == person_id, holds_in_plan(IndicatorRow.plan_id))
            .order_by(IndicatorRow.plan_id, AreaRow.position, IndicatorRow.position)
            .distinct())
        return [indicator_of(i, a) for i, a in rows.all()]

    async def indicators_of_people(self, plan_ids: Sequence[int],
                                   person_ids: Sequence[int] | None = None
                                   ) -> dict[int, list[Indicator]]:
        """person id → `indicators_of_person` limited to these plans, for every holder of an
        owning role there (or only `person_ids`), in one query."""
        if not plan_ids:
            return {}
        query = (
            select(RoleHolderRow.person_id, IndicatorRow, AreaRow)
            .join(AreaRow, AreaRow.id == IndicatorRow.area_id)
            .join(RoleHolderRow, RoleHolderRow.role_id == IndicatorRow.role_id)
            .where(IndicatorRow.plan_id.in_(list(plan_ids)), holds_in_plan(IndicatorRow.plan_id))
            .order_by(RoleHolderRow.person_id, IndicatorRow.plan_id, AreaRow.position,
                      IndicatorRow.position, IndicatorRow.id))
        if person_ids is not None:
            query = query.where(RoleHolderRow.person_id.in_(list(person_ids)))
        found: dict[int, dict[int, Indicator]] = {}  # a role held twice lists its indicator once
        for person_id, row, area in (await self.session.execute(query)).all():
            found.setdefault(person_id, {}).setdefault(row.id, indicator_of(row, area))
        return {person: list(owned.values()) for person, owned in found.items()}

    async def periods_entered(self, indicator_ids: Sequence[int], period: str) -> set[int]:
        """The indicators that have any entry (a value or ingen data) for the period."""
        if not indicator_ids:
            return set()
        rows = await self.session.scalars(
            select(func.distinct(MeasurementRow.indicator_id))
            .where(MeasurementRow.indicator_id.in_(list(indicator_ids)),
                   MeasurementRow.period == period))
        return set(rows)
