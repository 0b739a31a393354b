"""Sending outbox entries to Teams with the SDK's connector client (no turn, no state).

One client per service URL, reused; the token comes from the app's connection (MSAL with real
credentials, a fixed local token in local mode). HTTP errors become `SendError` with the status
and Retry-After so the delivery service can decide what to do.
"""

from __future__ import annotations

import logging

from aiohttp import ClientError, ClientResponseError
from microsoft_agents.activity import Activity, ChannelAccount, ConversationParameters
from microsoft_agents.hosting.core import Connections
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

from services.delivery import Delivered, SendError
from storage.repos.outbox import OutboxEntry

log = logging.getLogger(__name__)
BOT_FRAMEWORK = "https://api.botframework.com"
SCOPES = ["https://api.botframework.com/.default"]


class TeamsSender:
    """Implements services.delivery.Sender."""

    def __init__(self, connections: Connections, bot_id: str = "") -> None:
        self._connections = connections
        self._bot_id = bot_id
        self._clients: dict[str, TeamsConnectorClient] = {}

    async def _client(self, service_url: str) -> TeamsConnectorClient:
        client = self._clients.get(service_url)
        if client is None:
            provider = self._connections.get_default_connection()
            token = await provider.get_access_token(BOT_FRAMEWORK, SCOPES)
            client = TeamsConnectorClient(endpoint=service_url, token=token or "")
            self._clients[service_url] = client
        return client

    async def deliver(self, entry: OutboxEntry) -> Delivered:
        try:
            return await self._deliver(entry)
        except ClientResponseError as err:
            raise _send_error(err) from err
        except (ClientError, TimeoutError, OSError) as err:
            raise SendError(0, str(err)) from err

    async def _deliver(self, entry: OutboxEntry) -> Delivered:
        target = entry.target
        activity = Activity.model_validate(entry.activity)
        if "create_personal" in target:
            return await self._create_personal(target["create_personal"], activity)
        client = await self._client(target["service_url"])
        if entry.kind == "update":
            conv = entry.update_of_conversation_id or target["conversation_id"]
            if not entry.update_of_activity_id:
                raise SendError(404, "the message to update was never sent")
            activity.id = entry.update_of_activity_id
            await client.conversations.update_activity(conv, entry.update_of_activity_id, activity)
            return Delivered(entry.update_of_activity_id, conv)
        response = await client.conversations.send_to_conversation(target["conversation_id"], activity)
        return Delivered(getattr(response, "id", None), target["conversation_id"])

    async def _create_personal(self, spec: dict, activity: Activity) -> Delivered:
        client = await self._client(spec["service_url"])
        params = ConversationParameters(
            is_group=False,
            bot=ChannelAccount(id=self._bot_id or "folja"),
            members=[ChannelAccount(id=spec["aad_object_id"])],
            tenant_id=spec.get("tenant_id"),
            channel_data={"tenant": {"id": spec.get("tenant_id")}},
        )
        created = await client.conversations.create_conversation(params)
        response = await client.conversations.send_to_conversation(created.id, activity)
        return Delivered(getattr(response, "id", None), created.id)

    async def close(self) -> None:
        for client in self._clients.values():
            await client.close()
        self._clients.clear()


def _send_error(err: ClientResponseError) -> SendError:
    retry_after = None
    if err.headers and err.headers.get("Retry-After"):
        try:
            retry_after = float(err.headers["Retry-After"])
        except ValueError:
            retry_after = None
    return SendError(err.status, str(err.message)[:500], retry_after=retry_after)
