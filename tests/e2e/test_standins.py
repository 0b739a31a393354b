"""Stand-ins (ersättare) over HTTP: naming one, the stand-in receiving the owner's prompt and
answering it, the attribution in the card and the styrgrupp summary, ending early, and the
automatic end when the date passes (the clock is moved)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.appkeys import SENDER
from cards.followup_messages import COMPOSER
from cli.report import render_report
from cli.rounds import status_json
from reports.summary import renderer
from services.delivery import deliver_due
from services.rounds import open_round, round_status
from services.standins import expire_standins
from services.summaries import current_summary
from services.yearend import year_end
from storage.models import AuditEventRow, StandinRow, StatusReportRow
from tests.botclient import SAMIR, TOVE
from tests.e2e.test_followup import buttons, cards_in, due_day, invoke, owned_actions
from tests.e2e.test_followup_chat import say
from tests.followup_data import seed_2025
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")


async def begin(bot, teams, stub, database, tmp_path):
    seeded = await seed_2025(database, tmp_path)
    for user in (TOVE, SAMIR):
        assert (await bot.post(teams.message(user, "hjälp")))[0] == 202
    return seeded


async def open_and_deliver(bot, stub, database) -> int:
    stub.clear()
    now = database.clock()
    opened = await open_round(database, "Kungsholmen 2025", label="Vecka 49", due=due_day(now),
                              actor="karin.koord@stad.se", now=now, compose=COMPOSER)
    for _ in range(3):  # one message per conversation (lane) at a time
        assert (await deliver_due(database, bot.app[SENDER], now=now)).failed == 0
    return opened.round.id


async def save_as(bot, teams, user, activity: dict, action_ids: set[int], text: str):
    """Open one of `action_ids` from the prompt's list card and save it as `user`."""
    button = next(b for c in cards_in(activity) for b in buttons(c)
                  if b["verb"] in ("status.save", "status.open") and b["data"]["action_id"] in action_ids)
    data = {k: v for k, v in button["data"].items() if k != "view"}
    if button["verb"] == "status.open":
        status, body = await invoke(bot, teams, user, data)
        assert status == 200
        data = dict(next(b for b in buttons(body["value"]) if b["verb"] == "status.save")["data"])
    return await invoke(bot, teams, user, {**data, "status": "on_track", "done_text": text,
                                            "needs_support": "false", "support_text": "",
                                            "occasions": ""})


async def audit_actions(database) -> list[str]:
    async with database.session() as session:
        return list(await session.scalars(select(AuditEventRow.action).where(
            AuditEventRow.action.like("standin.%")).order_by(AuditEventRow.id)))


async def test_stand_in_gets_the_prompt_answers_and_is_attributed(bot, teams, stub, database,
                                                                  tmp_path):
    seeded = await begin(bot, teams, stub, database, tmp_path)
    until = database.clock().date() + timedelta(days=10)
    [reply] = await say(bot, teams, stub, TOVE, f"ersättare {SAMIR.email} till {until}")
    assert "Klart" in reply and "Samir Trygg" in reply
    rid = await open_and_deliver(bot, stub, database)
    assert stub.in_conversation(f"a:personal-{TOVE.teams_id}") == []  # Tove's goes to Samir
    samir = stub.in_conversation(f"a:personal-{SAMIR.teams_id}")
    assert len(samir) == 2
    for_tove = next(a for a in samir if "ersättare för **Tove Polis**" in a["text"])
    for content in cards_in(for_tove):
        assert_valid_card(content)

    toves = await owned_actions(database, seeded, "Kommunpolis")
    toves -= await owned_actions(database, seeded, "Socialtjänsten")
    status, body = await save_as(bot, teams, SAMIR, for_tove, toves, "Samir svarade för Tove.")
    assert status == 200
    assert_valid_card(body["value"])
    assert "Samir Trygg för Tove Polis" in json.dumps(body["value"], ensure_ascii=False)
    async with database.session() as session:
        [row] = list(await session.scalars(select(StatusReportRow).where(
            StatusReportRow.source != "import")))
    assert (row.person_id, row.acted_by_person_id, row.attributed_to, row.role_id) == (
        seeded.people["tove"], seeded.people["samir"], "Samir Trygg", seeded.roles["Kommunpolis"])

    summary = await current_summary(database, seeded.plan_id)
    assert summary is not None
    assert [(a.standin, a.owner) for a in summary.standin_answers] == [("Samir Trygg", "Tove Polis")]
    card = renderer("sv")(summary)["attachments"][0]["content"]
    assert_valid_card(card)
    assert "Samir Trygg för Tove Polis" in json.dumps(card, ensure_ascii=False)
    assert "Samir Trygg för Tove Polis" in card["fallbackText"]

    parties = [p for a in status_json(await round_status(database, str(rid)))["actions"]
               for p in a["parties"] if p["answered_by_standin"]]
    assert [(p["person"], p["answered_by_standin"]) for p in parties] == [
        ("Tove Polis", "Samir Trygg")]
    data = await year_end(database, "Kungsholmen 2025")
    assert "Samir Trygg för Tove Polis" in render_report(data, "md", "sv").decode()
    assert "Samir Trygg for Tove Polis" in render_report(data, "html", "en").decode()


async def test_ending_early_gives_the_prompts_back_and_refuses_the_stand_in(
        bot, teams, stub, database, tmp_path):
    seeded = await begin(bot, teams, stub, database, tmp_path)
    until = database.clock().date() + timedelta(days=10)
    await say(bot, teams, stub, TOVE, f"ersättare {SAMIR.email} till {until}")
    [ended] = await say(bot, teams, stub, TOVE, "avsluta ersättare")
    assert "Samir Trygg är inte längre ersättare" in ended
    [again] = await say(bot, teams, stub, TOVE, "ersättare slut")
    assert "ingen ersättare" in again
    await open_and_deliver(bot, stub, database)
    [toves] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    toves_only = (await owned_actions(database, seeded, "Kommunpolis")
                  - await owned_actions(database, seeded, "Socialtjänsten"))
    status, body = await save_as(bot, teams, SAMIR, toves, toves_only, "Inte längre ersättare.")
    assert status == 200 and "inte som ansvarig" in json.dumps(body["value"], ensure_ascii=False)
    assert await audit_actions(database) == ["standin.started", "standin.ended"]


async def test_the_stand_in_ends_by_itself_when_the_date_has_passed(
        bot, teams, stub, database, tmp_path, clock):
    await begin(bot, teams, stub, database, tmp_path)
    until = database.clock().date() + timedelta(days=1)
    await say(bot, teams, stub, TOVE, f"ersättare {SAMIR.email} till {until}")
    clock.shift(timedelta(days=1))  # the last day: still Samir's
    assert await expire_standins(database, database.clock()) == 0
    clock.shift(timedelta(days=1))  # the day after: Tove's own again
    await open_and_deliver(bot, stub, database)
    assert len(stub.in_conversation(f"a:personal-{TOVE.teams_id}")) == 1
    assert all("ersättare för" not in a.get("text", "")
               for a in stub.in_conversation(f"a:personal-{SAMIR.teams_id}"))
    assert await expire_standins(database, database.clock()) == 1
    assert await expire_standins(database, database.clock()) == 0
    assert await audit_actions(database) == ["standin.started", "standin.expired"]


@pytest.mark.parametrize(("text", "expected"), [
    ("ersättare okand.person@stad.se till {until}", "känner inte igen okand.person@stad.se"),
    ("ersättare samir.trygg@stad.se till {past}", "redan passerat"),
    ("ersättare tove.polis@polisen.se till {until}", "inte vara din egen ersättare"),
    ("ersättare samir.trygg@stad.se till {until} 19811218-9876", "personnummer"),
    ("ersättare samir.trygg@stad.se", "Skriv till exempel"),
    ("ersättare samir.trygg@stad.se till 2027-02-30", "Datumet finns inte"),
    ("ersättare samir.trygg@stad.se för tove.polis@polisen.se till {until}", "Klart"),
    ("ersättare tove.polis@polisen.se för samir.trygg@stad.se till {until}",
     "Bara koordinatorer"),
])
async def test_bad_input_gets_a_swedish_message_and_saves_nothing(
        bot, teams, stub, database, tmp_path, text, expected):
    await begin(bot, teams, stub, database, tmp_path)
    today = database.clock().date()
    typed = text.format(until=today + timedelta(days=5), past=today - timedelta(days=1))
    [reply] = await say(bot, teams, stub, TOVE, typed)
    assert expected in reply
    async with database.session() as session:
        rows = list(await session.scalars(select(StandinRow)))
    assert len(rows) == (1 if expected == "Klart" else 0)
    assert "19811218" not in reply


async def test_away_offers_to_name_a_stand_in(bot, teams, stub, database, tmp_path):
    await begin(bot, teams, stub, database, tmp_path)
    until = database.clock().date() + timedelta(days=7)
    [reply] = await say(bot, teams, stub, TOVE, f"borta till {until}")
    assert f"ersättare E-POST till {until}" in reply
