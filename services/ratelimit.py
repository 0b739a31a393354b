"""Staying under Teams' rate limits: the tenant's budget and each conversation's windows.

Why not aiolimiter: its leaky bucket lets a full bucket drain and refill inside one second, so
`AsyncLimiter(50, 1)` admits up to ~100 requests in the first second — Teams (and the connector
stub) count a *sliding* window and answer 429. Teams' per-conversation limits are also several
windows at once (7/1 s, 8/2 s, 60/30 s, 1,800/h), which one bucket cannot express. An exact
window is a deque of send times per lane: the n-th most recent send tells how long to wait.

The tenant budget is a schedule of slots `(1 + slack) / rate` apart (services/budget.py), kept
in the database when several processes deliver, so replicas share one budget instead of each
pacing itself. `slack` (4 %) leaves room for what we cannot see: Teams counts arrivals, we
count departures, and the two differ by jitter. A request that leaves more than `late` seconds
after its slot (the event loop was busy) gives the slot up and takes a new one, so a late request
never arrives bunched with the ones after it. Any second then holds at most
(1 + late) / (1 + slack) × rate + 1 departures, and requests may be bunched on their way by less
than slack − late before Teams counts more than the rate in a second: 25 ms with `late` at 15 ms
(10 ms at 30 ms). A smaller `late` gives up more slots, which costs rate (BENCHMARKS.md,
fan-out and delivery). One process alone (`LocalBudget`) sees every request it paces, so instead
of giving up late slots it counts its sends in a window of 1 + slack − late seconds and lets at
most `rate` of them through: the same room on the way, and no slot lost to a busy moment.

The conversation windows stay in this process's memory: one lane is sent by one worker at a time
(see storage/repos/outbox.py), and a claim brings along the lane's recent sends by other workers
(`OutboxEntry.lane_sends`), which `note_sends` adds to the windows before the send.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Sequence

from services.budget import Budget, LocalBudget

Limits = Sequence[tuple[float, int]]
#: The tenant budget's defaults (see the module's docstring for how the two relate).
SLACK, LATE = 0.04, 0.015


class SlidingWindows:
    """At most `n` events in any `window` seconds, for every (window, n) in `limits`."""

    def __init__(self, limits: Limits, slack: float = 0.0) -> None:
        self._limits = tuple((float(w) * (1 + slack), int(n)) for w, n in limits)
        self._horizon = max((w for w, _ in self._limits), default=0.0)
        self._hits: deque[float] = deque()

    def wait(self, now: float) -> float:
        """Seconds until one more event fits (0 when it fits now)."""
        hits = self._hits
        while hits and hits[0] <= now - self._horizon:
            hits.popleft()
        longest = 0.0
        for window, n in self._limits:
            if len(hits) >= n and hits[-n] > now - window:
                longest = max(longest, hits[-n] + window - now)
        return longest

    def hit(self, now: float) -> None:
        self._hits.append(now)

    def insert(self, at: float) -> None:
        """An event that happened at `at`, perhaps before the latest one counted."""
        self._hits.insert(bisect.bisect_right(self._hits, at), at)

    def idle(self, now: float) -> bool:
        """True when nothing in the windows is recent enough to matter any more."""
        return not self._hits or self._hits[-1] <= now - self._horizon


def tenant_interval(per_second: float, slack: float = SLACK) -> float:
    """Seconds between two of the tenant's slots."""
    return (1 + slack) / per_second


class RateLimiter:
    """The tenant budget (this process's own, or `budget` shared through the database) plus
    Teams' per-conversation windows, keyed by lane."""

    def __init__(
        self, per_second: float, lane_limits: Limits, *, slack: float = SLACK, late: float = LATE,
        budget: Budget | None = None, clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._budget = budget or LocalBudget(tenant_interval(per_second, slack), clock)
        self._late = late
        self._lane_limits, self._slack = tuple(lane_limits), slack
        self._lanes: dict[str, SlidingWindows] = {}
        self._noted: dict[str, set[int]] = {}  # sends by other workers already in the windows
        self._clock, self._sleep = clock, sleep
        self.missed = 0  # slots given up because the request would have left late
        self._sent = SlidingWindows(((1 + slack - late, max(1, int(per_second))),)) \
            if self._budget.sees_every_send else None  # this process's sends, when they are all

    def _lane(self, lane: str) -> SlidingWindows:
        windows = self._lanes.get(lane)
        if windows is None:
            if len(self._lanes) > 20_000:
                self._forget_idle()
            windows = self._lanes[lane] = SlidingWindows(self._lane_limits, self._slack)
        return windows

    def _forget_idle(self) -> None:
        now = self._clock()
        for lane in [k for k, w in self._lanes.items() if w.idle(now)]:
            del self._lanes[lane]
            self._noted.pop(lane, None)

    def lane_wait(self, lane: str) -> float:
        return self._lane(lane).wait(self._clock())

    def note_sends(self, lane: str, sends: Iterable[tuple[int, float]]) -> None:
        """Sends into `lane` by other workers, as (outbox id, seconds ago): counted in the
        lane's windows once each, so a conversation that moves between replicas keeps its
        limits."""
        noted = self._noted.setdefault(lane, set())
        fresh = sorted((max(0.0, ago), key) for key, ago in sends if key not in noted)
        if not fresh:
            return
        windows, now = self._lane(lane), self._clock()
        for ago, key in sorted(fresh, reverse=True):  # oldest first
            noted.add(key)
            windows.insert(now - ago)

    async def acquire(self, lane: str | None, *, max_lane_wait: float = 10.0) -> float:
        """Wait for a slot; returns 0, or the lane's wait when it is longer than `max_lane_wait`
        (the caller then puts the message back instead of holding it)."""
        windows = self._lane(lane) if lane else None
        while True:
            lane_wait = windows.wait(self._clock()) if windows else 0.0
            if lane_wait > max_lane_wait:
                return lane_wait
            if lane_wait > 0:  # the conversation's own windows: wait before taking a slot
                await self._sleep(lane_wait)
                continue
            slot = await self._budget.take()
            if (wait := slot - self._clock()) > 0:
                await self._sleep(wait)
            now = await self._counted_in() if self._sent is not None else self._clock()
            if self._sent is None and now - slot > self._late:  # it would arrive bunched with
                self.missed += 1  # the slots after it
                continue
            if windows and windows.wait(now) > 0:
                continue  # the lane was used meanwhile (an update, a created chat)
            if windows:
                windows.hit(now)
            if self._sent is not None:
                self._sent.hit(now)
            return 0.0

    async def _counted_in(self) -> float:
        """The moment this process's own sends leave room for one more (one process alone)."""
        assert self._sent is not None
        while (busy := self._sent.wait(self._clock())) > 0:
            await self._sleep(busy)
        return self._clock()

    async def close(self) -> None:
        await self._budget.close()

    async def acquire_global(self) -> None:
        """A request that counts against the tenant budget only (e.g. creating a chat)."""
        await self.acquire(None)
