"""Talking to the real bot over HTTP the way Teams does, for end-to-end tests and benchmarks.

`BotClient` starts the real aiohttp app on a loopback port; `Teams` builds activities the way the
Teams channel sends them, with `serviceUrl` pointing at a `ConnectorStub`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from app import create_app
from config import Settings
from storage.db import Database
from tests.schemas import assert_valid_card

BOT_ID = "28:folja-bot"
TENANT = "tenant-folja-test"
_ids = itertools.count(1)


@dataclass(frozen=True)
class User:
    teams_id: str
    aad: str
    name: str
    email: str


TOVE = User("29:tove", "aad-tove", "Tove Polis", "tove.polis@polisen.se")
SAMIR = User("29:samir", "aad-samir", "Samir Trygg", "samir.trygg@stad.se")
STRANGER = User("29:okand", "aad-okand", "Okänd Person", "okand@stad.se")


@dataclass
class Teams:
    """Builds Teams-shaped activities for one connector stub."""

    service_url: str
    tenant: str = TENANT

    def base(self, kind: str, user: User, conversation: str | None = None, **extra: Any) -> dict:
        conv_id = conversation or f"a:personal-{user.teams_id}"
        activity = {
            "type": kind,
            "id": f"act-{next(_ids)}",
            "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "channelId": "msteams",
            "serviceUrl": self.service_url,
            "from": {"id": user.teams_id, "name": user.name, "aadObjectId": user.aad},
            "recipient": {"id": BOT_ID, "name": "Följa"},
            "conversation": {
                "id": conv_id, "conversationType": "personal", "tenantId": self.tenant,
            },
            "channelData": {"tenant": {"id": self.tenant}},
            "locale": "sv-SE",
        }
        activity.update(extra)
        return activity

    def message(self, user: User, text: str, **extra: Any) -> dict:
        return self.base("message", user, text=text, textFormat="plain", **extra)

    def channel_message(self, user: User, text: str, team: str = "team-1",
                        channel: str = "19:styrgrupp@thread.tacv2") -> dict:
        activity = self.base(
            "message", user, conversation=f"{channel};messageid=1",
            text=f"<at>Följa</at> {text}",
            entities=[{"type": "mention", "text": "<at>Följa</at>",
                       "mentioned": {"id": BOT_ID, "name": "Följa"}}],
        )
        activity["conversation"].update(conversationType="channel", isGroup=True)
        activity["channelData"].update(team={"id": team}, channel={"id": channel})
        return activity

    def members_added(self, user: User) -> dict:
        return self.base(
            "conversationUpdate", user,
            membersAdded=[{"id": BOT_ID}, {"id": user.teams_id}],
        )

    def installation(self, user: User) -> dict:
        return self.base("installationUpdate", user, action="add")

    def invoke(self, user: User, name: str, value: dict, **extra: Any) -> dict:
        return self.base("invoke", user, name=name, value=value, **extra)


@dataclass
class BotClient:
    """The real app on a real port; `post` sends one activity and returns (status, json)."""

    settings: Settings
    database: Database
    server: TestServer | None = None
    session: aiohttp.ClientSession | None = None
    app: web.Application | None = field(default=None)

    async def start(self) -> BotClient:
        self.app = create_app(self.settings, self.database, background=False)
        self.server = TestServer(self.app, host="127.0.0.1")
        await self.server.start_server()
        self.session = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        if self.session:
            await self.session.close()
        if self.server:
            await self.server.close()

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("/api/messages"))

    async def post(self, activity: dict | str | bytes, *, headers: dict | None = None,
                   content_type: str = "application/json") -> tuple[int, Any]:
        assert self.session is not None
        body = activity if isinstance(activity, str | bytes) else None
        kwargs: dict[str, Any] = {"data": body} if body is not None else {"json": activity}
        hdrs = {"Content-Type": content_type, **(headers or {})}
        async with self.session.post(self.url, headers=hdrs, **kwargs) as response:
            text = await response.text()
            try:
                payload = await response.json(content_type=None) if text else None
            except ValueError:
                payload = text
            _check_cards(payload)
            return response.status, payload

    async def get(self, path: str) -> tuple[int, Any]:
        assert self.session is not None and self.server is not None
        async with self.session.get(self.server.make_url(path)) as response:
            return response.status, await response.json(content_type=None)


def _check_cards(payload: Any) -> None:
    """Every card the bot answers an invoke with (a replaced card, a compose-box result) must be
    one Teams renders: schema 1.5 and under 28 KB."""
    if not isinstance(payload, dict):
        return
    if payload.get("type") == "application/vnd.microsoft.card.adaptive":
        assert_valid_card(payload["value"])
    for item in (payload.get("composeExtension") or {}).get("attachments") or []:
        if item.get("contentType") == "application/vnd.microsoft.card.adaptive":
            assert_valid_card(item["content"])
