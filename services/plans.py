"""Reading plans: the list, one whole plan as plain data (for `folja plan show --json`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from domain.model import Plan, PlanSummary
from storage.db import Database


class PlanNotFound(LookupError):
    """No plan matches what the user named."""


async def list_plans(db: Database) -> list[PlanSummary]:
    async with db.transaction() as repo:
        return await repo.list_plans()


async def get_plan(db: Database, ref: str) -> Plan:
    """A plan by id or "district year"; raises PlanNotFound with the reference."""
    async with db.transaction() as repo:
        plan_id = await repo.find_plan_id(ref)
        plan = await repo.get_plan(plan_id) if plan_id else None
    if plan is None:
        raise PlanNotFound(ref)
    return plan


def plan_as_dict(plan: Plan) -> dict[str, Any]:
    """Every field of the plan, JSON-ready (dates as ISO strings, enums as values)."""
    return _jsonable(asdict(plan))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
