"""Send budgets shared by every process that delivers (services/budget.py reserves from them).

A budget is one row: when its next slot is free. Reserving `count` slots moves that moment on by
`count × interval` in one UPDATE, whose row lock orders the reservations of all processes, so the
slots of the whole installation are `interval` apart whichever process sends them. On PostgreSQL
"now" is the database's clock, the one clock every replica sees alike whatever host it runs on;
on SQLite (one machine by nature) it is the machine's monotonic clock, which its processes share.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import case, extract, func, literal, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import RateBudgetRow
from storage.repos.base import RepoBase

#: A slot further ahead than this is not real: the clock restarted (SQLite's monotonic clock
#: starts again at boot) or jumped back. The budget then starts afresh from now.
HORIZON = 120.0


class Reserved(NamedTuple):
    """A reservation on the budget's clock: its first slot, and "now" as the UPDATE read it
    (the database's clock on PostgreSQL, which the caller maps onto its own)."""

    first: float
    now: float


class RateBudgetsRepo(RepoBase):
    async def reserve_slots(self, name: str, count: int, interval: float, local_now: float, *,
                            lead: float = 0.0) -> Reserved:
        """Reserve `count` slots `interval` apart, the first at least `lead` seconds ahead (time
        to commit and hand the slots out). `local_now` is the monotonic clock's reading, the
        budget's clock on SQLite; PostgreSQL reads its own. The row is not worth a flush to disk: after a crash a budget that
        forgot its last slots starts from now, which is at most a block early."""
        if self.dialect == "postgresql":
            await self.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
        for _ in range(2):
            reserved = await self._move_on(name, count * interval, local_now, lead)
            if reserved is not None:
                return reserved
            insert = pg_insert if self.dialect == "postgresql" else sqlite_insert
            await self.session.execute(insert(RateBudgetRow).values(name=name, next_free=0.0)
                                       .on_conflict_do_nothing(index_elements=["name"]))
        raise RuntimeError(f"rate budget {name!r} could not be created")

    async def _move_on(self, name: str, span: float, local_now: float, lead: float
                       ) -> Reserved | None:
        now = extract("epoch", func.clock_timestamp()) if self.dialect == "postgresql" \
            else literal(local_now)
        free = RateBudgetRow.next_free
        start = case(((free < now + lead) | (free > now + HORIZON), now + lead), else_=free)
        stmt = (update(RateBudgetRow).where(RateBudgetRow.name == name)
                .values(next_free=start + span)
                .returning(RateBudgetRow.next_free - span, now))
        row = (await self.session.execute(stmt)).one_or_none()
        return Reserved(float(row[0]), float(row[1])) if row is not None else None
