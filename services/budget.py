"""The tenant's send budget: slots `interval` apart, for one process or shared by all of them.

Teams counts a tenant's requests per bot whichever replica sends them, so replicas that each
pace themselves (the old FOLJA_TENANT_RATE = limit / replicas) either waste the budget when one
of them has nothing to send or, set to the full rate each, exceed it together. Here every
request is given a *slot*: a moment on one schedule whose slots are `interval` apart. In one
process the schedule is memory (`LocalBudget`); across processes it is a row in the database
(`SharedBudget`, storage/repos/rate_budgets.py), reserved a few slots at a time, so the database
sees one short UPDATE per block rather than one per message.

A schedule, not a bucket: slots are fixed moments, so a sender that wakes a little late does not
push the following slots later (no lateness is lost from the rate) and a full budget cannot be
spent in one burst. A sender that wakes much later than its slot gives the slot up and takes a
new one (services/ratelimit.py): requests that leave late arrive bunched with the next ones,
which is what Teams would count.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from storage.db import Database

log = logging.getLogger(__name__)
TENANT = "tenant"
#: How fast two hosts' clocks may drift apart (NTP slews a clock by at most 500 ppm).
DRIFT = 5e-4


class Budget(Protocol):
    interval: float
    #: True when this process makes every request the budget paces (services/ratelimit.py
    #: then counts its own sends instead of giving up late slots).
    sees_every_send: bool

    async def take(self) -> float:
        """A moment (the monotonic clock) at which one request may leave."""
        ...

    async def close(self) -> None: ...


class LocalBudget:
    """The schedule in this process's memory: right for one delivering process."""

    sees_every_send = True

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval, self._clock = interval, clock
        self._next_free = float("-inf")

    async def take(self) -> float:
        start = max(self._next_free, self._clock())
        self._next_free = start + self.interval
        return start

    async def close(self) -> None:
        """Nothing to hand back: the schedule is this process's memory."""


class ClockOffset:
    """The database's clock minus this process's monotonic clock, as well as it is known.

    Each reservation is a sample: the database read its clock somewhere between `before` and
    `after`, so the sample is off by at most half that round trip. A slow round trip (a wait for
    the budget's row lock, a busy event loop) is a poor sample, and mapping every block by its
    own round trip let two processes' blocks overlap by a few milliseconds. As NTP does, the
    offset kept is the sample with the smallest error bound (half its round trip, plus the drift
    since it was taken); a sample that disagrees with it by more than both bounds means a clock
    was set, and replaces it."""

    def __init__(self) -> None:
        self._offset, self._bound, self._taken = 0.0, math.inf, 0.0

    def local(self, remote: float, remote_now: float, before: float, after: float) -> float:
        """`remote` (a moment on the database's clock) on this process's clock, after learning
        from the sample (`remote_now` read between `before` and `after`)."""
        offset, bound = remote_now - (before + after) / 2, (after - before) / 2
        kept = self._bound + DRIFT * (after - self._taken)
        if bound <= kept or abs(offset - self._offset) > bound + kept:
            self._offset, self._bound, self._taken = offset, bound, after
        return remote - self._offset


class SharedBudget:
    """The schedule in the database, shared by every process that delivers for the tenant.

    Waiters queue in order; one task at a time reserves a block of slots for as many of them as
    wait (at most `block`), so a burst of sends costs a few UPDATEs and an idle process reserves
    nothing. A block starts at least `lead` seconds ahead, time to commit the reservation and
    wake the waiters, so its first slots are not missed. A database outage holds sends back
    rather than letting them go unpaced."""

    sees_every_send = False

    def __init__(self, db: Database, interval: float, *, name: str = TENANT, block: int = 20,
                 lead: float = 0.03, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval, self._db, self._name, self._lead = interval, db, name, lead
        self._block, self._clock = max(1, block), clock
        self._waiters: deque[asyncio.Future[float]] = deque()
        self._reserver: asyncio.Task | None = None
        self._offset = ClockOffset()

    async def take(self) -> float:
        slot: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiters.append(slot)
        if self._reserver is None or self._reserver.done():
            self._reserver = asyncio.create_task(self._reserve())
        return await slot

    async def _reserve(self) -> None:
        while self._waiters:
            count = min(len(self._waiters), self._block)
            try:
                first = await self._first_slot(count)
            except Exception:  # the database may be away for a moment: sends wait for it
                log.warning("rate budget: could not reserve slots, retrying", exc_info=True)
                await asyncio.sleep(0.5)
                continue
            for k in range(count):
                waiter = self._waiters.popleft()
                if not waiter.done():  # a cancelled send leaves its slot unused
                    waiter.set_result(first + k * self.interval)

    async def _first_slot(self, count: int) -> float:
        async with self._db.transaction() as repo:
            before = self._clock()
            got = await repo.reserve_slots(self._name, count, self.interval, before,
                                           lead=self._lead)
            after = self._clock()
        if self._db.is_sqlite:  # the budget's clock is this machine's monotonic clock
            return got.first
        return self._offset.local(got.first, got.now, before, after)

    async def close(self) -> None:
        if self._reserver is not None:
            self._reserver.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reserver
