"""Opening and closing a round by typing: a past due date and an overlapping round are refused
in Swedish, and the refusal says how to close the open round from the chat."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from storage.models import OutboxRow, RoundRow
from tests.botclient import TOVE
from tests.e2e.test_followup_chat import say
from tests.followup_data import seed_2025


async def _make_coordinator(database) -> None:
    async with database.transaction() as repo:
        tove = await repo.person_by_email(TOVE.email)
        koord = await repo.get_or_create_role("koordinator")
        await repo.assign_role(koord.id, tove.id, None)


async def _rounds(database) -> list[RoundRow]:
    async with database.session() as session:
        return list(await session.scalars(select(RoundRow).order_by(RoundRow.id)))


async def test_a_past_due_date_is_refused_in_chat(bot, teams, stub, database, tmp_path):
    await seed_2025(database, tmp_path)
    await _make_coordinator(database)
    past = date.today() - timedelta(days=3)
    [reply] = await say(bot, teams, stub, TOVE, f"starta uppföljning Vecka 48 till {past}")
    assert "har redan varit" in reply and "Ingen uppföljning startades" in reply
    assert await _rounds(database) == []
    async with database.session() as session:
        assert list(await session.scalars(select(OutboxRow))) == []


async def test_an_overlapping_round_is_refused_and_can_be_closed_in_chat(bot, teams, stub,
                                                                         database, tmp_path):
    await seed_2025(database, tmp_path)
    await _make_coordinator(database)
    [opened] = await say(bot, teams, stub, TOVE, "starta uppföljning Vecka 50 till 2099-12-11")
    [first] = await _rounds(database)
    [refused] = await say(bot, teams, stub, TOVE, "starta uppföljning Vecka 51 till 2099-12-18")
    assert "”Vecka 50”" in refused and "fredag 11 december" in refused
    assert f"avsluta uppföljning {first.id}" in refused
    assert len(await _rounds(database)) == 1
    [closed] = await say(bot, teams, stub, TOVE, f"avsluta uppföljning {first.id}")
    assert "”Vecka 50” är avslutad" in closed
    [again] = await say(bot, teams, stub, TOVE, "starta uppföljning Vecka 51 till 2099-12-18")
    assert "Vecka 51" in again and "startad" in again
    assert [(r.label, r.status) for r in await _rounds(database)] == [
        ("Vecka 50", "closed"), ("Vecka 51", "open")]
