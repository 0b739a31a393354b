"""The link of an uploaded file is a credential from the activity: Följa opens it only on an
allowed host, follows no redirect to another host, caps the size, and never logs it.

Every server here listens on 127.0.0.1. A foreign host NAME is made to resolve there too (the
test's own resolver), so a guard that let it through would show as a recorded request, never as
traffic off the machine.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot import uploads
from bot.uploads import FILE_INFO
from services.roles import assign_role
from storage.db import Database
from storage.models import PlanRow
from tests.botclient import TOVE
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025

FOREIGN = "files.evil.example"
TOKEN = "tempauth=S3CRET-T0KEN"


@dataclass
class Files:
    port: int
    asked: list[str] = field(default_factory=list)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/f/{path}?{TOKEN}"


@pytest.fixture
async def files(tmp_path: Path, monkeypatch) -> AsyncIterator[Files]:
    build_workbook(PLAN_2025, tmp_path / "plan.xlsx")
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):  # FOREIGN resolves to loopback, nowhere else
        return real("127.0.0.1" if host == FOREIGN else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    served = Files(0)

    async def serve(request: web.Request) -> web.StreamResponse:
        served.asked.append(f"{request.host.split(':')[0]}{request.path}")
        name = request.match_info["name"]
        if name == "away":
            raise web.HTTPFound(f"http://{FOREIGN}:{served.port}/f/plan.xlsx?{TOKEN}")
        if name == "here":
            raise web.HTTPFound(f"/f/plan.xlsx?{TOKEN}")
        if name == "big":
            response = web.StreamResponse()
            await response.prepare(request)
            for _ in range(64):
                await response.write(b"x" * 65536)
            return response
        path = tmp_path / name
        return web.Response(body=path.read_bytes()) if path.exists() else web.Response(status=404)

    app = web.Application()
    app.router.add_get("/f/{name}", serve)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    served.port = server.port
    try:
        yield served
    finally:
        await server.close()


async def upload(bot, teams, stub, database: Database, url: str) -> str:
    await assign_role(database, "koordinator", TOVE.email)
    attachment = {"contentType": FILE_INFO, "name": "plan.xlsx",
                  "content": {"downloadUrl": url, "fileType": "xlsx"}}
    stub.clear()
    await bot.post(teams.message(TOVE, "", attachments=[attachment]))
    [reply] = stub.texts()
    return reply


def logged(caplog) -> str:
    """Everything logged, but the stub file server's access lines (which are not Följa's)."""
    form = logging.Formatter("%(name)s %(message)s")  # with any traceback
    return "\n".join(form.format(r) for r in caplog.records if r.name != "aiohttp.access")


async def plans(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(PlanRow)))


async def test_a_foreign_host_is_never_contacted_nor_logged(bot, teams, stub, database, files,
                                                           caplog):
    caplog.set_level(logging.DEBUG)
    reply = await upload(bot, teams, stub, database, files.url("plan.xlsx", host=FOREIGN))
    assert "SharePoint" in reply and "Inget har sparats" in reply
    assert files.asked == [] and await plans(database) == 0
    assert "S3CRET" not in logged(caplog) and FOREIGN not in logged(caplog)


async def test_a_redirect_to_another_host_is_not_followed(bot, teams, stub, database, files):
    reply = await upload(bot, teams, stub, database, files.url("away"))
    assert "Inget har sparats" in reply
    assert files.asked == ["127.0.0.1/f/away"] and await plans(database) == 0


async def test_a_redirect_on_the_same_host_is_followed(bot, teams, stub, database, files):
    reply = await upload(bot, teams, stub, database, files.url("here"))
    assert "Ny plan" in reply
    assert files.asked == ["127.0.0.1/f/here", "127.0.0.1/f/plan.xlsx"]


async def test_a_failed_download_logs_neither_link_nor_token(bot, teams, stub, database, files,
                                                             caplog):
    caplog.set_level(logging.DEBUG)
    reply = await upload(bot, teams, stub, database, files.url("saknas.xlsx"))
    assert "kunde inte hämta" in reply
    assert files.asked == ["127.0.0.1/f/saknas.xlsx"]
    assert "download failed" in logged(caplog)  # the failure is logged, its link is not
    assert "S3CRET" not in logged(caplog) and "/f/saknas" not in logged(caplog)


async def test_the_size_cap_holds_while_streaming(bot, teams, stub, database, files,
                                                  monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 1024 * 1024)
    reply = await upload(bot, teams, stub, database, files.url("big"))
    assert "för stor" in reply and await plans(database) == 0
