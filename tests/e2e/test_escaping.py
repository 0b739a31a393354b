"""What one owner writes reaches a co-owner (possibly in the other organisation) as plain text.

Over HTTP: Tove (police) saves a status whose texts hold a Markdown link, a mention, emphasis and
HTML; Samir (district), who shares the action, opens its report card and sees her answer with
none of it live. The round's label, typed by a coordinator, is shown the same way, and so is an
e-mail typed on the hand-over card.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from cards.followup_messages import COMPOSER
from domain.plaintext import unescape
from services.rounds import open_round
from storage.db import Database
from tests.botclient import SAMIR, TOVE, BotClient, Teams, User
from tests.connector_stub import ConnectorStub
from tests.followup_data import seed_2025
from tests.schemas import assert_valid_card

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
LINK = "[klicka](http://evil.example)"
HOSTILE = f"{LINK} <at>Samir</at> **viktigt** <b>fet</b>"


def texts(node, kind: str = "") -> list[str]:
    """Every string a card renders as text (inputs' values and button data are plain)."""
    if isinstance(node, dict):
        kind = str(node.get("type", kind))
        return [t for k, v in node.items() if k != "data"
                and not (kind.startswith("Input.") and k == "value") for t in texts(v, kind)]
    if isinstance(node, list):
        return [t for v in node for t in texts(v, kind)]
    return [node] if isinstance(node, str) else []


def live(card: dict) -> list[str]:
    """The texts of a card in which Teams would render markup from HOSTILE."""
    return [t for t in texts(card) if "<at>" in t or "<b>" in t
            or re.search(r"(?<!\\)\]\(", t) or re.search(r"(?<!\\)\*\*viktigt", t)]


def execute(teams: Teams, user: User, verb: str, data: dict) -> dict:
    value = {"action": {"type": "Action.Execute", "verb": verb, "data": {**data, "verb": verb}},
             "trigger": "manual"}
    return teams.invoke(user, "adaptiveCard/action", value)


async def card_of(bot: BotClient, activity: dict) -> dict:
    status, body = await bot.post(activity)
    assert status == 200, (status, body)
    card = body["value"]
    assert_valid_card(card)
    return card


async def test_a_co_owners_answer_label_and_email_are_plain_text(
        bot: BotClient, teams: Teams, stub: ConnectorStub, database: Database, tmp_path: Path):
    await seed_2025(database, tmp_path)
    opened = await open_round(database, "Kungsholmen 2025", label=f"Vecka 49 {HOSTILE}",
                              due=date(2026, 12, 4), actor="karin.koord@stad.se", now=NOW,
                              compose=COMPOSER)
    async with database.transaction() as repo:
        plan = await repo.get_plan(opened.round.plan_id)
    shared = next(a for a in plan.actions
                  if {"Kommunpolis", "Socialtjänsten"} <= {r.role.name for r in a.responsibilities})
    ids = {"round_id": opened.round.id, "action_id": shared.id, "base": 0}
    receipt = await card_of(bot, execute(teams, TOVE, "status.save", {
        **ids, "status": "delayed", "done_text": HOSTILE, "needs_support": "true",
        "support_text": HOSTILE, "occasions": ""}))
    assert not live(receipt), live(receipt)
    seen = await card_of(bot, execute(teams, SAMIR, "status.open", ids))
    assert not live(seen), live(seen)
    shown = [unescape(t) for t in texts(seen)]
    assert any(LINK in t for t in shown)  # her answer is there, as text
    assert any(f"Vecka 49 {HOSTILE}" in t for t in shown)  # and the round's label
    handed = await card_of(bot, execute(teams, SAMIR, "status.delegate",
                                        {**ids, "email": f"x{LINK}@evil.example"}))
    assert not live(handed), live(handed)
