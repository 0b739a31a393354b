"""Builds the Agents SDK pieces from settings: auth configuration, connections, adapter, app.

Two modes (docs/agents-sdk-notes.md, 'Security' and 'Local (anonymous) mode'):
- with an app id: MSAL connections and the SDK's JWT validation; unsigned requests get 401. The
  SDK's optional checks are on: the token's issuer must be Bot Framework's or the bot's own
  tenant's (VALIDATE_ISSUER), and the adapter and the reply clients get the outbound host
  validator (bot/service_urls.py).
- local (no app id): anonymous requests allowed, loopback only, and outbound calls use a fixed
  dummy token, because the SDK still asks for one and MSAL fails without a tenant.
"""

from __future__ import annotations

import logging

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ApplicationOptions,
    Authorization,
    AuthTypes,
    ConnectionManager,
    OutboundHostValidator,
    TurnState,
)

from bot import service_urls
from bot.clients import DeferredClientFactory
from bot.turn_state import FoljaTurnState, no_sign_in_storage
from config import Settings
from storage.db import Database
from storage.sdk_state import DatabaseStorage

log = logging.getLogger(__name__)
LOCAL_TOKEN = "folja-local-mode"  # noqa: S105 - not a secret: sent only to a local connector

_AUTH_TYPES = {
    "client_secret": AuthTypes.client_secret,
    "certificate": AuthTypes.certificate,
    "user_managed_identity": AuthTypes.user_managed_identity,
    "system_managed_identity": AuthTypes.system_managed_identity,
}


class LocalTokenProvider(AnonymousTokenProvider):
    """A fixed token for local runs and tests: the connector there does not check it."""

    async def get_access_token(self, resource_url: str, scopes: list[str], force_refresh=False):
        return LOCAL_TOKEN


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    """What the JWT middleware validates against."""
    if settings.local_mode:
        return AgentAuthConfiguration(anonymous_allowed=True)
    return AgentAuthConfiguration(
        auth_type=_AUTH_TYPES[settings.app_type],
        client_id=settings.app_id,
        tenant_id=settings.tenant_id,
        client_secret=settings.app_password or None,
        anonymous_allowed=False,
        # Off by default in the SDK. The accepted issuers are its defaults for the tenant:
        # Bot Framework's, the tenant's Entra v1/v2 issuers, Microsoft's first-party tenants.
        validate_issuer=True,
    )


def connections(settings: Settings, config: AgentAuthConfiguration) -> ConnectionManager:
    if settings.local_mode:
        return ConnectionManager(
            provider_factory=lambda _cfg: LocalTokenProvider(),
            connections_configurations={"SERVICE_CONNECTION": config},
        )
    return MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": config})


def build_agent(
    settings: Settings, database: Database, host_validator: OutboundHostValidator | None = None,
) -> tuple[AgentApplication[TurnState], CloudAdapter, AgentAuthConfiguration]:
    """The SDK application with our database as its state storage.

    Per turn the state is one query (bot/turn_state.py): conversation and user state read
    together, and no sign-in state read, as Följa configures no sign-in (OAuth) handler. The
    per-turn HTTP clients are built only when the turn uses them (bot/clients.py). The host
    validator (default: `service_urls.host_validator(settings)`) checks every activity's
    serviceUrl in the adapter and every reply client's address.
    """
    config = auth_configuration(settings)
    manager = connections(settings, config)
    validator = host_validator or service_urls.host_validator(settings)
    adapter = CloudAdapter(
        connection_manager=manager, host_validator=validator,
        channel_service_client_factory=DeferredClientFactory(manager, host_validator=validator))
    storage = DatabaseStorage(database)
    app = AgentApplication[TurnState](
        ApplicationOptions(
            bot_app_id=settings.app_id,
            storage=storage,
            start_typing_timer=False,
            remove_recipient_mention=True,
            turn_state_factory=FoljaTurnState,
        ),
        authorization=Authorization(storage=no_sign_in_storage(), connection_manager=manager),
    )
    return app, adapter, config
