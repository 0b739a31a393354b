"""`folja backup FILE`: a consistent copy of a live SQLite database; PostgreSQL is refused politely."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from cli import main
from storage.backup import BackupError, backup_sqlite, sqlite_path
from storage.db import Database
from storage.models import PersonRow


async def add_person(db: Database, email: str) -> None:
    now = datetime.now(UTC)
    async with db.session() as session:
        session.add(PersonRow(email=email, display_name=email, created_at=now, updated_at=now))
        await session.commit()


@pytest.fixture(autouse=True)
def keep_test_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI configures logging for the whole process; in tests that would leak into others."""
    monkeypatch.setattr("cli.base.configure_logging", lambda _settings: None)


def emails_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT email FROM people ORDER BY email")]


def run_backup(db_url: str, *args: str):
    return CliRunner().invoke(main, ["backup", *args], env={"DATABASE_URL": db_url})


async def test_backup_copies_committed_data_while_a_writer_is_busy(
    database: Database, db_url: str, backend: str, tmp_path: Path
):
    if backend != "sqlite":
        pytest.skip("the SQLite online backup; PostgreSQL is covered by the refusal test")
    await add_person(database, "tove@stad.se")
    source = sqlite_path(db_url)
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the bot in the middle of a write
    writer.execute("UPDATE people SET email = 'half-done@stad.se'")
    try:
        result = run_backup(db_url, str(tmp_path / "copy.db"))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 0, result.output
    assert "Säkerhetskopian är klar" in result.output
    assert emails_in(tmp_path / "copy.db") == ["tove@stad.se"]
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    assert not (tmp_path / "copy.db.partial").exists()


async def test_backup_refuses_to_overwrite_unless_forced(
    database: Database, db_url: str, backend: str, tmp_path: Path
):
    if backend != "sqlite":
        pytest.skip("SQLite only")
    await add_person(database, "samir@stad.se")
    target = tmp_path / "copy.db"
    target.write_bytes(b"an older backup")
    result = run_backup(db_url, str(target))
    assert result.exit_code != 0 and "finns redan" in result.output
    assert target.read_bytes() == b"an older backup"  # nothing lost
    assert run_backup(db_url, str(target), "--force").exit_code == 0
    assert emails_in(target) == ["samir@stad.se"]


async def test_backup_of_postgresql_points_to_pg_dump(database: Database, db_url: str, tmp_path):
    url = db_url if db_url.startswith("postgresql") else "postgresql+asyncpg://u@127.0.0.1/x"
    result = run_backup(url, str(tmp_path / "copy.db"))
    assert result.exit_code != 0 and "pg_dump" in result.output
    assert not (tmp_path / "copy.db").exists()
    async with database.session() as session:  # the database itself is untouched
        assert (await session.scalars(select(PersonRow))).all() == []


def test_backup_errors_name_the_problem(tmp_path: Path):
    with pytest.raises(BackupError, match="finns inte"):
        backup_sqlite(f"sqlite+aiosqlite:///{tmp_path / 'missing.db'}", tmp_path / "c.db")
    with pytest.raises(BackupError, match="minnet"):
        sqlite_path("sqlite+aiosqlite:///:memory:")
    db = tmp_path / "folja.db"
    sqlite3.connect(db).close()
    with pytest.raises(BackupError, match="databasen själv"):
        backup_sqlite(f"sqlite+aiosqlite:///{db}", db, overwrite=True)
