"""Stand-ins on both databases: who receives the reminders, the coordinator's district scope,
the stand-in's save (permission from the stored record), and the automatic end."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from cards.followup_messages import COMPOSER
from cards.reminders import COMPOSER as REMINDERS
from domain.followup import StatusInput
from domain.model import ConversationRef, Organisation
from domain.status import Status
from services import standins
from services.followup import open_round, record_status
from services.reminders import queue_reminders, reminder_key
from storage.models import AuditEventRow, OutboxRow, StandinRow
from tests.followup_data import seed_2025

pytestmark = pytest.mark.usefixtures("clock")


async def name_standin(database, seeded, owner="tove", standin="samir", days=10, **kw):
    return await standins.set_standin(
        database, actor_id=seeded.people[kw.pop("actor", owner)],
        standin_email=kw.pop("email", f"{standin}.trygg@stad.se" if standin == "samir"
                             else "tina.trygg@stad.se"),
        owner_email=kw.pop("owner_email", None),
        until=database.clock().date() + timedelta(days=days), now=database.clock(), **kw)


async def test_reminders_go_to_the_stand_in_while_active(database, tmp_path, clock):
    clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    async with database.transaction() as repo:  # every owner reachable in their own chat
        for key, pid in seeded.people.items():
            await repo.save_conversation_ref(ConversationRef(f"a:{key}", "http://127.0.0.1:9/"),
                                             kind="personal", person_id=pid)
    await name_standin(database, seeded, owner="tove", standin="tina")
    rnd = (await open_round(database, "Kungsholmen 2025", label="V", due=database.clock().date(),
                            actor="test", now=database.clock(), compose=COMPOSER)).round
    assert await queue_reminders(database, database.clock(), compose=REMINDERS) >= 1
    async with database.session() as session:
        rows = list(await session.execute(select(OutboxRow.dedupe_key, OutboxRow.person_id,
                                                 OutboxRow.target, OutboxRow.activity)))
    tove, tina = seeded.people["tove"], seeded.people["tina"]
    [row] = [r for r in rows if r.dedupe_key == f"prompt:{rnd.id}:{tove}"]
    assert (row.person_id, row.target["conversation_id"]) == (tina, "a:tina")
    assert "ersättare för **Tove Polis**" in row.activity["text"]
    # Tina owns actions too: ONE reminder today, her own and Tove's, Tove's said for whom
    [row] = [r for r in rows if r.dedupe_key.startswith("reminder:") and r.person_id == tina]
    assert (row.dedupe_key, row.target["conversation_id"]) == (
        reminder_key(tina, database.clock().date()), "a:tina")
    assert "För **Tove Polis**, som du är ersättare för" in json.dumps(row.activity,
                                                                      ensure_ascii=False)
    assert not any(r.target.get("conversation_id") == "a:tove" for r in rows)
    assert any(r.target.get("conversation_id") == "a:samir" for r in rows)  # others unchanged


async def test_a_district_coordinator_only_for_their_district(database, tmp_path):
    seeded = await seed_2025(database, tmp_path)
    async with database.transaction() as repo:
        koord = await repo.get_or_create_role("koordinator", Organisation.DISTRICT)
        other_plan = await repo.create_plan(year=2025, district="Norrmalm")
        near = await repo.create_person(email="nära@stad.se", display_name="Nära Koord")
        far = await repo.create_person(email="fjarran@stad.se", display_name="Fjärran Koord")
        await repo.assign_role(koord.id, near.id, await repo.district_of_plan(seeded.plan_id))
        await repo.assign_role(koord.id, far.id, other_plan)
    people = {**seeded.people, "near": near.id, "far": far.id}
    with pytest.raises(standins.StandinError) as refused:
        await standins.set_standin(database, actor_id=people["far"],
                                   standin_email="samir.trygg@stad.se",
                                   owner_email="tove.polis@polisen.se",
                                   until=database.clock().date(), now=database.clock())
    assert refused.value.key == "standin_err_not_your_district"
    with pytest.raises(standins.StandinError) as not_coord:
        await standins.set_standin(database, actor_id=people["samir"],
                                   standin_email="tina.trygg@stad.se",
                                   owner_email="tove.polis@polisen.se",
                                   until=database.clock().date(), now=database.clock())
    assert not_coord.value.key == "standin_err_not_coordinator"
    with pytest.raises(standins.StandinError) as not_coord_end:
        await standins.end_standin(database, actor_id=people["samir"],
                                   owner_email="tove.polis@polisen.se", now=database.clock())
    assert not_coord_end.value.key == "standin_err_not_coordinator_end"  # says "end", not "name"
    done = await standins.set_standin(database, actor_id=people["near"],
                                      standin_email="samir.trygg@stad.se",
                                      owner_email="tove.polis@polisen.se",
                                      until=database.clock().date(), now=database.clock())
    assert (done.owner, done.standin, done.for_other) == ("Tove Polis", "Samir Trygg", True)
    async with database.session() as session:
        [event] = list(await session.scalars(select(AuditEventRow).where(
            AuditEventRow.action == "standin.started")))
    assert (event.actor, event.entity_id) == ("nära@stad.se", str(seeded.people["tove"]))


async def test_the_stand_in_saves_for_the_owner_until_the_day_after(database, tmp_path, clock):
    seeded = await seed_2025(database, tmp_path)
    opened = await open_round(database, "Kungsholmen 2025", label="V",
                              due=database.clock().date() + timedelta(days=6), actor="test",
                              now=database.clock(), compose=COMPOSER)
    async with database.transaction() as repo:
        plan = await repo.get_plan(seeded.plan_id)
    only_tove = next(a.id for a in plan.actions
                     if {r.role.name for r in a.responsibilities} & {"Kommunpolis"}
                     and "Trygghetssamordnare" not in {r.role.name for r in a.responsibilities})
    data = StatusInput(opened.round.id, only_tove, Status.DONE, done_text="Klart")
    tina = seeded.people["tina"]
    refused = await record_status(database, data, person_id=tina, now=database.clock())
    assert refused.refused == "fu_refused"  # no record yet: the card's data gives no right
    await name_standin(database, seeded, owner="tove", standin="tina", days=1)
    saved = await record_status(database, data, person_id=tina, now=database.clock())
    assert saved.ok and saved.report.person_id == seeded.people["tove"]
    assert (saved.report.standin_name, saved.report.person_name) == ("Tina Trygg", "Tove Polis")
    clock.shift(timedelta(days=2))
    later = StatusInput(opened.round.id, only_tove, Status.DONE, done_text="Igen")
    assert (await record_status(database, later, person_id=tina, now=database.clock())).refused
    assert await standins.expire_standins(database, database.clock()) == 1
    async with database.session() as session:
        [row] = list(await session.scalars(select(StandinRow)))
    assert row.ended_by == "system" and row.ended_at is not None
