"""A styrgrupp channel belongs to a district, over HTTP.

"@Följa styrgrupp" binds the coordinator's district (next year's plan keeps the channel); a
coordinator of several districts (here the stadskoordinator) is asked which on a card; a channel
already bound to a district is re-bound only by that district's coordinators or the city level.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from services import summaries
from services.imports import import_workbook
from services.roles import assign_role
from storage.db import Database
from storage.models import AuditEventRow, DistrictRow
from tests.botclient import TENANT, BotClient, User
from tests.connector_stub import ConnectorStub
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")

STINA = User("29:stina", "aad-stina", "Stina Stad", "stina.stad@stad.se")
KARIN = User("29:karin", "aad-karin", "Karin Koord", "karin.koord@stad.se")
KOLLE = User("29:kolle", "aad-kolle", "Kolle Kungs", "kolle.kungs@stad.se")
CHANNEL = "19:styrgrupp-sodermalm@thread.tacv2"


@pytest.fixture
async def districts(database: Database, stub: ConnectorStub, tmp_path: Path) -> Path:
    path = build_workbook(PLAN_2025, tmp_path / "atgardsplan-2025.xlsx")
    for district in ("Södermalm", "Kungsholmen"):
        await import_workbook(database, path, district=district, actor="test")
    for user in (STINA, KARIN, KOLLE):
        stub.add_member(id=user.teams_id, aad_object_id=user.aad, name=user.name,
                        email=user.email, upn=user.email, tenant_id=TENANT)
    await assign_role(database, "stadskoordinator", STINA.email)
    await assign_role(database, "koordinator", KARIN.email, district="Södermalm")
    await assign_role(database, "koordinator", KOLLE.email, district="Kungsholmen")
    return path


async def _said(bot: BotClient, stub: ConnectorStub, activity: dict) -> str:
    stub.clear()
    await bot.post(activity)
    return " ".join(stub.texts())


async def _bound(database: Database) -> dict[str, str | None]:
    async with database.session() as s:
        rows = (await s.execute(select(DistrictRow.name, DistrictRow.steering_conversation_id)))
        return dict(rows.all())


async def test_the_channel_is_the_districts_and_next_years_plan_keeps_it(
        bot, teams, stub, database, districts):
    text = await _said(bot, stub, teams.channel_message(KARIN, "styrgrupp", channel=CHANNEL))
    assert "lägesbild för Södermalm 2025" in text, text
    assert await _bound(database) == {"Södermalm": CHANNEL, "Kungsholmen": None}
    report = await import_workbook(database, districts, year=2026, district="Södermalm",
                                   actor="test")
    async with database.transaction() as repo:
        header = await repo.plan_header(report.plan_id)
    assert header is not None and header[2] == CHANNEL
    assert await summaries.plan_of_channel(database, CHANNEL) == report.plan_id


async def test_another_districts_coordinator_cannot_rebind_the_channel(
        bot, teams, stub, database, districts):
    await bot.post(teams.channel_message(KARIN, "styrgrupp", channel=CHANNEL))
    audits = AuditEventRow.action == "plan.steering_channel"
    async with database.session() as s:
        before = len((await s.scalars(select(AuditEventRow).where(audits))).all())
    text = await _said(bot, stub, teams.channel_message(KOLLE, "styrgrupp", channel=CHANNEL))
    assert "redan styrgruppens kanal för Södermalm" in text, text
    assert "Inget har ändrats" in text
    assert await _bound(database) == {"Södermalm": CHANNEL, "Kungsholmen": None}
    async with database.session() as s:
        assert len((await s.scalars(select(AuditEventRow).where(audits))).all()) == before
    # Its own coordinator may move it (here: name the same district again, nothing refused).
    text = await _said(bot, stub, teams.channel_message(KARIN, "styrgrupp", channel=CHANNEL))
    assert "lägesbild för Södermalm 2025" in text, text


async def test_the_city_level_is_asked_which_district_and_may_rebind(
        bot, teams, stub, database, districts):
    await bot.post(teams.channel_message(KARIN, "styrgrupp", channel=CHANNEL))
    stub.clear()
    await bot.post(teams.channel_message(STINA, "styrgrupp", channel=CHANNEL))
    [card] = stub.attachments()
    assert_valid_card(card)
    choices = {a["title"]: a["data"] for a in card["actions"]}
    assert set(choices) == {"Kungsholmen", "Södermalm"}
    assert await _bound(database) == {"Södermalm": CHANNEL, "Kungsholmen": None}  # not yet
    submit = teams.channel_message(STINA, "", channel=CHANNEL)
    submit.update(text="", value=choices["Kungsholmen"])
    text = await _said(bot, stub, submit)
    assert "lägesbild för Kungsholmen 2025" in text, text
    assert await _bound(database) == {"Södermalm": None, "Kungsholmen": CHANNEL}  # moved
    async with database.transaction() as repo:
        assert await repo.district_of_channel(CHANNEL) == (
            (await repo.find_district("Kungsholmen")).id, "Kungsholmen")


async def test_a_forged_district_choice_is_refused(bot, teams, stub, database, districts):
    submit = teams.channel_message(KARIN, "", channel=CHANNEL)
    submit.update(text="", value={"verb": "steering.district", "district": "Kungsholmen"})
    text = await _said(bot, stub, submit)
    assert "inte för Kungsholmen 2025" in text, text
    assert await _bound(database) == {"Södermalm": None, "Kungsholmen": None}
