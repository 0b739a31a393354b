"""Districts as `folja district list` shows them: their plans by year and their coordinators."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database


@dataclass(frozen=True)
class DistrictLine:
    name: str
    years: tuple[int, ...]  # the years it has a plan for, newest first
    coordinators: tuple[str, ...]  # e-mails of its own coordinators (not the city-wide ones)


async def list_districts(db: Database) -> list[DistrictLine]:
    """Every district with its plans' years and the coordinators bound to it."""
    async with db.transaction() as repo:
        districts = await repo.list_districts()
        plans = await repo.list_plans()
        holders = await repo.role_holders()
        roles = [r for r in await repo.list_roles() if r.name.lower() == "koordinator"]
    bound = [h for r in roles for h in holders.get(r.id, ())]
    return [DistrictLine(d.name,
                         tuple(sorted({p.year for p in plans if p.district_id == d.id},
                                      reverse=True)),
                         tuple(email for email, _name, where in bound if where == d.name))
            for d in districts]
