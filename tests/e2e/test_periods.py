"""Over HTTP: a round whose reporting period is closed refuses a card save, a list row's save
and the text dialog's save, in Swedish, and stores nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from config import DEFAULT_PERIODS
from domain.periods import period_on
from services.periods import close_period
from storage.db import Database
from storage.models import StatusReportRow
from tests.botclient import TOVE
from tests.e2e.test_followup import buttons, cards_in, invoke, start
from tests.e2e.test_followup_chat import say
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")  # the round of `start` opens at a frozen now

REFUSED = "hör till rapportperioden"


async def closed_round(bot, teams, stub, database: Database, tmp_path) -> dict:
    """`start`'s round with its period closed; Tove's save button from the prompt."""
    _seeded, round_id = await start(bot, teams, stub, database, tmp_path)
    async with database.transaction() as repo:
        rnd = await repo.get_round(round_id)
    period = period_on(rnd.due_date, DEFAULT_PERIODS)
    await close_period(database, period.year, period.key, DEFAULT_PERIODS, actor="test")
    [activity] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    return next(b for c in cards_in(activity) for b in buttons(c) if b["verb"] == "status.save")


async def saved(database: Database) -> int:
    async with database.session() as session:
        return await session.scalar(select(func.count()).select_from(StatusReportRow).where(
            StatusReportRow.source != "import"))


async def test_a_card_save_in_a_closed_period_is_refused_in_swedish(bot, teams, stub, database,
                                                                    tmp_path):
    save = await closed_round(bot, teams, stub, database, tmp_path)
    single = {k: v for k, v in save["data"].items() if k != "view"}
    data = {**single, "status": "on_track", "done_text": "Två möten hållna.",
            "needs_support": "false", "support_text": "", "occasions": "2"}

    status, body = await invoke(bot, teams, TOVE, data)

    assert status == 200
    assert_valid_card(body["value"])
    text = json.dumps(body["value"], ensure_ascii=False)
    assert REFUSED in text and "Inget sparades" in text and "är stängd" in text
    assert await saved(database) == 0


async def test_a_list_rows_save_in_a_closed_period_is_refused(bot, teams, stub, database,
                                                              tmp_path):
    save = await closed_round(bot, teams, stub, database, tmp_path)
    row = f".{save['data']['round_id']}.{save['data']['action_id']}"
    data = {**save["data"], "status" + row: "on_track", "done_text" + row: "Två möten hållna.",
            "support_text" + row: "", "occasions" + row: "2"}

    status, body = await invoke(bot, teams, TOVE, data)

    assert status == 200
    assert_valid_card(body["value"])
    assert REFUSED in json.dumps(body["value"], ensure_ascii=False)
    assert await saved(database) == 0


async def test_the_text_dialogs_save_in_a_closed_period_is_refused(bot, teams, stub, database,
                                                                   tmp_path):
    await closed_round(bot, teams, stub, database, tmp_path)
    for text in ("rapportera text", "1", "2", "Tre möten hållna", "ja"):
        replies = await say(bot, teams, stub, TOVE, text)
    assert REFUSED in replies[-1] and "Inget sparades" in replies[-1]
    assert await saved(database) == 0
