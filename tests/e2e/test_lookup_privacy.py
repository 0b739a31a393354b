"""Who reads the free text of a status report in a lookup, over HTTP (services/lookup_access.py).

Anyone in the organisation sees owners, roles, a status and its date (the plan is an official
document). What an owner wrote (done_text, support_text) only reaches the action's owners and the
plan's coordinators in their personal chat with Följa, and the plan's styrgrupp channel; never a
stranger, another channel, or the compose box (which inserts the card into someone else's chat).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from config import Settings
from storage.db import Database
from storage.models import ActionRow, StatusReportRow
from tests.botclient import SAMIR, STRANGER, TENANT, TOVE, BotClient, Teams, User
from tests.connector_stub import ConnectorStub
from tests.lookup_fixtures import seed_plan_2025

KARIN = User("29:karin", "aad-karin", "Karin Koord", "karin.koord@stad.se")
STEERING = "19:styrgrupp@thread.tacv2"
OTHER_CHANNEL = "19:fikarummet@thread.tacv2"
DONE = "Två möten hållna, skolan X uteblev."
SUPPORT = "Behöver lokal för mötena."
QUESTION = "vem äger SSP?"


@pytest.fixture
async def plan(database: Database, stub: ConnectorStub) -> int:
    """The 2025 plan; SSP (Tove's, not Samir's) has a report with both free texts."""
    plan_id = await seed_plan_2025(database)
    stub.add_member(id=KARIN.teams_id, aad_object_id=KARIN.aad, name=KARIN.name,
                    email=KARIN.email, upn=KARIN.email, tenant_id=TENANT)
    async with database.transaction() as repo:
        karin = await repo.create_person(email=KARIN.email, display_name=KARIN.name)
        role = await repo.get_or_create_role("koordinator")
        await repo.assign_role(role.id, karin.id, await repo.district_of_plan(plan_id))
    async with database.session() as session:
        action_id = await session.scalar(select(ActionRow.id).where(ActionRow.title.like("SSP:%")))
        session.add(StatusReportRow(
            action_id=action_id, status="delayed", done_text=DONE, needs_support=True,
            support_text=SUPPORT, attributed_to="Tove Polis",
            created_at=datetime(2026, 3, 4, 10, tzinfo=UTC)))
        await session.commit()
    return plan_id


async def answer(bot: BotClient, stub: ConnectorStub, activity: dict) -> str:
    """The card (or compose result) the bot answered with, as one string."""
    stub.clear()
    status, body = await bot.post(activity)
    assert status in (200, 202), (status, body)
    shown = json.dumps(stub.attachments() or body, ensure_ascii=False)
    assert "SSP" in shown and "Försenad" in shown, shown  # the plan's facts: for everyone
    return shown


def free_text_in(shown: str) -> bool:
    has_done, has_support = "skolan X uteblev" in shown, "lokal för mötena" in shown
    assert has_done == has_support, shown  # both free texts follow one rule
    return has_done


async def bind_steering(database: Database, plan_id: int) -> None:
    async with database.transaction() as repo:
        await repo.set_steering_conversation(plan_id, STEERING)


def compose(teams: Teams, user: User, query: str = "SSP") -> dict:
    return teams.invoke(user, "composeExtension/query", {
        "commandId": "sok", "parameters": [{"name": "query", "value": query}]})


async def test_stranger_in_personal_chat_reads_status_but_no_free_text(bot, teams, stub, plan):
    assert not free_text_in(await answer(bot, stub, teams.message(STRANGER, QUESTION)))


async def test_owner_of_another_action_reads_no_free_text(bot, teams, stub, plan):
    assert not free_text_in(await answer(bot, stub, teams.message(SAMIR, QUESTION)))


async def test_owner_reads_free_text_in_personal_chat(bot, teams, stub, plan):
    assert free_text_in(await answer(bot, stub, teams.message(TOVE, QUESTION)))


async def test_coordinator_of_the_plan_reads_free_text(bot, teams, stub, plan):
    assert free_text_in(await answer(bot, stub, teams.message(KARIN, QUESTION)))


async def test_coordinator_by_setting_reads_free_text(settings: Settings, database, teams, stub,
                                                      plan):
    client = await BotClient(settings.with_(coordinators=(SAMIR.email,)), database).start()
    try:
        assert free_text_in(await answer(client, stub, teams.message(SAMIR, QUESTION)))
    finally:
        await client.stop()


async def test_styrgrupp_channel_reads_free_text(bot, teams, stub, plan, database):
    await bind_steering(database, plan)
    shown = await answer(bot, stub, teams.channel_message(STRANGER, QUESTION, channel=STEERING))
    assert free_text_in(shown)


async def test_another_channel_reads_no_free_text_even_from_the_owner(bot, teams, stub, plan,
                                                                      database):
    await bind_steering(database, plan)
    for user in (TOVE, KARIN):
        shown = await answer(bot, stub, teams.channel_message(user, QUESTION,
                                                              channel=OTHER_CHANNEL))
        assert not free_text_in(shown), user


async def test_show_button_follows_the_same_rule(bot, teams, stub, plan, database):
    async with database.session() as session:
        action_id = await session.scalar(select(ActionRow.id).where(ActionRow.title.like("SSP:%")))
    value = {"verb": "lookup.show", "kind": "action", "id": action_id}
    assert not free_text_in(await answer(bot, stub, teams.message(STRANGER, "", value=value)))
    assert free_text_in(await answer(bot, stub, teams.message(TOVE, "", value=value)))


async def test_compose_box_never_carries_free_text(bot, teams, stub, plan):
    for user in (STRANGER, TOVE, KARIN):
        shown = await answer(bot, stub, compose(teams, user))
        assert not free_text_in(shown), user
