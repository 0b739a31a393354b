"""Which rounds may be opened: no due date in the past, no two open rounds for one area.

A round is refused before anything is written, so the owners never get a deadline that has
gone, nor a second set of cards for actions they are already asked about.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from cards.followup_messages import COMPOSER
from cli import main
from i18n import followup_error_text
from services.rounds import FollowupError, close_round, open_round
from storage.db import Database
from storage.models import OutboxRow, RoundRow
from tests.followup_data import seed_2025, seed_2025_for_cli

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
STOCKHOLM = ZoneInfo("Europe/Stockholm")


async def _open(db: Database, label: str, *, due: date | None = date(2026, 12, 11),
                areas: list[str] | None = None, now: datetime = NOW, zone=STOCKHOLM):
    return await open_round(db, "Kungsholmen 2025", label=label, due=due, areas=areas,
                            actor="test", now=now, compose=COMPOSER, zone=zone)


async def _counts(db: Database) -> tuple[int, int]:
    async with db.session() as s:
        return (int(await s.scalar(select(func.count()).select_from(RoundRow))),
                int(await s.scalar(select(func.count()).select_from(OutboxRow))))


async def test_a_past_due_date_is_refused_and_nothing_is_written(database: Database, tmp_path):
    await seed_2025(database, tmp_path)
    with pytest.raises(FollowupError) as refused:
        await _open(database, "Vecka 48", due=date(2026, 11, 29))
    assert refused.value.key == "round_err_due_past"
    assert await _counts(database) == (0, 0)
    text = followup_error_text(refused.value.key, refused.value.values, "sv")
    assert "söndag 29 november" in text and "2026-11-30" in text and "startades" in text
    opened = await _open(database, "Vecka 48", due=date(2026, 11, 30))  # due today is fine
    assert opened.round.due_date == date(2026, 11, 30)


async def test_today_is_the_day_in_the_configured_time_zone(database: Database, tmp_path):
    await seed_2025(database, tmp_path)
    late = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # already 1 December in Stockholm
    with pytest.raises(FollowupError):
        await _open(database, "Sent", due=date(2026, 11, 30), now=late)
    opened = await _open(database, "Sent", due=date(2026, 11, 30), now=late, zone=UTC)
    assert opened.round.label == "Sent"


async def test_a_round_for_all_areas_overlaps_every_open_round(database: Database, tmp_path):
    await seed_2025(database, tmp_path)
    first = await _open(database, "Vecka 48")
    before = await _counts(database)
    with pytest.raises(FollowupError) as refused:
        await _open(database, "Vecka 49")
    err = refused.value
    assert (err.key, err.values["id"], err.values["label"]) == (
        "round_err_overlap", first.round.id, "Vecka 48")
    assert await _counts(database) == before  # no round, no second set of cards
    cli = followup_error_text(err.key, err.values, "sv")
    assert "”Vecka 48”" in cli and "fredag 11 december" in cli
    assert f"folja round close {first.round.id}" in cli
    chat = followup_error_text(err.key, err.values, "sv", chat=True)
    assert f"avsluta uppföljning {first.round.id}" in chat
    await close_round(database, str(first.round.id), actor="test", now=NOW)
    assert (await _open(database, "Vecka 49")).round.label == "Vecka 49"


async def test_rounds_for_different_areas_may_run_side_by_side(database: Database, tmp_path):
    await seed_2025(database, tmp_path)
    first = await _open(database, "Område 1", areas=["1"])
    second = await _open(database, "Område 2", areas=["2"])
    assert first.round.area_ids != second.round.area_ids
    for areas in (["1", "3"], None):  # shares area 1 / covers every area
        with pytest.raises(FollowupError) as refused:
            await _open(database, "Krock", areas=areas)
        assert refused.value.values["id"] == first.round.id


async def test_two_openings_at_once_give_one_round(database: Database, tmp_path):
    await seed_2025(database, tmp_path)
    results = await asyncio.gather(_open(database, "A"), _open(database, "B"),
                                   return_exceptions=True)
    assert sorted(type(r).__name__ for r in results) == ["FollowupError", "RoundOpened"]
    assert (await _counts(database))[0] == 1


def _cli(url: str, *args: str):
    return CliRunner().invoke(main, ["round", *args], env={"DATABASE_URL": url},
                              catch_exceptions=False)


def test_the_cli_refuses_a_past_due_date_and_an_overlap_in_swedish(database: Database, tmp_path):
    seed_2025_for_cli(database.url, tmp_path)
    past = _cli(database.url, "open", "Kungsholmen 2025", "--label", "Gammal", "--due",
                (date.today() - timedelta(days=2)).isoformat())
    assert past.exit_code == 1 and "har redan varit" in past.output
    due = date.today() + timedelta(days=7)
    assert _cli(database.url, "open", "Kungsholmen 2025", "--label", "Vecka A", "--due",
                due.isoformat()).exit_code == 0
    again = _cli(database.url, "open", "Kungsholmen 2025", "--label", "Vecka B", "--due",
                 due.isoformat())
    assert again.exit_code == 1
    assert "”Vecka A”" in again.output and "folja round close" in again.output


async def test_the_scheduled_opening_skips_an_overlap_instead_of_failing(database: Database,
                                                                        tmp_path):
    from config import Settings
    from scheduler.jobs import JOBS, JobContext

    await seed_2025(database, tmp_path)
    first = await _open(database, "Vecka 48")

    def ctx(label: str) -> JobContext:
        return JobContext(db=database, settings=Settings(), now=NOW, period="T3",
                          spec={"args": {"plan": "Kungsholmen 2025", "label": label}})

    skipped = await JOBS["open_round"](ctx("Tertial {period}"))
    assert skipped["skipped"] == "round_err_overlap" and skipped["id"] == str(first.round.id)
    await close_round(database, str(first.round.id), actor="test", now=NOW)
    assert "round" in await JOBS["open_round"](ctx("Tertial {period}"))
