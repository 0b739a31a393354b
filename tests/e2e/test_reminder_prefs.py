"""Reminder preferences typed in chat, over HTTP: set a weekday, add an hour, show, clear."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import PersonRow, ReminderPreferenceRow
from tests.botclient import SAMIR, TOVE
from tests.e2e.test_followup_chat import say
from tests.followup_data import seed_2025

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
