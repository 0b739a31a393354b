"""The shared budget maps the database's clock onto this process's clock (services/budget.py).

Two replicas reserve blocks of slots on the database's clock; each must place its slots on its
own clock without error, or the blocks overlap and the tenant's limit is exceeded. A fake
database here reads its clock at a chosen moment within the round trip, as a row lock makes a
real one do.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest

from services.budget import SharedBudget
from storage.repos.rate_budgets import Reserved

INTERVAL = 0.005


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


class FakeDatabase:
    """A budget row on a clock `offset` seconds ahead of the local one. Each reservation takes
    `delays` = (seconds before the database reads its clock, seconds after)."""

    is_sqlite = False

    def __init__(self, clock: Clock, offset: float) -> None:
        self.clock, self.offset, self.next_free = clock, offset, 0.0
        self.delays = (0.0001, 0.0001)

    @asynccontextmanager
    async def transaction(self):
        yield self

    async def reserve_slots(self, name, count, interval, local_now, *, lead=0.0) -> Reserved:
        self.clock.now += self.delays[0]
        now = self.clock.now + self.offset
        first = max(self.next_free, now + lead)
        self.next_free = first + count * interval
        self.clock.now += self.delays[1]
        return Reserved(first, now)


async def test_a_slow_round_trip_does_not_misplace_the_slots():
    """A reservation that waited 20 ms for the row lock, then answered at once: the database's
    clock was read near the end of the round trip, not in its middle."""
    clock = Clock()
    db = FakeDatabase(clock, offset=1000.0)
    budget = SharedBudget(db, INTERVAL, block=1, lead=0.0, clock=clock)  # type: ignore[arg-type]
    first = await budget.take()
    assert first == pytest.approx(50.0, abs=0.0002)
    db.next_free = 1000.0 + 50.1  # another replica's block runs until 50.1 on our clock
    db.delays = (0.02, 0.0001)
    second = await budget.take()
    assert second == pytest.approx(50.1, abs=0.0005)  # the middle of the trip was 10 ms early


async def test_a_clock_that_was_set_is_followed():
    clock = Clock()
    db = FakeDatabase(clock, offset=1000.0)
    budget = SharedBudget(db, INTERVAL, block=1, lead=0.0, clock=clock)  # type: ignore[arg-type]
    await budget.take()
    db.offset, db.next_free = 995.0, 0.0  # the database's host set its clock 5 s back
    db.delays = (0.01, 0.01)  # and this round trip is slower than the one the offset came from
    clock.now += 1.0
    slot = await budget.take()
    assert slot == pytest.approx(clock.now - 0.01, abs=0.011)
