"""Reminders over HTTP: preferences typed in chat (set a weekday, add an hour, show, clear), and
a delivered reminder whose button opens the form."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.appkeys import SENDER
from cards.followup_messages import COMPOSER
from cards.reminders import COMPOSER as REMINDERS
from services.delivery import deliver_due
from services.reminders import queue_reminders
from services.rounds import open_round
from storage.models import PersonRow, ReminderPreferenceRow
from tests.botclient import SAMIR, TOVE
from tests.clock import at
from tests.e2e.test_card_flow import invoke
from tests.e2e.test_followup import buttons, cards_in
from tests.e2e.test_followup_chat import say
from tests.followup_data import seed_2025
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")


async def preference_of(database, email: str) -> tuple[int | None, int | None] | None:
    async with database.session() as session:
        person = await session.scalar(select(PersonRow).where(PersonRow.email == email))
        row = await session.get(ReminderPreferenceRow, person.id)
    return None if row is None else (row.weekday, row.hour)


async def test_set_show_and_clear_a_preference(bot, teams, stub, database, tmp_path):
    await seed_2025(database, tmp_path)
    [none] = await say(bot, teams, stub, TOVE, "mina påminnelser")
    assert "inga önskemål" in none
    [day] = await say(bot, teams, stub, TOVE, "Påminn mig på tisdagar")
    assert "Du får påminnelser på tisdagar" in day and "minst en" in day
    assert await preference_of(database, TOVE.email) == (1, None)
    [hour] = await say(bot, teams, stub, TOVE, "påminn mig kl 9")  # keeps the Tuesdays
    assert "på tisdagar, tidigast kl. 09.00" in hour
    [shown] = await say(bot, teams, stub, TOVE, "mina påminnelser")
    assert "på tisdagar, tidigast kl. 09.00" in shown
    assert await preference_of(database, TOVE.email) == (1, 9)
    assert await preference_of(database, SAMIR.email) is None  # only the sender's
    [cleared] = await say(bot, teams, stub, TOVE, "påminn mig när som helst")
    assert "högst en om dagen" in cleared
    assert await preference_of(database, TOVE.email) is None


async def test_english_and_bad_input_lose_nothing(bot, teams, stub, database, tmp_path):
    await seed_2025(database, tmp_path)
    [english] = await say(bot, teams, stub, SAMIR, "remind me on fridays at 14")
    assert "on Fridays, not before 14:00" in english
    [bad] = await say(bot, teams, stub, SAMIR, "påminn mig kl 23")
    assert "Jag förstod inte" in bad and "kl 7–18" in bad
    assert await preference_of(database, SAMIR.email) == (4, 14)  # kept as it was
    [shown] = await say(bot, teams, stub, SAMIR, "my reminders")
    assert "on Fridays" in shown
    [cleared] = await say(bot, teams, stub, SAMIR, "rensa påminnelser")
    assert "Klart" in cleared
    assert await preference_of(database, SAMIR.email) is None


async def test_a_delivered_reminder_counts_and_opens_the_form(bot, teams, stub, database,
                                                             tmp_path, clock):
    """Over HTTP: the reminder is one card in the personal chat, "x av y tillfrågade har
    svarat", and its Rapportera opens that action's form."""
    monday = clock.to_working_monday()
    await seed_2025(database, tmp_path)
    for user in (TOVE, SAMIR):
        assert (await bot.post(teams.message(user, "hjälp")))[0] == 202
    await open_round(database, "Kungsholmen 2025", label="Vecka X", due=monday.date()
                     + timedelta(days=4), actor="cli", now=monday, compose=COMPOSER)
    assert (await deliver_due(database, bot.app[SENDER], now=monday)).failed == 0  # prompts
    wednesday = clock.move_to(at(monday.date() + timedelta(days=2)))
    assert await queue_reminders(database, wednesday, compose=REMINDERS) >= 2
    stub.clear()
    assert (await deliver_due(database, bot.app[SENDER], now=wednesday)).failed == 0
    [activity] = stub.in_conversation(f"a:personal-{TOVE.teams_id}")
    [content] = cards_in(activity)
    assert_valid_card(content)
    assert "0 av " in json.dumps(content, ensure_ascii=False)
    assert activity["text"].startswith("Påminnelse:")
    first = buttons(content)[0]
    form = await invoke(bot, teams, TOVE, first["data"])
    assert any(a.get("verb") == "status.save" for a in buttons(form))
