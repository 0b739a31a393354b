"""`folja round open --city`: a round in every district's active plan, audited, opened once.

Two districts from the real 2025 plan; the second run with the same label and due date says so
in Swedish, exits non-zero and queues nothing. `--city` with a plan is refused.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from cli import main
from cli.base import CliContext
from services.imports import import_workbook
from services.roles import assign_role
from storage.db import Database
from storage.models import AuditEventRow, CityRoundRow, OutboxRow, RoundRow
from tests.clock import FrozenClock
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025


def _seed(url: str, tmp: Path) -> None:
    async def run() -> None:
        db = Database(url)
        try:
            path = build_workbook(PLAN_2025, tmp / "atgardsplan-2025.xlsx")
            for district in ("Södermalm", "Kungsholmen"):
                await import_workbook(db, path, district=district, actor="test")
            await assign_role(db, "Kommunpolis", "kim.kommunpolis@polisen.se")
        finally:
            await db.dispose()

    asyncio.run(run())


def _rows(url: str, model, *where) -> list:
    async def run() -> list:
        db = Database(url)
        try:
            async with db.session() as session:
                return list(await session.scalars(select(model).where(*where)))
        finally:
            await db.dispose()

    return asyncio.run(run())


def test_city_round_opens_in_every_district_once(database: Database, tmp_path,
                                                 clock: FrozenClock):
    _seed(database.url, tmp_path)
    due = (clock() + timedelta(days=10)).date().isoformat()
    args = ["round", "open", "--city", "--label", "Vecka 50", "--due", due]
    env = {"DATABASE_URL": database.url}
    first = CliRunner().invoke(main, args, obj=CliContext(clock), env=env,
                               catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "öppnad i 2 stadsdelar" in first.output, first.output
    [city] = _rows(database.url, CityRoundRow)
    rounds = _rows(database.url, RoundRow)
    assert len(rounds) == 2 and {r.city_round_id for r in rounds} == {city.id}
    assert len({r.plan_id for r in rounds}) == 2
    audited = _rows(database.url, AuditEventRow, AuditEventRow.action == "city_round.opened")
    assert len(audited) == 1 and audited[0].actor == "cli"
    queued = len(_rows(database.url, OutboxRow))

    again = CliRunner().invoke(main, args, obj=CliContext(clock), env=env)
    assert again.exit_code != 0
    assert "redan öppnad" in again.output, again.output
    assert len(_rows(database.url, RoundRow)) == 2 and len(_rows(database.url, OutboxRow)) == queued


def test_city_with_a_plan_is_refused_in_swedish(database: Database, tmp_path, clock):
    result = CliRunner().invoke(main, ["round", "open", "Kungsholmen 2025", "--city", "--label",
                                       "V50"], obj=CliContext(clock),
                                env={"DATABASE_URL": database.url})
    assert result.exit_code != 0
    assert "antingen en plan" in result.output, result.output
