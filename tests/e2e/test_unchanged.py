""""Oförändrat sedan förra" and "påminn mig" over HTTP with the real app: the prompt's buttons,
a row's button, the typed command, a double click, a stale card, and a snooze the reminder job
honours on a moved clock."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select

from bot.appkeys import SENDER
from cards.reminders import COMPOSER as REMINDERS
from domain.followup import StatusInput
from domain.status import Status
from i18n import format_day
from services import followup
from services.delivery import deliver_due
from services.reminders import queue_reminders
from storage.db import Database
from storage.models import StatusReportRow
from tests.botclient import SAMIR, TOVE, BotClient, Teams
from tests.clock import at
from tests.connector_stub import ConnectorStub
from tests.e2e.test_followup import buttons, cards_in, invoke
from tests.e2e.test_save_budget import MAX_STATEMENTS
from tests.followup_data import seed_2025
from tests.followup_rounds import TwoRounds, two_rounds
from tests.schemas import assert_valid_card

TOVE_CHAT = f"a:personal-{TOVE.teams_id}"


async def prompted(bot: BotClient, teams: Teams, stub: ConnectorStub, db: Database,
                   tmp_path: Path, **kwargs) -> tuple[dict, TwoRounds, dict]:
    """Two rounds (services), Tove's prompt of the second delivered: (its card, the rounds,
    the seeded ids)."""
    seeded = await seed_2025(db, tmp_path)
    for user in (TOVE, SAMIR):
        assert (await bot.post(teams.message(user, "hjälp")))[0] == 202
    stub.clear()
    rounds = await two_rounds(db, seeded, db.clock(), **kwargs)
    for _lane_turn in range(2):  # a chat's messages go one per pass: both rounds' prompts
        assert (await deliver_due(db, bot.app[SENDER], now=db.clock())).failed == 0
    *_first, activity = stub.in_conversation(TOVE_CHAT)  # the second round's
    [content] = cards_in(activity)
    assert_valid_card(content)
    stub.clear()
    return content, rounds, seeded.people


async def unchanged_rows(db: Database) -> list[StatusReportRow]:
    async with db.session() as session:
        return list(await session.scalars(select(StatusReportRow).where(
            StatusReportRow.source == "unchanged").order_by(StatusReportRow.id)))


def button(content: dict, verb: str, **data) -> dict:
    found = [b for b in buttons(content) if b["verb"] == verb
             and all(b["data"].get(k) == v for k, v in data.items())]
    assert found, [(b["verb"], b["data"]) for b in buttons(content)]
    return found[0]


def shown(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False)


async def test_all_at_once_then_a_double_click(bot, teams, stub, database, tmp_path, clock):
    clock.to_working_monday()
    prompt, rounds, _people = await prompted(bot, teams, stub, database, tmp_path)
    every = button(prompt, "status.unchanged", rounds=[rounds.second])
    assert button(prompt, "status.snooze", until="monday")["title"] == "Påminn mig på måndag"

    status, body = await invoke(bot, teams, TOVE, every["data"])

    assert status == 200
    receipt = body["value"]
    assert_valid_card(receipt)
    text = shown(receipt)
    assert "2 åtgärder bekräftade" in text and "Pågår enligt plan" in text
    assert "Lokal för trygghetsvandringen" in text  # the support request, carried over
    assert f"{len(rounds.open)} åtgärder är fortfarande öppna" in text
    assert [r.action_id for r in await unchanged_rows(database)] == list(rounds.answered)
    status, again = await invoke(bot, teams, TOVE, every["data"])  # the second click
    assert status == 200 and len(await unchanged_rows(database)) == 2
    assert_valid_card(again["value"])
    assert "Ingenting bekräftades" in shown(again["value"])  # the open ones listed again


async def test_one_row_twice_and_its_budget(bot, teams, stub, database, tmp_path, clock):
    clock.to_working_monday()
    prompt, rounds, _people = await prompted(bot, teams, stub, database, tmp_path)
    row = button(prompt, "status.unchanged", action_id=rounds.answered[1])
    assert not [b for b in buttons(prompt) if b["verb"] == "status.unchanged"
                and b["data"].get("action_id") in rounds.open]  # no earlier answer: no button

    status, body = await invoke(bot, teams, TOVE, row["data"])
    assert status == 200 and "Försenad ✓" in shown(body["value"])  # the list, the row ticked
    assert_valid_card(body["value"])
    status, again = await invoke(bot, teams, TOVE, row["data"])
    assert status == 200 and "Försenad ✓" in shown(again["value"])
    assert [r.action_id for r in await unchanged_rows(database)] == [rounds.answered[1]]

    # The single card's button (no list to read back): the card save's budget.
    single = {k: v for k, v in row["data"].items() if k != "view"}
    single["action_id"] = rounds.answered[0]
    statements: list[str] = []
    transactions = [0]
    event.listen(database.engine.sync_engine, "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    event.listen(database.engine.sync_engine, "begin",
                 lambda *_: transactions.__setitem__(0, transactions[0] + 1))
    status, body = await invoke(bot, teams, TOVE, single)
    assert status == 200 and "Sparat av" in shown(body["value"])
    assert transactions[0] == 1 and len(statements) <= MAX_STATEMENTS, statements


async def test_a_stale_row_stores_nothing(bot, teams, stub, database, tmp_path, clock):
    clock.to_working_monday()
    prompt, rounds, people = await prompted(bot, teams, stub, database, tmp_path)
    row = button(prompt, "status.unchanged", action_id=rounds.answered[0])
    newer = StatusInput(rounds.second, rounds.answered[0], Status.DONE, done_text="Klart nu.")
    assert (await followup.record_status(database, newer, person_id=people["tove"],
                                         now=clock())).ok  # saved from another device

    status, body = await invoke(bot, teams, TOVE, row["data"])

    assert status == 200 and "Någon har sparat en nyare version" in shown(body["value"])
    assert_valid_card(body["value"])
    assert await unchanged_rows(database) == []


async def test_typed_unchanged(bot, teams, stub, database, tmp_path, clock):
    clock.to_working_monday()
    _prompt, rounds, _people = await prompted(bot, teams, stub, database, tmp_path)
    assert (await bot.post(teams.message(TOVE, "Oförändrat")))[0] == 202
    [reply] = stub.in_conversation(TOVE_CHAT)
    [receipt] = cards_in(reply)
    assert_valid_card(receipt)
    assert "2 åtgärder bekräftade" in shown(receipt)
    assert len(await unchanged_rows(database)) == 2
    stub.clear()
    assert (await bot.post(teams.message(SAMIR, "unchanged")))[0] == 202
    [reply] = stub.in_conversation(f"a:personal-{SAMIR.teams_id}")
    assert "No earlier answer to confirm" in json.dumps(reply, ensure_ascii=False)  # in English
    assert len(await unchanged_rows(database)) == 2  # Samir had no earlier answers


@pytest.mark.parametrize("choice", ["tomorrow", "monday"])
async def test_snooze_then_the_reminder_job(bot, teams, stub, database, tmp_path, clock, choice):
    monday = clock.to_working_monday().date()
    prompt, rounds, _people = await prompted(bot, teams, stub, database, tmp_path, due_days=2,
                                             reminder_days_before=1)
    status, body = await invoke(bot, teams, TOVE, button(prompt, "status.snooze",
                                                         until=choice)["data"])
    day = monday + timedelta(days=1 if choice == "tomorrow" else 7)
    assert status == 200
    assert_valid_card(body["value"])
    assert f"Jag påminner dig {format_day(day)}" in shown(body["value"])

    async def reminders_on(when) -> list[dict]:
        stub.clear()
        now = clock.move_to(at(when))
        await queue_reminders(database, now, compose=REMINDERS)
        assert (await deliver_due(database, bot.app[SENDER], now=now)).failed == 0
        return stub.in_conversation(TOVE_CHAT)

    # "I morgon": the snooze day is the first slot, the due date still reminds; "på måndag":
    # both slots pass in silence, the Monday (no slot) reminds.
    expected = {day, monday + timedelta(days=2)} if choice == "tomorrow" else {day}
    for when in (monday + timedelta(days=n) for n in range(1, 8)):
        sent = await reminders_on(when)
        if when in expected:
            [reminder] = sent
            assert reminder["text"].startswith("Påminnelse:")
            assert_valid_card(cards_in(reminder)[0])
        else:
            assert sent == [], when
