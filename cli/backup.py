"""`folja backup FILE`: a consistent copy of the SQLite database while the bot runs."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import console, load_settings, main


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists")
def backup(file: Path, force: bool) -> None:
    """Copy the SQLite database to FILE with SQLite's online backup (PostgreSQL: use pg_dump)."""
    from storage.backup import BackupError, backup_sqlite

    settings = load_settings()
    try:
        pages = backup_sqlite(settings.database_url, file, overwrite=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    console.print(f"Säkerhetskopian är klar: {file} ({pages} sidor). / Backup written: {file}.")
