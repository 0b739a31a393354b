"""Opening a round reads and queues for everyone at once: the number of statements does not
grow with the number of people, and a city round's SELECTs not with the number of districts
either. Asking about each person in turn (their chat, their indicators round by round, their
prompt's INSERT) once made a city-wide round take minutes (BENCHMARKS.md, 2026-12-06).

Every person owns one action and one indicator; every third (the second, the fifth, …) has no
chat yet (the prompt asks Teams for a new one), and the first has the last as stand-in, so each
of those reads is on the path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime

from sqlalchemy import event, func, select

from cards.followup_messages import COMPOSER
from domain.model import ConversationRef
from services.city_rounds import open_city_round
from services.rounds import open_round
from storage.db import Database
from storage.models import OutboxRow

TENANT = "tenant-queries"
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


async def _district(db: Database, name: str, people: int) -> int:
    """A district's active plan: `people` owners, each with a role, an action and an
    indicator of their own (module docstring). The plan's id."""
    slug = name.lower().replace(" ", "")
    async with db.transaction() as repo:
        plan_id = await repo.create_plan(year=2026, district=name)
        area = await repo.add_area(plan_id, "Trygghet", 1)
        district = await repo.district_of_plan(plan_id)
        owners = []
        for i in range(people):
            role = await repo.get_or_create_role(f"Roll {name} {i}")
            person = await repo.create_person(
                email=f"p{i}@{slug}.se", display_name=f"Person {i} {name}",
                aad_object_id=f"aad-{slug}-{i}", tenant_id=TENANT)
            if i % 3 != 1:
                await repo.save_conversation_ref(
                    ConversationRef(f"a:{slug}-{i}", "https://smba.example/", tenant_id=TENANT),
                    kind="personal", person_id=person.id)
            await repo.assign_role(role.id, person.id, district)
            action = await repo.add_action(plan_id, area, i, title=f"Åtgärd {i}")
            await repo.add_responsibility(action, role.id, lead=True)
            await repo.add_indicator(plan_id, area, {"name": f"Indikator {name} {i}",
                                                     "role_id": role.id, "position": i})
            owners.append(person.id)
        await repo.add_standin(person_id=owners[0], standin_id=owners[-1],
                               until=date(2026, 12, 31), by="test", now=NOW)
    return plan_id


async def _statements(db: Database, run: Callable[[], Awaitable[object]]) -> Counter:
    """SELECTs and INSERTs (by their first word) that `run` sends to the database."""
    seen: Counter = Counter()

    def listener(_conn, _cursor, statement, *_args) -> None:
        seen[statement.lstrip().split(None, 1)[0].upper()] += 1

    event.listen(db.engine.sync_engine, "before_cursor_execute", listener)
    try:
        await run()
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", listener)
    return seen


async def _close_all(db: Database) -> None:
    async with db.transaction() as repo:
        for rnd in await repo.open_rounds():
            await repo.close_round(rnd.id, NOW)


async def _queued(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count(OutboxRow.id))) or 0)


async def _city(db: Database, label: str) -> Counter:
    async def run() -> None:
        opened = await open_city_round(db, label=label, due=date(2026, 3, 20), actor="test",
                                       now=NOW, compose=COMPOSER)
        assert opened.prompted and not opened.unreachable and not opened.away

    return await _statements(db, run)


async def test_a_city_rounds_selects_do_not_grow_with_people_or_districts(database: Database):
    for d in range(2):
        await _district(database, f"Liten {d}", 2)
    small = await _city(database, "Vecka 10")
    assert await _queued(database) == 4
    await _close_all(database)
    for d in range(3):
        await _district(database, f"Stor {d}", 6)
    large = await _city(database, "Vecka 11")
    assert await _queued(database) == 4 + 4 + 18  # every person of the five districts again
    assert large["SELECT"] == small["SELECT"], (small, large)
    # a row for each district's round and its audit; the prompts in one go
    assert large["INSERT"] - small["INSERT"] == 2 * 3, (small, large)


async def test_a_rounds_statements_do_not_grow_with_people(database: Database):
    few = await _district(database, "Få", 2)
    many = await _district(database, "Många", 9)
    counts = []
    for plan_id, people in ((few, 2), (many, 9)):
        async def run(plan_id: int = plan_id, people: int = people) -> None:
            opened = await open_round(database, str(plan_id), label="Mars", due=None,
                                      actor="test", now=NOW, compose=COMPOSER)
            assert len(opened.prompted) == people

        counts.append(await _statements(database, run))
    assert counts[0] == counts[1], counts


async def test_the_prompts_carry_what_each_person_owes(database: Database):
    await _district(database, "Söder", 4)
    await _city(database, "Vecka 12")
    async with database.session() as session:
        rows = (await session.execute(select(OutboxRow.person_id, OutboxRow.activity,
                                             OutboxRow.target).order_by(OutboxRow.id))).all()
    assert len(rows) == 4
    texts = [str(activity) for _p, activity, _t in rows]
    assert all(f"Indikator Söder {i}" in texts[i] for i in range(4))
    # the first person's prompt went to their stand-in, the last, and says for whom
    assert rows[0].person_id == rows[3].person_id and "Person 0 Söder" in texts[0]
    assert rows[0].target == rows[3].target == {
        "conversation_id": "a:söder-3", "service_url": "https://smba.example/",
        "tenant_id": TENANT}
    assert rows[1].target == {"create_personal": {  # no chat yet
        "aad_object_id": "aad-söder-1", "tenant_id": TENANT,
        "service_url": "https://smba.example/"}}
