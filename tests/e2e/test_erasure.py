"""Forgetting a person over the whole database: after `forget_person`, the person's name, e-mail,
Teams id and AAD id are in no table and no column, whatever the path that stored them (chat
references, the SDK's dialog state, outbox copies of cards sent to others, audit actors).

The person goes through a real follow-up over HTTP first, so every place the bot writes to holds
something of them; then the whole database is dumped as text and searched."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.appkeys import SENDER
from cards.followup_messages import COMPOSER
from config import Settings
from services.delivery import deliver_due
from services.privacy import forget_person, run_retention
from services.rounds import open_round
from storage.db import Database
from storage.models import AuditEventRow, Base, OutboxRow, PersonRow, StatusReportRow
from tests.botclient import SAMIR, TOVE, BotClient, Teams
from tests.connector_stub import ConnectorStub
from tests.e2e.test_followup import buttons, cards_in
from tests.followup_data import seed_2025

pytestmark = pytest.mark.usefixtures("clock")
IDENTIFIERS = (TOVE.name, TOVE.email, TOVE.teams_id, TOVE.aad)
SUPPORT = "Behöver fler nattvandrare vid Fridhemsplan"


async def dump(db: Database) -> str:
    """Every value of every row of every table, as one lower-case text."""
    parts: list[str] = []
    async with db.session() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).all():
                for value in row:
                    if isinstance(value, dict | list):
                        value = json.dumps(value, ensure_ascii=False)
                    parts.append(f"{table.name}: {value}")
    return "\n".join(parts).lower()


def hits(text: str) -> dict[str, list[str]]:
    """Where each identifier still occurs (the lines that name it)."""
    return {ident: [line[:160] for line in text.splitlines() if ident.lower() in line]
            for ident in IDENTIFIERS if ident.lower() in text}


def save_button(activity: dict) -> dict:
    return next(b for card in cards_in(activity) for b in buttons(card)
                if b.get("verb") in ("status.save", "status.open"))


async def live_follow_up(client: BotClient, teams: Teams, stub: ConnectorStub, db: Database,
                         tmp_path: Path) -> None:
    """Tove speaks to Följa, gets a prompt, saves a status and binds the styrgrupp channel,
    whose summary card names the owners that have not answered."""
    await seed_2025(db, tmp_path)
    for user in (TOVE, SAMIR):
        assert (await client.post(teams.message(user, "hjälp")))[0] == 202
    now = db.clock()
    await open_round(db, "Kungsholmen 2025", label="Vecka 49", due=now.date() + timedelta(days=4),
                     actor=TOVE.email, now=now, compose=COMPOSER)
    assert (await deliver_due(db, client.app[SENDER], now=now)).failed == 0
    prompt = stub.in_conversation(f"a:personal-{TOVE.teams_id}")[-1]
    data = dict(save_button(prompt)["data"])
    data.pop("view", None)
    if data.get("verb") != "status.save":
        data["verb"] = "status.save"
    data.update(status="on_track", done_text=f"Möte hållet av {TOVE.name}",
                needs_support="true", support_text=SUPPORT, occasions="2")
    value = {"action": {"type": "Action.Execute", "verb": "status.save", "data": data},
             "trigger": "manual"}
    status, body = await client.post(teams.invoke(TOVE, "adaptiveCard/action", value))
    assert status == 200 and body["statusCode"] == 200, body
    await client.post(teams.channel_message(TOVE, "styrgrupp Kungsholmen 2025"))
    await client.post(teams.channel_message(SAMIR, "sammanfattning"))
    await deliver_due(db, client.app[SENDER], now=now + timedelta(minutes=1))


async def test_forget_leaves_no_trace_in_any_table(
        settings: Settings, database: Database, teams: Teams, stub: ConnectorStub, tmp_path):
    client = await BotClient(settings.with_(coordinators=(TOVE.email,)), database).start()
    try:
        await live_follow_up(client, teams, stub, database, tmp_path)
    finally:
        await client.stop()
    before = hits(await dump(database))
    assert set(before) == set(IDENTIFIERS)  # the follow-up stored every one of them somewhere
    assert any(line.startswith(("outbox", "summary_posts")) for line in before[TOVE.name])

    done = await forget_person(database, TOVE.email, actor="cli:dpo", now=database.clock())

    after = await dump(database)
    assert hits(after) == {}
    async with database.session() as s:
        opened = await s.scalar(select(AuditEventRow.actor).where(
            AuditEventRow.action.like("round.open%")))
        assert (await s.get(PersonRow, done.person_id)).display_name == done.pseudonym
    assert opened == f"person:{done.person_id}"  # her audit trail stays one actor
    assert SAMIR.name.lower() in after  # nobody else is forgotten with her


async def outbox_text(db: Database) -> str:
    async with db.session() as s:
        rows = (await s.execute(select(OutboxRow.activity))).scalars().all()
    return json.dumps(rows, ensure_ascii=False)


async def test_retention_strips_old_free_text_from_outbox_copies(
        settings: Settings, database: Database, teams: Teams, stub: ConnectorStub, tmp_path,
        clock):
    """The styrgrupp card lists support texts: once the report's text expires, so does the copy
    in the delivered card, and in a later message that quoted it."""
    client = await BotClient(settings.with_(coordinators=(TOVE.email,)), database).start()
    try:
        await live_follow_up(client, teams, stub, database, tmp_path)
    finally:
        await client.stop()
    assert SUPPORT in await outbox_text(database)
    clock.shift(timedelta(days=2 * 365))
    async with database.transaction() as repo:  # a later message quoting the text
        await repo.enqueue(kind="notice", dedupe_key="quote", target={},
                           activity={"type": "message", "text": f"Förra året: {SUPPORT}."})
    assert await run_retention(database, years=3, now=clock()) == 0  # not yet expired
    assert SUPPORT in await outbox_text(database)

    clock.shift(timedelta(days=365 + 30))
    assert await run_retention(database, years=3, now=clock()) == 1
    text = await outbox_text(database)
    assert SUPPORT not in text and "Möte hållet av" not in text
    assert "Förra året: ." in text  # the newer message stays, without the quote
    async with database.session() as s:
        report = await s.scalar(select(StatusReportRow).where(StatusReportRow.source != "import"))
    assert (report.status, report.support_text, report.occasions) == ("on_track", "", 2)
