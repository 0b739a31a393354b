""""Inte min" hands an action over for one round, and a coordinator can undo it (SQLite and
PostgreSQL, real migrations)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from cards.followup_messages import COMPOSER
from domain.followup import StatusInput
from domain.status import Status
from services import followup
from storage.db import Database
from storage.models import AuditEventRow
from tests.clock import FrozenClock
from tests.followup_data import seed_2025


async def only_tove_action(db: Database, seeded) -> int:
    async with db.transaction() as repo:
        plan = await repo.get_plan(seeded.plan_id)
    assert plan is not None
    police = {a.id for a in plan.actions
              if any(r.role.name == "Kommunpolis" for r in a.responsibilities)}
    social = {a.id for a in plan.actions
              if any(r.role.name == "Socialtjänsten" for r in a.responsibilities)}
    return sorted(police - social)[0]


async def who_answers(db: Database, round_id: int, action_id: int, seeded) -> set[str]:
    names = {v: k for k, v in seeded.people.items()}
    found = set()
    for who in ("tove", "samir"):
        items = await followup.my_items(db, seeded.people[who])
        if any(i.round.id == round_id and i.action_id == action_id for i in items):
            found.add(names[seeded.people[who]])
    return found


@pytest.fixture
async def handed(database: Database, tmp_path, clock: FrozenClock):
    """Round 1 open; Tove handed her action over to Samir in it."""
    monday = clock.to_working_monday()
    seeded = await seed_2025(database, tmp_path)
    opened = await followup.open_round(database, "Kungsholmen 2025", label="R1", due=None,
                                       actor="cli", now=monday, compose=COMPOSER)
    action = await only_tove_action(database, seeded)
    await followup.delegate(database, round_id=opened.round.id, action_id=action,
                            person_id=seeded.people["tove"], to_email="samir.trygg@stad.se",
                            now=monday, compose=COMPOSER)
    assert await who_answers(database, opened.round.id, action, seeded) == {"samir"}
    return seeded, opened.round.id, action


async def test_a_hand_over_does_not_carry_to_the_next_round(database: Database, handed,
                                                           clock: FrozenClock):
    seeded, round_1, action = handed
    await followup.close_round(database, str(round_1), actor="cli", now=clock())
    later = clock.shift(timedelta(days=7))
    round_2 = await followup.open_round(database, "Kungsholmen 2025", label="R2", due=None,
                                        actor="cli", now=later, compose=COMPOSER)
    assert await who_answers(database, round_2.round.id, action, seeded) == {"tove"}
    saved = await followup.record_status(  # the original owner reports again in round 2 …
        database, StatusInput(round_2.round.id, action, Status.ON_TRACK, done_text="Pågår"),
        person_id=seeded.people["tove"], now=later)
    assert saved.ok
    refused = await followup.record_status(  # … and the round-1 delegate no longer does
        database, StatusInput(round_2.round.id, action, Status.DONE, done_text="Klart"),
        person_id=seeded.people["samir"], now=later)
    assert refused.refused == "fu_refused"


async def test_a_coordinator_undoes_a_hand_over_in_the_same_round(database: Database, handed,
                                                                  clock: FrozenClock):
    seeded, round_1, action = handed
    [listed] = await followup.handovers(database, str(round_1), person_id=seeded.people["karin"])
    assert (listed.action_id, listed.from_name, listed.to_name) == (action, "Tove Polis",
                                                                    "Samir Trygg")
    undone = await followup.undo_handover(database, listed.id, person_id=seeded.people["karin"],
                                          now=clock())
    assert undone.id == listed.id
    assert await who_answers(database, round_1, action, seeded) == {"tove"}
    assert await followup.handovers(database, str(round_1), person_id=seeded.people["karin"]) == []
    async with database.session() as session:
        [event] = await session.scalars(select(AuditEventRow).where(
            AuditEventRow.action == "action.handover_undone"))
    assert event.entity_id == str(action) and event.actor == "karin.koord@stad.se"


async def test_a_non_coordinator_cannot_undo_a_hand_over(database: Database, handed,
                                                         clock: FrozenClock):
    seeded, round_1, action = handed
    [listed] = await followup.handovers(database, str(round_1), person_id=seeded.people["karin"])
    for who in ("tove", "samir"):
        with pytest.raises(followup.FollowupError) as refused:
            await followup.undo_handover(database, listed.id, person_id=seeded.people[who],
                                         now=clock())
        assert refused.value.key == "fu_handover_not_coordinator"
        with pytest.raises(followup.FollowupError):
            await followup.handovers(database, str(round_1), person_id=seeded.people[who])
    assert await who_answers(database, round_1, action, seeded) == {"samir"}
