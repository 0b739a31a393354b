"""The `folja` group and what every subcommand shares: settings, logging, a database per call."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import click
from rich.console import Console

from bot.telemetry import TurnLogFilter
from cli.swedish_help import Group
from config import Settings, SettingsError
from domain.clock import Clock, system_clock
from i18n import t

log = logging.getLogger("folja")
console = Console()


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers (LOG_FORMAT=json)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record), "level": record.levelname, "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("activity_id", "conversation_id", "person_id"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(TurnLogFilter())  # the turn's ids on every line, never message text
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # The SDK warns "App ID is not provided" on every anonymous turn: keep it out of the way.
    if settings.local_mode:
        logging.getLogger("microsoft_agents").setLevel(logging.ERROR)


def load_settings() -> Settings:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(t("cli.bad_setting", "sv", error=exc)) from exc
    configure_logging(settings)
    return settings


def run_db(func: Callable[..., Awaitable[Any]], *args: Any) -> Any:
    """Run `func(db, *args)` with a database that is opened and closed around it."""
    from storage.db import Database, DatabaseUnavailable, NotMigrated
    from storage.migrate import ensure_migrated

    chosen = clock()

    async def main() -> Any:
        db = Database(load_settings().database_url, clock=chosen)
        try:
            await ensure_migrated(db.engine)
            return await func(db, *args)
        finally:
            await db.dispose()

    try:
        return asyncio.run(main())
    except DatabaseUnavailable as exc:
        raise click.ClickException(t("cli.database_down", "sv", error=exc)) from exc
    except NotMigrated as exc:
        raise click.ClickException(str(exc)) from exc


@dataclass
class CliContext:
    """What the `folja` entry point hands every subcommand (click's context object)."""

    clock: Clock = system_clock


def clock() -> Clock:
    """The clock `folja` was started with: the system's, or a test's `main(obj=CliContext(...))`."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(CliContext) if ctx else None
    return found.clock if found else system_clock


def current_time() -> datetime:
    """The current time from the CLI's clock (aware, UTC)."""
    return clock()()


@click.group(cls=Group)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Följa — uppföljning av åtgärdsplanen i Teams."""
    ctx.ensure_object(CliContext)
