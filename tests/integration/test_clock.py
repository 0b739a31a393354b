"""One clock: the time a Database, the app and the worker are given is the time they stamp."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app import create_app
from bot.appkeys import CLOCK, DATABASE
from config import Settings
from domain.clock import system_clock
from storage.db import Database
from storage.models import PersonRow


def far_from_now() -> datetime:
    """A moment no wall clock shows while the test runs: a stamp at it came from the given clock."""
    return (system_clock() + timedelta(days=400)).replace(microsecond=0)


def aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite returns UTC without its offset


async def test_repositories_stamp_the_database_clock(db_url: str):
    moment = far_from_now()
    db = Database(db_url, clock=lambda: moment)
    try:
        async with db.transaction() as repo:
            oid = await repo.enqueue(kind="prompt", dedupe_key="clock", target={
                "conversation_id": "a:x", "service_url": "http://127.0.0.1:9/"},
                activity={"type": "message", "text": "Hej"})
            person = await repo.create_person(email="klocka@stad.se", display_name="Klocka")
        async with db.transaction() as repo:
            entry = await repo.outbox_entry(oid)
            assert await repo.claim_due(moment - timedelta(seconds=1), "w1", 10) == []
            assert [e.id for e in await repo.claim_due(moment, "w1", 10)] == [oid]
            created = await repo.session.scalar(
                select(PersonRow.created_at).where(PersonRow.id == person.id))
        assert aware(entry.next_attempt_at) == moment and aware(created) == moment
    finally:
        await db.dispose()


def test_the_app_hands_its_clock_to_every_layer(db_url: str):
    moment = far_from_now()
    app = create_app(Settings(database_url=db_url), background=False, clock=lambda: moment)
    assert app[CLOCK]() == moment and app[DATABASE].clock() == moment
    given = Database(db_url, clock=lambda: moment + timedelta(hours=1))
    app = create_app(Settings(database_url=db_url), given, background=False)
    assert app[CLOCK] is given.clock  # a given database brings its clock
