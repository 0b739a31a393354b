"""A card save is Följa's busiest turn (issue 4's benchmark): one transaction with a handful of
statements. No SDK state read (a card needs no dialog), no separate transaction to recognise
the sender, no conversation-reference bookkeeping: a budget that fails when someone adds one."""

from __future__ import annotations

import aiohttp
import pytest
from sqlalchemy import event

from storage.db import Database
from tests.botclient import TOVE, BotClient, Teams
from tests.e2e.test_followup import buttons, cards_in, invoke, start

pytestmark = pytest.mark.usefixtures("clock")  # the round of `start` opens at a frozen now

MAX_STATEMENTS = 5  # sender, round+action+holders, newest reports, INSERT report, INSERT audit
MAX_LIST_STATEMENTS = 9  # a list row's save then reads the list: rounds, plan, owners, reports


def _record(database: Database) -> tuple[list[str], list[int]]:
    statements: list[str] = []
    transactions = [0]

    @event.listens_for(database.engine.sync_engine, "before_cursor_execute")
    def statement(_conn, _cursor, sql, _params, _context, _many):
        statements.append(" ".join(sql.split()))

    @event.listens_for(database.engine.sync_engine, "begin")
    def begin(_conn):
        transactions[0] += 1

    return statements, transactions


async def test_a_save_turn_is_one_short_transaction(bot: BotClient, teams: Teams, stub, database,
                                                    tmp_path):
    await start(bot, teams, stub, database, tmp_path)
    [activity] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    save = next(b for c in cards_in(activity) for b in buttons(c) if b["verb"] == "status.save")
    single = {k: v for k, v in save["data"].items() if k != "view"}  # a single card's save
    data = {**single, "status": "on_track", "done_text": "Två möten hållna.",
            "needs_support": "false", "support_text": "", "occasions": "2"}
    statements, transactions = _record(database)

    status, body = await invoke(bot, teams, TOVE, data)

    assert status == 200 and "Sparat av" in str(body)
    assert transactions[0] == 1, statements
    assert len(statements) <= MAX_STATEMENTS, statements
    joined = "\n".join(statements)
    assert "sdk_state" not in joined and "conversation_refs" not in joined
    assert sum(s.startswith("INSERT INTO status_reports") for s in statements) == 1


async def test_a_list_rows_save_adds_only_one_read_of_the_list(bot: BotClient, teams: Teams, stub,
                                                             database, tmp_path):
    """A save from the prompt's list answers with the whole list: the save's own transaction
    is the same as a single card's; the list is read after it, in one read-only transaction."""
    await start(bot, teams, stub, database, tmp_path)
    [activity] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    save = next(b for c in cards_in(activity) for b in buttons(c) if b["verb"] == "status.save")
    row = f".{save['data']['round_id']}.{save['data']['action_id']}"
    data = {**save["data"], "status" + row: "on_track", "done_text" + row: "Två möten hållna.",
            "support_text" + row: "", "occasions" + row: "2"}
    statements, transactions = _record(database)
    begins: list[int] = []

    @event.listens_for(database.engine.sync_engine, "begin")
    def begin(_conn):
        begins.append(len(statements))

    status, body = await invoke(bot, teams, TOVE, data)

    assert status == 200 and "✓" in str(body)
    assert transactions[0] == 2, statements
    save_turn, list_read = statements[:begins[1]], statements[begins[1]:]
    assert len(save_turn) <= MAX_STATEMENTS, save_turn
    assert sum(s.startswith("INSERT INTO status_reports") for s in save_turn) == 1
    assert len(list_read) <= MAX_LIST_STATEMENTS, list_read
    assert all(s.startswith(("SELECT", "WITH")) for s in list_read), list_read
    joined = "\n".join(statements)
    assert "sdk_state" not in joined and "conversation_refs" not in joined


def _count_client_sessions(monkeypatch) -> list[int]:
    """How many aiohttp ClientSessions are opened from now on (each SDK client opens one)."""
    opened = [0]
    original = aiohttp.ClientSession.__init__

    def counting(self, *args, **kwargs):
        opened[0] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(aiohttp.ClientSession, "__init__", counting)
    return opened


async def test_a_save_turn_opens_no_http_client(bot: BotClient, teams: Teams, stub, database,
                                                tmp_path, monkeypatch):
    """The SDK's per-turn clients wait for first use (bot/clients.py): a card save answers in
    the HTTP response and opens none; a chat message, which is answered through the connector,
    still opens its client and is delivered."""
    await start(bot, teams, stub, database, tmp_path)
    [activity] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    save = next(b for c in cards_in(activity) for b in buttons(c) if b["verb"] == "status.save")
    row = f".{save['data']['round_id']}.{save['data']['action_id']}"
    data = {**save["data"], "status" + row: "on_track", "done_text" + row: "Två möten hållna.",
            "support_text" + row: "", "occasions" + row: "2"}
    opened = _count_client_sessions(monkeypatch)

    status, body = await invoke(bot, teams, TOVE, data)
    assert status == 200 and "✓" in str(body)  # the list again, the saved row ticked
    assert opened[0] == 0

    stub.clear()
    assert (await bot.post(teams.message(TOVE, "hjälp")))[0] == 202
    assert opened[0] == 1
    assert stub.in_conversation(f"a:personal-{TOVE.teams_id}")
