"""Every free-text input refuses a personal identity number in every form people type, with a
Swedish message, and keeps nothing of it (tests/pnr_corpus.py is the corpus)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.uploads import FILE_INFO
from domain.when import WhenKind
from services.roles import assign_role
from storage.db import Database
from storage.models import (
    AuditEventRow,
    DelegationRow,
    PersonRow,
    PlanRow,
    RoundRow,
    SdkStateRow,
    StatusReportRow,
)
from tests.botclient import TOVE
from tests.e2e.test_followup import invoke, owned_actions, reports, start
from tests.e2e.test_followup_chat import say
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025
from tests.followup_data import seed_2025
from tests.pnr_corpus import E2E_FORMS, E2E_LOOKALIKES, digits, in_text


async def count(db: Database, model) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)))


async def stored_state(db: Database) -> str:
    async with db.session() as session:
        return " ".join(await session.scalars(select(SdkStateRow.data)))


async def counting_action(db: Database, plan_id: int, role: str) -> int:
    """An action of `role` that counts occasions: its card has every input."""
    async with db.transaction() as repo:
        plan = await repo.get_plan(plan_id)
    return next(a.id for a in plan.actions if a.when.kind is WhenKind.TIMES_PER_YEAR
                and any(r.role.name == role for r in a.responsibilities))


def kept_nowhere(number: str, text: str) -> bool:
    return number not in text and digits(number) not in text


async def test_card_fields_refuse_every_form(bot, teams, stub, database, tmp_path):
    seeded, round_id = await start(bot, teams, stub, database, tmp_path)
    action_id = await counting_action(database, seeded.plan_id, "Kommunpolis")
    data = {"verb": "status.save", "round_id": round_id, "action_id": action_id, "base": 0,
            "status": "done", "done_text": "Klart", "needs_support": "false",
            "support_text": "", "occasions": ""}
    for number in E2E_FORMS:
        for typed in ({"done_text": in_text(number)}, {"occasions": number},
                      {"needs_support": "true", "support_text": in_text(number)}):
            status, body = await invoke(bot, teams, TOVE, {**data, **typed})
            assert status == 200
            assert "personnummer" in json.dumps(body["value"], ensure_ascii=False), typed
    assert await reports(database) == []
    for text in E2E_LOOKALIKES:  # phone numbers, dates, org numbers: saved as written
        saved = await reports(database)
        base = saved[-1].id if saved else 0  # the card's version: an older one stores nothing
        status, body = await invoke(bot, teams, TOVE, {**data, "base": base,
                                                       "done_text": in_text(text)})
        assert "personnummer" not in json.dumps(body["value"], ensure_ascii=False), text
    assert [r.done_text for r in await reports(database)] == [in_text(t) for t in E2E_LOOKALIKES]


async def test_text_dialog_refuses_before_the_dialog_keeps_it(bot, teams, stub, database,
                                                              tmp_path):
    await start(bot, teams, stub, database, tmp_path)
    for number in E2E_FORMS:
        for text in ("rapportera text", "1", "1"):
            await say(bot, teams, stub, TOVE, text)
        [reply] = await say(bot, teams, stub, TOVE, in_text(number))
        assert "personnummer" in reply and "inget sparades" in reply, number
        assert kept_nowhere(number, reply + await stored_state(database)), number
        await say(bot, teams, stub, TOVE, "avbryt")
    # The refusal leaves the dialog waiting for the text: a clean one is saved.
    for text in ("rapportera text", "1", "1", in_text(number)):
        await say(bot, teams, stub, TOVE, text)
    [confirm] = await say(bot, teams, stub, TOVE, "Tre möten hållna")
    assert "Tre möten hållna" in confirm
    [done] = await say(bot, teams, stub, TOVE, "ja")
    assert "Sparat" in done
    async with database.session() as session:
        texts = list(await session.scalars(select(StatusReportRow.done_text)))
    assert texts == ["Tre möten hållna"]


async def test_away_text_refuses_every_form(bot, teams, stub, database, tmp_path):
    await seed_2025(database, tmp_path)
    for number in E2E_FORMS:
        [reply] = await say(bot, teams, stub, TOVE, f"borta till 2099-12-10 {in_text(number)}")
        assert "personnummer" in reply and kept_nowhere(number, reply), number
    async with database.session() as session:
        tove = await session.scalar(select(PersonRow).where(PersonRow.email == TOVE.email))
    assert tove.away_until is None
    [ok] = await say(bot, teams, stub, TOVE, f"borta till 2099-12-10 ({E2E_LOOKALIKES[0]})")
    assert "till och med" in ok


async def test_round_label_from_chat_refuses_every_form(bot, teams, stub, database, tmp_path):
    await seed_2025(database, tmp_path)
    await assign_role(database, "koordinator", TOVE.email)
    await say(bot, teams, stub, TOVE, "hjälp")
    for number in E2E_FORMS:
        [reply] = await say(bot, teams, stub, TOVE, f"starta uppföljning Vecka 50 {number} "
                                                    "till 2099-12-11")
        assert "personnummer" in reply and kept_nowhere(number, reply), number
    assert await count(database, RoundRow) == 0
    [opened] = await say(bot, teams, stub, TOVE, f"starta uppföljning Vecka {E2E_LOOKALIKES[1]}"
                                                 " till 2099-12-11")
    assert await count(database, RoundRow) == 1, opened


async def test_hand_over_refuses_a_number_in_the_email_field(bot, teams, stub, database,
                                                            tmp_path):
    seeded, round_id = await start(bot, teams, stub, database, tmp_path)
    action_id = min(await owned_actions(database, seeded, "Kommunpolis"))
    audits = await count(database, AuditEventRow)
    for number in E2E_FORMS:
        status, body = await invoke(bot, teams, TOVE, {
            "verb": "status.delegate", "round_id": round_id, "action_id": action_id,
            "base": 0, "email": number})
        card = json.dumps(body["value"], ensure_ascii=False)
        assert status == 200 and "personnummer" in card, number
        assert kept_nowhere(number, card), number
    assert await count(database, DelegationRow) == 0
    assert await count(database, AuditEventRow) == audits


@pytest.fixture
async def files(tmp_path: Path) -> AsyncIterator[tuple[str, Path, list[str]]]:
    """A file server on loopback that records every path asked for."""
    asked: list[str] = []

    async def serve(request: web.Request) -> web.StreamResponse:
        asked.append(request.path)
        return web.Response(body=(tmp_path / "plan.xlsx").read_bytes())

    app = web.Application()
    app.router.add_get("/f/{name}", serve)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("/f/")), tmp_path, asked
    finally:
        await server.close()


async def test_uploaded_file_name_refuses_every_form(bot, teams, stub, database, files):
    base, folder, asked = files
    build_workbook(PLAN_2025, folder / "plan.xlsx")
    await assign_role(database, "koordinator", TOVE.email)
    for number in E2E_FORMS:
        name = f"Plan {number}.xlsx"
        attachment = {"contentType": FILE_INFO, "name": name,
                      "content": {"downloadUrl": base + "x", "fileType": "xlsx"}}
        stub.clear()
        await bot.post(teams.message(TOVE, "", attachments=[attachment]))
        [reply] = stub.texts()
        assert "Filnamnet innehåller ett personnummer" in reply and kept_nowhere(number, reply)
    assert asked == [] and await count(database, PlanRow) == 0
