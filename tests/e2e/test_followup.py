"""Issue 4 acceptance over HTTP: a round on the 2025 plan, prompts through the outbox to the
connector stub, saves through Action.Execute (stored, replaced, versioned, refused, idempotent).

Time stands still in these tests (the `clock` fixture): the round opens, and is due, relative to
that frozen now."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.appkeys import SENDER
from cards.followup_messages import COMPOSER
from i18n import format_day
from services.delivery import deliver_due
from services.rounds import open_round
from storage.db import Database
from storage.models import StatusReportRow
from tests.botclient import SAMIR, TOVE, BotClient, Teams
from tests.connector_stub import ADAPTIVE_CARD, ConnectorStub
from tests.followup_data import Seeded, seed_2025
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")


def due_day(now: datetime) -> date:
    """The round's due date: four days after it opens."""
    return now.date() + timedelta(days=4)


async def reports(db: Database) -> list[StatusReportRow]:
    async with db.session() as session:
        return list(await session.scalars(
            select(StatusReportRow).where(StatusReportRow.source != "import")
            .order_by(StatusReportRow.id)))


async def owned_actions(db: Database, seeded: Seeded, role: str) -> set[int]:
    async with db.transaction() as repo:
        plan = await repo.get_plan(seeded.plan_id)
    return {a.id for a in plan.actions if any(r.role.name == role for r in a.responsibilities)}


async def start(bot: BotClient, teams: Teams, stub: ConnectorStub, db: Database,
                tmp_path: Path) -> tuple[Seeded, int]:
    seeded = await seed_2025(db, tmp_path)
    for user in (TOVE, SAMIR):  # both have spoken to Följa: their chats are stored
        assert (await bot.post(teams.message(user, "hjälp")))[0] == 202
    stub.clear()
    now = db.clock()
    opened = await open_round(db, "Kungsholmen 2025", label="Vecka 49", due=due_day(now),
                              actor="karin.koord@stad.se", now=now, compose=COMPOSER)
    result = await deliver_due(db, bot.app[SENDER], now=now)
    assert result.failed == 0
    return seeded, opened.round.id


def cards_in(activity: dict) -> list[dict]:
    return [a["content"] for a in activity.get("attachments", []) if a["contentType"] == ADAPTIVE_CARD]


def buttons(content: dict) -> list[dict]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute":
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(content)
    return found


async def test_one_prompt_per_owner_with_one_list_card(bot, teams, stub, database, tmp_path):
    seeded, _round = await start(bot, teams, stub, database, tmp_path)
    by_conv: dict[str, list[dict]] = {}
    for activity in stub.sent:
        by_conv.setdefault(activity["conversation"]["id"] if "conversation" in activity
                           else activity.get("cid", ""), []).append(activity)
    tove_chat, samir_chat = f"a:personal-{TOVE.teams_id}", f"a:personal-{SAMIR.teams_id}"
    tove = stub.in_conversation(tove_chat)
    samir = stub.in_conversation(samir_chat)
    assert len(tove) == 1 and len(samir) == 1
    assert len(stub.created) == 1  # Tina: a personal chat created from her AAD id
    assert len(stub.sent) == 3  # Greta cannot be reached: nothing sent to her
    for activity, role in ((tove[0], "Kommunpolis"), (samir[0], "Socialtjänsten")):
        expected = await owned_actions(database, seeded, role)
        due = format_day(due_day(database.clock()))
        assert f"Du har {len(expected)} åtgärder att följa upp före {due}" in activity["text"]
        contents = cards_in(activity)
        assert len(json.dumps(activity, ensure_ascii=False).encode()) < 28 * 1024
        for content in contents:
            assert_valid_card(content)
        ids = [b["data"]["action_id"] for c in contents for b in buttons(c)
               if b["verb"] in ("status.save", "status.open")]
        assert sorted(ids) == sorted(expected)
        assert len(contents) == 1  # one list card; each row's form opens in place


async def invoke(bot: BotClient, teams: Teams, user, data: dict) -> tuple[int, dict]:
    value = {"action": {"type": "Action.Execute", "verb": data["verb"], "data": data},
             "trigger": "manual"}
    return await bot.post(teams.invoke(user, "adaptiveCard/action", value))


async def tove_card(stub: ConnectorStub) -> dict:
    [activity] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    return cards_in(activity)[0]


async def test_save_replace_version_refuse_replay(bot, teams, stub, database, tmp_path):
    seeded, round_id = await start(bot, teams, stub, database, tmp_path)
    samir_owns = await owned_actions(database, seeded, "Socialtjänsten")
    [activity] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    save = next(b for c in cards_in(activity) for b in buttons(c)
                if b["verb"] in ("status.save", "status.open")
                and b["data"]["action_id"] not in samir_owns)
    # Without "view": the save of a single card (a receipt's Ändra, a hand-over), answered
    # with one card; a list row's save is tests/e2e/test_card_flow.py.
    data = {k: v for k, v in save["data"].items() if k != "view"}
    if save["verb"] == "status.open":  # compact list: open the card first
        status, body = await invoke(bot, teams, TOVE, data)
        assert status == 200
        save = next(b for b in buttons(body["value"]) if b["verb"] == "status.save")
        data = dict(save["data"])
    assert data["action_id"] not in samir_owns
    first = {**data, "status": "on_track", "done_text": "Två möten hållna med skolorna.",
             "needs_support": "false", "support_text": "", "occasions": ""}

    status, body = await invoke(bot, teams, TOVE, first)
    assert status == 200 and body["statusCode"] == 200
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    receipt = body["value"]
    assert_valid_card(receipt)
    assert "Pågår enligt plan" in json.dumps(receipt, ensure_ascii=False)
    assert [b["verb"] for b in buttons(receipt)] == ["status.edit", "status.refresh"]
    assert receipt["refresh"]["userIds"] == [TOVE.teams_id]
    assert not any(e.get("type", "").startswith("Input.") for e in receipt["body"])
    [stored] = await reports(database)
    assert (stored.status, stored.version, stored.round_id) == ("on_track", 1, round_id)
    assert stored.role_id == seeded.roles["Kommunpolis"] and stored.person_id == seeded.people["tove"]

    # The same invoke again (Teams retry, or a second click on the old card): no duplicate.
    status, again = await invoke(bot, teams, TOVE, first)
    assert status == 200 and len(await reports(database)) == 1
    assert again["value"] == receipt

    # "Ändra", then a new save: two versions, the latest shown.
    status, edit = await invoke(bot, teams, TOVE, next(b for b in buttons(receipt))["data"])
    assert status == 200
    assert_valid_card(edit["value"])
    assert "Två möten hållna" in json.dumps(edit["value"], ensure_ascii=False)
    second_data = next(b for b in buttons(edit["value"]) if b["verb"] == "status.save")["data"]
    second = {**second_data, "status": "done", "done_text": "Alla fyra möten hållna.",
              "needs_support": "false", "support_text": "", "occasions": ""}
    status, body = await invoke(bot, teams, TOVE, second)
    assert status == 200
    assert "Alla fyra möten hållna." in json.dumps(body["value"], ensure_ascii=False)
    assert "version 2" in json.dumps(body["value"], ensure_ascii=False)
    rows = await reports(database)
    assert [(r.version, r.status) for r in rows] == [(1, "on_track"), (2, "done")]

    # Another user posts the same invoke: refused, nothing stored.
    status, refused = await invoke(bot, teams, SAMIR, second)
    assert status == 200
    assert_valid_card(refused["value"])
    assert "inte som ansvarig" in json.dumps(refused["value"], ensure_ascii=False)
    assert len(await reports(database)) == 2


async def test_bad_input_comes_back_with_the_problem_and_the_text_kept(
        bot, teams, stub, database, tmp_path):
    await start(bot, teams, stub, database, tmp_path)
    content = await tove_card(stub)
    save = next(b for b in buttons(content) if b["verb"] in ("status.save", "status.open"))
    data = dict(save["data"], verb="status.save")
    cases = [
        ({"status": "kanske", "done_text": "Text som ska finnas kvar"}, "Välj en av statusarna"),
        ({"status": "done", "done_text": ""}, "Beskriv vad som har genomförts"),
        ({"status": "done", "done_text": "x" * 4001}, "högst 4000"),
        ({"status": "done", "done_text": "Kontakt med 19811218-9876 om ärendet"}, "personnummer"),
    ]
    for typed, problem in cases:
        status, body = await invoke(bot, teams, TOVE, {**data, **typed})
        assert status == 200
        card_json = json.dumps(body["value"], ensure_ascii=False)
        assert_valid_card(body["value"])
        assert problem in card_json, problem
        if typed["done_text"]:
            assert typed["done_text"][:40] in card_json
    assert await reports(database) == []


async def test_action_submit_fallback_uses_the_same_path(bot, teams, stub, database, tmp_path):
    seeded, round_id = await start(bot, teams, stub, database, tmp_path)
    tove_owns = sorted(await owned_actions(database, seeded, "Kommunpolis"))
    stub.clear()
    value = {"verb": "status.save", "round_id": round_id, "action_id": tove_owns[0], "base": 0,
             "status": "not_started", "done_text": "", "needs_support": "false"}
    status, _ = await bot.post(teams.message(TOVE, "", value=value))
    assert status == 202
    [reply] = stub.sent
    [content] = cards_in(reply)
    assert_valid_card(content)
    assert "Ej påbörjad" in json.dumps(content, ensure_ascii=False)
    [stored] = await reports(database)
    assert stored.status == "not_started" and stored.source == "teams"


async def test_count(database):
    async with database.session() as session:
        assert await session.scalar(select(func.count(StatusReportRow.id))) == 0
