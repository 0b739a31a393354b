"""Sending outbox entries to Teams with the SDK's connector client (no turn, no state).

One client per service URL, reused; the token comes from the app's connection (MSAL with real
credentials, a fixed local token in local mode) and is refreshed before it expires and after a
401. Every request first takes a slot from the rate limiter (the tenant budget, and Teams'
windows for the message's conversation). HTTP errors become `SendError` with the status, Teams'
error code and Retry-After, so the delivery service can decide what to do. A serviceUrl that is
not a Bot Connector host Teams uses (bot/service_urls.py) is refused for good, before any token
or connection; a new personal chat is remembered only at such a host.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence

from aiohttp import ClientError, ClientResponseError, ClientSession, ClientTimeout, TraceConfig
from microsoft_agents.activity import Activity, ChannelAccount, ConversationParameters
from microsoft_agents.hosting.core import Connections, OutboundHostValidator
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

from bot import service_urls
from config import TEAMS_CONVERSATION_LIMITS, Settings
from services.budget import SharedBudget
from services.delivery import Deferred, Delivered, OutboxEntry, SendError
from services.ratelimit import RateLimiter, tenant_interval
from storage.db import Database

log = logging.getLogger(__name__)
BOT_FRAMEWORK = "https://api.botframework.com"
SCOPES = ["https://api.botframework.com/.default"]
TOKEN_LIFETIME = 30 * 60.0  # Bot Framework tokens live an hour; refresh well before
MAX_LANE_WAIT = 10.0  # longer than this, a message goes back to the outbox instead of waiting
NOT_A_TEAMS_HOST = "ServiceUrlNotAllowed"  # a permanent SendError: the address never changes


class TeamsSender:
    """Implements services.delivery.Sender."""

    def __init__(self, connections: Connections, bot_id: str = "", *,
                 limiter: RateLimiter | None = None, timeout: float = 30.0,
                 host_validator: OutboundHostValidator | None = None,
                 trace_configs: Sequence[TraceConfig] = ()) -> None:
        """`trace_configs`: aiohttp's request hooks, for whoever measures the requests (the
        fan-out bench counts when each one left)."""
        self._connections = connections
        self._hosts = host_validator or OutboundHostValidator(enabled=False)
        self._bot_id = bot_id
        self._limiter = limiter or RateLimiter(50, TEAMS_CONVERSATION_LIMITS)
        self._timeout = ClientTimeout(total=timeout)
        self._clients: dict[str, tuple[TeamsConnectorClient, float]] = {}
        self._trace_configs = list(trace_configs)

    async def _client(self, service_url: str, *, fresh: bool = False) -> TeamsConnectorClient:
        if not self._hosts.is_allowed(service_url):  # a reference stored before the host check
            raise SendError(400, f"serviceUrl {service_url[:100]} is not a Teams host",
                            code=NOT_A_TEAMS_HOST)
        known = self._clients.get(service_url)
        if known is not None and not fresh and time.monotonic() - known[1] < TOKEN_LIFETIME:
            return known[0]
        provider = self._connections.get_default_connection()
        token = await provider.get_access_token(BOT_FRAMEWORK, SCOPES, force_refresh=fresh) \
            if fresh else await provider.get_access_token(BOT_FRAMEWORK, SCOPES)
        if known is not None:  # same session, new token
            known[0].client.headers["Authorization"] = f"Bearer {token}"
            client = known[0]
        else:
            base = service_url if service_url.endswith("/") else service_url + "/"
            session = ClientSession(base_url=base, timeout=self._timeout,
                                    trace_configs=self._trace_configs or None)
            client = TeamsConnectorClient(endpoint=base, token=token or "", session=session)
        self._clients[service_url] = (client, time.monotonic())
        return client

    async def deliver(self, entry: OutboxEntry) -> Delivered:
        try:
            try:
                return await self._deliver(entry, fresh=False)
            except ClientResponseError as err:
                if err.status != 401:
                    raise
                return await self._deliver(entry, fresh=True)  # the token expired: once more
        except ClientResponseError as err:
            raise _send_error(err) from err
        except (ClientError, TimeoutError, OSError) as err:
            raise SendError(0, f"{type(err).__name__}: {err}") from err

    async def _deliver(self, entry: OutboxEntry, *, fresh: bool) -> Delivered:
        target = entry.target
        activity = Activity.model_validate(entry.activity)
        if "create_personal" in target:
            return await self._create_personal(target["create_personal"], activity, entry, fresh)
        client = await self._client(target["service_url"], fresh=fresh)
        if entry.kind == "update":
            conv = entry.update_of_conversation_id or target["conversation_id"]
            if not entry.update_of_activity_id:
                raise SendError(404, "the message to update was never sent")
            await self._slot(entry.lane or conv, entry)
            activity.id = entry.update_of_activity_id
            await client.conversations.update_activity(conv, entry.update_of_activity_id, activity)
            return Delivered(entry.update_of_activity_id, conv)
        await self._slot(entry.lane or target["conversation_id"], entry)
        response = await client.conversations.send_to_conversation(target["conversation_id"], activity)
        return Delivered(getattr(response, "id", None), target["conversation_id"])

    async def _slot(self, lane: str, entry: OutboxEntry | None = None) -> None:
        if entry is not None and entry.lane_sends:  # sent into this chat by another worker
            self._limiter.note_sends(lane, entry.lane_sends)
        wait = await self._limiter.acquire(lane, max_lane_wait=MAX_LANE_WAIT)
        if wait:
            raise Deferred(wait)

    async def _create_personal(self, spec: dict, activity: Activity, entry: OutboxEntry,
                               fresh: bool) -> Delivered:
        """Open (or get back: Teams returns the same one) the 1:1 chat, then send into it."""
        client = await self._client(spec["service_url"], fresh=fresh)
        tenant = spec.get("tenant_id")  # unknown for some people: the SDK refuses None for it
        params = ConversationParameters(
            is_group=False,
            bot=ChannelAccount(id=self._bot_id or "folja"),
            members=[ChannelAccount(id=spec["aad_object_id"])],
            channel_data={"tenant": {"id": tenant}},
            **({"tenant_id": tenant} if tenant else {}),
        )
        await self._limiter.acquire_global()
        created = await client.conversations.create_conversation(params)
        await self._slot(created.id)
        response = await client.conversations.send_to_conversation(created.id, activity)
        chat_url = getattr(created, "service_url", None)
        if not chat_url or not self._hosts.is_allowed(chat_url):  # stored only at a Teams host
            chat_url = spec["service_url"]
        chat = {"service_url": chat_url, "tenant_id": spec.get("tenant_id")}
        return Delivered(getattr(response, "id", None), created.id, created=chat)

    async def close(self) -> None:
        await self._limiter.close()
        for client, _ in self._clients.values():
            await client.close()
        self._clients.clear()


def _send_error(err: ClientResponseError) -> SendError:
    """Status, Teams' error code from the body ({"error": {"code", "message"}}) and Retry-After."""
    retry_after = None
    if err.headers and err.headers.get("Retry-After"):
        try:
            retry_after = float(err.headers["Retry-After"])
        except ValueError:
            retry_after = None
    code, message = "", str(err.message)
    try:
        body = json.loads(message).get("error") or {}
        code, message = str(body.get("code") or ""), str(body.get("message") or message)
    except (ValueError, AttributeError):
        pass
    return SendError(err.status, message[:500], retry_after=retry_after, code=code)


def sender_for(settings: Settings, connections: Connections,
               host_validator: OutboundHostValidator | None = None, *,
               db: Database | None = None) -> TeamsSender:
    """The app's sender, paced by the settings' tenant rate and conversation limits, sending
    only to the Bot Connector hosts of `host_validator` (default: the settings'). With `db` the
    tenant's budget is the database's, shared by every replica that delivers."""
    budget = SharedBudget(db, tenant_interval(settings.tenant_rate_per_second)) if db else None
    limiter = RateLimiter(settings.tenant_rate_per_second, settings.conversation_limits,
                          budget=budget)
    hosts = host_validator or service_urls.host_validator(settings)
    return TeamsSender(connections, settings.app_id, limiter=limiter, host_validator=hosts)
