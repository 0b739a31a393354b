"""Answers from busy people: four weeks around Trettondedag jul, day by day, on a moved clock.

Thirty owners in two districts answer at once, say "oförändrat", snooze, are away with a
stand-in, or never answer (tests/busy_world.py). Each day the rounds open and close as planned,
the people act through the service functions the bot's handlers call, the scheduler's jobs run
twice (as two replicas would), and the test reads every prompt, reminder and digest queued that
day: kind, person, conversation, dedupe key and text, against its own statement of the rules.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from cards.followup_messages import COMPOSER
from config import Settings
from domain.followup import StatusInput
from domain.reminders import Preference
from domain.status import Status
from domain.unchanged import SOURCE, Snooze
from scheduler.jobs import JOBS, JobContext
from services import followup, reminder_prefs, snooze, standins, summaries, unchanged
from storage.db import Database
from storage.models import AuditEventRow, OutboxRow, StatusReportRow
from tests.busy_world import (
    BusyWorld,
    PlannedRound,
    build_busy_world,
    on_or_after,
    on_or_before,
    planned_rounds,
    slots,
    start_of,
    working,
)
from tests.clock import at, stockholm
from tests.schemas import assert_valid_card

ANSWER = "Arbetet pågår enligt plan"


def conversation(world: BusyWorld, pid: int) -> str:
    return f"a:zq{int(world.names[pid][0][-2:])}"


@dataclass
class Sim:
    """The simulation's state as the test knows it: the rule's inputs, kept by the test."""

    db: Database
    world: BusyWorld
    start: date
    rounds: list[PlannedRound]
    ids: dict[str, int] = field(default_factory=dict)
    answered: dict[str, set[int]] = field(default_factory=dict)  # label → owners answered
    snoozed: dict[tuple[int, str], date] = field(default_factory=dict)
    away: dict[int, date] = field(default_factory=dict)  # away owner → last day (stand-in too)
    weekday: dict[int, int] = field(default_factory=dict)
    seen: Counter[str] = field(default_factory=Counter)  # what the four weeks exercised

    def owners(self, rnd: PlannedRound) -> set[int]:
        return {p for p in self.world.owners if rnd.district in self.world.district[p]}

    def open_on(self, day: date) -> list[PlannedRound]:
        closed = {r.previous for r in self.rounds if r.opens <= day}
        return [r for r in self.rounds if r.opens <= day and r.label not in closed]

    def receiver(self, owner: int, day: date) -> int:
        standin = self.world.standin_of.get(owner)
        return standin if standin and day <= self.away[owner] else owner

    def owing(self, owner: int, day: date) -> list[PlannedRound]:
        return [r for r in self.open_on(day)
                if owner in self.owners(r) and owner not in self.answered.setdefault(r.label, set())]

    def reminded(self, day: date) -> dict[int, list[PlannedRound]]:
        """Owner → the rounds their one reminder holds today (the rule, stated plainly)."""
        out = {}
        for owner in self.world.owners:
            owing = self.owing(owner, day)
            active = [r for r in owing if self.snoozed.get((owner, r.label), day) <= day]
            woken = any(self.snoozed.get((owner, r.label)) == day for r in owing)
            weekday = self.weekday.get(self.receiver(owner, day))
            if working(day) and active and (woken or any(
                    day in slots(r, weekday) for r in active)):
                out[owner] = active
        return out


async def answer_all(sim: Sim, owner: int, rnd: PlannedRound, now, *, by: int | None = None):
    async with sim.db.transaction() as repo:
        plan = await repo.get_plan(sim.world.plans[rnd.district])
    mine = {role for role, plan_id in sim.world.roles[owner] if plan_id == plan.id}
    for action in plan.actions:
        if any(r.role.id in mine for r in action.responsibilities):
            data = StatusInput(sim.ids[rnd.label], action.id, Status.ON_TRACK, done_text=ANSWER)
            result = await followup.record_status(sim.db, data, person_id=by or owner, now=now)
            assert result.ok, result
    sim.answered.setdefault(rnd.label, set()).add(owner)


async def queued(db: Database, kind: str, day: date) -> list[OutboxRow]:
    async with db.session() as session:
        found = await session.scalars(select(OutboxRow).where(OutboxRow.kind == kind))
        return [r for r in found if r.created_at.date() == day]


async def open_rounds_of_the_day(sim: Sim, day: date, now) -> None:
    """Close and open the day's rounds; the prompts go to each owner or their stand-in; the
    quick answer at once, the snoozers snooze, the stand-ins' owners are prompted through them."""
    for rnd in [r for r in sim.rounds if r.opens == day]:
        if rnd.previous:
            await followup.close_round(sim.db, str(sim.ids[rnd.previous]), actor="cli", now=now)
        opened = await followup.open_round(
            sim.db, str(sim.world.plans[rnd.district]), label=rnd.label, due=rnd.due,
            actor="cli", now=now, compose=COMPOSER)
        sim.ids[rnd.label] = opened.round.id
        prompts = {r.dedupe_key: r for r in await queued(sim.db, "prompt", day)}
        for owner in sim.owners(rnd):
            row = prompts.pop(f"prompt:{opened.round.id}:{owner}")
            receiver = sim.receiver(owner, day)
            assert (row.person_id, row.target["conversation_id"]) == (
                receiver, conversation(sim.world, receiver))
            if receiver != owner:
                assert f"ersättare för **{sim.world.names[owner][0]}**" in row.activity["text"]
        assert not [k for k in prompts if k.startswith(f"prompt:{opened.round.id}:")]
        await first_moves(sim, rnd, day, now)


async def first_moves(sim: Sim, rnd: PlannedRound, day: date, now) -> None:
    first = rnd.previous is None
    for owner in sim.owners(rnd):
        kind = sim.world.kind[owner]
        if kind == "prompt" or (kind == "unchanged" and first):
            await answer_all(sim, owner, rnd, now)
        elif kind == "snooze":
            choice = Snooze.TOMORROW if first else Snooze.MONDAY
            done = await snooze.snooze(sim.db, owner, [sim.ids[rnd.label]], choice, now=now)
            monday = day + timedelta(days=7 - day.weekday())
            sim.snoozed[(owner, rnd.label)] = on_or_after(day + timedelta(days=1) if first
                                                          else monday)
            assert done.until == sim.snoozed[(owner, rnd.label)]


async def run_jobs(sim: Sim, now) -> None:
    settings = Settings(database_url=sim.db.url)
    for _replica in range(2):
        for name in ("reminders", "escalation"):
            await JOBS[name](JobContext(db=sim.db, settings=settings, now=now))


def check_reminder(sim: Sim, row: OutboxRow, day: date, owner: int,
                   rounds: list[PlannedRound]) -> None:
    """Whom, where, once today, every open round of theirs with how far it has come, and
    nobody's name (a stand-in's reminder names the owner it is for, and only them)."""
    receiver = sim.receiver(owner, day)
    assert (row.person_id, row.target["conversation_id"]) == (
        receiver, conversation(sim.world, receiver)), day
    assert_valid_card(row.activity["attachments"][0]["content"])
    said = json.dumps(row.activity, ensure_ascii=False)
    for rnd in rounds:
        total, answered = len(sim.owners(rnd)), len(sim.answered[rnd.label])
        assert f"{rnd.label}, sista dag" in said
        assert f"{answered} av {total} tillfrågade har svarat" in said, (rnd.label, day)
    others = [r for r in sim.open_on(day) if r not in rounds]
    assert not [r for r in others if f"{r.label}, sista dag" in said]
    allowed = {sim.world.names[owner][0]} if receiver != owner else set()
    named = {n for pair in sim.world.names.values() for n in pair if n.lower() in said.lower()}
    assert named == allowed, (day, named)
    sent_at = row.next_attempt_at if row.next_attempt_at.tzinfo else \
        row.next_attempt_at.replace(tzinfo=stockholm(day, 0).tzinfo)
    if sim.world.kind[receiver] == "hour":
        assert sent_at == stockholm(day, 14)
    else:
        assert sent_at <= stockholm(day, 10)


async def check_reminders(sim: Sim, day: date) -> dict[int, int]:
    """Today's reminders are exactly the rule's; returns owner → receiver."""
    want = sim.reminded(day)
    rows = await queued(sim.db, "reminder", day)
    people = [r.person_id for r in rows]
    assert len(people) == len(set(people)), f"two reminders to one person on {day}"
    by_key = {r.dedupe_key: r for r in rows}
    assert set(by_key) == {f"reminder:{o}:{day.isoformat()}" for o in want}, day
    for owner, rounds in want.items():
        check_reminder(sim, by_key[f"reminder:{owner}:{day.isoformat()}"], day, owner, rounds)
        note(sim, owner, day)
    return {o: sim.receiver(o, day) for o in want}


def note(sim: Sim, owner: int, day: date) -> None:
    """Count what today's reminder of `owner` showed of the rules."""
    kind, owing = sim.world.kind[owner], sim.owing(owner, day)
    sim.seen[kind] += 1
    sim.seen["stand-in"] += sim.receiver(owner, day) != owner
    sim.seen["both districts"] += len({r.district for r in owing}) == 2
    snoozed = [sim.snoozed.get((owner, r.label)) for r in owing]
    sim.seen["woken"] += day in snoozed and not any(
        day in slots(r, sim.weekday.get(owner)) for r in owing)


async def after_reminders(sim: Sim, day: date, now, reminded: dict[int, int]) -> None:
    """What the reminded do: the stand-in answers for the owner, the snoozer answers the first
    round on the day it woke, the unchanged owner confirms the last answers."""
    for owner, receiver in reminded.items():
        kind, owing = sim.world.kind[owner], sim.owing(owner, day)
        if receiver != owner:
            for rnd in owing:
                await answer_all(sim, owner, rnd, now, by=receiver)
        elif kind == "snooze" and owing[0].previous is None and \
                sim.snoozed.get((owner, owing[0].label)) == day:
            await answer_all(sim, owner, owing[0], now)
        elif kind == "unchanged" and owing and owing[0].previous is not None:
            done = await unchanged.confirm_open(sim.db, owner, now=now)
            assert done.confirmed and not done.no_earlier and not done.refused, done
            for rnd in owing:
                sim.answered[rnd.label].add(owner)


def digests_due(sim: Sim, day: date) -> dict[int, set[int]]:
    """Coordinator → the people their digest names today: on the first working day after a
    district's second round is due, those who missed both rounds, to its coordinators."""
    out: dict[int, set[int]] = {}
    coordinators = {"Kungsholmen": ("kim", "gun"), "Norrmalm": ("nils", "gun")}
    for rnd in [r for r in sim.rounds if r.previous]:
        if day != on_or_after(rnd.due + timedelta(days=1)):
            continue
        first = next(r for r in sim.rounds if r.label == rnd.previous)
        missed = (sim.owners(rnd) - sim.answered[rnd.label]) - sim.answered[first.label]
        for key in coordinators[rnd.district]:
            out.setdefault(sim.world.coordinators[key], set()).update(missed)
    return out


async def check_digests(sim: Sim, day: date) -> None:
    want = digests_due(sim, day)
    rows = await queued(sim.db, "escalation", day)
    assert sorted(r.person_id for r in rows) == sorted(want), day
    for row in rows:
        assert row.target["conversation_id"] == conversation(sim.world, row.person_id)
        assert row.dedupe_key == f"escalation:{row.round_id}:{row.person_id}"
        assert_valid_card(row.activity["attachments"][0]["content"])
        said = json.dumps(row.activity, ensure_ascii=False)
        named = {p for p, (name, _e) in sim.world.names.items() if name in said}
        assert named == want[row.person_id], day


async def get_ready(database: Database, world: BusyWorld, clock, start: date) -> Sim:
    """The Friday before: stand-ins and away for the away owners (to the Wednesday and Friday
    of week three), and the preferences."""
    sim = Sim(database, world, start, planned_rounds(start))
    now = clock.move_to(at(start - timedelta(days=3), 7))
    for owner, standin in world.standin_of.items():
        last = start + timedelta(days=16 if "Kungsholmen" in world.district[owner] else 18)
        sim.away[owner] = last
        await followup.set_away(database, owner, last, now=now)
        await standins.set_standin(database, actor_id=owner, standin_email=world.names[standin][1],
                                   owner_email=None, until=last, now=now)
    for kind, preference in (("tuesday", Preference(weekday=1)), ("hour", Preference(hour=14))):
        for pid in world.of_kind(kind):
            await reminder_prefs.set_preference(database, pid, preference)
            sim.weekday[pid] = preference.weekday  # type: ignore[assignment]
    sim.weekday = {p: w for p, w in sim.weekday.items() if w is not None}
    return sim


async def test_four_weeks_of_busy_people_around_trettondedag_jul(database: Database, tmp_path,
                                                                  clock):
    world = await build_busy_world(database, tmp_path)
    assert len(world.owners) == 30
    assert {"Kungsholmen", "Norrmalm"} == {d for p in world.owners for d in world.district[p]}
    start = start_of(clock.today)
    trettondedag = date(start.year if start.month == 1 else start.year + 1, 1, 6)
    assert start <= trettondedag < start + timedelta(days=28)
    sim = await get_ready(database, world, clock, start)
    for n in range(28):
        day = start + timedelta(days=n)
        now = clock.move_to(at(day, 7))  # 08:00 in Stockholm
        await open_rounds_of_the_day(sim, day, now)
        await run_jobs(sim, now)
        reminded = await check_reminders(sim, day)
        if not working(day):
            assert reminded == {}, f"a reminder on a day off ({day})"
        await check_digests(sim, day)
        await after_reminders(sim, day, now, reminded)
    assert await queued(database, "reminder", trettondedag) == []
    assert all(sim.seen[k] for k in ("silent", "hour", "tuesday", "shared", "snooze", "unchanged",
                                     "away", "stand-in", "both districts", "woken")), sim.seen
    assert sim.seen["prompt"] == 0
    await check_what_was_said(sim)


async def check_what_was_said(sim: Sim) -> None:
    """The stand-ins' answers are the owners', written by the stand-in; "oförändrat" saved new versions; the stand-ins ended."""
    async with sim.db.session() as session:
        reports = list(await session.scalars(select(StatusReportRow)))
        expired = list(await session.scalars(select(AuditEventRow).where(
            AuditEventRow.action == "standin.expired")))
    for owner, standin in sim.world.standin_of.items():
        first = next(r for r in sim.rounds if r.previous is None
                     and r.district in sim.world.district[owner])
        mine = [r for r in reports if r.person_id == owner]
        assert mine and all(r.round_id == sim.ids[first.label] for r in mine)
        assert {(r.acted_by_person_id, r.attributed_to) for r in mine} == {
            (standin, sim.world.names[standin][0])}
        summary = await summaries.current_summary(sim.db, sim.world.plans[first.district],
                                                  sim.ids[first.label])
        assert summary is not None
        said = {(a.standin, a.owner) for a in summary.standin_answers}
        assert said == {(sim.world.names[standin][0], sim.world.names[owner][0])}
        assert len(summary.standin_answers) == len(mine)
    assert sorted((int(e.entity_id), e.at.date()) for e in expired) == sorted(
        (o, last + timedelta(days=1)) for o, last in sim.away.items())
    for owner in sim.world.of_kind("unchanged"):
        second = [r for r in reports if r.person_id == owner and r.source == SOURCE]
        assert second and {(r.status, r.done_text, r.version) for r in second} == {
            ("on_track", ANSWER, 1)}  # the round's first version, carried from the last
        assert {r.round_id for r in second} == {
            sim.ids[r.label] for r in sim.rounds if r.previous
            and r.district in sim.world.district[owner]}


async def test_a_stand_in_who_owns_actions_gets_one_reminder_a_day(database: Database, tmp_path,
                                                                    clock):
    """Two silent owners of Kungsholmen: one stands in for the other. On a reminder day the
    stand-in gets ONE reminder, holding their own open actions and the owner's (said for whom),
    and no second one however often the job runs."""
    world = await build_busy_world(database, tmp_path)
    k1 = planned_rounds(start_of(clock.today))[0]
    now = clock.move_to(at(k1.opens, 7))
    owner, standin = sorted(world.of_kind("silent", "Kungsholmen"))[:2]
    await standins.set_standin(database, actor_id=owner, standin_email=world.names[standin][1],
                               owner_email=None, until=k1.due, now=now)
    opened = await followup.open_round(database, str(world.plans["Kungsholmen"]), label="K1",
                                       due=k1.due, actor="cli", now=now, compose=COMPOSER)
    day = on_or_before(k1.due)
    now = clock.move_to(at(day, 7))
    settings = Settings(database_url=database.url)
    for _run in range(2):
        await JOBS["reminders"](JobContext(db=database, settings=settings, now=now))
    [row] = [r for r in await queued(database, "reminder", day) if r.person_id == standin]
    assert not [r for r in await queued(database, "reminder", day) if r.person_id == owner]
    assert row.target["conversation_id"] == conversation(world, standin)
    assert_valid_card(row.activity["attachments"][0]["content"])
    async with database.transaction() as repo:
        plan = await repo.get_plan(world.plans["Kungsholmen"])
    buttons = {json.dumps({"round_id": opened.round.id, "action_id": a.id})
               for a in plan.actions if {r.role.id for r in a.responsibilities}
               & {role for role, _p in world.roles[owner] + world.roles[standin]}}
    said = json.dumps(row.activity, ensure_ascii=False)
    assert all(b[1:-1] in said for b in buttons)
    assert f"För **{world.names[owner][0]}**, som du är ersättare för" in said
