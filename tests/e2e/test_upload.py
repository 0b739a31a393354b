"""A coordinator sends the workbook in a personal chat and reads the import summary back.

The file is served from a local aiohttp route, as Teams serves `content.downloadUrl`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.uploads import FILE_INFO
from services.roles import assign_role
from storage.db import Database
from storage.models import ActionRow, PlanRow
from tests.botclient import SAMIR, TOVE, BotClient, Teams
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025


@pytest.fixture
async def files(tmp_path: Path) -> AsyncIterator[tuple[str, Path]]:
    """A tiny file server: GET /f/NAME returns tmp_path/NAME."""
    async def serve(request: web.Request) -> web.StreamResponse:
        path = tmp_path / request.match_info["name"]
        if not path.exists():
            return web.Response(status=404)
        return web.Response(body=path.read_bytes())

    app = web.Application()
    app.router.add_get("/f/{name}", serve)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("/f/")), tmp_path
    finally:
        await server.close()


def _upload(teams: Teams, user, url: str, name: str, file_type: str = "xlsx") -> dict:
    attachment = {"contentType": FILE_INFO, "name": name,
                  "content": {"downloadUrl": url + name, "uniqueId": "u1", "fileType": file_type}}
    return teams.message(user, "", attachments=[attachment])


async def _plans(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(PlanRow)))


async def test_coordinator_upload_imports_and_answers_summary(bot: BotClient, teams, stub,
                                                             database, files):
    base, folder = files
    build_workbook(PLAN_2025, folder / "plan.xlsx", variant="summary_mismatch")
    await assign_role(database, "koordinator", TOVE.email)
    status, _ = await bot.post(_upload(teams, TOVE, base, "plan.xlsx"))
    assert status == 202
    [text] = stub.texts()
    assert "Ny plan" in text and "2025" in text
    assert "Unga i riskzon för destruktivt beteende: 10 åtgärder" in text
    assert "Sammanställning, rad 3: Sammanställningen anger 12 åtgärder" in text
    async with database.session() as session:
        assert await session.scalar(select(func.count()).select_from(ActionRow)) == 27


async def test_non_coordinator_is_refused_and_nothing_is_written(bot, teams, stub, database,
                                                                files):
    base, folder = files
    build_workbook(PLAN_2025, folder / "plan.xlsx")
    await bot.post(_upload(teams, SAMIR, base, "plan.xlsx"))
    [text] = stub.texts()
    assert "Bara planens koordinator" in text
    assert await _plans(database) == 0


async def test_coordinator_by_setting_and_bad_files_get_swedish_errors(settings, database,
                                                                      teams, stub, files):
    base, folder = files
    (folder / "trasig.xlsx").write_bytes(b"inte excel")
    (folder / "plan.docx").write_bytes(b"x")
    client = await BotClient(settings.with_(coordinators=(SAMIR.email,)), database).start()
    try:
        await client.post(_upload(teams, SAMIR, base, "trasig.xlsx"))
        await client.post(_upload(teams, SAMIR, base, "plan.docx", file_type="docx"))
        await client.post(_upload(teams, SAMIR, base, "saknas.xlsx"))
    finally:
        await client.stop()
    texts = stub.texts()
    assert "Filen är ingen Excel-arbetsbok" in texts[0] and "Inget har sparats" in texts[0]
    assert "bara läsa in åtgärdsplanen som Excel-fil" in texts[1]
    assert "kunde inte hämta filen" in texts[2]
    assert await _plans(database) == 0
