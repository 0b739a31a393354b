"""`folja outbox`, `folja outbox retry` and `folja schedule` on a real database."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from cli import main
from storage.db import Database


def seed(url: str) -> list[int]:
    """One pending prompt and two dead ones; returns their ids."""

    async def run() -> list[int]:
        db = Database(url)
        try:
            async with db.transaction() as repo:
                ids = [await repo.enqueue(kind="prompt", dedupe_key=f"k{i}",
                                          activity={"type": "message", "text": "Hej"},
                                          target={"conversation_id": f"a:{i}",
                                                  "service_url": "http://x/"})
                       for i in range(3)]
                for oid in ids[1:]:
                    await repo.mark_failed(oid, "503 ServiceUnavailable", status="dead")
            return ids
        finally:
            await db.dispose()

    return asyncio.run(run())


def folja(url: str, *args: str):
    return CliRunner().invoke(main, list(args), env={"DATABASE_URL": url},
                              catch_exceptions=False)


def test_outbox_lists_pending_and_failed_and_retries(database: Database):
    ids = seed(database.url)
    pending = folja(database.url, "outbox")
    assert pending.exit_code == 0 and "a:0" in pending.output and "a:1" not in pending.output
    failed = folja(database.url, "outbox", "--failed")
    assert "a:1" in failed.output and "a:2" in failed.output and "dead" in failed.output
    assert "dead: 2" in failed.output and "pending: 1" in failed.output

    one = folja(database.url, "outbox", "retry", str(ids[1]))
    assert one.exit_code == 0 and "1 utskick köas igen" in one.output
    again = folja(database.url, "outbox", "retry", str(ids[1]))
    assert again.exit_code == 1 and "har inte misslyckats" in again.output
    rest = folja(database.url, "outbox", "retry", "--all")
    assert "1 utskick köas igen" in rest.output
    assert "pending: 3" in folja(database.url, "outbox").output
    assert folja(database.url, "outbox", "retry").exit_code == 2  # neither ID nor --all


def test_schedule_set_and_list_and_refuse_bad_input(database: Database):
    ok = folja(database.url, "schedule", "set", "veckokoll", "--job", "reminders",
               "--weekly", "mon", "--at", "08:00")
    assert ok.exit_code == 0 and "veckokoll" in ok.output
    listed = folja(database.url, "schedule", "list")
    assert "veckokoll" in listed.output and "reminders" in listed.output
    bad = folja(database.url, "schedule", "set", "x", "--job", "reminders", "--daily",
                "--at", "åtta")
    assert bad.exit_code == 1 and "Schemat går inte att förstå" in bad.output
    both = folja(database.url, "schedule", "set", "x", "--job", "reminders", "--daily",
                 "--weekly", "mon")
    assert both.exit_code == 2 and "Välj en av" in both.output
    plan = folja(database.url, "schedule", "set", "x", "--job", "open_round", "--dates",
                 "2026-04-30", "--plan", "Ingen plan 1999")
    assert plan.exit_code == 1 and "Ingen plan heter" in plan.output
    assert "x" not in folja(database.url, "schedule", "list").output.split()
    assert folja(database.url, "schedule", "delete", "veckokoll").exit_code == 0


def test_schedule_list_shows_every_time_in_the_configured_zone(database: Database):
    """"när" is the zone's wall clock, so "nästa" and "senast" are too, and the zone is named."""
    def listed(zone: str) -> str:
        result = CliRunner().invoke(main, ["schedule", "list"], catch_exceptions=False, env={
            "DATABASE_URL": database.url, "FOLJA_TIME_ZONE": zone, "COLUMNS": "240"})
        return result.output

    assert folja(database.url, "schedule", "set", "morgon", "--job", "reminders", "--daily",
                 "--at", "08:00").exit_code == 0

    async def ran() -> None:
        db = Database(database.url)
        try:
            async with db.transaction() as repo:
                at = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # 08:00 in Stockholm (winter)
                assert await repo.claim_job_run("morgon", "2026-12-01", at, timedelta(hours=1))
                await repo.finish_job_run("morgon", "2026-12-01", at, {})
        finally:
            await db.dispose()

    asyncio.run(ran())
    stockholm = listed("Europe/Stockholm")
    assert "Tider i Europe/Stockholm" in stockholm
    row = next(line for line in stockholm.splitlines() if "morgon" in line)
    assert re.search(r"\d{4}-\d\d-\d\d 08:00 ", row)  # nästa: 08:00 as set, not 07:00 UTC
    assert "2026-12-01 08:00 ✓" in row  # senast, same zone
    assert " 07:00" not in row
    helsinki = next(line for line in listed("Europe/Helsinki").splitlines() if "morgon" in line)
    assert "2026-12-01 09:00 ✓" in helsinki
