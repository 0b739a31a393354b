"""The owner's card flow over HTTP: one list card as the prompt, a row's form opening in place,
the list coming back after a save (✓, field errors kept in the row's form), a stale card that
stores nothing and shows the newer version, and the Universal Actions refresh."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.appkeys import SENDER
from cards.followup_messages import COMPOSER
from i18n import format_day
from services.delivery import deliver_due
from services.rounds import open_round
from storage.models import StatusReportRow
from tests.botclient import SAMIR, TOVE
from tests.e2e.test_followup import cards_in, owned_actions
from tests.followup_data import seed_2025
from tests.schemas import assert_valid_card

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
LATER = datetime(2099, 1, 1, tzinfo=UTC)  # every queued prompt is due by then, whatever its clock


async def start(bot, teams, stub, db, tmp_path):
    """The 2025 plan, a round, and its prompts delivered; returns (seeded, round id)."""
    seeded = await seed_2025(db, tmp_path)
    for user in (TOVE, SAMIR):
        assert (await bot.post(teams.message(user, "hjälp")))[0] == 202
    stub.clear()
    opened = await open_round(db, "Kungsholmen 2025", label="Vecka 49", due=date(2026, 12, 4),
                              actor="karin.koord@stad.se", now=NOW, compose=COMPOSER)
    assert (await deliver_due(db, bot.app[SENDER], now=LATER)).failed == 0
    return seeded, opened.round.id


async def stored(db) -> list[StatusReportRow]:
    async with db.session() as session:
        return list(await session.scalars(
            select(StatusReportRow).where(StatusReportRow.source != "import")
            .order_by(StatusReportRow.id)))


def rows(content: dict) -> list[dict]:
    """The list card's rows: containers whose ActionSet holds the row's button."""
    return [c for c in content["body"] if c.get("type") == "Container"]


def show_card(row: dict) -> dict:
    [action_set] = [i for i in row["items"] if i["type"] == "ActionSet"]
    [action] = action_set["actions"]
    assert action["type"] == "Action.ShowCard"
    return action


def save_data(row: dict) -> dict:
    form = show_card(row)["card"]
    return next(a for a in form["actions"] if a["verb"] == "status.save")["data"]


def row_of(content: dict, action_id: int) -> dict:
    return next(r for r in rows(content) if save_data(r)["action_id"] == action_id)


def typed(data: dict, **values: str) -> dict:
    """A list row's Spara with the inputs as Teams sends them (ids carry the row)."""
    tail = f".{data['round_id']}.{data['action_id']}"
    values.pop("needs_support", None)  # a row's form has no toggle: a support text asks for it
    return {**data, **{k + tail: v for k, v in values.items()}}


async def invoke(bot, teams, user, data: dict, trigger: str = "manual") -> dict:
    value = {"action": {"type": "Action.Execute", "verb": data["verb"], "data": data},
             "trigger": trigger}
    status, body = await bot.post(teams.invoke(user, "adaptiveCard/action", value))
    assert status == 200 and body["statusCode"] == 200, body
    assert_valid_card(body["value"])
    return body["value"]


async def prompt_list(stub, user) -> dict:
    [activity] = stub.in_conversation(f"a:personal-{user.teams_id}")
    assert len(json.dumps(activity, ensure_ascii=False).encode()) < 28 * 1024
    [content] = cards_in(activity)
    assert_valid_card(content)
    return content


async def test_the_prompt_is_one_list_card_with_a_form_per_row(bot, teams, stub, database, tmp_path):
    seeded, _ = await start(bot, teams, stub, database, tmp_path)
    content = await prompt_list(stub, TOVE)
    expected = await owned_actions(database, seeded, "Kommunpolis")
    assert sorted(save_data(r)["action_id"] for r in rows(content)) == sorted(expected)
    assert content["refresh"]["userIds"] == [TOVE.teams_id]
    assert content["refresh"]["action"]["verb"] == "status.refresh"
    for row in rows(content):
        title = row["items"][0]
        assert title["wrap"] is True and "…" not in title["text"]
        assert any(i.get("id", "").startswith("done_text.") for i in show_card(row)["card"]["body"])


async def test_a_row_save_answers_with_the_whole_list_and_a_tick(bot, teams, stub, database, tmp_path):
    await start(bot, teams, stub, database, tmp_path)
    content = await prompt_list(stub, TOVE)
    first, other = rows(content)[0], rows(content)[1]
    data = save_data(first)
    answer = await invoke(bot, teams, TOVE, typed(data, status="on_track",
                                                   done_text="Två möten hållna.",
                                                   needs_support="false", support_text=""))
    assert len(rows(answer)) == len(rows(content))
    row = row_of(answer, data["action_id"])
    line = row["items"][1]["text"]
    assert "Pågår enligt plan" in line and "✓" in line
    assert show_card(row)["title"] == "Ändra"  # the form is closed, and edits the saved version
    assert save_data(row)["base"] == (await stored(database))[0].id
    untouched = row_of(answer, save_data(other)["action_id"])
    assert "✓" not in json.dumps(untouched["items"][:2], ensure_ascii=False)


async def test_field_errors_come_back_in_the_rows_form_with_the_typed_text(
        bot, teams, stub, database, tmp_path):
    await start(bot, teams, stub, database, tmp_path)
    data = save_data(rows(await prompt_list(stub, TOVE))[0])
    answer = await invoke(bot, teams, TOVE, typed(
        data, status="done", done_text="Kontakt med 19811218-9876 om ärendet",
        needs_support="true", support_text=""))
    row = row_of(answer, data["action_id"])
    assert "Inget sparades" in json.dumps(row["items"][:3], ensure_ascii=False)
    form = json.dumps(show_card(row)["card"], ensure_ascii=False)
    assert "Kontakt med 19811218-9876 om ärendet" in form and "personnummer" in form
    assert "Beskriv vilket stöd" in form or "stöd" in form
    assert await stored(database) == []


async def test_a_stale_card_stores_nothing_and_shows_the_newer_version(
        bot, teams, stub, database, tmp_path):
    await start(bot, teams, stub, database, tmp_path)
    old = save_data(rows(await prompt_list(stub, TOVE))[0])
    v1 = await invoke(bot, teams, TOVE, typed(old, status="on_track", done_text="Första.",
                                              needs_support="false", support_text=""))
    second = typed(save_data(row_of(v1, old["action_id"])), status="delayed",
                   done_text="Andra versionen.", needs_support="true",
                   support_text="Lokal i skolan behövs.")
    await invoke(bot, teams, TOVE, second)
    assert [r.version for r in await stored(database)] == [1, 2]

    # The OLDER prompt card's Spara, still an empty form: nothing stored, the newer one shown.
    answer = await invoke(bot, teams, TOVE, typed(old, status="not_started", done_text="",
                                                  needs_support="false", support_text=""))
    assert [r.version for r in await stored(database)] == [1, 2]
    row = row_of(answer, old["action_id"])
    saved = (await stored(database))[1].created_at
    local = (saved if saved.tzinfo else saved.replace(tzinfo=UTC)).astimezone(STOCKHOLM)
    notice = (f"Någon har sparat en nyare version: Tove Polis, {format_day(local.date())} "
              f"kl. {local:%H:%M}. Här är den – ändra den om du vill.")
    assert notice in json.dumps(row, ensure_ascii=False)
    form = show_card(row)["card"]
    values = {i["id"].split(".")[0]: i.get("value") for i in form["body"] if "id" in i}
    assert values["status"] == "delayed" and values["done_text"] == "Andra versionen."
    assert values["support_text"] == "Lokal i skolan behövs."
    assert (await stored(database))[1].needs_support is True
    assert save_data(row)["base"] == (await stored(database))[1].id

    # The same click twice (a Teams retry) is still no duplicate, and not called stale.
    again = await invoke(bot, teams, TOVE, second)
    assert len(await stored(database)) == 2
    assert "nyare version" not in json.dumps(again, ensure_ascii=False)


async def test_a_stale_single_card_shows_the_newer_version_in_its_form(
        bot, teams, stub, database, tmp_path):
    """A single report card (Ändra on a receipt, a hand-over) answers with one card."""
    await start(bot, teams, stub, database, tmp_path)
    data = {k: v for k, v in save_data(rows(await prompt_list(stub, TOVE))[0]).items()
            if k != "view"}
    values = {"status": "on_track", "done_text": "Sparat först.", "needs_support": "false",
              "support_text": "", "occasions": ""}
    receipt = await invoke(bot, teams, TOVE, {**data, **values})
    assert "Sparat av" in json.dumps(receipt, ensure_ascii=False)
    answer = await invoke(bot, teams, TOVE, {**data, **values, "done_text": "Gammalt kort."})
    text = json.dumps(answer, ensure_ascii=False)
    assert "Någon har sparat en nyare version: Tove Polis" in text and "Sparat först." in text
    assert len(await stored(database)) == 1


async def test_refresh_shows_the_current_card_or_the_read_only_view(
        bot, teams, stub, database, tmp_path):
    seeded, round_id = await start(bot, teams, stub, database, tmp_path)
    samir = await owned_actions(database, seeded, "Socialtjänsten")
    content = await prompt_list(stub, TOVE)
    data = next(save_data(r) for r in rows(content) if save_data(r)["action_id"] not in samir)
    item = {"verb": "status.refresh", "round_id": round_id, "action_id": data["action_id"],
            "view": "item"}

    form = await invoke(bot, teams, TOVE, item, trigger="automatic")
    assert form["refresh"]["userIds"] == [TOVE.teams_id]
    assert any(e["type"].startswith("Input.") for e in form["body"])

    await invoke(bot, teams, TOVE, typed(data, status="done", done_text="Klart.",
                                         needs_support="false", support_text=""))
    receipt = await invoke(bot, teams, TOVE, item, trigger="automatic")
    assert "Sparat av Tove Polis" in json.dumps(receipt, ensure_ascii=False)

    view = await invoke(bot, teams, SAMIR, item, trigger="automatic")
    shown = json.dumps(view, ensure_ascii=False)
    assert "Genomförd" in shown and "Tove Polis" in shown  # the status and who, not the text:
    assert "Klart." not in shown  # what an owner wrote is for owners (docs/permissions.md)
    assert "actions" not in view and not any(e["type"].startswith("Input.") for e in view["body"])

    again = await invoke(bot, teams, TOVE, {"verb": "status.refresh", "view": "list"},
                         trigger="automatic")
    assert "✓" not in json.dumps(again, ensure_ascii=False)
    assert "Genomförd" in row_of(again, data["action_id"])["items"][1]["text"]
