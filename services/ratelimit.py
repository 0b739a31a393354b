"""Staying under Teams' rate limits: exact sliding windows, per conversation and per process.

Why not aiolimiter: its leaky bucket lets a full bucket drain and refill inside one second, so
`AsyncLimiter(50, 1)` admits up to ~100 requests in the first second — Teams (and the connector
stub) count a *sliding* window and answer 429. Teams' per-conversation limits are also several
windows at once (7/1 s, 8/2 s, 60/30 s, 1,800/h), which one bucket cannot express. An exact
window is a deque of send times per lane: the n-th most recent send tells how long to wait.

`slack` stretches every window a little (default 2 %) because Teams counts arrivals, we count
departures, and the two differ by network jitter. The tenant budget also has a short window (10
requests per 10/rate s), so a full second's budget is never taken in one burst: a burst queues
up in the event loop and arrives late and bunched, which is what Teams would count.

The limiter is in-process memory on purpose: it only paces this process. Across replicas the
tenant budget is split by configuration (FOLJA_TENANT_RATE = 50 / replicas), and one lane is
sent by one worker at a time (see storage/repos/outbox.py), so the per-conversation windows
hold unless a lane moves between replicas within seconds; a 429 then is obeyed as Teams asks.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence

Limits = Sequence[tuple[float, int]]


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

    def idle(self, now: float) -> bool:
        """True when nothing in the windows is recent enough to matter any more."""
        return not self._hits or self._hits[-1] <= now - self._horizon


class RateLimiter:
    """A per-process request budget plus Teams' per-conversation windows, keyed by lane."""

    def __init__(
        self, per_second: float, lane_limits: Limits, *, slack: float = 0.02,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._global = SlidingWindows(_per_second(per_second), slack)
        self._lane_limits, self._slack = tuple(lane_limits), slack
        self._lanes: dict[str, SlidingWindows] = {}
        self._clock, self._sleep = clock, sleep

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

    def lane_wait(self, lane: str) -> float:
        return self._lane(lane).wait(self._clock())

    async def acquire(self, lane: str | None, *, max_lane_wait: float = 10.0) -> float:
        """Wait for a slot; returns 0, or the lane's wait when it is longer than `max_lane_wait`
        (the caller then puts the message back instead of holding it)."""
        while True:
            now = self._clock()
            windows = self._lane(lane) if lane else None
            lane_wait = windows.wait(now) if windows else 0.0
            if lane_wait > max_lane_wait:
                return lane_wait
            wait = max(self._global.wait(now), lane_wait)
            if wait <= 0:
                self._global.hit(now)
                if windows:
                    windows.hit(now)
                return 0.0
            await self._sleep(wait)

    async def acquire_global(self) -> None:
        """A request that counts against the tenant budget only (e.g. creating a chat)."""
        await self.acquire(None)


def _per_second(rate: float) -> tuple[tuple[float, int], ...]:
    """A rate as windows: per second, and per tenth of that so it is spread, not a burst."""
    if rate >= 20:
        return ((1.0, int(rate)), (10.0 / rate, 10))
    return ((1.0, int(rate)),) if rate >= 1 else ((1.0 / rate, 1),)
