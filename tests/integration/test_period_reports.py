"""A closed period's report comes out the same, byte for byte, in html, xlsx and md, whatever
happens after the close; `folja period list/close` and the scheduler's close (SQLite and
PostgreSQL)."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import timedelta

from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select, update

from cards.followup_messages import COMPOSER
from cli import main
from cli.base import CliContext
from config import DEFAULT_PERIODS, Settings
from domain.followup import StatusInput
from domain.periods import period_on
from domain.status import Status
from scheduler.district_report import render_report
from scheduler.jobs import JOBS, JobContext
from services import followup
from services.frozen import CITY, frozen_or_live
from services.periods import close_period, period_of
from storage.db import Database
from storage.models import ActionRow, AuditEventRow, FrozenReportRow
from tests.clock import FrozenClock, at
from tests.followup_data import seed_2025
from tests.integration.test_periods import tove_action

FORMATS = ("html", "xlsx", "md")


def run(url: str, func):
    """`func(db)` on its own engine, closed before the CLI runs."""
    async def go():
        db = Database(url)
        try:
            return await func(db)
        finally:
            await db.dispose()

    return asyncio.run(go())


def answered_round(url: str, tmp_path, clock: FrozenClock):
    """The 2025 plan, a round due in this period, and Tove's answer in it."""
    async def seed(db: Database):
        now = clock.to_working_monday()
        seeded = await seed_2025(db, tmp_path)
        opened = await followup.open_round(db, "Kungsholmen 2025", label="Nu",
                                           due=now.date() + timedelta(days=4), actor="test",
                                           now=now, compose=COMPOSER)
        action = await tove_action(db, seeded, opened.round.id)
        saved = await followup.record_status(
            db, StatusInput(opened.round.id, action, Status.ON_TRACK, done_text="Två möten."),
            person_id=seeded.people["tove"], now=now)
        assert saved.ok
        return seeded, opened.round, action

    return run(url, seed)


def cli(url: str, clock, *args: str) -> str:
    result = CliRunner().invoke(main, list(args), obj=CliContext(clock),
                                env={"DATABASE_URL": url}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def reports(url: str, clock, tmp_path, period, name: str) -> dict[str, bytes]:
    files = {}
    for fmt in FORMATS:
        out = tmp_path / f"{name}.{fmt}"
        cli(url, clock, "report", "Kungsholmen 2025", "--period", period.key, "--year",
            str(period.year), "--format", fmt, "--out", str(out))
        files[fmt] = out.read_bytes()
    return files


def change_everything(url: str, seeded, rnd, action: int, clock: FrozenClock) -> None:
    """After the close: a refused save, a renamed action, a new role holder, a later clock."""
    async def change(db: Database):
        refused = await followup.record_status(
            db, StatusInput(rnd.id, action, Status.DONE, done_text="Efteråt."),
            person_id=seeded.people["tove"], now=clock())
        assert refused.refused.startswith("period_err_closed")
        async with db.transaction() as repo:
            await repo.session.execute(update(ActionRow).where(ActionRow.id == action)
                                       .values(title="Nytt namn efter stängningen"))
            person = await repo.create_person(email="ny@stad.se", display_name="Ny Person")
            await repo.assign_role(seeded.roles["Kommunpolis"], person.id, await repo.district_of_plan(seeded.plan_id))

    run(url, change)
    clock.shift(timedelta(days=40))


def test_a_closed_periods_report_is_the_same_bytes_after_any_change(
        database: Database, tmp_path, clock: FrozenClock):
    url = database.url
    seeded, rnd, action = answered_round(url, tmp_path, clock)
    period = period_on(rnd.due_date, DEFAULT_PERIODS)
    closing = clock()
    out = cli(url, clock, "period", "close", period.key, "--year", str(period.year))
    assert f"Rapportperioden {period.label} är stängd" in out and "6 rapportfiler" in out
    first = reports(url, clock, tmp_path, period, "first")
    assert b"Tv\xc3\xa5 m\xc3\xb6ten." in first["md"]  # Tove's answer is in it

    change_everything(url, seeded, rnd, action, clock)
    again = reports(url, clock, tmp_path, period, "again")

    assert again == first
    props = load_workbook(io.BytesIO(again["xlsx"])).properties
    assert props.created == props.modified == closing.replace(tzinfo=None)
    # The same period opened again is rendered live: the rename shows (the test can fail).
    cli(url, clock, "period", "reopen", period.key, "--year", str(period.year))
    live = reports(url, clock, tmp_path, period, "live")
    assert "Nytt namn efter stängningen" in live["md"].decode() and live["md"] != first["md"]


def test_period_list_shows_dates_state_who_and_rounds(database: Database, tmp_path,
                                                      clock: FrozenClock):
    url = database.url
    _seeded, rnd, _action = answered_round(url, tmp_path, clock)
    period = period_on(rnd.due_date, DEFAULT_PERIODS)
    cli(url, clock, "period", "close", period.key, "--year", str(period.year))
    listed = json.loads(cli(url, clock, "period", "list", "--year", str(period.year), "--json"))
    assert [p["period"] for p in listed] == ["T1", "T2", "T3"]
    mine = next(p for p in listed if p["period"] == period.key)
    assert mine["closed"] and mine["rounds"] == 1 and mine["closed_by"].startswith("cli")
    assert mine["starts"] == period.starts.isoformat() and mine["ends"] == period.ends.isoformat()
    assert all(not p["closed"] and p["rounds"] == 0 for p in listed if p is not mine)
    table = cli(url, clock, "period", "list", "--year", str(period.year))
    assert "stängd" in table and "öppen" in table
    events = run(url, lambda db: _events(db, "period.closed"))
    assert [e.after["period"] for e in events] == [period.key]


async def _events(db: Database, action: str) -> list[AuditEventRow]:
    async with db.session() as session:
        return list(await session.scalars(select(AuditEventRow).where(
            AuditEventRow.action == action)))


async def test_the_scheduler_closes_a_period_the_set_days_after_it_ends(
        database: Database, tmp_path, clock: FrozenClock):
    settings = Settings(database_url=database.url, period_close_days=14)
    context = {"db": database, "settings": settings, "render": render_report}
    now = clock.to_working_monday()
    await seed_2025(database, tmp_path)
    due = now.date() + timedelta(days=4)
    await followup.open_round(database, "Kungsholmen 2025", label="Nu", due=due, actor="test",
                              now=now, compose=COMPOSER)
    period = period_on(due, DEFAULT_PERIODS)
    job = JOBS["close_periods"]

    clock.move_to(at(period.ends + timedelta(days=13)))
    early = await job(JobContext(now=clock(), **context))
    assert period.label not in early["closed"]  # earlier periods without rounds may close
    clock.move_to(at(period.ends + timedelta(days=14)))
    result = await job(JobContext(now=clock(), **context))

    assert result == {"closed": [period.label], "files": 6}
    closed = await period_of(database, period.year, period.key, DEFAULT_PERIODS)
    assert closed.closed_by == "scheduler" and closed.closed_at == clock()
    async with database.session() as session:
        frozen = list(await session.scalars(select(FrozenReportRow)))
    assert sorted((f.format, f.lang) for f in frozen) == sorted(
        (fmt, lang) for fmt in FORMATS for lang in ("sv", "en"))
    rerun = await job(JobContext(now=clock(), **context))
    assert rerun["closed"] == []  # idempotent


async def test_a_report_frozen_after_the_close_is_kept_from_its_first_request(
        database: Database, clock: FrozenClock):
    """The hook for other reports (the city-wide one): the first rendering is stored."""
    period = period_on(clock().date(), DEFAULT_PERIODS)
    calls: list[bytes] = []

    async def live() -> bytes:
        calls.append(f"v{len(calls)}".encode())
        return calls[-1]

    assert await frozen_or_live(database, period, CITY, "md", "sv", live) == b"v0"
    assert await frozen_or_live(database, period, CITY, "md", "sv", live) == b"v1"  # open: live
    closed = await close_period(database, period.year, period.key, DEFAULT_PERIODS,
                                actor="test")
    assert await frozen_or_live(database, closed, CITY, "md", "sv", live) == b"v2"
    assert await frozen_or_live(database, closed, CITY, "md", "sv", live) == b"v2"
    assert await frozen_or_live(database, closed, CITY, "md", "en", live) == b"v3"
    assert len(calls) == 4


async def test_retention_removes_frozen_reports_with_the_free_text(database: Database,
                                                                   clock: FrozenClock):
    """A frozen report holds answers' free text: it is kept no longer than the text itself."""
    from services.privacy import run_retention

    period = period_on(clock().date(), DEFAULT_PERIODS)
    closed = await close_period(database, period.year, period.key, DEFAULT_PERIODS, actor="test")

    async def live() -> bytes:
        return b"Polisen (Pagar): text"

    await frozen_or_live(database, closed, CITY, "md", "sv", live)
    await run_retention(database, years=3, now=clock() + timedelta(days=365 * 2))
    async with database.session() as session:
        assert len(list(await session.scalars(select(FrozenReportRow)))) == 1
    await run_retention(database, years=3, now=clock() + timedelta(days=365 * 3 + 2))
    async with database.session() as session:
        assert list(await session.scalars(select(FrozenReportRow))) == []
        [*_, last] = await session.scalars(select(AuditEventRow).order_by(AuditEventRow.id))
    assert last.action == "retention.run" and last.after["frozen_reports"] == 1
