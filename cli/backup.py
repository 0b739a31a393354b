"""`folja backup FILE`: a consistent copy of the SQLite database while the bot runs."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import console, load_settings, main
from i18n import t


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Skriv över FILE om den finns")
def backup(file: Path, force: bool) -> None:
    """Kopiera SQLite-databasen till FILE med SQLites onlinebackup (PostgreSQL: pg_dump)."""
    from storage.backup import BackupError, backup_sqlite

    settings = load_settings()
    try:
        pages = backup_sqlite(settings.database_url, file, overwrite=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    console.print(t("cli.backup_done", "sv", file=file, pages=pages))
