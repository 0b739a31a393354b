"""Giving the plan back as a workbook, and loading the sample plan into an empty database."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from domain.model import Plan
from domain.status import Status
from importer.export import write_plan
from importer.followup import FollowUpEntry
from importer.indicator_export import IndicatorSheetRow
from services.imports import ImportReport, import_workbook
from services.indicators import judged
from services.plans import PlanNotFound
from storage.db import Database


def _entry(report) -> FollowUpEntry:
    try:
        status = Status(report.status)
    except ValueError:
        status = None
    return FollowUpEntry(party=report.party, status=status, text=report.text,
                         attributed_to=report.attributed_to, at=report.at, source=report.source)


async def export_plan(db: Database, ref: str, path: Path, labels: Mapping[str, str]) -> Plan:
    """Write the plan (active actions) with each party's latest statement; returns the plan."""
    async with db.transaction() as repo:
        plan_id = await repo.find_plan_id(ref)
        plan = await repo.get_plan(plan_id) if plan_id else None
        if plan is None:
            raise PlanNotFound(ref)
        reports = await repo.latest_reports(plan.id)
        indicators = (await judged(repo, [plan.id]))[plan.id]
    follow_ups: dict[int, list[FollowUpEntry]] = {}
    for report in sorted(reports, key=lambda r: r.at):
        follow_ups.setdefault(report.action_id, []).append(_entry(report))
    rows = [IndicatorSheetRow(r.indicator, {m.period: m for m in r.series}) for r in indicators]
    Path(path).write_bytes(write_plan(plan, follow_ups, labels, rows))
    return plan


async def load_sample(db: Database, path: Path, *, if_empty: bool = True,
                      district: str = "Kungsholmen") -> ImportReport | None:
    """Import the sample plan; with `if_empty`, only when there is no plan yet."""
    if if_empty:
        async with db.transaction() as repo:
            if await repo.count_plans():
                return None
    return await import_workbook(db, path, district=district, actor="sample")
