"""Local mode (no app id) accepts unauthenticated requests, so only from this machine.

The bind address is loopback by default, but a proxy, a port forward or a container's published
port can still bring in a foreign peer: the HTTP edge checks each request's peer itself. No real
non-loopback traffic: the requests are built with a fake transport whose peer is chosen.
"""

from __future__ import annotations

from unittest import mock

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from bot import http
from bot.sdk import auth_configuration
from config import Settings
from tests.tokens import APP_ID


def request(peer: str | None, path: str = "/api/messages", settings: Settings | None = None):
    app = web.Application()
    app["agent_configuration"] = auth_configuration(settings or Settings())
    transport = mock.Mock()
    transport.get_extra_info.side_effect = (
        lambda name, default=None: (peer, 50000) if name == "peername" and peer else default)
    return make_mocked_request("POST", path, app=app, transport=transport)


async def reached(req) -> bool:
    handler = mock.AsyncMock(return_value=web.Response(status=202))
    try:
        response = await http.authenticate(req, handler)
    except web.HTTPException as exc:
        response = exc
    return handler.await_count == 1 and response.status == 202


@pytest.mark.parametrize("peer", ["10.1.2.3", "192.168.0.7", "::ffff:10.1.2.3", "2001:db8::1",
                                  None])
async def test_local_mode_refuses_a_peer_that_is_not_loopback(peer):
    req = request(peer)
    handler = mock.AsyncMock()
    response = await http.authenticate(req, handler)
    assert response.status == 403
    handler.assert_not_awaited()


@pytest.mark.parametrize("peer", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
async def test_local_mode_accepts_loopback_peers(peer):
    assert await reached(request(peer))


async def test_the_health_check_answers_any_peer():
    assert await reached(request("10.1.2.3", path="/healthz"))


async def test_with_an_app_id_the_token_decides_not_the_peer():
    secured = Settings(app_id=APP_ID, app_password="pw", tenant_id="t")
    req = request("10.1.2.3", settings=secured)
    handler = mock.AsyncMock()
    response = await http.authenticate(req, handler)
    assert response.status == 401  # no token: the SDK's answer, not the loopback rule's
    handler.assert_not_awaited()
