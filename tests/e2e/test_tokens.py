"""With an app id, a request is processed only when its token and its serviceUrl both check out.

The real app over HTTP, the SDK's real JWT validation (tests/tokens.py swaps only its key lookup
for a test RSA key): a forged issuer, a token for another bot, a serviceUrl the token does not
vouch for, or a serviceUrl outside the hosts Teams uses is refused whole: 401, nothing stored,
nothing sent. A correct token still gets through, so every refusal is the check's doing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from app import create_app
from config import Settings
from storage.db import Database
from storage.models import ConversationRefRow, OutboxRow, PersonRow, SdkStateRow, StatusReportRow
from tests.botclient import TENANT, TOVE, BotClient, Teams
from tests.connector_stub import ConnectorStub
from tests.tokens import (
    APP_ID,
    APP_TENANT,
    AllowingStub,
    TestKeys,
    fixed_msal_token,
    loopback_only,
)

FOREIGN = "https://folja-test.invalid/teams/"  # a host no Teams cloud uses (and none resolves)


@pytest.fixture
def keys(monkeypatch) -> TestKeys:
    fixed_msal_token(monkeypatch)
    return TestKeys().install(monkeypatch)


@pytest.fixture
def refused_hosts(monkeypatch) -> list[str]:
    return loopback_only(monkeypatch)


def secured(settings: Settings) -> Settings:
    return settings.with_(app_id=APP_ID, app_password="secret", tenant_id=APP_TENANT,
                          allowed_tenants=(TENANT,))


async def serve(settings: Settings, database: Database, validator=None) -> BotClient:
    """The real app with an app id; `validator` stands in for the hosts Teams uses."""
    client = BotClient(settings, database)
    extra = {"host_validator": validator} if validator is not None else {}
    client.app = create_app(settings, database, background=False, **extra)
    from aiohttp import ClientSession
    from aiohttp.test_utils import TestServer

    client.server = TestServer(client.app, host="127.0.0.1")
    await client.server.start_server()
    client.session = ClientSession()
    return client


@pytest.fixture
async def with_stub(settings, database, stub: ConnectorStub) -> AsyncIterator[BotClient]:
    """The secured app, whose validator also accepts the connector stub (for replies)."""
    client = await serve(secured(settings), database, AllowingStub(stub.url))
    try:
        yield client
    finally:
        await client.stop()


@pytest.fixture
async def production(settings, database) -> AsyncIterator[BotClient]:
    """The secured app exactly as `folja serve` builds it."""
    client = await serve(secured(settings), database)
    try:
        yield client
    finally:
        await client.stop()


async def stored(db: Database) -> dict[str, int]:
    async with db.session() as s:
        return {m.__tablename__: int(await s.scalar(select(func.count()).select_from(m)))
                for m in (PersonRow, ConversationRefRow, SdkStateRow, StatusReportRow, OutboxRow)}


NOTHING = {"people": 0, "conversation_refs": 0, "sdk_state": 0, "status_reports": 0, "outbox": 0}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_correct_token_is_processed(with_stub: BotClient, teams: Teams, stub, keys,
                                            database, refused_hosts):
    status, _ = await with_stub.post(teams.message(TOVE, "hjälp"),
                                     headers=bearer(keys.token(service_url=stub.url)))
    assert status == 202
    assert (await stored(database))["people"] == 1
    assert len(stub.sent) == 1 and refused_hosts == []


BAD_TOKENS = {
    "issuer not Bot Framework nor the tenant": dict(issuer="https://sts.windows.net/evil/"),
    "issuer of another Entra tenant": dict(
        issuer="https://login.microsoftonline.com/22222222-2222-2222-2222-222222222222/v2.0",
        tid="22222222-2222-2222-2222-222222222222"),
    "audience of another bot": dict(audience="00000000-0000-0000-0000-0000000000b2"),
    "serviceurl claim of another host": dict(service_url="https://smba.trafficmanager.net/emea/"),
    "serviceurl claim of another path on the same host": dict(service_url="STUB/other/"),
    "no serviceurl claim": dict(service_url=None),
}


@pytest.mark.parametrize("case", list(BAD_TOKENS))
async def test_a_bad_token_is_refused_and_nothing_stored(
        case: str, with_stub: BotClient, teams: Teams, stub, keys, database, refused_hosts):
    claims = {"service_url": stub.url, **BAD_TOKENS[case]}
    if isinstance(claims["service_url"], str):
        claims["service_url"] = claims["service_url"].replace("STUB/", stub.url.rstrip("/") + "/")
    status, _ = await with_stub.post(teams.message(TOVE, "hjälp"), headers=bearer(keys.token(**claims)))
    assert status == 401
    assert await stored(database) == NOTHING
    assert stub.sent == [] and refused_hosts == []


@pytest.mark.parametrize("kind", ["message", "installation"])
async def test_a_service_url_outside_teams_hosts_is_refused(
        kind: str, production: BotClient, keys, database, refused_hosts):
    """Even with a token that vouches for it: the serviceUrl's host is not one Teams uses."""
    teams = Teams(FOREIGN)
    activity = teams.message(TOVE, "hjälp") if kind == "message" else teams.installation(TOVE)
    status, _ = await production.post(activity, headers=bearer(keys.token(service_url=FOREIGN)))
    assert status == 401
    assert await stored(database) == NOTHING
    assert refused_hosts == []  # not even tried


async def test_the_production_validator_accepts_teams_hosts(production: BotClient, keys,
                                                             database, refused_hosts):
    """A Teams host passes the checks (the turn then cannot reach it: this test is offline)."""
    url = "https://smba.trafficmanager.net/emea/"
    typing = Teams(url).base("typing", TOVE)  # a turn that sends nothing and stores nothing
    status, _ = await production.post(typing, headers=bearer(keys.token(service_url=url)))
    assert status == 202
    assert refused_hosts == []
