"""City rounds over HTTP: one round in every district, one message per person.

Two districts imported from the real 2025 plan (Södermalm, Kungsholmen). Kim, a guest kommunpolis
(`#EXT#` UPN, userRole "guest") bound to every district, owns actions in both: a city round sends
Kim ONE message, grouped by district, and Kim's saves go into each district's own round. Stina is
the stadskoordinator: she alone opens city rounds and chooses the beredningsgrupp's channel, whose
card shows both districts and is updated in place after an answer. Karin coordinates Södermalm
only; each refusal is tested and stores nothing.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.appkeys import SENDER
from cards.city_round import city_round_activity
from cards.followup_messages import COMPOSER
from cards.reminders import COMPOSER as REMINDERS
from domain.plaintext import unescape
from i18n import followup_error_text
from services.city_cards import refresh_city_cards
from services.city_rounds import open_city_round
from services.delivery import deliver_due
from services.followup import FollowupError
from services.imports import import_workbook
from services.reminders import previous_working_day, queue_reminders
from services.roles import assign_role
from storage.db import Database
from storage.models import (
    AuditEventRow,
    CityChannelRow,
    CityRoundRow,
    OutboxRow,
    RoundRow,
    StatusReportRow,
)
from tests.botclient import TENANT, BotClient, Teams, User
from tests.connector_stub import ConnectorStub
from tests.e2e.test_followup import buttons, cards_in
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")

KIM = User("29:kim-guest", "aad-kim-guest", "Kim Kommunpolis", "kim.kommunpolis@polisen.se")
KIM_UPN = "kim.kommunpolis_polisen.se#EXT#@kommun.onmicrosoft.com"
STINA = User("29:stina", "aad-stina", "Stina Stad", "stina.stad@stad.se")
KARIN = User("29:karin", "aad-karin", "Karin Koord", "karin.koord@stad.se")
CITY = "19:beredningsgrupp@thread.tacv2"


def render(view) -> dict:
    return city_round_activity(view, "sv")


@dataclass(frozen=True)
class City:
    sodermalm: int
    kungsholmen: int


@pytest.fixture
async def city(database: Database, stub: ConnectorStub, bot: BotClient, teams: Teams,
               tmp_path: Path) -> City:
    path = build_workbook(PLAN_2025, tmp_path / "atgardsplan-2025.xlsx")
    a = await import_workbook(database, path, district="Södermalm", actor="test")
    b = await import_workbook(database, path, district="Kungsholmen", actor="test")
    stub.add_member(id=KIM.teams_id, aad_object_id=KIM.aad, name=KIM.name, email=KIM.email,
                    upn=KIM_UPN, tenant_id=TENANT, user_role="guest")
    for user in (STINA, KARIN):
        stub.add_member(id=user.teams_id, aad_object_id=user.aad, name=user.name,
                        email=user.email, upn=user.email, tenant_id=TENANT)
    await assign_role(database, "Kommunpolis", KIM.email)  # every district
    await assign_role(database, "stadskoordinator", STINA.email)
    await assign_role(database, "koordinator", KARIN.email, district="Södermalm")
    assert (await bot.post(teams.message(KIM, "hjälp")))[0] == 202  # Kim's chat is stored
    stub.clear()
    return City(a.plan_id, b.plan_id)


async def _open(database: Database, **extra):
    now = database.clock()
    return await open_city_round(database, label="Vecka 49", due=now.date() + timedelta(days=14),
                                 actor="cli", now=now, compose=COMPOSER, **extra)


async def _deliver(database: Database, bot: BotClient) -> None:
    assert (await deliver_due(database, bot.app[SENDER], now=database.clock())).failed == 0


async def _count(database: Database, model, *where) -> int:
    async with database.session() as s:
        return int(await s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _headings(card: dict) -> list[str]:
    return [unescape(b["text"]) for b in card["body"]
            if b.get("type") == "TextBlock" and b.get("size") == "Medium"]


def _texts(node: object) -> str:
    if isinstance(node, dict):
        own = node.get("text", "") if node.get("type") == "TextBlock" else ""
        return " ".join([unescape(own), *(_texts(v) for v in node.values())])
    if isinstance(node, list):
        return " ".join(_texts(v) for v in node)
    return ""


async def _save_one(bot: BotClient, teams: Teams, card: dict, round_id: int,
                    status: str = "on_track") -> dict:
    """Kim saves one action of this round from the list card; the answer (the list again)."""
    button = next(b for b in buttons(card) if b["verb"] in ("status.save", "status.open")
                  and b["data"].get("round_id") == round_id)
    data = dict(button["data"])
    row = f".{data['round_id']}.{data['action_id']}"
    typed = {"status": status, "done_text": "Två trygghetsvandringar hållna."}
    data.update({**typed, **{k + row: v for k, v in typed.items()}, "verb": "status.save"})
    value = {"action": {"type": "Action.Execute", "verb": "status.save", "data": data},
             "trigger": "manual"}
    status, body = await bot.post(teams.invoke(KIM, "adaptiveCard/action", value))
    assert status == 200, body
    assert_valid_card(body["value"])
    return body["value"]


async def test_a_guest_in_both_districts_gets_one_message_and_answers_both(
        bot, teams, stub, database, city):
    opened = await _open(database)
    assert len(opened.rounds) == 2
    rounds = dict(opened.rounds)  # district → round id
    await _deliver(database, bot)
    [message] = stub.in_conversation(f"a:personal-{KIM.teams_id}")
    [card] = cards_in(message)
    assert_valid_card(card)
    assert _headings(card) == ["Kungsholmen", "Södermalm"]
    asked = {b["data"]["round_id"] for b in buttons(card) if "round_id" in b["data"]}
    assert asked == set(rounds.values())
    assert await _count(database, OutboxRow, OutboxRow.kind == "prompt",
                        OutboxRow.target["conversation_id"].as_string()
                        == f"a:personal-{KIM.teams_id}") == 1

    for district, round_id in rounds.items():
        answer = await _save_one(bot, teams, card, round_id)
        assert _headings(answer) == ["Kungsholmen", "Södermalm"], district
    async with database.session() as s:
        saved = (await s.execute(select(StatusReportRow.round_id, RoundRow.plan_id).join(
            RoundRow, RoundRow.id == StatusReportRow.round_id))).all()
    assert sorted(saved) == sorted([(rounds["Kungsholmen"], city.kungsholmen),
                                    (rounds["Södermalm"], city.sodermalm)])

    # The same (now old) prompt saved again with another status: stale, nothing stored.
    answer = await _save_one(bot, teams, card, rounds["Södermalm"], status="delayed")
    assert "nyare version" in _texts(answer), _texts(answer)
    assert await _count(database, StatusReportRow) == 2


async def test_opening_the_same_city_round_twice_opens_nothing(bot, teams, stub, database, city):
    await _open(database)
    prompts = await _count(database, OutboxRow)
    with pytest.raises(FollowupError) as raised:
        await _open(database)
    text = followup_error_text(raised.value.key, raised.value.values, "sv")
    assert "redan öppnad" in text and "Inget öppnades en gång till" in text, text
    assert await _count(database, CityRoundRow) == 1
    assert await _count(database, RoundRow) == 2
    assert await _count(database, OutboxRow) == prompts
    assert await _count(database, AuditEventRow, AuditEventRow.action == "city_round.opened") == 1


async def test_a_district_coordinator_cannot_open_a_city_round(database, city):
    async with database.transaction() as repo:
        karin = await repo.person_by_email(KARIN.email)
    with pytest.raises(FollowupError) as raised:
        await _open(database, person=karin)
    assert "Bara en stadskoordinator" in followup_error_text(raised.value.key, {}, "sv")
    assert await _count(database, CityRoundRow) == 0 and await _count(database, RoundRow) == 0
    async with database.transaction() as repo:
        stina = await repo.person_by_email(STINA.email)
    assert len((await _open(database, person=stina)).rounds) == 2


async def test_the_city_channel_gets_one_card_updated_after_an_answer(
        bot, teams, stub, database, city):
    await bot.post(teams.channel_message(KARIN, "beredningsgrupp", channel=CITY))
    assert "Bara en stadskoordinator kan välja beredningsgruppens kanal" in stub.texts()[-1]
    assert await _count(database, CityChannelRow) == 0
    await bot.post(teams.channel_message(STINA, "beredningsgrupp", channel=CITY))
    assert "nu beredningsgruppens" in stub.texts()[-1]
    assert await _count(database, AuditEventRow, AuditEventRow.action == "city.channel") == 1

    opened = await _open(database, render=render)
    stub.clear()
    await _deliver(database, bot)
    [posted] = stub.in_conversation(CITY)
    [card] = cards_in(posted)
    assert_valid_card(card)
    shown = _texts(card)
    assert "Kungsholmen: 0 av" in shown and "Södermalm: 0 av" in shown, shown

    [kim_message] = stub.in_conversation(f"a:personal-{KIM.teams_id}")
    await _save_one(bot, teams, cards_in(kim_message)[0], dict(opened.rounds)["Kungsholmen"])
    assert await refresh_city_cards(database, render, now=database.clock()) == 1
    assert await refresh_city_cards(database, render, now=database.clock()) == 0  # unchanged
    async with database.session() as s:
        update = await s.scalar(select(OutboxRow).where(OutboxRow.kind == "update"))
    assert update is not None and update.update_of is not None
    await _deliver(database, bot)
    [now_shown] = stub.visible(CITY)
    [updated] = cards_in(now_shown)
    assert_valid_card(updated)
    assert "Kungsholmen: 1 av" in _texts(updated) and "Södermalm: 0 av" in _texts(updated)

    stub.clear()
    await bot.post(teams.channel_message(KARIN, "sammanfattning", channel=CITY))
    [card_now] = stub.attachments()
    assert_valid_card(card_now)
    assert "Beredningsgruppens lägesbild: Vecka 49" in _texts(card_now)
    assert json.dumps(card_now, ensure_ascii=False).count("Container") >= 2


async def test_a_reminder_is_one_message_for_the_city_round(bot, teams, stub, database, city):
    opened = await _open(database)
    due = opened.city_round.due_date
    assert due is not None
    day = previous_working_day(due)
    sent = await queue_reminders(database, datetime.combine(day, time(8), tzinfo=UTC),
                                 compose=REMINDERS)
    async with database.session() as s:
        rows = list(await s.scalars(select(OutboxRow).where(OutboxRow.kind == "reminder")))
    kim = [r for r in rows if r.target.get("conversation_id") == f"a:personal-{KIM.teams_id}"]
    assert sent == len(rows) and len(kim) == 1
    [card] = [a["content"] for a in kim[0].activity["attachments"]]
    assert_valid_card(card)
    headings = [h.split(" – ")[0] for h in _headings(card)]  # "district – plan"
    assert headings[1:] == ["Kungsholmen", "Södermalm"], headings  # after the card's title


async def test_two_openings_at_once_open_one_city_round(database, city):
    results = await asyncio.gather(_open(database), _open(database), return_exceptions=True)
    refused = [r for r in results if isinstance(r, FollowupError)]
    assert len(refused) == 1 and refused[0].key == "cityround_exists", results
    assert await _count(database, CityRoundRow) == 1 and await _count(database, RoundRow) == 2


async def test_only_the_city_level_opens_a_city_round_in_chat(bot, teams, stub, database, city):
    due = (database.clock().date() + timedelta(days=14)).isoformat()
    await bot.post(teams.message(KARIN, f"starta stadsuppföljning Vecka 50 till {due}"))
    assert "Bara en stadskoordinator kan öppna" in stub.texts()[-1], stub.texts()
    assert await _count(database, CityRoundRow) == 0 and await _count(database, RoundRow) == 0
    await bot.post(teams.message(STINA, f"starta stadsuppföljning Vecka 50 till {due}"))
    assert "”Vecka 50” är öppnad i 2 stadsdelar" in stub.texts()[-1], stub.texts()
    async with database.session() as s:
        [row] = (await s.scalars(select(CityRoundRow))).all()
    assert (row.label, row.due_date.isoformat(), row.opened_by) == ("Vecka 50", due, STINA.email)
