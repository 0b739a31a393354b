"""Composition root: settings → database → SDK application → aiohttp app. Nothing runs at import."""

from __future__ import annotations

import logging

from aiohttp import web

from bot import http
from bot.errors import ErrorPolicy
from bot.handlers import BotDeps, Handlers
from bot.routes import register
from bot.sdk import build_agent
from config import Settings
from storage.db import Database
from storage.migrate import ensure_migrated

log = logging.getLogger(__name__)


def create_app(settings: Settings, database: Database | None = None) -> web.Application:
    """The web application; refuses to start on an un-migrated database."""
    db = database or Database(settings.database_url)
    agent, adapter, auth_config = build_agent(settings, db)
    errors = ErrorPolicy(settings.default_language)
    adapter.on_turn_error = errors.on_error
    register(agent, Handlers(BotDeps(settings=settings, db=db)), errors)

    app = web.Application(
        middlewares=[http.authenticate], client_max_size=settings.max_body_bytes
    )
    app["agent_configuration"] = auth_config  # read by the SDK's JWT middleware
    app[http.AGENT] = agent
    app[http.ADAPTER] = adapter
    app[http.DATABASE] = db
    app.router.add_post("/api/messages", http.messages)
    app.router.add_get("/healthz", http.healthz)

    async def on_startup(_app: web.Application) -> None:
        await ensure_migrated(db.engine)
        mode = "local mode (no app id, unauthenticated, loopback only)" if settings.local_mode \
            else f"app id {settings.app_id}"
        log.info("Följa ready: %s", mode)

    async def on_cleanup(_app: web.Application) -> None:
        if database is None:
            await db.dispose()

    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app
