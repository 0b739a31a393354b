"""Reminders and the coordinators' digest on a real database: Trettondedag jul, two replicas at
once, a reminder that names nobody, and a digest that never goes to a channel."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from sqlalchemy import select

from cards.followup_messages import COMPOSER
from cards.reminders import COMPOSER as REMINDERS
from domain.model import ConversationRef
from domain.reminders import previous_working_day
from services import followup
from services.escalation import queue_escalations
from services.reminders import queue_reminders
from storage.db import Database
from storage.models import OutboxRow, PersonRow
from tests.clock import STOCKHOLM, at
from tests.followup_data import seed_2025
from tests.integration.test_followup import chats, outbox
from tests.unit.test_reminder_rules import january_sixth_on_a_weekday


async def test_no_reminder_on_trettondedag_jul(database: Database, tmp_path, clock):
    sixth = january_sixth_on_a_weekday(clock.today)
    clock.move_to(at(sixth - timedelta(days=12)))
    seeded = await seed_2025(database, tmp_path)
    await chats(database, seeded, "tove")
    await followup.open_round(database, "Kungsholmen 2025", label="Trettondagen", due=sixth,
                              actor="cli", now=clock(), reminder_days_before=0, compose=COMPOSER)
    assert await queue_reminders(database, clock.move_to(at(sixth)), compose=REMINDERS) == 0
    before = previous_working_day(sixth)  # the due date's slot moves to the working day before
    assert await queue_reminders(database, clock.move_to(at(before)), compose=REMINDERS) >= 1
    keys = {row.dedupe_key for row in await outbox(database, "reminder")}
    assert f"reminder:{seeded.people['tove']}:{before.isoformat()}" in keys
    assert not [k for k in keys if k.endswith(sixth.isoformat())]


async def test_two_replicas_at_once_queue_one_reminder_that_names_nobody(database: Database,
                                                                         tmp_path, clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    await chats(database, seeded, "tove", "samir")
    friday = monday.date() + timedelta(days=4)
    async with database.transaction() as repo:
        areas = [a.name for a in (await repo.get_plan(seeded.plan_id)).areas]
    for label, chosen in (("Först", areas[:1]), ("Resten", areas[1:])):  # two rounds, one plan
        await followup.open_round(database, "Kungsholmen 2025", label=label, due=friday,
                                  areas=chosen, actor="cli", now=monday, compose=COMPOSER)
    now = clock.move_to(at(friday))
    counts = await asyncio.gather(*(queue_reminders(database, now, compose=REMINDERS)
                                    for _ in range(2)))
    rows = await outbox(database, "reminder")
    people_reminded = [r.person_id for r in rows]
    assert sum(counts) == len(rows) == len(set(people_reminded))  # each person once
    assert {seeded.people["tove"], seeded.people["samir"]} <= set(people_reminded)
    async with database.session() as session:
        people = list(await session.scalars(select(PersonRow)))
    words = {w.lower() for p in people for w in (p.display_name, p.email or "") if w}
    for row in rows:
        said = json.dumps(row.activity, ensure_ascii=False).lower()
        assert not [w for w in words if w in said], "a reminder names someone"
        assert "tillfrågade har svarat" in said
    tove = next(r for r in rows if r.person_id == seeded.people["tove"])
    body = json.dumps(tove.activity, ensure_ascii=False)
    assert "Först, sista dag" in body and "Resten, sista dag" in body  # both rounds, one message


async def test_the_digest_goes_to_a_personal_chat_never_a_channel(database: Database, tmp_path,
                                                                  clock):
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    plan_id = seeded.plan_id
    async with database.transaction() as repo:  # Karin's plan has a channel; Karin no chat yet
        await repo.save_conversation_ref(
            ConversationRef("19:styrgrupp@thread.tacv2", "https://smba.example/",
                            tenant_id="tenant-folja-test"), kind="channel", plan_id=plan_id)
    for n, label in enumerate(("V1", "V2")):
        start = monday + timedelta(days=7 * n)
        await followup.open_round(database, "Kungsholmen 2025", label=label,
                                  due=start.date() + timedelta(days=2), actor="cli", now=start,
                                  compose=COMPOSER)
        await followup.close_round(database, label, actor="cli", now=start + timedelta(days=3))
    later = clock.move_to(at(monday.date() + timedelta(days=10)))
    await followup.set_away(database, seeded.people["samir"], later.date(), now=later)
    zone = STOCKHOLM
    assert await queue_escalations(database, later, compose=REMINDERS, zone=zone) == 0
    await chats(database, seeded, "karin")
    assert await queue_escalations(database, later, compose=REMINDERS, zone=zone) == 1
    assert await queue_escalations(database, later, compose=REMINDERS, zone=zone) == 0
    async with database.session() as session:
        every = list(await session.scalars(select(OutboxRow).where(
            OutboxRow.kind == "escalation")))
    [digest] = every
    assert digest.person_id == seeded.people["karin"]
    assert digest.target["conversation_id"] == "a:karin"
    said = json.dumps(digest.activity, ensure_ascii=False)
    assert "Tove Polis" in said and "Tina Trygg" in said  # nobody answered either round
    assert "Samir" not in said  # away today: he said why he is silent
    assert "19:styrgrupp" not in json.dumps(digest.target)
