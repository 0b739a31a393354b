"""Over HTTP: "mina åtgärder" for a person bound in two districts lists the actions of both, one
heading per district, in one reply: with no round open (the lookup's card), with a round open in
each district (the report list), and with a round open in only one of them (the list, and the
other district's actions beside it); "Visa" opens an action of either district.

Two districts imported from the real plans: Kungsholmen from the 2025 plan, Rinkeby from the
2024 plan. Tove, a kommunpolis from polisen.se, is bound to Kommunpolis in both.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.appkeys import SENDER
from cards.followup_messages import COMPOSER
from domain.plaintext import unescape
from services.delivery import deliver_due
from services.rounds import open_round
from storage.db import Database
from tests.botclient import TOVE, BotClient, Teams
from tests.connector_stub import ConnectorStub
from tests.e2e.test_followup import buttons, cards_in
from tests.integration.test_my_actions_districts import Districts, two_districts
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")  # rounds are due relative to the frozen now

# Kommunpolis owns these in one district's plan only (the plans share a few other titles).
KUNGSHOLMEN_ONLY = "Skolföreläsning för skolpersonal och skolledningar"
RINKEBY_ONLY = "Bedrägerier/Funktionshindrade"


@pytest.fixture
async def districts(database: Database, bot: BotClient, teams: Teams, stub: ConnectorStub,
                    tmp_path: Path) -> Districts:
    plans = await two_districts(database, tmp_path, TOVE.email)
    assert (await bot.post(teams.message(TOVE, "hjälp")))[0] == 202  # Tove's chat is stored
    stub.clear()
    return plans


def _texts(node: object) -> list[str]:
    """Every TextBlock's text in a card, in reading order, as Teams shows it."""
    if isinstance(node, dict):
        own = [unescape(node["text"])] if node.get("type") == "TextBlock" else []
        return own + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def _at(texts: list[str], wanted: str) -> int:
    """Where the first text containing `wanted` is (fails when none does)."""
    found = [n for n, text in enumerate(texts) if wanted in text]
    assert found, (wanted, texts)
    return found[0]


async def _one_reply(bot: BotClient, teams: Teams, stub: ConnectorStub, text: str) -> dict:
    stub.clear()
    assert (await bot.post(teams.message(TOVE, text)))[0] == 202
    [reply] = stub.sent
    for card in cards_in(reply):
        assert_valid_card(card)
    return reply


async def test_my_actions_lists_both_districts_under_their_names(bot, teams, stub, districts):
    reply = await _one_reply(bot, teams, stub, "mina åtgärder")
    [card] = cards_in(reply)
    texts = _texts(card)
    assert texts[0] == "Dina åtgärder (8)"  # 5 in Kungsholmen 2025, 3 in Rinkeby 2024
    kungsholmen = _at(texts, "Kungsholmen: 5 åtgärder")
    rinkeby = _at(texts, "Rinkeby: 3 åtgärder")
    assert kungsholmen < _at(texts, KUNGSHOLMEN_ONLY) < rinkeby < _at(texts, RINKEBY_ONLY)
    assert "Svaret kommer från" not in json.dumps(card, ensure_ascii=False)


async def test_my_actions_in_english_names_both_districts(bot, teams, stub, districts):
    reply = await _one_reply(bot, teams, stub, "my actions")
    [card] = cards_in(reply)
    texts = _texts(card)
    assert texts[0] == "Your actions (8)"
    assert (_at(texts, "Kungsholmen: 5 actions") < _at(texts, KUNGSHOLMEN_ONLY)
            < _at(texts, "Rinkeby: 3 actions") < _at(texts, RINKEBY_ONLY))


async def test_show_opens_an_action_of_the_second_district(bot, teams, stub, districts):
    [card] = cards_in(await _one_reply(bot, teams, stub, "mina åtgärder"))
    row = next(c for c in _containers(card) if RINKEBY_ONLY in json.dumps(
        c["items"], ensure_ascii=False))
    stub.clear()
    assert (await bot.post(teams.message(TOVE, "", value=row["selectAction"]["data"])))[0] == 202
    [reply] = stub.sent
    [action] = cards_in(reply)
    assert_valid_card(action)
    assert RINKEBY_ONLY in unescape(action["body"][0]["text"])
    assert action["body"][1]["type"] == "FactSet"


def _containers(node: object) -> list[dict]:
    """The tappable rows of a card (Containers with a selectAction)."""
    if isinstance(node, dict):
        own = [node] if node.get("type") == "Container" and "selectAction" in node else []
        return own + [c for v in node.values() for c in _containers(v)]
    if isinstance(node, list):
        return [c for v in node for c in _containers(v)]
    return []


async def test_the_compose_box_starts_with_both_districts(bot, teams, stub, districts):
    status, body = await bot.post(teams.invoke(TOVE, "composeExtension/query", {
        "commandId": "sok", "parameters": [{"name": "initialRun", "value": "true"}]}))
    assert status == 200
    titles = [unescape(a["preview"]["content"]["title"])
              for a in body["composeExtension"]["attachments"]]
    assert KUNGSHOLMEN_ONLY in titles and RINKEBY_ONLY in titles


async def _open(database: Database, bot: BotClient, plan: str) -> int:
    """Open a round on `plan` ("Kungsholmen 2025") and deliver its prompts; the round's id."""
    now = database.clock()
    opened = await open_round(database, plan, label="Vecka 49", due=now.date() + timedelta(days=14),
                              actor="karin.koord@stad.se", now=now, compose=COMPOSER)
    assert (await deliver_due(database, bot.app[SENDER], now=now)).failed == 0
    return opened.round.id


async def test_open_rounds_in_both_districts_list_both(bot, teams, stub, database, districts):
    first = await _open(database, bot, "Kungsholmen 2025")
    second = await _open(database, bot, "Rinkeby 2024")
    reply = await _one_reply(bot, teams, stub, "mina åtgärder")
    assert reply["text"] == "Dina åtgärder (8):"
    [card] = cards_in(reply)
    texts = _texts(card)
    assert (_at(texts, "Kungsholmen") < _at(texts, KUNGSHOLMEN_ONLY) < _at(texts, "Rinkeby")
            < _at(texts, RINKEBY_ONLY))
    rounds = {b["data"].get("round_id") for b in buttons(card)}
    assert {first, second} <= rounds  # each row reports into its own district's round


async def test_a_round_in_one_district_still_shows_the_other(bot, teams, stub, database,
                                                             districts):
    round_id = await _open(database, bot, "Kungsholmen 2025")
    reply = await _one_reply(bot, teams, stub, "mina åtgärder")
    assert reply["text"] == "Dina åtgärder i Kungsholmen (5):"
    listed, elsewhere = cards_in(reply)
    assert {b["data"]["round_id"] for b in buttons(listed) if "round_id" in b["data"]} == {
        round_id}
    assert KUNGSHOLMEN_ONLY in " ".join(_texts(listed))
    texts = _texts(elsewhere)
    assert texts[0] == "Dina åtgärder utan öppen uppföljning just nu (3)"
    assert _at(texts, "Rinkeby: 3 åtgärder") < _at(texts, RINKEBY_ONLY)
    assert KUNGSHOLMEN_ONLY not in " ".join(texts)
    assert len(json.dumps(reply, ensure_ascii=False).encode()) < 28_000  # one Teams message
