"""Alembic, driven from code: `folja db upgrade`, and the start-up check that refuses an
un-migrated database (running on an old schema would fail later, on a user's turn)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import DatabaseUnavailable, NotMigrated, ensure_sqlite_dir

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["configure_logger"] = False
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() or ""


def upgrade(url: str, revision: str = "head") -> None:
    """Apply migrations up to `revision` (blocking; run it outside the event loop). A SQLite
    file's folder is created first: on a fresh clone `make run` starts with no var/."""
    ensure_sqlite_dir(url)
    command.upgrade(alembic_config(url), revision)


async def upgrade_async(url: str) -> None:
    await asyncio.to_thread(upgrade, url)


async def current_revision(engine: AsyncEngine) -> str | None:
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync_conn: MigrationContext.configure(sync_conn).get_current_revision()
            )
    except (DBAPIError, ConnectionError, OSError) as exc:
        raise DatabaseUnavailable(str(exc)) from exc


async def ensure_migrated(engine: AsyncEngine) -> None:
    """Raise `NotMigrated` with the fix in the message when the schema is not at head."""
    current, head = await current_revision(engine), head_revision()
    if current != head:
        raise NotMigrated(
            f"Databasen är inte uppgraderad (version {current or 'ingen'}, behöver {head}). "
            "Kör `folja db upgrade`."
        )
