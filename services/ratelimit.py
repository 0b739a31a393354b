"""Staying under Teams' rate limits: exact sliding windows, per conversation and per process.

Why not aiolimiter: its leaky bucket lets a full bucket drain and refill inside one second, so
`AsyncLimiter(50, 1)` admits up to ~100 requests in the first second — Teams (and the connector
stub) count a *sliding* window and answer 429. Teams' per-conversation limits are also several
windows at once (7/1 s, 8/2 s, 60/30 s, 1,800/h), which one bucket cannot express. An exact
window is a deque of send times per lane: the n-th most recent send tells how long to wait.

`slack` stretches every window a little (default 2 %) because Teams counts arrivals, we count
departures, and the two differ by network jitter. The tenant budget is also spread: a bucket of
10 requests refilled at the rate, so a full second's budget is never taken in one burst (a burst
queues up in the event loop and arrives late and bunched, which is what Teams would count). A
bucket rather than a second sliding window of 10 per 10/rate s: a waiter always wakes a little
late, and a sliding window keeps that lateness (each request is timed from the tenth before it,
so every late wake-up is lost from the rate for good), where the bucket gives it back. The exact
1 s window still caps what the bucket's catching up may add. Waiters for the tenant budget queue
in order (one sleeps at a time), so a slot is neither raced for nor starved.

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


class Bucket:
    """Up to `burst` events at once, refilled at one per `interval` seconds (starts with one)."""

    def __init__(self, interval: float, burst: int) -> None:
        self._interval, self._burst = float(interval), float(burst)
        self._tokens = 1.0
        self._at: float | None = None

    def _refill(self, now: float) -> None:
        if self._at is not None and now > self._at:
            self._tokens = min(self._burst, self._tokens + (now - self._at) / self._interval)
        self._at = now if self._at is None else max(self._at, now)

    def wait(self, now: float) -> float:
        self._refill(now)
        return 0.0 if self._tokens >= 1 - 1e-9 else (1 - self._tokens) * self._interval

    def hit(self, now: float) -> None:
        self._refill(now)
        self._tokens -= 1


class RateLimiter:
    """A per-process request budget plus Teams' per-conversation windows, keyed by lane."""

    def __init__(
        self, per_second: float, lane_limits: Limits, *, slack: float = 0.02,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._global = SlidingWindows(((1.0, max(1, int(per_second))),), slack) \
            if per_second >= 1 else SlidingWindows(((1.0 / per_second, 1),), slack)
        self._spread = Bucket((1 + slack) / per_second, min(10, max(1, int(per_second))))
        self._turn = asyncio.Lock()  # tenant-budget waiters, first come first served
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
        windows = self._lane(lane) if lane else None
        while True:
            lane_wait = windows.wait(self._clock()) if windows else 0.0
            if lane_wait > max_lane_wait:
                return lane_wait
            if lane_wait > 0:  # the conversation's own windows: wait outside the tenant queue
                await self._sleep(lane_wait)
                continue
            async with self._turn:
                while (wait := self._tenant_wait(self._clock())) > 0:
                    await self._sleep(wait)
                now = self._clock()
                if windows and windows.wait(now) > 0:
                    continue  # the lane was used meanwhile (an update, a created chat)
                self._global.hit(now)
                self._spread.hit(now)
                if windows:
                    windows.hit(now)
                return 0.0

    def _tenant_wait(self, now: float) -> float:
        return max(self._global.wait(now), self._spread.wait(now))

    async def acquire_global(self) -> None:
        """A request that counts against the tenant budget only (e.g. creating a chat)."""
        await self.acquire(None)
