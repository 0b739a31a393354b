"""Quick lookups over HTTP: questions in a personal chat and a channel, the "Visa" buttons, and
the compose-box search (invoke composeExtension/query answered in the HTTP response body)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from domain.plaintext import unescape
from storage.db import Database
from storage.models import ActionRow, StatusReportRow
from tests.botclient import STRANGER, TOVE, BotClient, Teams
from tests.connector_stub import ConnectorStub
from tests.lookup_fixtures import seed_plan_2025
from tests.schemas import assert_valid_card


@pytest.fixture
async def plan(database: Database) -> int:
    return await seed_plan_2025(database)


def texts_of(card: dict) -> str:
    """Every string in a card, for loose assertions on what the user reads."""
    return json.dumps(card, ensure_ascii=False)


async def ask(bot: BotClient, stub: ConnectorStub, activity: dict) -> dict:
    before = len(stub.attachments())
    status, _ = await bot.post(activity)
    assert status == 202
    cards = stub.attachments()
    assert len(cards) == before + 1, stub.sent
    assert_valid_card(cards[-1])
    return cards[-1]


async def test_who_owns_ssp_in_personal_chat(bot, teams: Teams, stub, plan, database):
    async with database.session() as session:
        action_id = await session.scalar(select(ActionRow.id).where(ActionRow.title.like("SSP:%")))
        session.add(StatusReportRow(
            action_id=action_id, status="on_track", done_text="Två möten hållna.",
            attributed_to="Samir Trygg", created_at=datetime(2026, 3, 4, 10, tzinfo=UTC)))
        await session.commit()
    card = await ask(bot, stub, teams.message(TOVE, "Vem äger SSP?"))
    body = texts_of(card)
    assert "SSP: Nätverksmöten" in body
    facts = {f["title"]: f["value"] for f in card["body"][1]["facts"]}
    assert facts["Ansvarig"] == "Stadsdelsförvaltningen"
    assert "Kommunpolis (Tove Polis)" in facts["Deltar"]
    assert facts["När"] == "Möten 4 ggr/år"
    assert facts["Senaste status"] == "Pågår enligt plan, onsdag 4 mars (Samir Trygg)"
    assert "Två möten hållna." in body


async def test_role_question_in_channel_with_mention(bot, teams: Teams, stub, plan):
    card = await ask(bot, stub, teams.channel_message(TOVE, "vad ansvarar kommunpolisen för?"))
    body = texts_of(card)
    assert card["body"][0]["text"].startswith("Kommunpolis ansvarar för ")
    assert "Unga i riskzon för destruktivt beteende" in body
    assert "Otrygga och brottsutsatta platser" in body
    assert "Strategisk BOB" in body and "leder" in body
    assert stub.sent[-1]["conversation_id"].startswith("19:styrgrupp@thread.tacv2")


async def test_several_matches_give_buttons_that_show_one(bot, teams: Teams, stub, plan):
    card = await ask(bot, stub, teams.message(TOVE, "vem äger sspf"))
    # One tappable row per match (rows wrap; a row of buttons ran off the card's edge).
    assert "actions" not in card
    rows = [c for c in card["body"] if "selectAction" in c]
    picks = [r["selectAction"] for r in rows]
    titles = [a["title"] for a in picks]  # plain text: the plan's words as written
    assert titles[0].startswith("1. SSPF-koordinator: ") and titles[1].startswith("2. SSPF-koord")
    shown = [unescape(r["items"][0]["text"]) for r in rows]  # Markdown, escaped: as Teams shows it
    assert shown[0].startswith("▸ 1. SSPF-koordinator: ") and shown[1].startswith("▸ 2. SSPF-koord")
    assert "SSPF\\-koordinator" in rows[0]["items"][0]["text"]
    data = picks[1]["data"]
    assert data["verb"] == "lookup.show"
    # Teams sends an Action.Submit as a message with the button's data as value and no text.
    chosen = await ask(bot, stub, teams.message(TOVE, "", value=data))
    assert "SSPF-koordinator" in unescape(chosen["body"][0]["text"])  # as Teams shows it
    assert chosen["body"][1]["type"] == "FactSet"


async def test_button_naming_a_missing_item_is_answered_in_swedish(bot, teams, stub, plan):
    status, _ = await bot.post(teams.message(TOVE, "", value={"verb": "lookup.show",
                                                               "kind": "action", "id": "x"}))
    assert status == 202
    assert "finns inte längre i planen" in stub.texts()[-1]


async def test_no_match_suggests_and_explains(bot, teams: Teams, stub, plan):
    card = await ask(bot, stub, teams.message(TOVE, "vem äger trygghetsvandrngen"))
    assert "trygghetsvandring" in texts_of(card).lower()
    none = await ask(bot, stub, teams.message(TOVE, "status qwxyz"))
    assert "Jag hittade inget" in none["body"][0]["text"]
    assert "vem äger SSP?" in none["body"][0]["text"]


async def test_mine_uses_the_sender_not_the_text(bot, teams: Teams, stub, plan):
    # "mina åtgärder" itself is the follow-up's report list (issue 4, listed before lookups).
    card = await ask(bot, stub, teams.message(TOVE, "vad ansvarar jag för?"))
    assert card["body"][0]["text"].startswith("Dina åtgärder (")
    assert "Kungsholmens trygghets- och säkerhetsråd" in texts_of(card)
    stranger = await ask(bot, stub, teams.message(STRANGER, "what do I own?"))
    assert "I find no actions of yours" in stranger["body"][0]["text"]


async def test_question_without_plan_says_so(bot, teams: Teams, stub):
    status, _ = await bot.post(teams.message(TOVE, "vem äger SSP?"))
    assert status == 202
    assert stub.texts() == ["Det finns ingen åtgärdsplan inläst ännu."]


def compose(teams: Teams, query: str, command: str = "sok", **extra) -> dict:
    return teams.invoke(TOVE, "composeExtension/query", {
        "commandId": command, "parameters": [{"name": "query", "value": query}],
        "queryOptions": {"skip": 0, "count": 25}}, **extra)


async def test_compose_box_search_returns_cards_with_previews(bot, teams: Teams, stub, plan):
    status, body = await bot.post(compose(teams, "trygghetsvandring"))
    assert status == 200
    result = body["composeExtension"]
    assert result["type"] == "result" and result["attachmentLayout"] == "list"
    first = result["attachments"][0]
    assert first["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert_valid_card(first["content"])
    assert first["preview"]["contentType"] == "application/vnd.microsoft.card.thumbnail"
    assert first["preview"]["content"]["title"].startswith("Trygghetsvandring")
    assert stub.sent == []  # the answer is the HTTP body, nothing is posted to the chat


async def test_compose_role_query_lists_that_roles_actions(bot, teams: Teams, stub, plan):
    _, body = await bot.post(compose(teams, "fältassistenterna"))
    titles = [a["preview"]["content"]["title"] for a in body["composeExtension"]["attachments"]]
    assert titles and all(t.startswith("Skolbesök") for t in titles)


async def test_compose_initial_run_and_unknown_command(bot, teams: Teams, stub, plan):
    _, body = await bot.post(teams.invoke(TOVE, "composeExtension/query", {
        "commandId": "sok", "parameters": [{"name": "initialRun", "value": "true"}]}))
    items = body["composeExtension"]["attachments"]
    assert items and len(items) <= 10
    for item in items:
        assert_valid_card(item["content"])
    _, other = await bot.post(compose(teams, "ssp", command="annat"))
    assert other["composeExtension"]["type"] == "message"
