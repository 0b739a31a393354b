"""Composition root: settings → database → SDK application → aiohttp app. Nothing runs at import."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiohttp import web

from bot import appkeys, http, metrics, service_urls, telemetry
from bot.errors import ErrorPolicy
from bot.handlers import BotDeps, Handlers
from bot.proactive import sender_for
from bot.routes import register
from bot.sdk import build_agent
from config import Settings
from domain.clock import Clock, system_clock
from scheduler import defaults, worker
from storage.db import Database
from storage.migrate import ensure_migrated

log = logging.getLogger(__name__)


WORKER = web.AppKey("worker", asyncio.Task)


def create_app(
    settings: Settings, database: Database | None = None, *, background: bool = True,
    host_validator: service_urls.HostValidator | None = None,
    clock: Clock = system_clock, render: Callable[..., bytes] | None = None,
) -> web.Application:
    """The web application; refuses to start on an un-migrated database.

    `background=False` (tests) runs no delivery loop: tests call the services themselves.
    `host_validator` replaces the Bot Connector hosts of the settings (bot/service_urls.py): tests
    with an app id use it to reach the connector stub on loopback. `clock` is the one source of
    "now" of every layer; a given `database` brings its own. `render` draws a district
    report's file for the scheduler's jobs (the `folja` command passes one that loads the charts
    only when a reporting period closes).
    """
    db = database or Database(settings.database_url, clock=clock)
    clock = db.clock
    validator = host_validator or service_urls.host_validator(settings)
    agent, adapter, auth_config = build_agent(settings, db, validator)
    errors = ErrorPolicy(settings.default_language)
    adapter.on_turn_error = errors.on_error
    register(agent, Handlers(BotDeps(settings=settings, db=db, clock=clock)), errors)
    telemetry.protect_sdk_logs()  # no message text in the SDK's routing warnings

    app = web.Application(
        middlewares=[http.observe, http.authenticate], client_max_size=settings.max_body_bytes
    )
    app["agent_configuration"] = auth_config  # read by the SDK's JWT middleware
    app[appkeys.AGENT] = agent
    app[appkeys.ADAPTER] = adapter
    app[appkeys.DATABASE] = db
    app[appkeys.METRICS] = metrics.Metrics()  # its own registry: apps share no counts
    app[appkeys.METRICS_TOKEN] = settings.metrics_token
    app[appkeys.HOST_VALIDATOR] = validator
    app[appkeys.CLOCK] = clock
    app.router.add_get("/metrics", metrics.endpoint)
    teams_sender = sender_for(settings, agent.connection_manager, validator, db=db)
    sender = metrics.CountingSender(teams_sender, app[appkeys.METRICS])  # sends by result
    app[appkeys.SENDER] = sender
    app.router.add_post("/api/messages", http.messages)
    app.router.add_get("/healthz", http.healthz)

    async def on_startup(_app: web.Application) -> None:
        await ensure_migrated(db.engine)
        mode = "local mode (no app id, unauthenticated, loopback only)" if settings.local_mode \
            else f"app id {settings.app_id}"
        log.info("Följa ready: %s", mode)
        if background:
            if created := await defaults.install_defaults(db, settings):
                log.info("default schedules created: %s", ", ".join(created))
            _app[WORKER] = asyncio.create_task(worker.run_worker(db, sender, settings,
                                                                clock=clock, render=render))

    async def on_cleanup(_app: web.Application) -> None:
        await worker.stop(_app.get(WORKER))
        await sender.close()
        if database is None:
            await db.dispose()

    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app
