"""The aiohttp application's shared objects, by key: set once in app.py, read by the routes.

A module of its own so that bot/http.py and bot/metrics.py both read them without importing each
other. Keys are typed for the type checker only (no import of what they hold at run time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from domain.clock import Clock

if TYPE_CHECKING:
    from microsoft_agents.hosting.aiohttp import CloudAdapter
    from microsoft_agents.hosting.core import AgentApplication, OutboundHostValidator

    from bot.metrics import Metrics
    from storage.db import Database

AGENT: web.AppKey[AgentApplication] = web.AppKey("agent")
ADAPTER: web.AppKey[CloudAdapter] = web.AppKey("adapter")
DATABASE: web.AppKey[Database] = web.AppKey("database")
SENDER: web.AppKey[object] = web.AppKey("sender")  # bot.metrics.CountingSender around TeamsSender
METRICS: web.AppKey[Metrics] = web.AppKey("metrics")
METRICS_TOKEN: web.AppKey[str] = web.AppKey("metrics_token")
CLOCK: web.AppKey[Clock] = web.AppKey("clock")  # chosen in app.create_app (domain/clock.py)
HOST_VALIDATOR: web.AppKey[OutboundHostValidator] = web.AppKey("host_validator")  # service_urls
