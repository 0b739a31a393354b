"""Over HTTP: effect indicators in Teams. A round's prompt carries the owner's indicators still
missing the round's period beside their actions; the owner enters a value (decimal comma) or
"ingen data" with a reason through the card; a bad number, a missing reason, a personnummer, a
non-owner and a locked period are refused in Swedish and store nothing.

The clock stands still (the `clock` fixture); the period is the one of the round's due date."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.appkeys import SENDER
from cards.followup_messages import COMPOSER
from cards.reminders import COMPOSER as REMINDERS
from config import DEFAULT_PERIODS, Settings
from domain.indicators import tertial_of
from domain.periods import period_on
from domain.plaintext import card_text
from services.delivery import deliver_due
from services.indicators import record_measurement
from services.periods import close_period
from services.reminders import queue_reminders, reminder_days
from services.rounds import open_round
from storage.db import Database
from storage.models import AreaRow, MeasurementRow
from tests.botclient import SAMIR, TOVE, BotClient, Teams
from tests.clock import at
from tests.connector_stub import ConnectorStub
from tests.e2e.test_followup import buttons, cards_in, due_day, invoke
from tests.followup_data import seed_2025
from tests.indicator_data import PLACES, YOUTH
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")

PNR = "19811218-9876"


async def add_indicator(db: Database, plan_id: int, area: str, name: str, role_id: int,
                        unit: str) -> int:
    async with db.transaction() as repo:
        async with db.session() as session:
            area_id = await session.scalar(select(AreaRow.id).where(
                AreaRow.plan_id == plan_id, AreaRow.name == area))
        return await repo.add_indicator(plan_id, area_id, {
            "name": name, "source": "trygghetsmatning", "unit": unit, "direction": "lower",
            "baseline_value": 2.4, "baseline_period": "2024", "role_id": role_id})


async def start(bot: BotClient, teams: Teams, stub: ConnectorStub, db: Database,
                tmp_path: Path) -> tuple[dict[str, int], str]:
    """The 2025 plan, Tove (Kommunpolis) owning two indicators and Samir one, a round opened and
    its prompts delivered; the indicator ids by name (and Tove's person id) and the round's
    period."""
    seeded = await seed_2025(db, tmp_path)
    ids = {
        "otrygghet": await add_indicator(db, seeded.plan_id, PLACES, "Otrygghet i området",
                                         seeded.roles["Kommunpolis"], "index"),
        "skadegörelse": await add_indicator(db, seeded.plan_id, PLACES,
                                            "Anmälda skadegörelsebrott",
                                            seeded.roles["Kommunpolis"], "antal"),
        "rån": await add_indicator(db, seeded.plan_id, YOUTH, "Anmälda rån mot unga",
                                   seeded.roles["Socialtjänsten"], "antal"),
    }
    ids["tove"] = seeded.people["tove"]
    for user in (TOVE, SAMIR):
        assert (await bot.post(teams.message(user, "hjälp")))[0] == 202
    stub.clear()
    now = db.clock()
    await open_round(db, "Kungsholmen 2025", label="Vecka 49", due=due_day(now),
                     actor="karin.koord@stad.se", now=now, compose=COMPOSER)
    assert (await deliver_due(db, bot.app[SENDER], now=now)).failed == 0
    return ids, tertial_of(due_day(now))


async def otrygghet_form(bot: BotClient, teams: Teams, stub: ConnectorStub, db: Database,
                         tmp_path: Path) -> tuple[int, dict, str]:
    """`start`, then the id of Tove's "Otrygghet i området", the save button of its form in her
    prompt, and the round's period."""
    ids, period = await start(bot, teams, stub, db, tmp_path)
    [tove] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    i = ids["otrygghet"]
    return i, indicator_buttons(tove)[i], period


def indicator_buttons(activity: dict, verb: str = "indicator.save") -> dict[int, dict]:
    return {b["data"]["indicator_id"]: b for c in cards_in(activity) for b in buttons(c)
            if b["verb"] == verb}


async def entries(db: Database) -> list[MeasurementRow]:
    async with db.session() as session:
        return list(await session.scalars(select(MeasurementRow).order_by(MeasurementRow.id)))


def inert(text: str) -> str:
    """`text` as a card shows it (Markdown made inert), inside the card's JSON."""
    return json.dumps(card_text(text), ensure_ascii=False)[1:-1]


def shown(body: dict) -> str:
    assert_valid_card(body["value"])
    return json.dumps(body["value"], ensure_ascii=False)


async def test_the_prompt_lists_the_owners_indicators_with_the_actions(bot, teams, stub,
                                                                      database, tmp_path):
    ids, period = await start(bot, teams, stub, database, tmp_path)
    [tove] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    [samir] = stub.in_conversation(f"a:personal-{SAMIR.teams_id}")
    for activity in (tove, samir):
        assert len(json.dumps(activity, ensure_ascii=False).encode()) < 28 * 1024
        for content in cards_in(activity):
            assert_valid_card(content)
        assert any(b["verb"] == "status.save" for c in cards_in(activity) for b in buttons(c))
    assert set(indicator_buttons(tove)) == {ids["otrygghet"], ids["skadegörelse"]}
    assert set(indicator_buttons(tove, "indicator.nodata")) == set(indicator_buttons(tove))
    assert set(indicator_buttons(samir)) == {ids["rån"]}
    assert {b["data"]["period"] for b in indicator_buttons(tove).values()} == {period}
    text = json.dumps(cards_in(tove)[-1], ensure_ascii=False)
    assert "Otrygghet i området" in text and "Värde (index)" in text
    assert inert(period) in text


async def test_an_owner_enters_a_value_and_ingen_data_through_the_card(bot, teams, stub,
                                                                      database, tmp_path):
    ids, period = await start(bot, teams, stub, database, tmp_path)
    [tove] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    save = indicator_buttons(tove)[ids["otrygghet"]]
    i = ids["otrygghet"]

    status, body = await invoke(bot, teams, TOVE, {**save["data"], f"value.{i}": " 2,1 ",
                                                   f"note.{i}": "Mätt i oktober"})
    assert status == 200
    text = shown(body)
    assert "Sparat: Otrygghet i området" in text and "2,1 index" in text
    assert f"skadegörelse.{period}" not in text and "Anmälda skadegörelsebrott" in text  # left
    [first] = await entries(database)
    assert (first.indicator_id, first.period, first.value, first.note, first.source) == (
        i, period, 2.1, "Mätt i oktober", "teams")
    assert first.person_id == ids["tove"]  # the sender of the activity

    j = ids["skadegörelse"]
    no_data = indicator_buttons(tove, "indicator.nodata")[j]
    status, body = await invoke(bot, teams, TOVE, {**no_data["data"], f"reason.{j}": ""})
    assert "Skriv varför det saknas data" in shown(body) and len(await entries(database)) == 1
    status, body = await invoke(bot, teams, TOVE, {**no_data["data"],
                                                   f"reason.{j}": "Polisen levererade inte"})
    assert "ingen data (Polisen levererade inte)" in shown(body)
    last = (await entries(database))[-1]
    assert (last.indicator_id, last.value, last.reason) == (j, None, "Polisen levererade inte")


async def test_a_bad_number_comes_back_in_swedish_with_the_unit_and_the_text_kept(
        bot, teams, stub, database, tmp_path):
    i, save, _period = await otrygghet_form(bot, teams, stub, database, tmp_path)
    status, body = await invoke(bot, teams, TOVE, {**save["data"], f"value.{i}": "två komma ett",
                                                   f"note.{i}": "min anteckning"})
    text = shown(body)
    assert "”två komma ett” är inget tal" in text and "enhet: index" in text
    assert "min anteckning" in text  # what was typed is kept
    assert await entries(database) == []


async def test_a_personnummer_in_the_note_is_refused(bot, teams, stub, database, tmp_path):
    i, save, _period = await otrygghet_form(bot, teams, stub, database, tmp_path)
    status, body = await invoke(bot, teams, TOVE, {**save["data"], f"value.{i}": "2",
                                                   f"note.{i}": f"Gäller {PNR}"})
    assert "ser ut som ett personnummer" in shown(body)
    assert await entries(database) == []


async def test_someone_else_cannot_enter_an_owners_value(bot, teams, stub, database, tmp_path):
    """The card's data names the indicator; who acts is the sender, and Samir owns another."""
    i, save, _period = await otrygghet_form(bot, teams, stub, database, tmp_path)
    status, body = await invoke(bot, teams, SAMIR, {**save["data"], f"value.{i}": "1"})
    assert "Du är inte ansvarig för den här indikatorn" in shown(body)
    assert await entries(database) == []


async def test_a_locked_period_refuses_an_edit_in_swedish(bot, teams, stub, database, tmp_path):
    i, save, period = await otrygghet_form(bot, teams, stub, database, tmp_path)
    assert (await invoke(bot, teams, TOVE, {**save["data"], f"value.{i}": "2,0"}))[0] == 200
    closing = period_on(due_day(database.clock()), DEFAULT_PERIODS)
    await close_period(database, closing.year, closing.key, DEFAULT_PERIODS, actor="test")

    status, body = await invoke(bot, teams, TOVE, {**save["data"], f"value.{i}": "1,5"})
    assert f"Perioden {inert(period)} är låst och kan inte ändras" in shown(body)
    assert [e.value for e in await entries(database)] == [2.0]


async def test_the_styrgrupp_card_names_indicators_gone_wrong_and_without_data(
        settings: Settings, database: Database, teams: Teams, stub: ConnectorStub, tmp_path):
    seeded = await seed_2025(database, tmp_path)
    kommunpolis = seeded.roles["Kommunpolis"]
    worse = await add_indicator(database, seeded.plan_id, PLACES, "Otrygghet i området",
                                kommunpolis, "index")
    await add_indicator(database, seeded.plan_id, PLACES, "Otrygg *park*", kommunpolis, "antal")
    better = await add_indicator(database, seeded.plan_id, YOUTH, "Anmälda rån mot unga",
                                 kommunpolis, "antal")
    now = database.clock()
    await open_round(database, "Kungsholmen 2025", label="Vecka 49", due=due_day(now),
                     actor="karin.koord@stad.se", now=now, compose=COMPOSER)
    async with database.transaction() as repo:
        tove = await repo.person_by_email(TOVE.email)
    period = tertial_of(now.date())
    assert (await record_measurement(database, tove, worse, period, 2.9)).saved  # base 2.4
    assert (await record_measurement(database, tove, better, period, 1.0)).saved
    client = await BotClient(settings.with_(coordinators=(TOVE.email,)), database).start()
    try:
        await client.post(teams.channel_message(TOVE, "styrgrupp Kungsholmen 2025"))
        await client.post(teams.channel_message(TOVE, "sammanfattning"))
        activity = stub.sent[-1]
        card = activity["attachments"][0]["content"]
        assert_valid_card(card)
        assert len(json.dumps(activity, ensure_ascii=False).encode()) < 28 * 1024
    finally:
        await client.stop()
    lines = [t for t in texts(card) if t.startswith("Effektindikatorer")]
    assert lines == [r"Effektindikatorer: 📉 åt fel håll: Otrygghet i området · ⬜ ingen data: "
                     r"Otrygg \*park\*"]  # one line for the area; "rån" improved: not named
    assert "Otrygg" in card["fallbackText"] and "åt fel håll" in card["fallbackText"]


def texts(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "TextBlock" else []
        return own + [t for v in node.values() for t in texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in texts(v)]
    return []


async def measured(database: Database, tmp_path: Path) -> tuple[str, str]:
    """Otrygghet i området (Tove's, baseline 2.4) measured in two tertials, the latest with a
    note; the two periods, relative to the clock."""
    seeded = await seed_2025(database, tmp_path)
    otrygghet = await add_indicator(database, seeded.plan_id, PLACES, "Otrygghet i området",
                                    seeded.roles["Kommunpolis"], "index")
    await add_indicator(database, seeded.plan_id, YOUTH, "Anmälda rån mot unga",
                        seeded.roles["Socialtjänsten"], "antal")
    today = database.clock().date()
    before, latest = tertial_of(today - timedelta(days=125)), tertial_of(today)
    async with database.transaction() as repo:
        tove = await repo.person_by_email(TOVE.email)
    assert (await record_measurement(database, tove, otrygghet, before, 2.6)).saved
    assert (await record_measurement(database, tove, otrygghet, latest, 2.1,
                                     note="Tre nya gatlampor vid torget")).saved
    return before, latest


async def test_how_is_safety_going_answers_with_the_latest_value_and_the_trend(
        bot, teams, stub, database, tmp_path):
    _before, latest = await measured(database, tmp_path)
    assert (await bot.post(teams.message(TOVE, "Hur går det med tryggheten?")))[0] == 202
    card = cards_in(stub.sent[-1])[0]
    assert_valid_card(card)
    lines = texts(card)
    assert any("Otrygghet i området" in line for line in lines)
    assert f"senast {card_text(latest)}: 2,1 index ↓ bättre" in "\n".join(lines)
    assert "Tre nya gatlampor" in "\n".join(lines)  # Tove owns it: she reads the note
    assert not any("rån" in line for line in lines)


async def test_indicators_about_a_place_hide_the_note_from_others(bot, teams, stub, database,
                                                                  tmp_path):
    _before, latest = await measured(database, tmp_path)
    assert (await bot.post(teams.message(SAMIR, "indikatorer otrygga platser")))[0] == 202
    card = cards_in(stub.sent[-1])[0]
    assert_valid_card(card)
    shown_text = "\n".join(texts(card))
    assert "Otrygghet i området" in shown_text and "↓ bättre" in shown_text
    assert "gatlampor" not in shown_text  # the note is free text: owners and coordinators only
    assert "Anmälda rån" not in shown_text


async def test_how_is_an_action_going_is_still_the_status_lookup(bot, teams, stub, database,
                                                                 tmp_path):
    await measured(database, tmp_path)
    assert (await bot.post(teams.message(TOVE, "hur går det med samverkan")))[0] == 202
    assert "Effektindikatorer" not in json.dumps(stub.sent[-1], ensure_ascii=False)


async def test_a_reminder_lists_the_indicators_still_open(bot, teams, stub, database, tmp_path,
                                                          clock):
    ids, period = await start(bot, teams, stub, database, tmp_path)
    [tove] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    i = ids["otrygghet"]
    assert (await invoke(bot, teams, TOVE, {**indicator_buttons(tove)[i]["data"],
                                            f"value.{i}": "2"}))[0] == 200
    async with database.transaction() as repo:
        [rnd] = await repo.open_rounds()
    stub.clear()
    day = max(reminder_days(rnd, 2))  # the due day (or the working day before it)
    now = clock.move_to(at(day))
    assert await queue_reminders(database, now, compose=REMINDERS) >= 1
    assert (await deliver_due(database, bot.app[SENDER], now=now)).failed == 0
    [reminder] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    for content in cards_in(reminder):
        assert_valid_card(content)
    assert set(indicator_buttons(reminder)) == {ids["skadegörelse"]}  # the entered one is done
    assert {b["data"]["period"] for b in indicator_buttons(reminder).values()} == {period}


async def test_fill_in_opens_the_form_only_for_the_owner(bot, teams, stub, database, tmp_path):
    ids, period = await start(bot, teams, stub, database, tmp_path)
    data = {"indicator_id": ids["otrygghet"], "period": period, "verb": "indicator.open"}
    _status, body = await invoke(bot, teams, TOVE, data)
    assert f"value.{ids['otrygghet']}" in shown(body)
    _status, body = await invoke(bot, teams, SAMIR, data)
    assert "Du är inte ansvarig" in shown(body) and "value." not in shown(body)


async def test_in_a_channel_the_owner_does_not_see_the_note(bot, teams, stub, database,
                                                            tmp_path):
    """A channel that is not the plan's styrgrupp: free text for nobody, its owner included."""
    await measured(database, tmp_path)
    assert (await bot.post(teams.channel_message(TOVE, "indikatorer tryggheten")))[0] == 202
    card = cards_in(stub.sent[-1])[0]
    assert_valid_card(card)
    shown_text = "\n".join(texts(card))
    assert "Otrygghet i området" in shown_text and "gatlampor" not in shown_text


async def test_a_coordinator_listed_in_the_settings_enters_a_value(bot, teams, stub, database,
                                                                   settings, tmp_path):
    """FOLJA_COORDINATORS counts as the coordinator role here too (services/coordination.py)."""
    i, save, _period = await otrygghet_form(bot, teams, stub, database, tmp_path)
    client = await BotClient(settings.with_(coordinators=(SAMIR.email,)), database).start()
    try:
        _status, body = await invoke(client, teams, SAMIR, {**save["data"], f"value.{i}": "1"})
    finally:
        await client.stop()
    assert "Du är inte ansvarig" not in shown(body)
    assert [e.value for e in await entries(database)] == [1.0]
