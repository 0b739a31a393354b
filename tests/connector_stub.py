"""Local stub of the Bot Connector REST API that Teams exposes at an activity's ``serviceUrl``.

Why: HTTP tests and benchmarks start the real bot app, POST activities to ``/api/messages`` with
``serviceUrl`` pointing here, and then read what the bot sent back. Every outbound call the Agents
SDK 1.9.0 makes (``connector/client/connector_client.py`` and ``connector/teams/
teams_connector_client.py``) lands here, is recorded, and can be answered with scripted or random
faults or with Teams' rate limits.

The SDK joins relative ``v3/...`` paths onto the serviceUrl (a trailing "/" is added), so a
serviceUrl with a path such as ``http://127.0.0.1:PORT/_connector`` yields
``/_connector/v3/...``. Routes are therefore matched after *any* prefix.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import math
import random
import re
import socket
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from aiohttp import web

logger = logging.getLogger(__name__)

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
#: Teams' documented per-bot, per-conversation limits: (window in seconds, max operations).
TEAMS_PER_CONVERSATION_LIMITS: tuple[tuple[float, int], ...] = (
    (1.0, 7),
    (2.0, 8),
    (30.0, 60),
    (3600.0, 1800),
)
#: Operations that post into a conversation and so count against the per-conversation limits.
MESSAGE_OPS = frozenset({"send", "reply", "update", "delete"})

_CID, _AID = r"/v3/conversations/(?P<cid>[^/]+)", r"/activities/(?P<aid>[^/]+)"
# (method, path after any prefix, op). Order matters: "history" before the reply route.
_ROUTE_TABLE: tuple[tuple[str, str, str], ...] = (
    ("GET", r"/v3/conversations", "get_conversations"),
    ("POST", r"/v3/conversations", "create_conversation"),
    ("POST", _CID + r"/activities/history", "send_history"),
    ("POST", _CID + r"/activities", "send"),
    ("POST", _CID + _AID, "reply"),
    ("PUT", _CID + _AID, "update"),
    ("DELETE", _CID + _AID, "delete"),
    ("GET", _CID + _AID + r"/members", "get_activity_members"),
    ("GET", _CID + r"/members", "get_members"),
    ("GET", _CID + r"/members/(?P<mid>[^/]+)", "get_member"),
    ("GET", _CID + r"/pagedmembers", "get_paged_members"),  # Teams client says "pagedMembers"
    ("GET", r"/v3/teams/(?P<tid>[^/]+)/conversations", "get_channels"),
    ("GET", r"/v3/teams/(?P<tid>[^/]+)", "get_team"),
)
_ROUTES = [
    (method, re.compile(r"(?P<prefix>(?:/.*?)?)" + pattern + r"/?", re.IGNORECASE), op)
    for method, pattern, op in _ROUTE_TABLE
]


@dataclass
class Call:
    """One HTTP request the stub received, whatever it was answered with."""

    method: str
    path: str  # as received, prefix included
    conversation_id: str | None
    activity_id: str | None
    body: dict[str, Any] | None
    status: int  # 0 when the connection was dropped
    at: float  # stub clock (time.monotonic by default)
    op: str = "unknown"  # "send", "reply", "get_member", ...
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Fault:
    """A canned failure: an error status with Teams' ``{"error": {code, message}}`` body, a
    ``Retry-After`` header, a delay before answering, or a dropped TCP connection.
    ``Fault(status=200, delay=2)`` only slows the call down and then handles it normally.
    Note: aiohttp silently retries GET/PUT/DELETE once when a reused keep-alive connection is
    dropped, so script two drops to make such a call fail; POST is never retried."""

    status: int = 500
    code: str | None = None  # e.g. "ConversationBlockedByUser"; defaults to the status phrase
    message: str | None = None
    retry_after: float | None = None
    drop_connection: bool = False
    delay: float = 0.0


@dataclass(frozen=True)
class Violation:
    """A request refused with 429 because it would have exceeded a rate limit."""

    kind: str  # "conversation" | "global"
    conversation_id: str | None
    window: float
    limit: int
    retry_after: float
    at: float


def _error(status: int, code: str | None = None, message: str | None = None,
           retry_after: float | None = None) -> web.Response:
    """Answer like the Bot Connector does: ``{"error": {"code": ..., "message": ...}}``."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    body = {"error": {"code": code or phrase.replace(" ", ""), "message": message or phrase}}
    headers = {}
    if retry_after is not None:
        headers["Retry-After"] = f"{retry_after:g}"
    return web.json_response(body, status=status, headers=headers)


def _window_wait(hits: deque[float], now: float,
                 limits: Sequence[tuple[float, int]]) -> tuple[float, int, float] | None:
    """Return (window, limit, seconds to wait) for the first limit one more hit would exceed."""
    horizon = max(window for window, _ in limits)
    while hits and hits[0] <= now - horizon:
        hits.popleft()
    for window, limit in limits:
        recent = [t for t in hits if t > now - window]
        if len(recent) >= limit:
            return window, limit, recent[-limit] + window - now
    return None


class ConnectorStub:
    """An aiohttp server on 127.0.0.1 that plays Teams' Bot Connector service."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.calls: list[Call] = []
        self.created: list[dict[str, Any]] = []  # create_conversation bodies plus the new "id"
        self.violations: list[Violation] = []
        self.require_bearer = False
        self._clock = clock
        self._sent: list[dict[str, Any]] = []
        self._visible: dict[str, dict[str, dict[str, Any]]] = {}
        self._members: dict[str, tuple[dict[str, Any], frozenset[str] | None]] = {}
        self._teams: dict[str, dict[str, Any]] = {}
        self._personal: dict[tuple[str | None, str], str] = {}
        self._scripts: list[tuple[re.Pattern[str], str | None, deque[Fault | None]]] = []
        self._random: tuple[float, tuple[int, ...], random.Random, re.Pattern[str]] | None = None
        self._per_conversation = False
        self._limits: Sequence[tuple[float, int]] = TEAMS_PER_CONVERSATION_LIMITS
        self._limited_ops: frozenset[str] = MESSAGE_OPS
        self._global_rps: float | None = None
        self._conv_hits: dict[str, deque[float]] = {}
        self._global_hits: deque[float] = deque()
        # Teams activity ids are epoch milliseconds; starting at "now" keeps them unlike the
        # small ids tests tend to give incoming activities.
        self._ids = itertools.count(int(time.time() * 1000))
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # --- lifecycle -------------------------------------------------------------------------
    async def start(self) -> ConnectorStub:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))  # the OS picks a free port; no race with other tests
        await web.SockSite(self._runner, sock).start()
        self._port = sock.getsockname()[1]
        logger.info("connector stub listening on %s", self.url)
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> ConnectorStub:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """The serviceUrl to put in activities (ends with "/")."""
        return self.url_for("")

    def url_for(self, prefix: str = "_connector") -> str:
        """A serviceUrl with a path prefix, e.g. ``http://127.0.0.1:PORT/_connector/``."""
        if self._port is None:
            raise RuntimeError("ConnectorStub not started")
        prefix = prefix.strip("/")
        return f"http://127.0.0.1:{self._port}/" + (f"{prefix}/" if prefix else "")

    def clear(self) -> None:
        """Forget recorded traffic and rate-limit history (keeps members, teams and faults)."""
        self.calls.clear()
        self.created.clear()
        self.violations.clear()
        self._sent.clear()
        self._visible.clear()
        self._conv_hits.clear()
        self._global_hits.clear()

    # --- directory -------------------------------------------------------------------------
    def add_member(self, id: str, aad_object_id: str | None = None, name: str | None = None,
                   email: str | None = None, upn: str | None = None,
                   tenant_id: str | None = None, *, given_name: str | None = None,
                   surname: str | None = None, user_role: str = "user",
                   conversations: Iterable[str] | None = None) -> dict[str, Any]:
        """Register a user in Teams' TeamsChannelAccount shape; ``conversations=None`` means
        the user is a member of every conversation."""
        first, _, last = (name or "").partition(" ")
        account = {
            "id": id, "name": name, "aadObjectId": aad_object_id, "email": email,
            "userPrincipalName": upn or email, "tenantId": tenant_id,
            "givenName": given_name or first or None, "surname": surname or last or None,
            "userRole": user_role,
        }
        account = {k: v for k, v in account.items() if v is not None}
        self._members[id] = (account, None if conversations is None else frozenset(conversations))
        return account

    def add_team(self, team_id: str, name: str | None = None,
                 aad_group_id: str | None = None) -> None:
        """Register a team; its General channel has the team's id and no name, as in Teams."""
        self._teams.setdefault(team_id, {"name": name, "aadGroupId": aad_group_id,
                                         "channels": [{"id": team_id}]})
        if name is not None:
            self._teams[team_id]["name"] = name
        if aad_group_id is not None:
            self._teams[team_id]["aadGroupId"] = aad_group_id

    def add_channel(self, team_id: str, id: str, name: str | None = None) -> None:
        self.add_team(team_id)
        channels = [c for c in self._teams[team_id]["channels"] if c["id"] != id]
        channels.append({"id": id, "name": name} if name is not None else {"id": id})
        self._teams[team_id]["channels"] = channels

    # --- faults and limits -----------------------------------------------------------------
    def script(self, path_regex: str, responses: Sequence[Fault | None],
               method: str | None = None) -> None:
        """Answer the next calls whose path matches (``re.search``) with ``responses`` in
        order; ``None`` lets one call through to normal handling."""
        self._scripts.append((re.compile(path_regex), method and method.upper(),
                              deque(responses)))

    def pending_faults(self) -> int:
        return sum(len(queue) for _, _, queue in self._scripts)

    def fault_rate(self, p: float, statuses: Sequence[int] = (429, 502, 503, 504),
                   seed: int | None = None, path_regex: str = "") -> None:
        """Fail a fraction ``p`` of matching calls with a random status; a seed makes the
        sequence of outcomes reproducible. ``p=0`` turns it off."""
        self._random = None
        if p > 0:
            self._random = (p, tuple(statuses), random.Random(seed), re.compile(path_regex))

    def enforce_teams_limits(self, per_conversation: bool = True,
                             global_per_second: float | None = None, *,
                             limits: Sequence[tuple[float, int]] = TEAMS_PER_CONVERSATION_LIMITS,
                             ops: Iterable[str] = MESSAGE_OPS) -> None:
        """Answer 429 + Retry-After to calls that would exceed Teams' per-conversation
        limits (only accepted calls count) or a global requests-per-second budget."""
        self._per_conversation = per_conversation
        self._global_rps = global_per_second
        self._limits = tuple(limits)
        self._limited_ops = frozenset(ops)

    # --- views -----------------------------------------------------------------------------
    @property
    def sent(self) -> list[dict[str, Any]]:
        """Activities the bot sent/replied/updated/deleted, in order, each with
        ``conversation_id``, ``op`` and ``id`` (new id for send/reply, target otherwise)."""
        return list(self._sent)

    def in_conversation(self, cid: str) -> list[dict[str, Any]]:
        return [a for a in self._sent if a["conversation_id"] == cid]

    def visible(self, cid: str) -> list[dict[str, Any]]:
        """What a user would see now: sends and replies with updates applied, deletes removed."""
        return list(self._visible.get(cid, {}).values())

    def texts(self, ops: Iterable[str] = ("send", "reply", "update")) -> list[str]:
        wanted = set(ops)
        return [a["text"] for a in self._sent if a["op"] in wanted and a.get("text")]

    def attachments(self, content_type: str = ADAPTIVE_CARD,
                    ops: Iterable[str] = ("send", "reply", "update")) -> list[Any]:
        """Contents of every attachment of ``content_type`` (adaptive cards by default)."""
        wanted = set(ops)
        return [att.get("content") for a in self._sent if a["op"] in wanted
                for att in a.get("attachments") or [] if att.get("contentType") == content_type]

    async def wait_for(self, predicate_or_count: int | Callable[[list[dict[str, Any]]], bool],
                       timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until ``len(sent) >= count`` or ``predicate(sent)`` holds; returns ``sent``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            sent = self.sent
            if isinstance(predicate_or_count, int):
                if len(sent) >= predicate_or_count:
                    return sent
            elif predicate_or_count(sent):
                return sent
            remaining = deadline - loop.time()
            if remaining <= 0:
                got = [(a["op"], a["conversation_id"], a.get("text")
                        or [att.get("contentType") for att in a.get("attachments") or []])
                       for a in sent]
                raise AssertionError(f"timed out after {timeout}s waiting for "
                                     f"{predicate_or_count!r}; got {len(sent)}: {got}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    # --- HTTP ------------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        body: Any = None
        bad_json = False
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                bad_json = True
            bad_json = bad_json or not isinstance(body, dict)
        op, params = "unknown", {}
        for method, pattern, route_op in _ROUTES:
            match = pattern.fullmatch(request.path)
            if match and method == request.method:
                op, params = route_op, match.groupdict()
                break
        call = Call(request.method, request.path, params.get("cid"), params.get("aid"), body if isinstance(body, dict) else None, 0, self._clock(), op,
                    dict(request.query), dict(request.headers))
        self.calls.append(call)
        try:
            response = await self._respond(request, call, params, bad_json)
        except Exception:
            logger.exception("connector stub failed on %s %s", request.method, request.path)
            response = _error(500)
        if response is None:  # Fault(drop_connection=True)
            if request.transport is not None:
                request.transport.abort()
            return web.Response()
        call.status = response.status
        return response

    async def _respond(self, request: web.Request, call: Call, params: dict[str, Any],
                       bad_json: bool) -> web.Response | None:
        auth = request.headers.get("Authorization", "")
        if self.require_bearer and not (auth.startswith("Bearer ") and auth[7:].strip()):
            return _error(401, "Unauthorized", "Authorization has been denied for this request.")
        fault = self._next_fault(call)
        if fault is not None:
            logger.info("connector stub fault %s on %s %s", fault, call.method, call.path)
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.drop_connection:
                return None
            if fault.status >= 400:
                return _error(fault.status, fault.code, fault.message, fault.retry_after)
            # a 2xx/3xx "fault" is only a delay: answer normally afterwards (slow service)
        if call.op == "unknown":
            logger.warning("connector stub has no route for %s %s", call.method, call.path)
            return _error(404, "NotFound", f"No route for {call.method} {call.path}")
        if bad_json:
            return _error(400, "BadSyntax", "Request body is not a JSON object.")
        refused = self._check_limits(call)
        if refused is not None:
            return refused
        handler: Callable[[Call, dict[str, Any], Any], web.Response] = getattr(self, f"_{call.op}")
        return handler(call, params, request)

    def _next_fault(self, call: Call) -> Fault | None:
        for pattern, method, queue in self._scripts:
            if queue and (method is None or method == call.method) and pattern.search(call.path):
                return queue.popleft()  # None = let this one through
        if self._random is not None:
            p, statuses, rng, pattern = self._random
            if pattern.search(call.path) and rng.random() < p:
                status = rng.choice(statuses)
                return Fault(status=status, retry_after=1 if status == 429 else None)
        return None

    def _check_limits(self, call: Call) -> web.Response | None:
        now = self._clock()
        checks: list[tuple[str, deque[float], Sequence[tuple[float, int]]]] = []
        if self._global_rps is not None:
            window = max(1.0, 1.0 / self._global_rps)
            checks.append(("global", self._global_hits,
                           ((window, max(1, math.floor(self._global_rps * window))),)))
        if self._per_conversation and call.op in self._limited_ops and call.conversation_id:
            hits = self._conv_hits.setdefault(call.conversation_id, deque())
            checks.append(("conversation", hits, self._limits))
        for kind, hits, limits in checks:
            exceeded = _window_wait(hits, now, limits)
            if exceeded is not None:
                window, limit, wait = exceeded
                retry_after = max(1, math.ceil(wait))  # Retry-After is whole seconds in HTTP
                self.violations.append(Violation(kind, call.conversation_id, window, limit,
                                                 retry_after, now))
                logger.info("connector stub rate limit %s %s/%ss hit by %s %s", kind, limit,
                            window, call.method, call.path)
                return _error(429, "TooManyRequests",
                              f"Rate limit of {limit} per {window:g}s exceeded", retry_after)
        for _, hits, _ in checks:
            hits.append(now)
        return None

    def _record(self, op: str, cid: str, aid: str, activity: dict[str, Any] | None) -> None:
        entry = {**(activity or {}), "id": aid, "conversation_id": cid, "op": op}
        self._sent.append(entry)
        visible = self._visible.setdefault(cid, {})
        if op == "delete":
            visible.pop(aid, None)
        else:
            visible[aid] = entry
        self._changed.set()

    def _new_id(self) -> str:
        return str(next(self._ids))

    def _members_of(self, cid: str) -> list[dict[str, Any]]:
        return [acc for acc, convs in self._members.values() if convs is None or cid in convs]

    # --- operations (named after Call.op) ----------------------------------------------------
    def _get_conversations(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        unique = {c["id"]: {"id": c["id"], "isGroup": bool(c.get("isGroup"))} for c in self.created}
        return web.json_response({"conversations": list(unique.values())})

    def _create_conversation(self, call: Call, params: dict[str, Any],
                             request: Any) -> web.Response:
        body = call.body or {}
        members = body.get("members") or []
        channel = (body.get("channelData") or {}).get("channel") or {}
        aid = self._new_id() if body.get("activity") else None
        if channel.get("id"):  # a new thread in a channel: "<channel>;messageid=<first post>"
            cid = f"{channel['id']};messageid={aid or self._new_id()}"
        elif not body.get("isGroup") and len(members) == 1 and members[0].get("id"):
            # Teams hands back the same 1:1 conversation for the same user every time.
            key = (body.get("tenantId"), members[0]["id"])
            cid = self._personal.setdefault(key, f"a:{uuid.uuid4().hex}")
        else:
            cid = f"19:{uuid.uuid4().hex}@thread.v2"
        call.conversation_id = cid
        self.created.append({**body, "id": cid})
        answer = {"id": cid, "serviceUrl": f"{request.scheme}://{request.host}"
                  f"{params.get('prefix') or ''}/"}
        if aid is not None:
            self._record("send", cid, aid, body["activity"])
            answer["activityId"] = aid
        return web.json_response(answer, status=201)

    def _send(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        aid = self._new_id()
        call.activity_id = aid
        self._record("send", params["cid"], aid, call.body)
        return web.json_response({"id": aid}, status=201)

    def _reply(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        aid = self._new_id()  # call.activity_id keeps the replied-to id from the path
        self._record("reply", params["cid"], aid, call.body)
        return web.json_response({"id": aid}, status=201)

    def _update(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        self._record("update", params["cid"], params["aid"], call.body)
        return web.json_response({"id": params["aid"]})  # the SDK parses a JSON body here

    def _delete(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        self._record("delete", params["cid"], params["aid"], None)
        return web.Response(status=200)  # the SDK treats 204 as an error for delete_activity

    def _send_history(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        return web.json_response({"id": self._new_id()}, status=201)

    def _get_members(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        return web.json_response(self._members_of(params["cid"]))

    _get_activity_members = _get_members

    def _get_member(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        wanted = params["mid"].lower()  # Teams accepts the 29: id or the AAD object id
        for account in self._members_of(params["cid"]):
            if wanted in (account["id"].lower(), account.get("aadObjectId", "").lower()):
                return web.json_response(account)
        return _error(404, "MemberNotFoundInConversation",
                      "The member was not found in the conversation.")

    def _get_paged_members(self, call: Call, params: dict[str, Any],
                           request: Any) -> web.Response:
        token = call.query.get("continuationToken") or ""  # "" = first page (Teams client)
        match = re.fullmatch(r"ct(\d+)", token)
        try:
            size = int(call.query.get("pageSize") or 200)
        except ValueError:
            size = 0
        if size < 1 or (token and match is None):
            return _error(400, "BadArgument", "Invalid pageSize or continuationToken.")
        members = self._members_of(params["cid"])
        start = int(match.group(1)) if match else 0
        page: dict[str, Any] = {"members": members[start:start + size]}
        if start + size < len(members):  # the last page has no token (the SDK rejects "")
            page["continuationToken"] = f"ct{start + size}"
        return web.json_response(page)

    def _get_channels(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        team = self._teams.get(params["tid"])
        if team is None:
            return _error(404, "NotFound", "Team not found or bot not installed in it.")
        return web.json_response({"conversations": team["channels"]})

    def _get_team(self, call: Call, params: dict[str, Any], request: Any) -> web.Response:
        tid = params["tid"]
        team = self._teams.get(tid)
        if team is None:
            return _error(404, "NotFound", "Team not found or bot not installed in it.")
        details = {"id": tid, "name": team["name"], "aadGroupId": team["aadGroupId"],
                   "channelCount": len(team["channels"]),
                   "memberCount": len(self._members_of(tid)), "type": "standard"}
        return web.json_response({k: v for k, v in details.items() if v is not None})
