"""Reporting periods that lock: a closed period refuses saves, edits and new rounds in it, and
its close is in the audit trail (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cards.followup_messages import COMPOSER
from cards.reminders import COMPOSER as REMINDERS
from config import DEFAULT_PERIODS
from domain.followup import StatusInput
from domain.periods import period_on
from domain.status import Status
from i18n import t
from services import followup
from services.periods import PeriodError, close_period, list_periods, reopen_period
from services.reminders import queue_reminders
from services.rounds import FollowupError
from storage.db import Database
from storage.models import AuditEventRow, StatusReportRow
from tests.clock import FrozenClock, at
from tests.followup_data import Seeded, seed_2025
from tests.integration.test_followup import chats

SPECS = DEFAULT_PERIODS


async def tove_action(db: Database, seeded: Seeded, round_id: int) -> int:
    """An action of the round that Tove (Kommunpolis) answers for (else any: Karin, the
    coordinator, answers for every action)."""
    async with db.transaction() as repo:
        rnd = await repo.get_round(round_id)
        plan = await repo.get_plan(rnd.plan_id)
    chosen = set(rnd.area_ids)
    mine = [a.id for area in plan.areas if not chosen or area.id in chosen
            for a in area.actions for r in a.responsibilities
            if any(p.id == seeded.people["tove"] for p in r.people)]
    return mine[0] if mine else next(a.id for area in plan.areas if area.id in chosen
                                     for a in area.actions)


async def two_rounds(db: Database, tmp_path, clock: FrozenClock):
    """A round due in this period (area 1) and one due in the next period (area 2)."""
    now = clock.to_working_monday()
    seeded = await seed_2025(db, tmp_path)
    due = now.date() + timedelta(days=4)
    period = period_on(due, SPECS)
    first = await followup.open_round(db, "Kungsholmen 2025", label="Nu", due=due,
                                      areas=["1"], actor="test", now=now, compose=COMPOSER)
    later = await followup.open_round(db, "Kungsholmen 2025", label="Sedan",
                                      due=period.ends + timedelta(days=10), areas=["2"],
                                      actor="test", now=now, compose=COMPOSER)
    return seeded, period, first.round, later.round


def save(round_id: int, action_id: int, text: str = "Två möten hållna.") -> StatusInput:
    return StatusInput(round_id, action_id, Status.ON_TRACK, done_text=text, base=None)


async def stored(db: Database) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(StatusReportRow).where(
            StatusReportRow.source != "import"))


async def test_a_closed_period_refuses_a_save_and_names_the_next_round(
        database: Database, tmp_path, clock: FrozenClock):
    seeded, period, rnd, later = await two_rounds(database, tmp_path, clock)
    action = await tove_action(database, seeded, rnd.id)
    tove = seeded.people["tove"]
    assert (await followup.record_status(database, save(rnd.id, action), person_id=tove,
                                         now=clock())).ok
    before = await stored(database)

    await close_period(database, period.year, period.key, SPECS, actor="cli:karin")
    refused = await followup.record_status(database, save(rnd.id, action, "Ändrat."),
                                           person_id=tove, now=clock())

    assert refused.refused == "period_err_closed_next" and refused.report is None
    assert refused.refused_values == {"label": "Nu", "period": period.label, "next": "Sedan"}
    assert refused.item is not None  # the form again, as a read-only answer
    assert await stored(database) == before
    message = t(refused.refused, "sv", **refused.refused_values)
    assert f"rapportperioden {period.label}" in message and "”Sedan”" in message
    # Opening the card to edit it: read-only, with the same refusal.
    opened = await followup.item_for(database, rnd.id, action, tove)
    assert opened.refused == "period_err_closed_next" and opened.item is not None
    # The round of the next period still takes answers.
    other = await tove_action(database, seeded, later.id)
    assert (await followup.record_status(database, save(later.id, other),
                                         person_id=seeded.people["karin"], now=clock())).ok


async def test_without_an_open_round_after_it_the_refusal_says_so(
        database: Database, tmp_path, clock: FrozenClock):
    seeded, period, rnd, later = await two_rounds(database, tmp_path, clock)
    await followup.close_round(database, str(later.id), actor="test", now=clock())
    action = await tove_action(database, seeded, rnd.id)
    await close_period(database, period.year, period.key, SPECS, actor="test")
    refused = await followup.record_status(database, save(rnd.id, action),
                                           person_id=seeded.people["tove"], now=clock())
    assert refused.refused == "period_err_closed" and "next" not in refused.refused_values


async def test_no_round_opens_into_a_closed_period(database: Database, tmp_path,
                                                   clock: FrozenClock):
    seeded, period, rnd, _later = await two_rounds(database, tmp_path, clock)
    await followup.close_round(database, str(rnd.id), actor="test", now=clock())
    await close_period(database, period.year, period.key, SPECS, actor="test")
    with pytest.raises(FollowupError) as err:
        await followup.open_round(database, "Kungsholmen 2025", label="Igen", due=rnd.due_date,
                                  areas=["1"], actor="test", now=clock(), compose=COMPOSER)
    assert err.value.key == "period_err_round_open"
    assert err.value.values["period"] == period.label
    if period.covers(clock().date()):  # without a due date the round's day is today
        with pytest.raises(FollowupError):
            await followup.open_round(database, "Kungsholmen 2025", label="Igen", due=None,
                                      areas=["1"], actor="test", now=clock(), compose=COMPOSER)


async def test_closing_is_audited_listed_and_happens_once(database: Database, tmp_path,
                                                          clock: FrozenClock):
    _seeded, period, _rnd, _later = await two_rounds(database, tmp_path, clock)
    closed = await close_period(database, period.year, period.key.lower(), SPECS,
                                actor="cli:karin")
    assert closed.closed_at == clock() and closed.closed_by == "cli:karin"
    with pytest.raises(PeriodError) as again:
        await close_period(database, period.year, period.key, SPECS, actor="cli:karin")
    assert again.value.key == "period_err_already_closed"
    with pytest.raises(PeriodError) as unknown:
        await close_period(database, period.year, "T9", SPECS, actor="cli:karin")
    assert unknown.value.values["known"] == "T1, T2, T3"

    views = {v.period.key: v for v in await list_periods(database, period.year, SPECS)}
    assert [k for k, _, _ in SPECS] == list(views)
    assert views[period.key].period == closed and views[period.key].rounds == 1
    later_this_year = (period.ends + timedelta(days=10)).year == period.year
    assert sum(v.rounds for v in views.values()) == 1 + later_this_year
    assert not any(v.period.closed for k, v in views.items() if k != period.key)
    async with database.session() as session:
        [event] = await session.scalars(select(AuditEventRow).where(
            AuditEventRow.action == "period.closed"))
    assert event.actor == "cli:karin" and event.entity_id == period.label
    assert event.after["year"] == period.year and event.after["period"] == period.key
    assert event.after["closed_at"] == clock().isoformat()


async def test_a_reopened_period_takes_answers_again(database: Database, tmp_path,
                                                     clock: FrozenClock):
    seeded, period, rnd, _later = await two_rounds(database, tmp_path, clock)
    action = await tove_action(database, seeded, rnd.id)
    await close_period(database, period.year, period.key, SPECS, actor="test")
    await reopen_period(database, period.year, period.key, SPECS, actor="cli:karin")
    assert (await followup.record_status(database, save(rnd.id, action),
                                         person_id=seeded.people["tove"], now=clock())).ok
    with pytest.raises(PeriodError):
        await reopen_period(database, period.year, period.key, SPECS, actor="cli:karin")
    async with database.session() as session:
        [event] = await session.scalars(select(AuditEventRow).where(
            AuditEventRow.action == "period.reopened"))
    assert event.before["closed_by"] == "test" and event.actor == "cli:karin"


async def test_a_closed_period_keeps_its_dates_when_the_settings_change(
        database: Database, tmp_path, clock: FrozenClock):
    seeded, period, rnd, _later = await two_rounds(database, tmp_path, clock)
    await close_period(database, period.year, period.key, SPECS, actor="test")
    quarters = (("Q1", 1, 3), ("Q2", 4, 6), ("Q3", 7, 9), ("Q4", 10, 12))
    listed = await list_periods(database, period.year, quarters)
    assert [v.period.key for v in listed] == ["Q1", "Q2", "Q3", "Q4"]
    # The save path reads the stored dates, not the settings: still refused.
    action = await tove_action(database, seeded, rnd.id)
    refused = await followup.record_status(database, save(rnd.id, action),
                                           person_id=seeded.people["tove"], now=clock())
    assert refused.refused.startswith("period_err_closed")


async def test_a_closed_periods_round_sends_no_reminders(database: Database, tmp_path,
                                                         clock: FrozenClock):
    """Its answers would be refused: nobody is reminded to give them."""
    seeded, period, rnd, _later = await two_rounds(database, tmp_path, clock)
    await chats(database, seeded, "tove", "samir")
    await close_period(database, period.year, period.key, SPECS, actor="test")
    due_day = clock.move_to(at(rnd.due_date, 7))
    assert await queue_reminders(database, due_day, compose=REMINDERS) == 0
    await reopen_period(database, period.year, period.key, SPECS, actor="test")
    assert await queue_reminders(database, due_day, compose=REMINDERS) > 0
