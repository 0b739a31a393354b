"""Bot Framework tokens for tests: minted with a test RSA key, checked by the SDK's real validator.

The SDK builds the JWKS address from the token's issuer (not from a setting), so `TestKeys`
replaces the validator's signing-key lookup and hands it the test key instead; everything else
(signature, expiry, audience, issuer, the serviceurl claim) is the SDK's own code. `loopback_only`
makes sure a test that gets a foreign serviceUrl past the bot sends nothing off this machine.
"""

from __future__ import annotations

import time
from typing import Any

import jwt
from aiohttp import ClientConnectorError, TCPConnector
from aiohttp.client_reqrep import ConnectionKey
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_agents.hosting.core import OutboundHostValidator
from microsoft_agents.hosting.core.authorization.jwt.jwt_token_validator import JwtTokenValidator
from yarl import URL

APP_ID = "00000000-0000-0000-0000-0000000000a1"
APP_TENANT = "11111111-1111-1111-1111-111111111111"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


class TestKeys:
    """Stands in for the SDK's JWKS client cache: every key id resolves to the test key."""

    __test__ = False  # not a pytest class

    def __init__(self) -> None:
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.asked: list[str] = []  # the JWKS addresses the SDK would have fetched

    async def get_signing_key(self, jwks_uri: str, header: dict[str, Any]):
        self.asked.append(jwks_uri)
        return self.private.public_key()

    def token(self, *, service_url: str | None, issuer: str = BOT_FRAMEWORK_ISSUER,
              audience: str = APP_ID, **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": issuer, "aud": audience, "iat": now, "nbf": now, "exp": now + 600,
                **claims}
        if service_url is not None:
            body["serviceurl"] = service_url
        return jwt.encode(body, self.private, algorithm="RS256", headers={"kid": "test-key"})

    def install(self, monkeypatch) -> TestKeys:
        monkeypatch.setattr(JwtTokenValidator, "_jwk_client_manager", self)
        return self


def fixed_msal_token(monkeypatch) -> None:
    """Outbound calls get a fixed token instead of asking Entra (no traffic to login.*)."""
    from microsoft_agents.authentication.msal import MsalAuth

    async def token(self, resource_url: str, scopes: list[str], force_refresh: bool = False):
        return "test-outbound-token"

    monkeypatch.setattr(MsalAuth, "get_access_token", token)


def loopback_only(monkeypatch) -> list[str]:
    """Refuse every HTTP connection to a host that is not loopback; returns the refused hosts."""
    refused: list[str] = []
    resolve = TCPConnector._resolve_host

    async def guarded(self, host: str, port: int, traces=None):
        if host.strip("[]") not in LOOPBACK:
            refused.append(host)
            key = ConnectionKey(host, port, True, True, None, None, None)
            raise ClientConnectorError(key, OSError(f"test refused a connection to {host}"))
        return await resolve(self, host, port, traces)

    monkeypatch.setattr(TCPConnector, "_resolve_host", guarded)
    return refused


class AllowingStub(OutboundHostValidator):
    """The SDK's validator, switched on, that also accepts the loopback connector stub.

    The real one accepts only https and never a loopback address, so a test that needs replies
    (at the stub) uses this; the tests of refused hosts use the app's own validator.
    """

    def __init__(self, stub_url: str) -> None:
        super().__init__(enabled=True)
        self._stub = URL(stub_url)

    def is_allowed(self, url) -> bool:
        target = URL(str(url))
        if (target.scheme, target.host, target.port) == (
                self._stub.scheme, self._stub.host, self._stub.port):
            return True
        return super().is_allowed(url)
