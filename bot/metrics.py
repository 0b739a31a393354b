"""`GET /metrics` in Prometheus text format, and the counters behind it (one set per app).

Off unless `FOLJA_METRICS_TOKEN` is set; then a scraper sends `Authorization: Bearer <token>`.
The route skips the Bot Framework JWT check (it is not a Teams call) but answers 404 when metrics
are off and 401 to a wrong token. Labels come from small fixed sets, never from user input, so a
hostile client cannot blow up the number of series.
"""

from __future__ import annotations

import hmac
import time
from collections import Counter
from dataclasses import dataclass, field

from aiohttp import web

from services.delivery import Delivered, SendError
from services.operations import OperationsSnapshot, snapshot
from storage.repos.outbox import OutboxEntry

TYPES = frozenset({"message", "invoke", "conversationUpdate", "installationUpdate",
                   "messageReaction", "typing", "event", "endOfConversation", "unknown"})
OUTCOMES = ("ok", "rejected", "refused", "error")
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass
class Metrics:
    """Counters of one running app: turns, invoke latency, sends."""

    turns: Counter = field(default_factory=Counter)
    sends: Counter = field(default_factory=Counter)
    invoke_buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))
    invoke_sum: float = 0.0
    invoke_count: int = 0

    def turn(self, kind: str, outcome: str, seconds: float) -> None:
        kind = kind if kind in TYPES else "other"
        self.turns[(kind, outcome if outcome in OUTCOMES else "error")] += 1
        if kind == "invoke":
            self.invoke_sum += seconds
            self.invoke_count += 1
            for index, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    self.invoke_buckets[index] += 1

    def send(self, status: int) -> None:
        """Count a send by what Teams answered: ok, 429, 5xx, 403, or other."""
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
        self.sends[result] += 1


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


def render(metrics: Metrics, ops: OperationsSnapshot) -> str:
    """The whole exposition, counters first, then what the database says now."""
    lines = _header("folja_turns_total", "counter",
                    "Turns on /api/messages by activity type and outcome.")
    lines += [f'folja_turns_total{{type="{k}",outcome="{o}"}} {n}'
              for (k, o), n in sorted(metrics.turns.items())]
    lines += _header("folja_invoke_duration_seconds", "histogram",
                     "Time to answer an invoke (card action), seconds.")
    lines += [f'folja_invoke_duration_seconds_bucket{{le="{b}"}} {n}'
              for b, n in zip(BUCKETS, metrics.invoke_buckets, strict=True)]
    lines += [f'folja_invoke_duration_seconds_bucket{{le="+Inf"}} {metrics.invoke_count}',
              f"folja_invoke_duration_seconds_sum {metrics.invoke_sum:.6f}",
              f"folja_invoke_duration_seconds_count {metrics.invoke_count}"]
    lines += _header("folja_sends_total", "counter",
                     "Messages sent to Teams by result (ok, 429, 5xx, 403, network, other).")
    lines += [f'folja_sends_total{{result="{r}"}} {metrics.sends.get(r, 0)}'
              for r in ("ok", "429", "5xx", "403", "network", "other")]
    lines += _header("folja_outbox_depth", "gauge", "Outbox rows waiting to be sent.")
    lines.append(f"folja_outbox_depth {ops.outbox_depth}")
    lines += _header("folja_outbox_oldest_age_seconds", "gauge",
                     "Age of the oldest waiting outbox row, seconds (0 when empty).")
    lines.append(f"folja_outbox_oldest_age_seconds {ops.outbox_oldest_age:.0f}")
    lines += _header("folja_rounds_open", "gauge", "Follow-up rounds open now.")
    lines.append(f"folja_rounds_open {len(ops.answers_per_round)}")
    lines += _header("folja_round_answers", "gauge",
                     "Actions answered so far in each open round.")
    lines += [f'folja_round_answers{{plan_id="{p}",round_id="{r}"}} {n}'
              for (p, r), n in sorted(ops.answers_per_round.items())]
    return "\n".join(lines) + "\n"


def _header(name: str, kind: str, help_text: str) -> list[str]:
    return [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]


METRICS = web.AppKey("metrics", Metrics)
METRICS_TOKEN = web.AppKey("metrics_token", str)


async def endpoint(request: web.Request) -> web.Response:
    """GET /metrics: 404 when off, 401 without the right bearer token."""
    token = request.app[METRICS_TOKEN]
    if not token:
        raise web.HTTPNotFound()
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return web.Response(status=401, text="unauthorized\n")
    from bot.http import CLOCK, DATABASE

    ops = await snapshot(request.app[DATABASE], request.app[CLOCK]())
    return web.Response(text=render(request.app[METRICS], ops),
                        content_type="text/plain", charset="utf-8",
                        headers={"Cache-Control": "no-store"})


def observe_turn(metrics: Metrics, kind: str, outcome: str, started: float) -> None:
    metrics.turn(kind, outcome, time.perf_counter() - started)
