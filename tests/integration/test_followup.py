"""Rounds, saves, reminders, away and hand-over on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from cards.followup_messages import COMPOSER
from cards.reminders import COMPOSER as REMINDERS
from domain.followup import StatusInput
from domain.model import ConversationRef
from domain.status import Status
from services import followup
from services.reminders import previous_working_day, queue_reminders, reminder_days
from storage.db import Database
from storage.models import AuditEventRow, OutboxRow, StatusReportRow
from tests.clock import at, next_weekday_holiday
from tests.followup_data import seed_2025
from tests.schemas import assert_valid_card


async def chats(db: Database, seeded, *names: str) -> None:
    async with db.transaction() as repo:
        for name in names:
            await repo.save_conversation_ref(
                ConversationRef(f"a:{name}", "https://smba.example/", tenant_id="tenant-folja-test"),
                kind="personal", person_id=seeded.people[name])


async def outbox(db: Database, kind: str) -> list[OutboxRow]:
    async with db.session() as session:
        return list(await session.scalars(
            select(OutboxRow).where(OutboxRow.kind == kind).order_by(OutboxRow.id)))


async def owned(db: Database, seeded, role: str) -> list[int]:
    async with db.transaction() as repo:
        plan = await repo.get_plan(seeded.plan_id)
    return [a.id for a in plan.actions if any(r.role.name == role for r in a.responsibilities)]


async def test_round_by_area_prompts_only_those_owners(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    await chats(database, seeded, "tove", "samir")
    opened = await followup.open_round(
        database, "Kungsholmen 2025", label="Platser", due=monday.date() + timedelta(days=4),
        areas=["Otrygga och brottsutsatta platser"], actor="cli", now=monday, compose=COMPOSER)
    assert opened.actions == 4
    assert "Greta Skola" not in opened.unreachable
    for row in await outbox(database, "prompt"):
        for attachment in row.activity["attachments"]:
            assert_valid_card(attachment["content"])
    status = await followup.round_status(database, str(opened.round.id))
    assert {a.area for a in status.actions} == {"Otrygga och brottsutsatta platser"}


async def test_unknown_plan_and_area_are_named(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    await seed_2025(database, tmp_path)
    for kwargs, key in (({"plan_ref": "Atlantis 1999"}, "fu_err_plan"),
                        ({"plan_ref": "Kungsholmen 2025", "areas": ["Månen"]}, "fu_err_area")):
        try:
            await followup.open_round(database, kwargs.pop("plan_ref"), label="x", due=None,
                                      actor="cli", now=monday, **kwargs, compose=COMPOSER)
        except followup.FollowupError as err:
            assert err.key == key
        else:
            raise AssertionError("no error")
    async with database.session() as session:
        assert list(await session.scalars(select(OutboxRow))) == []


async def test_reminders_once_per_slot_skip_answered_away_weekends(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    await chats(database, seeded, "tove", "samir")
    week = monday.date()  # Monday to Friday and the Monday after are working days
    friday, next_monday = week + timedelta(days=4), week + timedelta(days=7)
    # Due the Monday after; 2 days before is Saturday → moved to Friday.
    opened = await followup.open_round(database, "Kungsholmen 2025", label="V50",
                                       due=next_monday, actor="cli", now=monday,
                                       compose=COMPOSER)
    assert reminder_days(opened.round, 2) == {friday, next_monday}
    saturday = at(week + timedelta(days=5))
    assert await queue_reminders(database, saturday, compose=REMINDERS) == 0
    # Samir answers every one of his actions; Tina is away.
    for action_id in await owned(database, seeded, "Socialtjänsten"):
        result = await followup.record_status(
            database, StatusInput(opened.round.id, action_id, Status.NOT_STARTED),
            person_id=seeded.people["samir"], now=monday)
        assert result.ok, result
    await followup.set_away(database, seeded.people["tina"], week + timedelta(days=10), now=monday)
    friday_morning = clock.move_to(at(friday, 7))
    assert await queue_reminders(database, friday_morning, compose=REMINDERS) == 1  # Tove only
    # the same slot again, e.g. after a restart
    assert await queue_reminders(database, friday_morning, compose=REMINDERS) == 0
    [reminder] = await outbox(database, "reminder")
    assert reminder.person_id == seeded.people["tove"]
    assert reminder.dedupe_key == f"reminder:{seeded.people['tove']}:{friday}"
    assert reminder.activity["text"].startswith("Påminnelse:")
    thursday = at(week + timedelta(days=3))
    assert await queue_reminders(database, thursday, compose=REMINDERS) == 0


async def test_no_reminder_on_a_public_holiday(database: Database, tmp_path, clock):
    seeded = await seed_2025(database, tmp_path)
    await chats(database, seeded, "tove")
    holiday = next_weekday_holiday(clock.today)  # e.g. juldagen when it is not on a weekend
    await followup.open_round(database, "Kungsholmen 2025", label="Helgdag",
                              due=holiday + timedelta(days=3), actor="cli", now=clock(),
                              reminder_days_before=3, compose=COMPOSER)
    # The slot on the holiday moves to the working day before it.
    days = {d for d in reminder_days((await followup.round_status(database, "Helgdag")).round, 2)}
    assert holiday not in days and previous_working_day(holiday) in days
    assert await queue_reminders(database, clock.move_to(at(holiday)), compose=REMINDERS) == 0


async def test_closed_round_unknown_action_and_stranger(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    opened = await followup.open_round(database, "Kungsholmen 2025", label="V1", due=None,
                                       actor="cli", now=monday, compose=COMPOSER)
    tove_action = (await owned(database, seeded, "Kommunpolis"))[0]
    data = StatusInput(opened.round.id, tove_action, Status.DONE, done_text="Klart")
    greta = await followup.record_status(database, data, person_id=seeded.people["greta"], now=monday)
    assert greta.refused == "fu_refused"
    karin = await followup.record_status(database, data, person_id=seeded.people["karin"], now=monday)
    assert karin.ok and karin.report.role_id is None  # coordinators may save for anyone
    missing = StatusInput(opened.round.id, 999_999, Status.DONE, done_text="x")
    assert (await followup.record_status(database, missing, person_id=seeded.people["tove"],
                                         now=monday)).refused == "fu_err_unknown_action"
    await followup.close_round(database, "V1", actor="cli", now=monday)
    closed = await followup.record_status(database, data, person_id=seeded.people["tove"], now=monday)
    assert closed.refused == "fu_err_round_closed" and closed.item is not None
    async with database.session() as session:
        rows = list(await session.scalars(select(StatusReportRow).where(
            StatusReportRow.source == "teams")))
    assert len(rows) == 1


async def test_two_parties_both_kept_and_latest_reports(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    opened = await followup.open_round(database, "Kungsholmen 2025", label="V2", due=None,
                                       actor="cli", now=monday, compose=COMPOSER)
    shared = sorted(set(await owned(database, seeded, "Kommunpolis"))
                    & set(await owned(database, seeded, "Socialtjänsten")))[0]
    for who, text in (("tove", "Polisens del klar"), ("samir", "Socialtjänstens del pågår")):
        result = await followup.record_status(
            database, StatusInput(opened.round.id, shared, Status.ON_TRACK, done_text=text),
            person_id=seeded.people[who], now=monday)
        assert result.ok
    async with database.transaction() as repo:
        latest = await repo.latest_reports(seeded.plan_id, opened.round.id)
    mine = {(r.role_name, r.done_text) for r in latest if r.action_id == shared}
    assert mine == {("Kommunpolis", "Polisens del klar"),
                    ("Socialtjänsten", "Socialtjänstens del pågår")}


async def test_hand_over_to_a_colleague_then_they_may_report(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    await chats(database, seeded, "tove", "samir")
    opened = await followup.open_round(database, "Kungsholmen 2025", label="V3", due=None,
                                       actor="cli", now=monday, compose=COMPOSER)
    only_tove = sorted(set(await owned(database, seeded, "Kommunpolis"))
                       - set(await owned(database, seeded, "Socialtjänsten")))[0]
    name = await followup.delegate(database, round_id=opened.round.id, action_id=only_tove,
                                   person_id=seeded.people["tove"], to_email="samir.trygg@stad.se",
                                   now=monday, compose=COMPOSER)
    assert name == "Samir Trygg"
    [notice] = await outbox(database, "notice")
    assert notice.person_id == seeded.people["samir"] and "lämnat över" in notice.activity["text"]
    saved = await followup.record_status(
        database, StatusInput(opened.round.id, only_tove, Status.DELAYED, done_text="Sent"),
        person_id=seeded.people["samir"], now=monday)
    assert saved.ok and saved.report.role_id == seeded.roles["Kommunpolis"]
    gone = await followup.record_status(  # who handed it over no longer answers for it
        database, StatusInput(opened.round.id, only_tove, Status.DONE, done_text="Klart"),
        person_id=seeded.people["tove"], now=monday)
    assert gone.refused == "fu_refused" and gone.report is None
    try:
        await followup.delegate(database, round_id=opened.round.id, action_id=only_tove,
                                person_id=seeded.people["samir"], to_email="nobody@x.se",
                                now=monday, compose=COMPOSER)
    except followup.FollowupError as err:
        assert err.key == "fu_err_email_unknown"
    else:
        raise AssertionError("unknown e-mail accepted")


async def test_audit_has_before_and_after_for_saves_and_the_close(database: Database, tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    opened = await followup.open_round(database, "Kungsholmen 2025", label="V9", due=None,
                                       actor="cli", now=monday, compose=COMPOSER)
    action = (await owned(database, seeded, "Kommunpolis"))[0]
    for status, text in ((Status.ON_TRACK, "Första"), (Status.DONE, "Klart")):
        saved = await followup.record_status(
            database, StatusInput(opened.round.id, action, status, done_text=text),
            person_id=seeded.people["tove"], now=monday)
        assert saved.ok
    await followup.close_round(database, "V9", actor="cli", now=monday)
    async with database.session() as session:
        events = list(await session.scalars(select(AuditEventRow).where(
            AuditEventRow.action.in_(("status.saved", "round.closed"))).order_by(AuditEventRow.id)))
    first, second, close = events
    assert first.before is None and first.after["status"] == "on_track"
    assert second.before == {"status": "on_track", "version": 1,
                             "report_id": int(first.entity_id)}
    assert second.after["status"] == "done" and second.after["version"] == 2
    assert close.before == {"state": "open"} and close.after["state"] == "closed"
