"""Numbers a card sends are range-checked before they reach the database: a count or an id too
large for an INTEGER column comes back as a Swedish field message, stores nothing, and logs no
database error (whose text could carry what the user typed)."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.appkeys import SENDER
from cards.followup_messages import COMPOSER, ids_of, parse_status
from domain.followup import MAX_OCCASIONS
from services.delivery import deliver_due
from services.rounds import open_round
from storage.models import ActionRow, ResponsibilityRow, RoleRow, StatusReportRow
from tests.botclient import TOVE
from tests.followup_data import seed_2025

pytestmark = pytest.mark.usefixtures("clock")
TOO_LARGE = (10**20, 10**30, 2**31, -1)


async def saved_reports(db) -> int:
    async with db.session() as s:
        return await s.scalar(select(func.count()).select_from(StatusReportRow)
                              .where(StatusReportRow.source != "import"))


async def counted_action(db, counted: bool = True) -> int:
    """One of Tove's (Kommunpolis) actions whose card asks how many times it was done (or, with
    `counted=False`, one whose card has no such field)."""
    kind = ActionRow.when_kind == "times_per_year"
    async with db.session() as s:
        action_id = await s.scalar(
            select(ActionRow.id).join(ResponsibilityRow, ResponsibilityRow.action_id == ActionRow.id)
            .join(RoleRow, RoleRow.id == ResponsibilityRow.role_id)
            .where(RoleRow.name == "Kommunpolis", kind if counted else ~kind)
            .order_by(ActionRow.id).limit(1))
    assert action_id is not None
    return action_id


async def test_too_large_occasions_is_a_field_error_over_http(
        bot, teams, stub, database, tmp_path, caplog):
    await seed_2025(database, tmp_path)
    assert (await bot.post(teams.message(TOVE, "hjälp")))[0] == 202
    now = database.clock()
    opened = await open_round(database, "Kungsholmen 2025", label="Vecka 49",
                     due=now.date() + timedelta(days=4), actor="karin.koord@stad.se", now=now,
                     compose=COMPOSER)
    await deliver_due(database, bot.app[SENDER], now=now)
    data = {"round_id": opened.round.id, "action_id": await counted_action(database), "base": 0}
    before = await saved_reports(database)
    caplog.set_level(logging.WARNING)
    for number in TOO_LARGE:
        typed = {**data, "verb": "status.save", "status": "on_track", "needs_support": "false",
                 "done_text": "Trygghetsvandring med Storgatans förening", "support_text": "",
                 "occasions": str(number)}
        value = {"action": {"type": "Action.Execute", "verb": "status.save", "data": typed},
                 "trigger": "manual"}
        status, body = await bot.post(teams.invoke(TOVE, "adaptiveCard/action", value))
        assert status == 200 and body["statusCode"] == 200, body
        card = json.dumps(body["value"], ensure_ascii=False)
        assert f"Ange ett heltal mellan 0 och {MAX_OCCASIONS:,}".replace(",", " ") in card, card
        assert "Storgatans förening" in card  # what was typed is kept on the card
    # A card without the field (a forged or outdated payload) is refused the same way.
    typed = {**data, "action_id": await counted_action(database, counted=False),
             "verb": "status.save", "status": "on_track", "needs_support": "false",
             "done_text": "Trygghetsvandring med Storgatans förening", "support_text": "",
             "occasions": str(10**20)}
    value = {"action": {"type": "Action.Execute", "verb": "status.save", "data": typed},
             "trigger": "manual"}
    status, body = await bot.post(teams.invoke(TOVE, "adaptiveCard/action", value))
    assert status == 200 and "Inget sparades" in json.dumps(body, ensure_ascii=False), body
    for field in ("round_id", "action_id", "base"):  # an id no row can have
        typed = {**data, field: 10**30, "verb": "status.save", "status": "on_track",
                 "done_text": "Trygghetsvandring med Storgatans förening", "occasions": "3",
                 "needs_support": "false", "support_text": ""}
        value = {"action": {"type": "Action.Execute", "verb": "status.save", "data": typed},
                 "trigger": "manual"}
        status, body = await bot.post(teams.invoke(TOVE, "adaptiveCard/action", value))
        assert status == 200 and "Åtgärden finns inte" in json.dumps(body, ensure_ascii=False)
    assert await saved_reports(database) == before
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize("field", ["round_id", "action_id", "base"])
def test_ids_beyond_an_integer_column_are_not_ids(field):
    data = {"round_id": "1", "action_id": "2", "base": "3"}
    assert ids_of(data) == (1, 2, 3)
    for bad in (str(2**31), str(10**30), "-5"):
        assert ids_of({**data, field: bad}) is None, (field, bad)
        parsed, errors = parse_status({**data, field: bad, "status": "on_track"})
        assert parsed is None and [e.key for e in errors] == ["fu_err_unknown_action"]
