"""A consistent copy of a live SQLite database, with SQLite's online backup API.

Copying the file while the bot writes can give a torn copy; `sqlite3.Connection.backup` copies
page by page under SQLite's own locking, so the bot may keep running. PostgreSQL is backed up with
pg_dump instead (DEPLOY.md).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(ValueError):
    """The backup cannot be made; the message says why in Swedish and English."""


def sqlite_path(database_url: str) -> Path:
    """The file behind a sqlite+aiosqlite URL, or BackupError for any other database."""
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite"):
        raise BackupError(
            "folja backup gäller SQLite; säkerhetskopiera PostgreSQL med pg_dump (se DEPLOY.md)."
        )
    if not url.database or url.database == ":memory:":
        raise BackupError("Databasen ligger bara i minnet.")
    return Path(url.database)


def backup_sqlite(database_url: str, target: Path, *, overwrite: bool = False) -> int:
    """Copy the database to `target` (via a temporary file, then rename); returns its page count."""
    source = sqlite_path(database_url)
    if not source.is_file():
        raise BackupError(f"Databasfilen {source} finns inte.")
    if target.exists() and not overwrite:
        raise BackupError(
            f"{target} finns redan; välj ett annat namn eller --force."
        )
    if target.resolve() == source.resolve():
        raise BackupError("Målet är databasen själv.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=256)
            pages = dst.execute("PRAGMA page_count").fetchone()[0]
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise BackupError(f"Kopian är trasig: {ok}.")
    os.replace(partial, target)
    return int(pages)
