"""The SDK's per-turn HTTP clients, built only when the turn uses them.

The adapter builds a user-token client and a connector client for every turn, each with its own
aiohttp ClientSession and a package-metadata lookup for its User-Agent. A card save answers in
the HTTP response and uses neither, so building them was pure cost on the busiest turn (see
BENCHMARKS.md, 'card save'). The tokens are still asked for at the start of the turn, as the
SDK does (MSAL caches them): only the sessions wait for first use. Agentic and Copilot Studio
requests go the SDK's own way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from microsoft_agents.activity import RoleTypes
from microsoft_agents.hosting.core import (
    ClaimsIdentity,
    Connections,
    OutboundHostValidator,
    RestChannelServiceClientFactory,
    TurnContext,
)
from microsoft_agents.hosting.core.connector.client import UserTokenClient
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient


class Deferred:
    """Stands in for an SDK client and builds it at the first attribute anyone reads."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self._build = build
        self._client: Any = None

    @property
    def built(self) -> bool:
        return self._client is not None

    def __getattr__(self, name: str) -> Any:
        # Only for names this class lacks, i.e. every attribute of the client itself.
        if self._client is None:
            self._client = self._build()
        return getattr(self._client, name)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()


class DeferredClientFactory(RestChannelServiceClientFactory):
    """RestChannelServiceClientFactory whose clients open their HTTP session on first use, and
    only for a serviceUrl the host validator allows (bot/service_urls.py)."""

    def __init__(self, connection_manager: Connections, *,
                 host_validator: OutboundHostValidator | None = None) -> None:
        super().__init__(connection_manager)
        self._host_validator = host_validator or OutboundHostValidator(enabled=False)

    async def create_user_token_client(
        self, context: TurnContext, claims_identity: ClaimsIdentity, use_anonymous: bool = False,
    ) -> Any:
        if context.activity.is_agentic_request():
            return await super().create_user_token_client(context, claims_identity, use_anonymous)
        token = ""
        if not use_anonymous:
            provider = self._connection_manager.get_token_provider(
                claims_identity, self._token_service_endpoint)
            token = await provider.get_access_token(
                self._token_service_audience, claims_identity.get_token_scope())
            if not token:
                raise ValueError("Failed to obtain token for user token client")
        app_id, endpoint = claims_identity.get_app_id(), self._token_service_endpoint
        return Deferred(lambda: UserTokenClient(app_id=app_id, endpoint=endpoint, token=token))

    async def create_connector_client(
        self, context: TurnContext | None, claims_identity: ClaimsIdentity, service_url: str,
        audience: str, scopes: list[str] | None = None, use_anonymous: bool = False,
    ) -> Any:
        if service_url and not self._host_validator.is_allowed(service_url):
            # The adapter answers PermissionError with 401; the edge refused such a turn already.
            raise PermissionError("serviceUrl is not a Bot Connector host Teams uses")
        if not _plain_turn(context) or not service_url or not audience:
            return await super().create_connector_client(
                context, claims_identity, service_url, audience, scopes, use_anonymous)
        provider = (self._ANONYMOUS_TOKEN_PROVIDER if use_anonymous
                    else self._connection_manager.get_token_provider(claims_identity, service_url))
        token = await provider.get_access_token(
            audience, scopes or claims_identity.get_token_scope())
        return Deferred(lambda: TeamsConnectorClient(endpoint=service_url, token=token))


def _plain_turn(context: TurnContext | None) -> bool:
    """A turn from Teams or a client like it: not agentic, not Copilot Studio's connector."""
    if context is None or context.activity.is_agentic_request():
        return False
    recipient = context.activity.recipient
    return not (recipient and recipient.role == RoleTypes.connector_user)
