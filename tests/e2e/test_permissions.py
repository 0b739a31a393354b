"""Who may do what (issue 9): every cell of docs/permissions.md, tested through /api/messages.

The table is read from docs/permissions.md itself, so the document and the behaviour cannot
drift apart. Each row is one command or card action; for it a fresh database holds the 2025 plan
with an open round, and the six kinds of user try it in turn, least privileged first. A cell is
"ja" when the action had its effect (a row written, a card with the action's buttons, the
answer shown), "nej" when it did not. Every card the bot answers with is schema-checked.

Each row names the rows of bot/routes.py it tries (typed commands, card verbs, message hooks,
compose commands), and every one of those must be tried by some row: a new command or button
fails the test until this table has a row for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot import routes
from cards.followup_messages import COMPOSER
from config import Settings
from domain.indicators import tertial_of
from domain.plaintext import unescape
from domain.reminders import Preference
from i18n import t
from services.city_rounds import open_city_round
from services.indicators import record_measurement
from services.rounds import open_round
from storage.db import Database
from storage.models import (
    AreaRow,
    AuditEventRow,
    CityChannelRow,
    CityRoundRow,
    DelegationRow,
    MeasurementRow,
    PersonRow,
    PlanRow,
    ReminderPreferenceRow,
    RoundRow,
    SnoozeRow,
    StandinRow,
    StatusReportRow,
)
from tests.botclient import SAMIR, STRANGER, TENANT, TOVE, BotClient, Teams, User
from tests.connector_stub import ADAPTIVE_CARD, ConnectorStub
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025
from tests.followup_data import Seeded, seed_2025
from tests.indicator_data import PLACES
from tests.schemas import assert_valid_card

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
KARIN = User("29:karin", "aad-karin", "Karin Koord", "karin.koord@stad.se")
STINA = User("29:stina", "aad-stina", "Stina Styrgrupp", "stina.styr@stad.se")
FOREIGN = User("29:utland", "aad-utland", "Främling Annan", "x@annan.example")
FOREIGN_TENANT = "tenant-someone-else"
CHANNEL = "19:styrgrupp@thread.tacv2"
# Column order of the table, least privileged first (each row is tried in this order).
ROLES = ("annan organisation", "okänd i organisationen", "styrgruppsläsare",
         "ansvarig för annan åtgärd", "ansvarig för åtgärden", "samordnare")


def read_table() -> dict[str, dict[str, bool]]:
    """docs/permissions.md's table: row label → role → allowed."""
    rows: dict[str, dict[str, bool]] = {}
    header: list[str] = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if not header:
            header = cells
            continue
        rows[cells[0].strip("`")] = {
            role: cells[header.index(role)].lower().startswith("ja") for role in ROLES}
    return rows


@dataclass
class World:
    bot: BotClient
    teams: Teams
    foreign: Teams
    stub: ConnectorStub
    db: Database
    seeded: Seeded
    round_id: int
    action_id: int  # owned by Kommunpolis (Tove), not by Socialtjänsten (Samir)
    title: str
    tmp: Path
    indicator_id: int = 0  # Tove's (Kommunpolis) indicator, added by the rows that need one


Probe = Callable[[World, User, Teams], Awaitable[bool]]


async def count(db: Database, model, *where) -> int:
    async with db.session() as s:
        return int(await s.scalar(select(func.count()).select_from(model).where(*where)))


async def said(world: World, activity: dict) -> list[dict]:
    """Post an activity; the messages and cards the bot sent back (or the invoke answer)."""
    world.stub.clear()
    status, body = await world.bot.post(activity)
    assert status < 500, (status, body)
    out = list(world.stub.sent)
    if isinstance(body, dict) and "value" in body:
        out.append({"invoke": body})
    for item in out:
        cards = [a["content"] for a in item.get("attachments", [])
                 if a.get("contentType") == ADAPTIVE_CARD]
        if item.get("invoke", {}).get("type") == ADAPTIVE_CARD:
            cards.append(item["invoke"]["value"])
        for card in cards:
            assert_valid_card(card)
    return out


def verbs(out: list[dict]) -> set[str]:
    return set(re.findall(r'"verb": "([a-z_.]+)"', json.dumps(out)))


def card(world: World, user: User, teams: Teams, verb: str, trigger: str = "manual",
         **extra) -> dict:
    data = {"verb": verb, "round_id": world.round_id, "action_id": world.action_id, "base": 0,
            **extra}
    value = {"action": {"type": "Action.Execute", "verb": verb, "data": data},
             "trigger": trigger}
    return teams.invoke(user, "adaptiveCard/action", value)


def submit(teams: Teams, user: User, value: dict, channel: str = "") -> dict:
    """An Action.Submit button (a message carrying the card's data), in the personal chat or a
    channel."""
    activity = teams.channel_message(user, "", channel=channel) if channel else \
        teams.message(user, "")
    return {**activity, "value": value}


def text_of(out: list[dict]) -> str:
    return json.dumps(out, ensure_ascii=False)


async def person_of(w: World, user: User) -> PersonRow | None:
    async with w.db.session() as session:
        return await session.scalar(select(PersonRow).where(PersonRow.email == user.email))


# --- one probe per row: True when the action had its effect ----------------------------------
async def p_help(w: World, u: User, teams: Teams) -> bool:
    return "hjälp" in json.dumps(await said(w, teams.message(u, "hjälp")), ensure_ascii=False)


async def p_my_actions(w: World, u: User, teams: Teams) -> bool:
    return w.title in json.dumps(await said(w, teams.message(u, "mina åtgärder")),
                                 ensure_ascii=False)


async def p_report(w: World, u: User, teams: Teams) -> bool:
    out = await said(w, teams.message(u, "rapportera"))
    return bool(re.search(rf'"verb": "status\.(save|open)"[^{{}}]*"action_id": {w.action_id}\b',
                          json.dumps(out)) or re.search(
        rf'"action_id": {w.action_id}\b[^{{}}]*"verb": "status\.(save|open)"', json.dumps(out)))


def days_ahead(w: World, days: int) -> date:
    """A day `days` after the (frozen) today."""
    return w.db.clock().date() + timedelta(days=days)


async def p_away(w: World, u: User, teams: Teams) -> bool:
    until = days_ahead(w, 35)
    await said(w, teams.message(u, f"borta till {until.isoformat()}"))
    return await count(w.db, PersonRow, PersonRow.email == u.email,
                       PersonRow.away_until == until) == 1


async def p_back(w: World, u: User, teams: Teams) -> bool:
    async with w.db.transaction() as repo:
        person = await repo.person_by_email(u.email)
        if person:
            await repo.set_away(person.id, days_ahead(w, 35))
    await said(w, teams.message(u, "tillbaka"))
    return await count(w.db, PersonRow, PersonRow.email == u.email,
                       PersonRow.away_until.is_(None)) == 1


async def p_start_round(w: World, u: User, teams: Teams) -> bool:
    async with w.db.transaction() as repo:  # an open round for all areas would refuse a second
        await repo.close_round(w.round_id, w.db.clock())
    before = await count(w.db, RoundRow)
    await said(w, teams.message(u, f"starta uppföljning Extra till {days_ahead(w, 20).isoformat()}"))
    return await count(w.db, RoundRow) > before


async def p_close_round(w: World, u: User, teams: Teams) -> bool:
    await said(w, teams.message(u, f"avsluta uppföljning {w.round_id}"))
    return await count(w.db, RoundRow, RoundRow.id == w.round_id,
                       RoundRow.status == "closed") == 1


async def p_undo_handover(w: World, u: User, teams: Teams) -> bool:
    async with w.db.transaction() as repo:  # Tove handed her action to Samir in this round
        handover = await repo.add_delegation(
            action_id=w.action_id, round_id=w.round_id, from_person_id=w.seeded.people["tove"],
            to_person_id=w.seeded.people["samir"], now=w.db.clock())
    await said(w, teams.message(u, f"ångra överlämning {handover}"))
    return await count(w.db, DelegationRow, DelegationRow.id == handover,
                       DelegationRow.revoked_at.is_not(None)) == 1


async def p_steering(w: World, u: User, teams: Teams) -> bool:
    await said(w, teams.channel_message(u, "styrgrupp Kungsholmen 2025", channel=CHANNEL))
    return await count(w.db, PlanRow, PlanRow.steering_conversation_id.like(f"{CHANNEL}%")) == 1


async def p_summary(w: World, u: User, teams: Teams) -> bool:
    async with w.db.transaction() as repo:
        await repo.set_steering_conversation(w.seeded.plan_id, CHANNEL)
    out = await said(w, teams.channel_message(u, "sammanfattning", channel=CHANNEL))
    return any(a.get("attachments") for a in out)


async def p_lookup(w: World, u: User, teams: Teams) -> bool:
    out = await said(w, teams.message(u, f"vem äger {w.title}"))
    return "Kommunpolis" in json.dumps(out, ensure_ascii=False)


FREE_TEXT = "Fritext som bara ägare läser"


async def with_free_text(w: World) -> None:
    """The action's latest status carries free text (done_text and support_text)."""
    if await count(w.db, StatusReportRow, StatusReportRow.done_text == FREE_TEXT):
        return
    async with w.db.session() as session:
        session.add(StatusReportRow(
            action_id=w.action_id, round_id=w.round_id, status="delayed", done_text=FREE_TEXT,
            needs_support=True, support_text=FREE_TEXT, attributed_to=TOVE.name,
            created_at=w.db.clock()))
        await session.commit()


async def p_free_text(w: World, u: User, teams: Teams, activity: dict) -> bool:
    await with_free_text(w)
    return FREE_TEXT in json.dumps(await said(w, activity), ensure_ascii=False)


async def p_free_personal(w: World, u: User, teams: Teams) -> bool:
    return await p_free_text(w, u, teams, teams.message(u, f"vem äger {w.title}"))


async def p_free_steering(w: World, u: User, teams: Teams) -> bool:
    async with w.db.transaction() as repo:
        await repo.set_steering_conversation(w.seeded.plan_id, CHANNEL)
    return await p_free_text(w, u, teams, teams.channel_message(u, f"vem äger {w.title}",
                                                                channel=CHANNEL))


async def p_free_other_channel(w: World, u: User, teams: Teams) -> bool:
    async with w.db.transaction() as repo:
        await repo.set_steering_conversation(w.seeded.plan_id, CHANNEL)
    return await p_free_text(w, u, teams, teams.channel_message(
        u, f"vem äger {w.title}", channel="19:annan-kanal@thread.tacv2"))


async def p_free_compose(w: World, u: User, teams: Teams) -> bool:
    """The compose box answers in the HTTP body (a result list), not through the connector."""
    await with_free_text(w)
    status, body = await w.bot.post(teams.invoke(u, "composeExtension/query", {
        "commandId": "sok", "parameters": [{"name": "query", "value": w.title}]}))
    assert status < 500, (status, body)
    items = ((body or {}).get("composeExtension") or {}).get("attachments") or []
    titles = [unescape(i["preview"]["content"]["title"]) for i in items]
    assert u is FOREIGN or any(t.startswith(w.title[:20]) for t in titles), titles
    return FREE_TEXT in json.dumps(items, ensure_ascii=False)


async def p_open(w: World, u: User, teams: Teams) -> bool:
    return "status.save" in verbs(await said(w, card(w, u, teams, "status.open")))


async def p_save(w: World, u: User, teams: Teams) -> bool:
    before = await count(w.db, StatusReportRow, StatusReportRow.source != "import")
    await said(w, card(w, u, teams, "status.save", status="on_track", done_text=f"Av {u.name}",
                       needs_support="false", support_text="", occasions=""))
    return await count(w.db, StatusReportRow, StatusReportRow.source != "import") > before


async def p_not_mine(w: World, u: User, teams: Teams) -> bool:
    return bool(verbs(await said(w, card(w, u, teams, "status.notmine")))
                & {"status.delegate", "status.return"})


async def p_delegate(w: World, u: User, teams: Teams) -> bool:
    before = await count(w.db, DelegationRow)
    await said(w, card(w, u, teams, "status.delegate", email=SAMIR.email))
    return await count(w.db, DelegationRow) > before


async def p_return(w: World, u: User, teams: Teams) -> bool:
    before = await count(w.db, DelegationRow)
    await said(w, card(w, u, teams, "status.return"))
    return await count(w.db, DelegationRow) > before


async def p_unchanged_typed(w: World, u: User, teams: Teams) -> bool:
    """The receipt lists the action (no earlier answer here: it says it is still open)."""
    return w.title in json.dumps(await said(w, teams.message(u, "oförändrat")),
                                 ensure_ascii=False)


async def p_unchanged(w: World, u: User, teams: Teams) -> bool:
    """The action's card comes back saying there is no earlier answer to confirm (this world
    has one round); a refusal says why not."""
    out = json.dumps(await said(w, card(w, u, teams, "status.unchanged")), ensure_ascii=False)
    return "Inget tidigare svar att bekräfta" in out


async def p_snooze(w: World, u: User, teams: Teams) -> bool:
    before = await count(w.db, SnoozeRow)
    await said(w, card(w, u, teams, "status.snooze", rounds=[w.round_id], until="monday"))
    return await count(w.db, SnoozeRow) > before


async def p_edit(w: World, u: User, teams: Teams) -> bool:
    return "status.save" in verbs(await said(w, card(w, u, teams, "status.edit")))


async def p_refresh(w: World, u: User, teams: Teams) -> bool:
    """Teams refreshes a card for its listed owners: the form comes back for who may report."""
    return "status.save" in verbs(await said(w, card(w, u, teams, "status.refresh",
                                                     trigger="automatic", view="item")))


async def dialog_reports(w: World) -> int:
    """Statuses of the action saved through the text dialog."""
    return await count(w.db, StatusReportRow, StatusReportRow.source == "teams-text",
                       StatusReportRow.action_id == w.action_id)


async def p_dialog(w: World, u: User, teams: Teams) -> bool:
    """The text dialog: the action by its number among those offered, the first status, a text,
    and yes. Someone not offered the action stops the dialog there."""
    before = await dialog_reports(w)
    said_back = await said(w, teams.message(u, "rapportera text"))
    offered = re.findall(r"^\s*(\d+)\. (.+)$", "\n".join(m.get("text", "") for m in said_back),
                         re.MULTILINE)
    pick = next((n for n, title in offered if w.title.startswith(title.strip())), None)
    if pick is None:
        if offered:
            await said(w, teams.message(u, "avbryt"))
        return False
    for text in (pick, "1", f"Av {u.name} i text", "ja"):
        await said(w, teams.message(u, text))
    return await dialog_reports(w) > before


async def p_refresh_free_text(w: World, u: User, teams: Teams) -> bool:
    """A refresh for someone Teams did not list (a former owner, or forged): no free text."""
    return await p_free_text(w, u, teams, card(w, u, teams, "status.refresh",
                                               trigger="automatic", view="item"))


def stand_in_for(u: User) -> User:
    """A known colleague other than `u` to name as stand-in."""
    return SAMIR if u is STINA else STINA


async def p_standin(w: World, u: User, teams: Teams) -> bool:
    before = await count(w.db, StandinRow)
    until = days_ahead(w, 14).isoformat()
    await said(w, teams.message(u, f"ersättare {stand_in_for(u).email} till {until}"))
    return await count(w.db, StandinRow) > before


GRETA = "greta.skola@stad.se"  # holds Skolan, has never written to Följa: none of the six


async def p_standin_other(w: World, u: User, teams: Teams) -> bool:
    before = await count(w.db, StandinRow)
    until = days_ahead(w, 14).isoformat()
    await said(w, teams.message(u, f"ersättare {SAMIR.email} för {GRETA} till {until}"))
    return await count(w.db, StandinRow) > before


async def with_standin(w: World, owner_id: int, standin_id: int) -> None:
    """`owner_id` has an active stand-in."""
    if await count(w.db, StandinRow, StandinRow.person_id == owner_id,
                   StandinRow.ended_at.is_(None)):
        return
    async with w.db.transaction() as repo:
        await repo.add_standin(person_id=owner_id, standin_id=standin_id,
                               until=days_ahead(w, 14), by="test", now=w.db.clock())


async def ended(w: World) -> int:
    return await count(w.db, StandinRow, StandinRow.ended_at.is_not(None))


async def p_standin_end(w: World, u: User, teams: Teams) -> bool:
    me = await person_of(w, u)
    if me is not None:
        await with_standin(w, me.id, w.seeded.people["samir" if u is not SAMIR else "tove"])
    before = await ended(w)
    await said(w, teams.message(u, "avsluta ersättare"))
    return await ended(w) > before


async def p_standin_end_other(w: World, u: User, teams: Teams) -> bool:
    await with_standin(w, w.seeded.people["greta"], w.seeded.people["samir"])
    before = await ended(w)
    await said(w, teams.message(u, f"avsluta ersättare för {GRETA}"))
    return await ended(w) > before


TUESDAYS = Preference(weekday=1, hour=None)


async def preference_of(w: World, u: User) -> ReminderPreferenceRow | None:
    me = await person_of(w, u)
    if me is None:
        return None
    async with w.db.session() as session:
        return await session.get(ReminderPreferenceRow, me.id)


async def with_preference(w: World, u: User) -> None:
    """`u`, if Följa knows them, wants reminders on Tuesdays."""
    me = await person_of(w, u)
    if me is not None:
        async with w.db.transaction() as repo:
            await repo.set_reminder_preference(me.id, TUESDAYS)


async def p_reminder_prefer(w: World, u: User, teams: Teams) -> bool:
    await said(w, teams.message(u, "påminn mig på tisdagar"))
    found = await preference_of(w, u)
    return found is not None and found.weekday == TUESDAYS.weekday


async def p_reminder_show(w: World, u: User, teams: Teams) -> bool:
    await with_preference(w, u)
    return "på tisdagar" in text_of(await said(w, teams.message(u, "mina påminnelser")))


async def p_reminder_clear(w: World, u: User, teams: Teams) -> bool:
    await with_preference(w, u)
    had = await preference_of(w, u) is not None
    await said(w, teams.message(u, "rensa påminnelser"))
    return had and await preference_of(w, u) is None


async def p_start_city_round(w: World, u: User, teams: Teams) -> bool:
    async with w.db.transaction() as repo:  # the district's open round would overlap it
        await repo.close_round(w.round_id, w.db.clock())
    before = await count(w.db, CityRoundRow)
    due = days_ahead(w, 20).isoformat()
    await said(w, teams.message(u, f"starta stadsuppföljning Stad till {due}"))
    return await count(w.db, CityRoundRow) > before


CITY_CHANNEL = "19:beredningsgrupp@thread.tacv2"


async def p_city_channel(w: World, u: User, teams: Teams) -> bool:
    await said(w, teams.channel_message(u, "beredningsgrupp", channel=CITY_CHANNEL))
    return await count(w.db, CityChannelRow, CityChannelRow.conversation_id == CITY_CHANNEL) > 0


async def p_city_summary(w: World, u: User, teams: Teams) -> bool:
    """The beredningsgrupp's channel: its "sammanfattning" is the city round's roll-up card."""
    if not await count(w.db, CityRoundRow):
        async with w.db.transaction() as repo:
            await repo.close_round(w.round_id, w.db.clock())
            await repo.set_city_channel(CITY_CHANNEL, by="test", now=w.db.clock())
        await open_city_round(w.db, label="Stad", due=days_ahead(w, 20), actor="cli",
                              now=w.db.clock(), compose=COMPOSER)
    out = await said(w, teams.channel_message(u, "sammanfattning", channel=CITY_CHANNEL))
    return any(a.get("attachments") for a in out)


async def p_show(w: World, u: User, teams: Teams) -> bool:
    value = {"verb": "lookup.show", "kind": "action", "id": w.action_id}
    return "Kommunpolis" in text_of(await said(w, submit(teams, u, value)))


async def p_show_free_text(w: World, u: User, teams: Teams) -> bool:
    value = {"verb": "lookup.show", "kind": "action", "id": w.action_id}
    return await p_free_text(w, u, teams, submit(teams, u, value))


NOTE = "Anteckning som bara ägare läser"


async def with_indicator(w: World) -> int:
    """Tove's (Kommunpolis) indicator in the plan, measured this tertial with a note."""
    if not w.indicator_id:
        async with w.db.session() as session:
            area_id = await session.scalar(select(AreaRow.id).where(
                AreaRow.plan_id == w.seeded.plan_id, AreaRow.name == PLACES))
        async with w.db.transaction() as repo:
            w.indicator_id = await repo.add_indicator(w.seeded.plan_id, area_id, {
                "name": "Otrygghet i området", "source": "trygghetsmatning", "unit": "index",
                "direction": "lower", "baseline_value": 2.4, "baseline_period": "2024",
                "role_id": w.seeded.roles["Kommunpolis"]})
            tove = await repo.person_by_email(TOVE.email)
        assert tove is not None
        recorded = await record_measurement(w.db, tove, w.indicator_id, this_tertial(w), 2.1,
                                            note=NOTE)
        assert recorded.saved
    return w.indicator_id


def this_tertial(w: World) -> str:
    return tertial_of(w.db.clock().date())


async def measurements(w: World) -> int:
    return await count(w.db, MeasurementRow)


async def p_indicator_save(w: World, u: User, teams: Teams) -> bool:
    i = await with_indicator(w)
    before = await measurements(w)
    await said(w, card(w, u, teams, "indicator.save", indicator_id=i, period=this_tertial(w),
                       **{f"value.{i}": "2,0"}))
    return await measurements(w) > before


async def p_indicator_nodata(w: World, u: User, teams: Teams) -> bool:
    i = await with_indicator(w)
    before = await measurements(w)
    await said(w, card(w, u, teams, "indicator.nodata", indicator_id=i, period=this_tertial(w),
                       **{f"reason.{i}": "Enkäten genomfördes inte"}))
    return await measurements(w) > before


async def p_indicator_open(w: World, u: User, teams: Teams) -> bool:
    i = await with_indicator(w)
    return "indicator.save" in verbs(await said(w, card(
        w, u, teams, "indicator.open", indicator_id=i, period=this_tertial(w))))


INDICATOR_QUESTION = "indikatorer otrygga platser"


async def p_indicators(w: World, u: User, teams: Teams) -> bool:
    await with_indicator(w)
    shown = text_of(await said(w, teams.message(u, INDICATOR_QUESTION)))
    return "Otrygghet i området" in shown and "2,1" in shown


async def p_note(w: World, activity: dict) -> bool:
    await with_indicator(w)
    return NOTE in text_of(await said(w, activity))


async def p_note_personal(w: World, u: User, teams: Teams) -> bool:
    return await p_note(w, teams.message(u, INDICATOR_QUESTION))


async def p_note_steering(w: World, u: User, teams: Teams) -> bool:
    async with w.db.transaction() as repo:
        await repo.set_steering_conversation(w.seeded.plan_id, CHANNEL)
    return await p_note(w, teams.channel_message(u, INDICATOR_QUESTION, channel=CHANNEL))


async def p_note_other_channel(w: World, u: User, teams: Teams) -> bool:
    async with w.db.transaction() as repo:
        await repo.set_steering_conversation(w.seeded.plan_id, CHANNEL)
    return await p_note(w, teams.channel_message(u, INDICATOR_QUESTION,
                                                 channel="19:annan-kanal@thread.tacv2"))


async def p_steering_district(w: World, u: User, teams: Teams) -> bool:
    """The card that asks a coordinator of several districts which one the channel is for."""
    value = {"verb": "steering.district", "district": "Kungsholmen"}
    await said(w, submit(teams, u, value, channel=CHANNEL))
    return await count(w.db, PlanRow, PlanRow.steering_conversation_id.like(f"{CHANNEL}%")) == 1


async def p_import_district(w: World, u: User, teams: Teams) -> bool:
    """The card that asks which district a workbook sent in chat is for; the link is served
    here, as Teams serves a file's download link."""
    name = "atgardsplan-2025-eget-omrade.xlsx"  # adds the district's own area: a change
    path = w.tmp / name
    if not path.exists():
        build_workbook(PLAN_2025, path, variant="custom_area")

    async def serve(_request: web.Request) -> web.Response:
        return web.Response(body=path.read_bytes())

    app = web.Application()
    app.router.add_get(f"/f/{name}", serve)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        before = await count(w.db, AuditEventRow, AuditEventRow.action == "plan.imported")
        value = {"verb": "import.district", "district": "Kungsholmen", "name": name,
                 "url": str(server.make_url(f"/f/{name}"))}
        await said(w, submit(teams, u, value))
    finally:
        await server.close()
    return await count(w.db, AuditEventRow, AuditEventRow.action == "plan.imported") > before


@dataclass(frozen=True)
class Row:
    """A row's probe, and the rows of bot/routes.py it tries: COMMANDS by name, CARD_VERBS by
    verb, MESSAGE_HOOKS by handler (`Class.method`), COMPOSE by command id."""

    probe: Probe
    routes: tuple[str, ...]


def row(probe: Probe, *routes: str) -> Row:
    return Row(probe, routes)


PROBES: dict[str, Row] = {
    "hjälp": row(p_help, "help"),
    "mina åtgärder": row(p_my_actions, "my_actions"),
    "rapportera": row(p_report, "report"),
    "borta till ÅÅÅÅ-MM-DD": row(p_away, "away"),
    "tillbaka": row(p_back, "back"),
    "starta uppföljning NAMN till ÅÅÅÅ-MM-DD": row(p_start_round, "start_round"),
    "avsluta uppföljning ID": row(p_close_round, "close_round"),
    "styrgrupp [plan]": row(p_steering, "steering"),
    "ångra överlämning NR": row(p_undo_handover, "undo_handover"),
    "sammanfattning": row(p_summary, "summary"),
    "vem äger …": row(p_lookup, "lookup"),
    "vem äger … – statusens fritext, personlig chatt": row(p_free_personal, "lookup"),
    "vem äger … – statusens fritext, i styrgruppens kanal": row(p_free_steering, "lookup"),
    "vem äger … – statusens fritext, i en annan kanal": row(p_free_other_channel, "lookup"),
    "sök i skrivfältet – statusens fritext": row(p_free_compose, "sok"),
    "kort: Rapportera (status.open)": row(p_open, "status.open"),
    "kort: Spara (status.save)": row(p_save, "status.save"),
    "kort: Inte min (status.notmine)": row(p_not_mine, "status.notmine"),
    "kort: Lämna till kollega (status.delegate)": row(p_delegate, "status.delegate"),
    "kort: Tillbaka till samordnaren (status.return)": row(p_return, "status.return"),
    "oförändrat": row(p_unchanged_typed, "unchanged"),
    "kort: Oförändrat (status.unchanged)": row(p_unchanged, "status.unchanged"),
    "kort: Påminn mig på måndag (status.snooze)": row(p_snooze, "status.snooze"),
    "kort: Ändra (status.edit)": row(p_edit, "status.edit"),
    "kort: uppdatering (status.refresh)": row(p_refresh, "status.refresh"),
    "kort: uppdatering (status.refresh) – statusens fritext": row(p_refresh_free_text,
                                                                  "status.refresh"),
    "rapportera text": row(p_dialog, "report", "FollowupHandlers.on_dialog_turn"),
    "ersättare E-POST till ÅÅÅÅ-MM-DD": row(p_standin, "standin"),
    "ersättare E-POST för E-POST till ÅÅÅÅ-MM-DD": row(p_standin_other, "standin"),
    "avsluta ersättare": row(p_standin_end, "standin_end"),
    "avsluta ersättare för E-POST": row(p_standin_end_other, "standin_end"),
    "påminn mig på tisdagar": row(p_reminder_prefer, "reminder_prefer"),
    "mina påminnelser": row(p_reminder_show, "reminder_show"),
    "rensa påminnelser": row(p_reminder_clear, "reminder_clear"),
    "starta stadsuppföljning NAMN till ÅÅÅÅ-MM-DD": row(p_start_city_round, "start_city_round"),
    "beredningsgrupp": row(p_city_channel, "city_channel"),
    "sammanfattning – i beredningsgruppens kanal": row(p_city_summary, "summary"),
    "kort: Visa (lookup.show)": row(p_show, "lookup.show"),
    "kort: Visa (lookup.show) – statusens fritext, personlig chatt": row(p_show_free_text,
                                                                         "lookup.show"),
    "indikatorer …": row(p_indicators, "IndicatorHandlers.on_question"),
    "indikatorer … – anteckningen, personlig chatt": row(p_note_personal,
                                                         "IndicatorHandlers.on_question"),
    "indikatorer … – anteckningen, i styrgruppens kanal": row(p_note_steering,
                                                              "IndicatorHandlers.on_question"),
    "indikatorer … – anteckningen, i en annan kanal": row(p_note_other_channel,
                                                          "IndicatorHandlers.on_question"),
    "kort: Spara värdet (indicator.save)": row(p_indicator_save, "indicator.save"),
    "kort: Ingen data (indicator.nodata)": row(p_indicator_nodata, "indicator.nodata"),
    "kort: Fyll i (indicator.open)": row(p_indicator_open, "indicator.open"),
    "kort: välj distrikt för styrgruppen (steering.district)": row(p_steering_district,
                                                                   "steering.district"),
    "kort: välj distrikt för arbetsboken (import.district)": row(p_import_district,
                                                                 "import.district"),
}


async def world_for(db: Database, settings: Settings, stub: ConnectorStub, tmp: Path) -> World:
    seeded = await seed_2025(db, tmp)
    for user in (KARIN, STINA):
        stub.add_member(id=user.teams_id, aad_object_id=user.aad, name=user.name,
                        email=user.email, upn=user.email, tenant_id=TENANT)
    async with db.transaction() as repo:
        await repo.create_person(email=STINA.email, display_name=STINA.name)
        plan = await repo.get_plan(seeded.plan_id)
    now = db.clock()
    opened = await open_round(db, "Kungsholmen 2025", label="Vecka 49",
                              due=now.date() + timedelta(days=4), actor=KARIN.email, now=now,
                              compose=COMPOSER)
    action = next(a for a in plan.actions  # Tove's (Kommunpolis), not Samir's (Socialtjänsten)
                  if "Kommunpolis" in (names := [r.role.name for r in a.responsibilities])
                  and "Socialtjänsten" not in names)
    bot = await BotClient(settings.with_(allowed_tenants=(TENANT,)), db).start()
    teams = Teams(stub.url)
    for user in (TOVE, SAMIR, KARIN, STINA):  # everyone in the organisation has said hello
        await bot.post(teams.message(user, "hej"))
    return World(bot, teams, Teams(stub.url, tenant=FOREIGN_TENANT), stub, db, seeded,
                 opened.round.id, action.id, action.title, tmp)


def user_for(role: str, world: World) -> tuple[User, Teams]:
    return {
        "annan organisation": (FOREIGN, world.foreign), "okänd i organisationen": (STRANGER, world.teams),
        "styrgruppsläsare": (STINA, world.teams), "ansvarig för annan åtgärd": (SAMIR, world.teams),
        "ansvarig för åtgärden": (TOVE, world.teams), "samordnare": (KARIN, world.teams),
    }[role]


def route_names() -> set[str]:
    """Every row of bot/routes.py a user can reach: typed commands, card verbs, message hooks
    (a running dialog, indicator questions) and compose-box commands."""
    return ({c.name for c in routes.COMMANDS} | {v.verb for v in routes.CARD_VERBS}
            | {h.__qualname__ for h in routes.MESSAGE_HOOKS}
            | {c.command_id for c in routes.COMPOSE})


def test_the_table_covers_every_command_and_card_action():
    table = read_table()
    assert set(table) == set(PROBES)
    assert all(set(cells) == set(ROLES) for cells in table.values())
    tried = {name for probe in PROBES.values() for name in probe.routes}
    assert tried <= route_names(), f"not in bot/routes.py: {sorted(tried - route_names())}"
    missing = sorted(route_names() - tried)
    assert not missing, f"no row of docs/permissions.md tries: {missing}"


@pytest.mark.parametrize("row", list(PROBES))
async def test_permission_row(row: str, database: Database, settings: Settings, stub: ConnectorStub,
                              tmp_path: Path, clock):
    expected = read_table()[row]
    world = await world_for(database, settings, stub, tmp_path)
    try:
        observed = {}
        for role in ROLES:
            user, teams = user_for(role, world)
            observed[role] = await PROBES[row].probe(world, user, teams)
    finally:
        await world.bot.stop()
    assert observed == expected, f"{row}: observed {observed}"


async def test_someone_unknown_is_told_who_may_open_a_city_round(bot: BotClient, teams: Teams,
                                                               stub: ConnectorStub, clock):
    """Not how to write the command: that only stadskoordinatorer may (as a round in one
    district tells them that only coordinators may)."""
    due = (clock.today + timedelta(days=20)).isoformat()
    await bot.post(teams.message(STRANGER, f"starta stadsuppföljning Stad till {due}"))
    assert stub.texts() == [t("cityround_not_city", "sv")]
