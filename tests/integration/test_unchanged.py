""""Oförändrat sedan förra" and "påminn mig" on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from sqlalchemy import event, select, update

from cards.followup_messages import COMPOSER
from cards.reminders import COMPOSER as REMINDERS
from domain.unchanged import Snooze
from services import followup, unchanged
from services.reminders import queue_reminders, working_day
from services.snooze import snooze, snooze_day
from storage.db import Database
from storage.models import ActionRow, AuditEventRow, OutboxRow, StatusReportRow
from tests.botclient import SAMIR
from tests.clock import at
from tests.followup_data import seed_2025
from tests.followup_rounds import two_rounds
from tests.integration.test_followup import chats


async def confirmed_rows(db: Database, round_id: int) -> list[StatusReportRow]:
    async with db.session() as session:
        return list(await session.scalars(select(StatusReportRow).where(
            StatusReportRow.round_id == round_id).order_by(StatusReportRow.id)))


async def test_every_open_action_confirmed_with_its_last_answer(database: Database, tmp_path,
                                                                clock):
    now = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    rounds = await two_rounds(database, seeded, now)
    tove = seeded.people["tove"]

    result = await unchanged.confirm_open(database, tove, now=now)

    assert [c.report.action_id for c in result.confirmed] == list(rounds.answered)
    assert len(result.no_earlier) == len(rounds.open) and not result.answered
    rows = await confirmed_rows(database, rounds.second)
    assert [(r.action_id, r.status, r.done_text, r.source, r.version) for r in rows] == [
        (rounds.answered[0], "on_track", "Två möten med skolorna.", "unchanged", 1),
        (rounds.answered[1], "delayed", "Väntar på polisen.", "unchanged", 1)]
    # The support request is carried over as it stood (domain/unchanged.py).
    assert rows[0].needs_support and rows[0].support_text == "Lokal för trygghetsvandringen."
    assert {r.person_id for r in rows} == {tove}
    assert {r.role_id for r in rows} == {seeded.roles["Kommunpolis"]}
    async with database.session() as session:
        audited = list(await session.scalars(select(AuditEventRow).where(
            AuditEventRow.action == "status.saved", AuditEventRow.entity_id.in_(
                [str(r.id) for r in rows]))))
    assert len(audited) == 2 and all(a.after["source"] == "unchanged" for a in audited)
    # A second "oförändrat" stores nothing: the rest still have no earlier answer.
    again = await unchanged.confirm_open(database, tove, now=now)
    assert not again.confirmed and again.no_earlier == result.no_earlier
    assert len(await confirmed_rows(database, rounds.second)) == 2


async def test_the_same_click_twice_saves_once(database: Database, tmp_path, clock):
    now = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    rounds = await two_rounds(database, seeded, now)
    tove = seeded.people["tove"]
    wanted = [(rounds.second, a, 0) for a in rounds.answered]
    first = await unchanged.confirm_many(database, wanted, person_id=tove, now=now)
    again = await unchanged.confirm_many(database, wanted, person_id=tove, now=now)
    assert [c.report.id for c in again.confirmed] == [c.report.id for c in first.confirmed]
    one, _ = await unchanged.confirm_one(database, wanted[0], person_id=tove, now=now)
    assert one.confirmed[0].report.id == first.confirmed[0].report.id
    assert len(await confirmed_rows(database, rounds.second)) == 2


async def test_many_actions_cost_the_statements_of_one(database: Database, tmp_path, clock):
    now = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    rounds = await two_rounds(database, seeded, now)
    statements: list[str] = []

    @event.listens_for(database.engine.sync_engine, "before_cursor_execute")
    def count(_conn, _cursor, sql, _params, _context, _many):
        statements.append(sql)

    tove, samir = seeded.people["tove"], seeded.people["samir"]
    await unchanged.confirm_many(database, [(rounds.second, rounds.answered[0], 0)],
                                 person_id=tove, now=now)
    one = len(statements)
    statements.clear()
    every = [(rounds.second, a, 0) for a in (rounds.answered[1], *rounds.open)]
    result = await unchanged.confirm_many(database, every, person_id=tove, now=now)
    assert len(result.confirmed) == 1 and len(result.no_earlier) == len(rounds.open) >= 3
    assert len(statements) <= one, statements
    # Samir may answer only the one he shares, and has no earlier answer to it.
    stranger = await unchanged.confirm_many(database, every, person_id=samir, now=now)
    assert not stranger.confirmed and len(stranger.no_earlier) <= 1


async def test_last_years_linked_action_and_a_delegate(database: Database, tmp_path, clock):
    now = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    rounds = await two_rounds(database, seeded, now)
    linked = rounds.open[0]  # continues the answered action (as an importer's link would say)
    async with database.transaction() as repo:
        await repo.session.execute(update(ActionRow).where(ActionRow.id == linked)
                                   .values(previous_action_id=rounds.answered[0]))
    await followup.delegate(database, round_id=rounds.second, action_id=linked,
                            person_id=seeded.people["tove"], to_email=SAMIR.email,
                            now=now, compose=COMPOSER)
    refused, _ = await unchanged.confirm_one(database, (rounds.second, linked, 0),
                                             person_id=seeded.people["tove"], now=now)
    assert refused.refused == "fu_refused"
    # Samir answers for Kommunpolis now: the role's answer to last year's action is his.
    result, _ = await unchanged.confirm_one(database, (rounds.second, linked, 0),
                                            person_id=seeded.people["samir"], now=now)
    [done] = result.confirmed
    assert done.last_year and done.report.status.value == "on_track"
    assert done.report.role_id == seeded.roles["Kommunpolis"]
    assert done.report.occasions is None  # last year's count is not this year's


async def test_a_closed_round_and_a_stale_card_store_nothing(database: Database, tmp_path, clock):
    now = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    rounds = await two_rounds(database, seeded, now)
    tove = seeded.people["tove"]
    closed, _ = await unchanged.confirm_one(database, (rounds.first, rounds.answered[0], 0),
                                            person_id=tove, now=now)
    assert closed.refused == "fu_err_round_closed"
    first, _ = await unchanged.confirm_one(database, (rounds.second, rounds.answered[0], 0),
                                           person_id=tove, now=now)
    later = now + timedelta(minutes=5)
    replay, _ = await unchanged.confirm_one(database, (rounds.second, rounds.answered[0], 0),
                                            person_id=tove, now=later)
    assert replay.confirmed[0].report.id == first.confirmed[0].report.id  # the same click
    stale, _ = await unchanged.confirm_one(database, (rounds.second, rounds.answered[0], 99),
                                           person_id=tove, now=later)
    assert stale.stale is not None and not stale.confirmed
    assert len(await confirmed_rows(database, rounds.second)) == 1


def test_snooze_days_skip_weekends_and_holidays(clock):
    friday = clock.to_working_monday().date() + timedelta(days=4)
    assert snooze_day(Snooze.TOMORROW, friday) == friday + timedelta(days=3)
    assert snooze_day(Snooze.MONDAY, friday - timedelta(days=4)) == friday + timedelta(days=3)
    monday_holiday = next(d for d in sorted(holidays.Sweden(years=range(clock.today.year,
                                                                         clock.today.year + 2)))
                         if d > clock.today and d.weekday() == 0)
    day = snooze_day(Snooze.MONDAY, monday_holiday - timedelta(days=5))  # from the Wednesday
    assert day > monday_holiday and working_day(day)  # the first working day after it
    assert not any(working_day(monday_holiday + timedelta(days=n))
                   for n in range((day - monday_holiday).days))


async def test_no_reminder_before_the_snooze_day_one_on_it(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    await chats(database, seeded, "tove", "samir")
    rounds = await two_rounds(database, seeded, monday, due_days=2, reminder_days_before=1)
    snoozed = await snooze(database, seeded.people["tove"], [rounds.second, 10**6],
                           Snooze.MONDAY, now=monday)
    assert snoozed.rounds == (rounds.second,)
    week = monday.date()
    assert snoozed.until == week + timedelta(days=7)

    async def reminded(day: date) -> set[int]:
        await queue_reminders(database, clock.move_to(at(day)), compose=REMINDERS)
        async with database.session() as session:
            return {r.person_id for r in await session.scalars(select(OutboxRow).where(
                OutboxRow.kind == "reminder", OutboxRow.dedupe_key.like(f"%:{day}")))
                    } & {tove, samir}  # Tina, whose chat is created, is reminded too

    tove, samir = seeded.people["tove"], seeded.people["samir"]
    assert await reminded(week + timedelta(days=1)) == {samir}  # a slot: Tove snoozed
    assert await reminded(week + timedelta(days=2)) == {samir}  # the due date
    assert await reminded(week + timedelta(days=3)) == set()
    assert await reminded(week + timedelta(days=7)) == {tove}  # the snooze day, no slot
