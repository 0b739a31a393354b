"""`folja serve` and `folja db …`."""

from __future__ import annotations

import click

from cli.base import clock, console, load_settings, log, main
from cli.gc_tuning import tune_gc
from cli.report import render_report
from config import SettingsError
from i18n import t


@main.command()
@click.option("--host", default=None, help="Adressen att lyssna på (annars FOLJA_HOST eller 127.0.0.1)")
@click.option("--port", type=int, default=None, help="Porten (annars FOLJA_PORT eller 3978)")
@click.option("--workers", type=click.IntRange(1, 64), default=1, envvar="FOLJA_WORKERS",
              show_default=True, help="Serverprocesser på porten (bara PostgreSQL; cli/workers.py)")
def serve(host: str | None, port: int | None, workers: int) -> None:
    """Starta boten (POST /api/messages, GET /healthz)."""
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
    if workers > 1:
        if settings.database_url.startswith("sqlite"):
            raise click.ClickException(t("cli.workers_need_postgres", "sv"))
        from cli.workers import run_workers

        raise SystemExit(run_workers(settings, workers))
    app = create_app(settings, clock=clock(), render=render_report)
    tune_gc()
    web.run_app(app, host=settings.host, port=settings.port, print=None)


@main.group()
def db() -> None:
    """Databasens underhåll."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Kör alla migreringar (uppgradera databasen)."""
    from storage.migrate import upgrade

    settings = load_settings()
    upgrade(settings.database_url)
    console.print(t("cli.db_upgraded", "sv"))
