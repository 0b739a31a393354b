"""Four weeks of reminders, day by day, for about thirty owners in two districts' plans.

Every working day the scheduler's jobs run twice (as two replicas would); the test then reads
exactly who was reminded that day, and which coordinators got a digest. Rounds (day numbers
from a Monday of four plain working weeks; each round reminds 2 days before its due date and
on it, a weekend slot moving to the Friday before):

    Kungsholmen K1 opens 0, due 4 (Fri): 2, 4      K2 opens 7, due 11: 9, 11
                K3 opens 14, due 25: 23, 25
    Norrmalm    N1 opens 1, due 8 (Tue): 4, 8      N2 opens 15, due 22: 18, 22
"""

from __future__ import annotations

import json
from datetime import UTC, date, timedelta

from sqlalchemy import select

from cards.followup_messages import COMPOSER
from config import Settings
from domain.followup import StatusInput
from domain.reminders import Preference, working_day
from domain.status import Status
from scheduler.jobs import JOBS, JobContext
from services import followup, reminder_prefs
from storage.db import Database
from storage.models import OutboxRow
from tests.clock import at, stockholm
from tests.reminder_world import World, build_world
from tests.schemas import assert_valid_card

K_SLOTS = {2, 4, 9, 11, 23, 25}  # a silent Kungsholmen owner's days
N_SLOTS = {4, 8, 18, 22}
ROUNDS = (  # (open day, district, label, due day, close day of the district's previous round)
    (0, "Kungsholmen", "K1", 4, None), (1, "Norrmalm", "N1", 8, None),
    (7, "Kungsholmen", "K2", 11, "K1"), (14, "Kungsholmen", "K3", 25, "K2"),
    (15, "Norrmalm", "N2", 22, "N1"),
)


def plain_weeks(after: date, weeks: int = 4) -> date:
    """A Monday after `after` that starts `weeks` weeks without a weekday holiday."""
    day = after + timedelta(days=7 - after.weekday())
    while not all(working_day(day + timedelta(days=n)) for n in range(7 * weeks)
                  if (day + timedelta(days=n)).weekday() < 5):
        day += timedelta(days=7)
    return day


def expected(world: World, day: int) -> set[int]:
    """Who the rule says is reminded on `day` (the test's statement of it, person by person)."""
    want = {p for p in world.of_kind("silent", "Kungsholmen") if day in K_SLOTS}
    want |= {p for p in world.of_kind("silent", "Norrmalm") if day in N_SLOTS}
    want |= {p for p in world.of_kind("hour") if day in K_SLOTS}
    want |= {p for p in world.of_kind("shared") if day in K_SLOTS | N_SLOTS}
    want |= {p for p in world.of_kind("late") if day in K_SLOTS - {4}}  # answers K1 on day 3
    want |= {p for p in world.of_kind("away") if day in K_SLOTS and day > 9}
    want |= {p for p in world.of_kind("tuesday") if day in {1, 8, 22}}  # the Tuesday before due
    return want


async def answer_all(db: Database, world: World, pid: int, round_id: int, now) -> None:
    async with db.transaction() as repo:
        rnd = await repo.get_round(round_id)
        plan = await repo.get_plan(rnd.plan_id)
    mine = {role for role, plan_id in world.roles[pid] if plan_id == rnd.plan_id}
    for action in plan.actions:
        if any(r.role.id in mine for r in action.responsibilities):
            result = await followup.record_status(
                db, StatusInput(round_id, action.id, Status.NOT_STARTED), person_id=pid, now=now)
            assert result.ok, result


async def rows(db: Database, kind: str, day: date) -> list[OutboxRow]:
    async with db.session() as session:
        found = await session.scalars(select(OutboxRow).where(OutboxRow.kind == kind))
        return [r for r in found if r.created_at.date() == day or
                r.dedupe_key.endswith(day.isoformat())]


async def live_a_day(db: Database, world: World, monday: date, n: int, clock, rounds) -> None:
    """Open and close the day's rounds, run the jobs twice, let people answer."""
    day = monday + timedelta(days=n)
    now = clock.move_to(at(day, 7))  # 08:00 or 09:00 in Stockholm
    for open_day, district, label, due, close in ROUNDS:
        if open_day == n:
            if close:
                await followup.close_round(db, close, actor="cli", now=now)
            opened = await followup.open_round(
                db, str(world.plans[district]), label=label, due=monday + timedelta(days=due),
                actor="cli", now=now, compose=COMPOSER)
            rounds[label] = opened.round.id
            for pid in world.of_kind("diligent", district):
                await answer_all(db, world, pid, opened.round.id, now)
    settings = Settings(database_url=db.url)
    for _replica in range(2):
        for name in ("reminders", "escalation"):
            await JOBS[name](JobContext(db=db, settings=settings, now=now))
    if n == 3:
        for pid in world.of_kind("late"):
            await answer_all(db, world, pid, rounds["K1"], now)


async def test_four_weeks_of_reminders_day_by_day(database: Database, tmp_path, clock):
    world = await build_world(database, tmp_path)
    assert 25 <= len([k for k in world.kind.values() if k != "coordinator"]) <= 40
    monday = plain_weeks(clock.today)
    clock.move_to(at(monday - timedelta(days=3)))
    await followup.set_away(database, next(iter(world.of_kind("away"))),
                            monday + timedelta(days=9), now=clock())
    for kind, preference in (("tuesday", Preference(weekday=1)), ("hour", Preference(hour=14))):
        for pid in world.of_kind(kind):
            await reminder_prefs.set_preference(database, pid, preference)
    rounds: dict[str, int] = {}
    everyone = {n.lower() for pair in world.names.values() for n in pair}
    digests: dict[int, set[int]] = {}
    for n in range(28):
        await live_a_day(database, world, monday, n, clock, rounds)
        day = monday + timedelta(days=n)
        sent = await rows(database, "reminder", day)
        people = [r.person_id for r in sent]
        assert len(people) == len(set(people)), f"two reminders to one person on day {n}"
        if day.weekday() >= 5:
            assert people == [], f"a reminder on a weekend (day {n})"
        assert set(people) == expected(world, n), f"day {n}"
        for row in sent:
            assert_valid_card(row.activity["attachments"][0]["content"])
            said = json.dumps(row.activity, ensure_ascii=False).lower()
            assert not [name for name in everyone if name in said], "a reminder names someone"
            check_hour(world, row, day)
            if world.kind[row.person_id] == "shared" and n in (4, 8):
                check_both_districts(row.activity, n)
        for row in await rows(database, "escalation", day):
            digests.setdefault(n, set()).add(row.person_id)
            assert row.target.get("conversation_id", "").startswith("a:zq")  # a personal chat
    assert digests == {14: {world.coordinators["kim"], world.coordinators["gun"]},
                       23: {world.coordinators["nils"], world.coordinators["gun"]}}
    await check_digests(database, world)


def check_hour(world: World, row: OutboxRow, day: date) -> None:
    """A 14:00 preference holds the reminder back until 14:00 Stockholm time."""
    at_ = row.next_attempt_at
    at_ = at_ if at_.tzinfo else at_.replace(tzinfo=UTC)
    if world.kind[row.person_id] == "hour":
        assert at_ == stockholm(day, 14)
    else:
        assert at_ <= stockholm(day, 10)


def check_both_districts(activity: dict, n: int) -> None:
    """The owner in both districts gets ONE reminder holding both districts' open rounds, each
    under its district, with how far the round has come."""
    body = json.dumps(activity["attachments"][0]["content"], ensure_ascii=False)
    assert "Kungsholmen – Kungsholmen 2025" in body and "Norrmalm – Norrmalm 2024" in body
    labels = ("K1", "N1") if n == 4 else ("K2", "N1")
    assert all(f"{label}, sista dag" in body for label in labels)
    assert "tillfrågade har svarat" in body


async def check_digests(database: Database, world: World) -> None:
    """Kim's digest names exactly Kungsholmen's silent owners; nobody else got one."""
    async with database.session() as session:
        found = list(await session.scalars(select(OutboxRow).where(OutboxRow.kind == "escalation")))
    kim = next(r for r in found if r.person_id == world.coordinators["kim"])
    said = json.dumps(kim.activity, ensure_ascii=False)
    silent = (world.of_kind("silent", "Kungsholmen") | world.of_kind("hour")
              | world.of_kind("away") | world.of_kind("tuesday") | world.of_kind("shared"))
    named = {p for p, (name, _e) in world.names.items() if name in said}
    assert named == silent
    assert all(r.person_id in world.coordinators.values() for r in found)
    assert_valid_card(kim.activity["attachments"][0]["content"])
