"""Writing a plan workbook's Indikatorer sheet, inside the plan import's transaction.

Indicators are matched by area, problem and name (loosely), so a re-import updates them in
place and keeps their history; a value differing from the latest entry of its period is
appended (append-only), an equal one adds nothing. An indicator whose area is not in the plan
is left out whole, with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.indicators import Measurement, latest_per_period, same_entry
from importer.model import ImportWarning, ParsedIndicator, ParsedPlan
from importer.owners import RoleSpec, find_owners
from importer.text import loose
from services import indicator_periods
from storage.repository import Repository


def _key(area_id: int, problem: str, name: str) -> tuple[int, str, str]:
    return area_id, loose(problem), loose(name)


async def sync_indicators(repo: Repository, plan_id: int, parsed: ParsedPlan,
                          roles: Sequence[RoleSpec], actor: str) -> list[ImportWarning]:
    """Add or update the sheet's indicators and append their changed values."""
    if not parsed.indicator_sheet:
        return []
    warnings: list[ImportWarning] = []
    areas = {loose(name): area_id for area_id, name in await repo.areas_of(plan_id)}
    stored = {_key(i.area_id, i.problem, i.name): i.id for i in await repo.indicators_of([plan_id])}
    history = await repo.measurements_of(list(stored.values()))
    entries: list[dict] = []
    for position, row in enumerate(parsed.indicators, start=1):
        area_id = areas.get(loose(row.area))
        if area_id is None:
            warnings.append(ImportWarning(row.sheet, row.row, "indicator_unknown_area",
                                          {"area": row.area, "name": row.name}))
            continue
        fields = await _fields(repo, row, roles, position, warnings)
        key = _key(area_id, row.problem, row.name)
        if key in stored:
            await repo.update_indicator(stored[key], area_id, fields)
        else:
            stored[key] = await repo.add_indicator(plan_id, area_id, fields)
        latest = latest_per_period(m for m in history if m.indicator_id == stored[key])
        entries += await _changed(repo, plan_id, stored[key], row, latest, actor, warnings)
    await repo.add_measurements(entries)
    return warnings


async def _fields(repo: Repository, row: ParsedIndicator, roles: Sequence[RoleSpec],
                  position: int, warnings: list[ImportWarning]) -> dict:
    role_id, owner = None, row.owner
    found = find_owners(row.owner, roles) if row.owner else []
    if found:
        spec = next(s for s in roles if s.name == found[0].role)
        role_id = (await repo.ensure_roles([(spec.name, spec.organisation, spec.aliases)]))[spec.name]
        owner = spec.name if loose(owner) == loose(spec.name) else owner  # "kommunpolis"
    elif row.owner:
        warnings.append(ImportWarning(row.sheet, row.row, "indicator_unknown_owner",
                                      {"text": row.owner}))
    return {"problem": row.problem, "name": row.name, "source": row.source.value,
            "unit": row.unit, "direction": row.direction.value,
            "baseline_value": row.baseline_value, "baseline_period": row.baseline_period,
            "target_value": row.target_value, "target_period": row.target_period,
            "role_id": role_id, "owner_text": owner, "position": position}


async def _changed(repo: Repository, plan_id: int, indicator_id: int, row: ParsedIndicator,
                   latest: dict[str, Measurement], actor: str,
                   warnings: list[ImportWarning]) -> list[dict]:
    """The entries to append: each period whose cell differs from its latest entry."""
    entries = []
    for period, cell in row.values:
        if same_entry(latest.get(period), cell.value, cell.reason):
            continue
        if await indicator_periods.is_period_frozen(repo, plan_id, period):
            warnings.append(ImportWarning(row.sheet, row.row, "indicator_frozen",
                                          {"period": period}))
            continue
        entries.append({"indicator_id": indicator_id, "period": period, "value": cell.value,
                        "reason": cell.reason, "note": "", "person_id": None,
                        "entered_by": actor, "source": "workbook"})
    return entries
