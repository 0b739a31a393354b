"""`GET /metrics` in Prometheus text format, and the metrics behind it (one registry per app).

Off unless `FOLJA_METRICS_TOKEN` is set; then a scraper sends `Authorization: Bearer <token>`.
The route skips the Bot Framework JWT check (it is not a Teams call) but answers 404 when metrics
are off and 401 to a wrong token. Labels come from small fixed sets, never from user input, so a
hostile client cannot blow up the number of series.

prometheus_client writes the format. Each app has its own CollectorRegistry, never the library's
global one: tests build many apps in one process, and two apps must not share counts.
"""

from __future__ import annotations

import hmac
import time

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from bot.appkeys import CLOCK, DATABASE, METRICS, METRICS_TOKEN
from services.delivery import Delivered, OutboxEntry, SendError
from services.operations import OperationsSnapshot, snapshot

TYPES = frozenset({"message", "invoke", "conversationUpdate", "installationUpdate",
                   "messageReaction", "typing", "event", "endOfConversation", "unknown"})
OUTCOMES = ("ok", "rejected", "refused", "error")
SEND_RESULTS = ("ok", "429", "5xx", "403", "network", "other")
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The metrics of one running app: turns, invoke latency, sends, and the database's state."""

    def __init__(self) -> None:
        self.registry = registry = CollectorRegistry()
        self.turns = Counter("folja_turns", "Turns on /api/messages by activity type and outcome.",
                             ("type", "outcome"), registry=registry)
        self.invoke_seconds = Histogram(
            "folja_invoke_duration_seconds", "Time to answer an invoke (card action), seconds.",
            buckets=BUCKETS, registry=registry)
        self.sends = Counter(
            "folja_sends", "Messages sent to Teams by result (ok, 429, 5xx, 403, network, other).",
            ("result",), registry=registry)
        for result in SEND_RESULTS:
            self.sends.labels(result)  # every result shows, at 0 until it happens
        self.outbox_depth = Gauge("folja_outbox_depth", "Outbox rows waiting to be sent.",
                                  registry=registry)
        self.outbox_age = Gauge("folja_outbox_oldest_age_seconds",
                                "Age of the oldest waiting outbox row, seconds (0 when empty).",
                                registry=registry)
        self.rounds_open = Gauge("folja_rounds_open", "Follow-up rounds open now.",
                                 registry=registry)
        self.round_answers = Gauge("folja_round_answers",
                                   "Actions answered so far in each open round.",
                                   ("plan_id", "round_id"), registry=registry)

    def turn(self, kind: str, outcome: str, seconds: float) -> None:
        kind = kind if kind in TYPES else "other"
        self.turns.labels(kind, outcome if outcome in OUTCOMES else "error").inc()
        if kind == "invoke":
            self.invoke_seconds.observe(seconds)

    def send(self, status: int) -> None:
        """Count a send by what Teams answered: ok, 429, 5xx, 403, network, or other."""
        if status == 200:
            result = "ok"
        elif status in (429, 403):
            result = str(status)
        elif status >= 500:
            result = "5xx"
        elif status == 0:
            result = "network"
        else:
            result = "other"
        self.sends.labels(result).inc()

    def render(self, ops: OperationsSnapshot) -> bytes:
        """The whole exposition, the database's gauges set from `ops` first."""
        self.outbox_depth.set(ops.outbox_depth)
        self.outbox_age.set(round(ops.outbox_oldest_age))
        self.rounds_open.set(len(ops.answers_per_round))
        self.round_answers.clear()  # rounds closed since the last scrape disappear
        for (plan_id, round_id), answered in ops.answers_per_round.items():
            self.round_answers.labels(str(plan_id), str(round_id)).set(answered)
        return generate_latest(self.registry)


class CountingSender:
    """Wraps the delivery Sender: counts each send's result, changes nothing else."""

    def __init__(self, inner, metrics: Metrics) -> None:
        self._inner, self._metrics = inner, metrics

    async def deliver(self, entry: OutboxEntry) -> Delivered:
        try:
            delivered = await self._inner.deliver(entry)
        except SendError as err:
            self._metrics.send(err.status)
            raise
        self._metrics.send(200)
        return delivered

    async def close(self) -> None:
        await self._inner.close()

    def __getattr__(self, name: str):
        return getattr(self._inner, name)  # anything else the wrapped sender offers


async def endpoint(request: web.Request) -> web.Response:
    """GET /metrics: 404 when off, 401 without the right bearer token."""
    token = request.app[METRICS_TOKEN]
    if not token:
        raise web.HTTPNotFound()
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return web.Response(status=401, text="unauthorized\n")
    ops = await snapshot(request.app[DATABASE], request.app[CLOCK]())
    return web.Response(body=request.app[METRICS].render(ops),
                        headers={"Content-Type": CONTENT_TYPE_PLAIN_0_0_4,
                                 "Cache-Control": "no-store"})


def observe_turn(metrics: Metrics, kind: str, outcome: str, started: float) -> None:
    metrics.turn(kind, outcome, time.perf_counter() - started)
