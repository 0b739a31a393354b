"""Importing a value file: many districts' indicator values at once, one transaction.

A row whose district has no plan, or whose indicator the plan lacks, is a warning and is
skipped; a row that is not sound (period, value, a personnummer, a locked period) refuses the
whole file (ValueFileError) and nothing is written. A value equal to the latest entry of its
period adds nothing, so importing the same file twice adds no history.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from domain.indicators import Indicator, latest_per_period, period_year, same_entry
from importer.indicator_values import ValueFileError, ValueRow, read_value_file
from importer.text import loose
from services import indicator_periods
from storage.db import Database
from storage.repository import Repository

__all__ = ["ValueFileError", "ValuesReport", "import_values"]


@dataclass(frozen=True)
class ValuesReport:
    indicators: int  # indicators that got a new entry
    values: int  # entries written
    warnings: tuple[tuple[str, dict], ...] = field(default=())  # (code, values)

    def as_json(self) -> dict:
        return {"indicators": self.indicators, "values": self.values}


def _plan_for(plans: dict[str, list[tuple[int, int]]], row: ValueRow) -> int | None:
    """The district's plan of the period's year, else its newest plan."""
    pairs = plans.get(row.district.strip().lower(), [])
    year = period_year(row.period)
    return next((p for y, p in pairs if y == year), pairs[0][1] if pairs else None)


def _match(indicators: list[Indicator], row: ValueRow) -> list[Indicator]:
    found = [i for i in indicators if loose(i.name) == loose(row.indicator)]
    if row.area:
        found = [i for i in found if loose(i.area_name) == loose(row.area)]
    return found


async def import_values(db: Database, path: Path, district: str | None = None,
                        actor: str = "cli") -> ValuesReport:
    """Read the file and append its values; ValueFileError when the file is refused."""
    data = await asyncio.to_thread(Path(path).read_bytes)
    rows = await asyncio.to_thread(read_value_file, data, Path(path).name, district)
    if district:
        rows = [r for r in rows if loose(r.district) == loose(district)]
    async with db.transaction() as repo:
        entries, warnings = await _entries(repo, rows, actor)
        await repo.add_measurements(entries)
        if entries:
            await repo.audit(actor=actor, action="indicator.values_imported",
                             entity="indicator_values", entity_id=Path(path).name,
                             after={"values": len(entries)})
    return ValuesReport(len({e["indicator_id"] for e in entries}), len(entries), tuple(warnings))


async def _entries(repo: Repository, rows: list[ValueRow], actor: str
                   ) -> tuple[list[dict], list[tuple[str, dict]]]:
    plans = await repo.plans_by_district()
    plan_ids = sorted({p for pairs in plans.values() for _y, p in pairs})
    indicators = await repo.indicators_of(plan_ids)
    by_plan: dict[int, list[Indicator]] = {}
    for i in indicators:
        by_plan.setdefault(i.plan_id, []).append(i)
    history = await repo.measurements_of([i.id for i in indicators])
    entries: list[dict] = []
    warnings: list[tuple[str, dict]] = []
    for row in rows:
        plan_id = _plan_for(plans, row)
        if plan_id is None:
            warnings.append(("unknown_district", {"row": row.row, "district": row.district}))
            continue
        found = _match(by_plan.get(plan_id, []), row)
        if len(found) != 1:
            code = "ambiguous_indicator" if found else "unknown_indicator"
            warnings.append((code, {"row": row.row, "indicator": row.indicator,
                                    "district": row.district}))
            continue
        indicator = found[0]
        if await indicator_periods.is_period_frozen(repo, plan_id, row.period):
            raise ValueFileError("frozen", row=row.row, period=row.period)
        latest = latest_per_period(m for m in history if m.indicator_id == indicator.id)
        if same_entry(latest.get(row.period), row.cell.value, row.cell.reason, row.note):
            continue
        entries.append({"indicator_id": indicator.id, "period": row.period,
                        "value": row.cell.value, "reason": row.cell.reason, "note": row.note,
                        "person_id": None, "entered_by": actor, "source": "file"})
    return entries, warnings
