"""The follow-up by typing: the text-only dialog, "mina åtgärder", "borta till", "starta uppföljning"."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from storage.models import OutboxRow, PersonRow, RoundRow, StatusReportRow
from tests.botclient import SAMIR, TOVE
from tests.e2e.test_followup import cards_in, start
from tests.followup_data import seed_2025
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")  # rounds open and are due relative to a frozen now


async def say(bot, teams, stub, user, text: str) -> list[str]:
    stub.clear()
    status, _ = await bot.post(teams.message(user, text))
    assert status == 202
    return stub.texts()


async def test_text_only_report_stores_the_same_record(bot, teams, stub, database, tmp_path):
    await start(bot, teams, stub, database, tmp_path)
    [first] = await say(bot, teams, stub, TOVE, "rapportera text")
    assert "Vilken åtgärd" in first and "1." in first
    [second] = await say(bot, teams, stub, TOVE, "1")
    assert "Vilken status" in second and "Pågår enligt plan" in second
    [third] = await say(bot, teams, stub, TOVE, "2")
    assert "Vad har genomförts" in third
    [confirm] = await say(bot, teams, stub, TOVE, "Tre möten hållna")
    assert "Pågår enligt plan" in confirm and "Tre möten hållna" in confirm
    [done] = await say(bot, teams, stub, TOVE, "ja")
    assert "Sparat (version 1)" in done
    async with database.session() as session:
        [row] = list(await session.scalars(select(StatusReportRow).where(
            StatusReportRow.source == "teams-text")))
    assert (row.status, row.done_text) == ("on_track", "Tre möten hållna")
    # The dialog is over: the next message is a command again.
    [help_text] = await say(bot, teams, stub, TOVE, "hjälp")
    assert "Följa" in help_text


async def test_text_report_refuses_a_personal_number(bot, teams, stub, database, tmp_path):
    await start(bot, teams, stub, database, tmp_path)
    for text in ("rapportera text", "1", "1", "Pratade med 811218-9876"):
        replies = await say(bot, teams, stub, TOVE, text)
    # Refused as it is typed, before the dialog keeps it for the confirmation.
    assert "inget sparades" in replies[-1] and "personnummer" in replies[-1]
    async with database.session() as session:
        assert list(await session.scalars(select(StatusReportRow).where(
            StatusReportRow.source == "teams-text"))) == []


async def test_my_actions_lists_each_with_a_report_button(bot, teams, stub, database, tmp_path):
    await start(bot, teams, stub, database, tmp_path)
    stub.clear()
    await bot.post(teams.message(SAMIR, "mina åtgärder"))
    [reply] = stub.sent
    [content] = cards_in(reply)
    assert_valid_card(content)
    assert "Dina åtgärder" in reply["text"]
    # One list: a row per action, its form opening in place (Action.ShowCard).
    assert content["body"][1]["type"] == "Container"
    assert content["body"][1]["items"][-1]["actions"][0]["type"] == "Action.ShowCard"


async def test_my_actions_without_an_open_round_lists_what_i_own(bot, teams, stub, database,
                                                                  tmp_path):
    await seed_2025(database, tmp_path)
    stub.clear()
    await bot.post(teams.message(TOVE, "mina åtgärder"))
    [reply] = stub.sent
    [content] = cards_in(reply)
    assert_valid_card(content)
    text = str(content)
    assert "Kommunpolis" in text or "SSP" in text, text[:500]
    assert "inga åtgärder" not in (reply.get("text") or "").lower()


async def test_away_until_a_date_is_stored(bot, teams, stub, database, tmp_path):
    await seed_2025(database, tmp_path)
    [reply] = await say(bot, teams, stub, TOVE, "borta till 2099-12-10")
    assert "till och med" in reply and "december" in reply
    async with database.session() as session:
        tove = await session.scalar(select(PersonRow).where(PersonRow.email == TOVE.email))
    assert tove.away_until == date(2099, 12, 10)
    [bad] = await say(bot, teams, stub, TOVE, "borta till nästa vecka")
    assert "borta till ÅÅÅÅ-MM-DD" in bad


async def test_only_coordinators_start_a_round_in_chat(bot, teams, stub, database, tmp_path):
    await seed_2025(database, tmp_path)
    [reply] = await say(bot, teams, stub, TOVE, "starta uppföljning Vecka 50 till 2099-12-11")
    assert "Bara koordinatorer" in reply
    async with database.session() as session:
        assert list(await session.scalars(select(RoundRow))) == []
    async with database.transaction() as repo:
        tove = await repo.person_by_email(TOVE.email)
        koord = await repo.get_or_create_role("koordinator")
        await repo.assign_role(koord.id, tove.id, None)
    [opened] = await say(bot, teams, stub, TOVE, "starta uppföljning Vecka 50 till 2099-12-11")
    assert "Vecka 50" in opened and "Kungsholmen 2025" in opened and "Kan inte nås" in opened and "Greta Skola" in opened
    async with database.session() as session:
        [rnd] = list(await session.scalars(select(RoundRow)))
        prompts = list(await session.scalars(select(OutboxRow).where(OutboxRow.kind == "prompt")))
    assert rnd.label == "Vecka 50" and rnd.due_date == date(2099, 12, 11)
    assert len(prompts) == 3
