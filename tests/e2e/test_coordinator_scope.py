"""Coordinators act only on their own district's plans, over HTTP (services/coordination.py).

Two plans of 2025: Södermalm (imported first) and Kungsholmen (imported last, and first by name:
whichever way "the latest plan" is chosen, it is Kungsholmen's). Karin coordinates Södermalm
only. She can open rounds, import workbooks and choose the styrgrupp channel for Södermalm,
never for Kungsholmen; each refusal says so in Swedish and stores nothing. A municipality-wide coordinator (FOLJA_COORDINATORS) acts on both districts
and is asked which one when it is not said.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.uploads import FILE_INFO
from config import Settings
from services.imports import import_workbook
from storage.db import Database
from storage.models import ActionRow, AuditEventRow, OutboxRow, PlanRow, RoundRow
from tests.botclient import SAMIR, TENANT, BotClient, Teams, User
from tests.clock import STOCKHOLM
from tests.connector_stub import ConnectorStub
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025

KARIN = User("29:karin", "aad-karin", "Karin Koord", "karin.koord@stad.se")
CHANNEL = "19:styrgrupp@thread.tacv2"
CHOOSE_DISTRICT = "import.district"  # the verb of cards/imports.py's buttons


def round_text() -> str:
    """"starta uppföljning …" due two weeks from today (a past due date is refused)."""
    due = datetime.now(STOCKHOLM).date() + timedelta(days=14)
    return f"starta uppföljning Vecka 49 till {due.isoformat()}"



@dataclass(frozen=True)
class Two:
    a: int  # Södermalm 2025, Karin's
    b: int  # Kungsholmen 2025, the newest and first by name


@pytest.fixture
async def two(database: Database, stub: ConnectorStub, tmp_path: Path) -> Two:
    path = build_workbook(PLAN_2025, tmp_path / "atgardsplan-2025.xlsx")
    a = await import_workbook(database, path, district="Södermalm", actor="test")
    b = await import_workbook(database, path, district="Kungsholmen", actor="test")
    stub.add_member(id=KARIN.teams_id, aad_object_id=KARIN.aad, name=KARIN.name,
                    email=KARIN.email, upn=KARIN.email, tenant_id=TENANT)
    async with database.transaction() as repo:
        karin = await repo.create_person(email=KARIN.email, display_name=KARIN.name)
        role = await repo.get_or_create_role("koordinator")
        await repo.assign_role(role.id, karin.id, await repo.district_of_plan(a.plan_id))
    return Two(a.plan_id, b.plan_id)


@pytest.fixture
async def files(tmp_path: Path) -> AsyncIterator[str]:
    """A tiny file server, as Teams serves `content.downloadUrl`: GET /f/NAME → tmp_path/NAME."""
    async def serve(request: web.Request) -> web.StreamResponse:
        return web.Response(body=(tmp_path / request.match_info["name"]).read_bytes())

    app = web.Application()
    app.router.add_get("/f/{name}", serve)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    build_workbook(PLAN_2025, tmp_path / "ny.xlsx", variant="custom_area")  # 2 more actions
    try:
        yield str(server.make_url("/f/ny.xlsx"))
    finally:
        await server.close()


async def count(db: Database, model, *where) -> int:
    async with db.session() as s:
        return int(await s.scalar(select(func.count()).select_from(model).where(*where)))


async def actions_of(db: Database, plan_id: int) -> int:
    return await count(db, ActionRow, ActionRow.plan_id == plan_id, ActionRow.status == "active")


async def said(bot: BotClient, stub: ConnectorStub, activity: dict) -> str:
    stub.clear()
    status, _ = await bot.post(activity)
    assert status < 500
    return "\n".join(stub.texts())


def upload(teams: Teams, user: User, url: str, text: str = "") -> dict:
    attachment = {"contentType": FILE_INFO, "name": "ny.xlsx",
                  "content": {"downloadUrl": url, "uniqueId": "u1", "fileType": "xlsx"}}
    return teams.message(user, text, attachments=[attachment])


async def wide_bot(settings: Settings, database: Database) -> BotClient:
    """The app with Samir as a municipality-wide coordinator (FOLJA_COORDINATORS)."""
    return await BotClient(settings.with_(coordinators=(SAMIR.email,)), database).start()


# --- "starta uppföljning" ---------------------------------------------------------------------
async def test_round_opens_on_the_coordinators_district_not_the_newest_plan(bot, teams, stub,
                                                                            two, database):
    text = await said(bot, stub, teams.message(KARIN, round_text()))
    assert "Södermalm 2025" in text, text
    assert await count(database, RoundRow, RoundRow.plan_id == two.a) == 1
    assert await count(database, RoundRow, RoundRow.plan_id == two.b) == 0


async def test_round_on_another_district_is_refused_and_nothing_stored(bot, teams, stub, two,
                                                                       database):
    text = await said(bot, stub, teams.message(KARIN, f"{round_text()} i Kungsholmen"))
    assert "Du är koordinator för Södermalm, inte för Kungsholmen" in text, text
    assert "Ingen uppföljning har startats" in text
    assert await count(database, RoundRow) == 0
    assert await count(database, OutboxRow) == 0


async def test_coordinator_of_every_district_is_asked_which(settings, database, teams, stub, two):
    client = await wide_bot(settings, database)
    try:
        text = await said(client, stub, teams.message(SAMIR, round_text()))
        assert "flera stadsdelar: Kungsholmen, Södermalm" in text, text
        assert await count(database, RoundRow) == 0
        text = await said(client, stub, teams.message(SAMIR, f"{round_text()} i Kungsholmen"))
        assert "”Vecka 49” är startad för Kungsholmen 2025" in text, text
    finally:
        await client.stop()
    assert await count(database, RoundRow, RoundRow.plan_id == two.b) == 1


# --- file upload ------------------------------------------------------------------------------
async def test_upload_goes_into_the_coordinators_district(bot, teams, stub, two, database, files):
    before_a, before_b = await actions_of(database, two.a), await actions_of(database, two.b)
    text = await said(bot, stub, upload(teams, KARIN, files))
    assert "Planen är uppdaterad: Södermalm 2025" in text, text
    assert await actions_of(database, two.a) == before_a + 2
    assert await actions_of(database, two.b) == before_b
    assert await count(database, PlanRow) == 2


async def test_upload_into_another_district_is_refused_and_nothing_stored(bot, teams, stub, two,
                                                                          database, files):
    imported = AuditEventRow.action == "plan.imported"
    before = await count(database, AuditEventRow, imported)
    sizes = await actions_of(database, two.a), await actions_of(database, two.b)
    text = await said(bot, stub, upload(teams, KARIN, files, text="Kungsholmen"))
    assert "Du är koordinator för Södermalm, inte för Kungsholmen" in text, text
    assert "Inget har lästs in" in text
    # A forged district button is refused the same way.
    value = {"verb": CHOOSE_DISTRICT, "district": "Kungsholmen", "name": "ny.xlsx", "url": files}
    text = await said(bot, stub, teams.message(KARIN, "", value=value))
    assert "inte för Kungsholmen" in text, text
    assert (await actions_of(database, two.a), await actions_of(database, two.b)) == sizes
    assert await count(database, AuditEventRow, imported) == before
    assert await count(database, PlanRow) == 2


async def test_coordinator_of_several_districts_picks_one_on_a_card(settings, database, teams,
                                                                    stub, two, files):
    client = await wide_bot(settings, database)
    try:
        stub.clear()
        await client.post(upload(teams, SAMIR, files))
        [card] = stub.attachments()
        buttons = {a["title"]: a["data"] for a in card["actions"]}
        assert set(buttons) == {"Södermalm", "Kungsholmen"}
        assert await count(database, AuditEventRow, AuditEventRow.action == "plan.imported") == 2
        text = await said(client, stub, teams.message(SAMIR, "", value=buttons["Kungsholmen"]))
        assert "Planen är uppdaterad: Kungsholmen 2025" in text, text
    finally:
        await client.stop()
    assert await actions_of(database, two.b) == await actions_of(database, two.a) + 2


# --- "@Följa styrgrupp" -----------------------------------------------------------------------
async def test_channel_binding_without_a_name_takes_the_coordinators_plan(bot, teams, stub, two,
                                                                          database):
    text = await said(bot, stub, teams.channel_message(KARIN, "styrgrupp", channel=CHANNEL))
    assert "lägesbild för Södermalm 2025" in text, text
    async with database.session() as s:
        assert (await s.get(PlanRow, two.a)).steering_conversation_id == CHANNEL
        assert (await s.get(PlanRow, two.b)).steering_conversation_id is None


async def test_channel_binding_for_another_plan_is_refused_and_nothing_stored(bot, teams, stub,
                                                                              two, database):
    text = await said(bot, stub, teams.channel_message(KARIN, "styrgrupp Kungsholmen 2025",
                                                       channel=CHANNEL))
    assert "Du är koordinator för Södermalm, inte för Kungsholmen 2025" in text, text
    assert "Inget har ändrats" in text
    async with database.session() as s:
        assert (await s.get(PlanRow, two.a)).steering_conversation_id is None
        assert (await s.get(PlanRow, two.b)).steering_conversation_id is None
    assert await count(database, AuditEventRow, AuditEventRow.action == "plan.steering_channel") == 0
