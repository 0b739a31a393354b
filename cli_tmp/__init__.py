"""`folja`: the operator's command line. Each subcommand is one service call under asyncio.run."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from config import Settings, SettingsError

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
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
    # The SDK warns "App ID is not provided" on every anonymous turn: keep it out of the way.
    if settings.local_mode:
        logging.getLogger("microsoft_agents").setLevel(logging.ERROR)


def load_settings() -> Settings:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(f"Felaktig inställning / invalid setting: {exc}") from exc
    configure_logging(settings)
    return settings


def run_db(func: Callable[..., Awaitable[Any]], *args: Any) -> Any:
    """Run `func(db, *args)` with a database that is opened and closed around it."""
    from storage.db import Database, DatabaseUnavailable

    async def main() -> Any:
        db = Database(load_settings().database_url)
        try:
            return await func(db, *args)
        finally:
            await db.dispose()

    try:
        return asyncio.run(main())
    except DatabaseUnavailable as exc:
        raise click.ClickException(f"Databasen svarar inte / database unavailable: {exc}") from exc


@click.group()
def main() -> None:
    """Följa — uppföljning av åtgärdsplanen i Teams."""


@main.command()
@click.option("--host", default=None, help="Address to bind (default FOLJA_HOST or 127.0.0.1)")
@click.option("--port", type=int, default=None, help="Port (default FOLJA_PORT or 3978)")
def serve(host: str | None, port: int | None) -> None:
    """Start the bot (POST /api/messages, GET /healthz)."""
    from aiohttp import web

    from app import create_app

    settings = load_settings()
    changes = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    try:
        settings = settings.with_(**changes)
        settings.validate()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
    if settings.local_mode:
        log.warning("Lokalt läge: inget app-id, oautentiserade anrop tillåts, bara på %s", settings.host)
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None)


@main.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations."""
    from storage.migrate import upgrade

    settings = load_settings()
    upgrade(settings.database_url)
    console.print("Databasen är uppgraderad. / Database upgraded.")


@main.group()
def plan() -> None:
    """Action plans."""


@plan.command("list")
def plan_list() -> None:
    """List the plans."""
    from services.plans import list_plans

    plans = run_db(list_plans)
    table = Table("id", "år", "stadsdel", "status", "områden", "åtgärder")
    for p in plans:
        table.add_row(str(p.id), str(p.year), p.district, p.status.value, str(p.areas), str(p.actions))
    console.print(table)


@plan.command("show")
@click.argument("plan_ref")
@click.option("--json", "as_json", is_flag=True, help="The whole plan as JSON")
def plan_show(plan_ref: str, as_json: bool) -> None:
    """Show a plan (by id or "district year")."""
    from services.plans import PlanNotFound, get_plan, plan_as_dict

    try:
        found = run_db(get_plan, plan_ref)
    except PlanNotFound as exc:
        raise click.ClickException(f"Ingen plan heter {plan_ref!r}. / No plan {plan_ref!r}.") from exc
    if as_json:
        click.echo(json.dumps(plan_as_dict(found), ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{found.title or found.name}[/bold] (id {found.id})")
    for area in found.areas:
        console.print(f"\n[bold]{area.position}. {area.name}[/bold] — {len(area.actions)} åtgärder")
        for action in area.actions:
            owners = ", ".join(r.role.name + (" (ansv.)" if r.lead else "") for r in action.responsibilities)
            console.print(f"  • {action.title}  [dim]{action.when.text} · {owners or '–'}[/dim]")


if __name__ == "__main__":
    main()
