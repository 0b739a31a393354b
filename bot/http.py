"""HTTP edge: POST /api/messages and GET /healthz.

Bad input is answered 400 here, before the SDK sees it: the SDK would answer a body that is not an
Activity with 500. Authentication runs first (the SDK's JWT middleware, for every route but the
health check), so an unsigned request is refused before anything is read or stored.
"""

from __future__ import annotations

import json
import logging
import time

from aiohttp import web
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_middleware
from microsoft_agents.hosting.core import AgentApplication
from pydantic import ValidationError

from bot import gate, telemetry
from bot.metrics import METRICS, observe_turn
from i18n import t
from storage.db import Database, DatabaseUnavailable

log = logging.getLogger(__name__)
PUBLIC_PATHS = frozenset({"/healthz", "/metrics"})  # /metrics checks its own token
AGENT = web.AppKey("agent", AgentApplication)
ADAPTER = web.AppKey("adapter", CloudAdapter)
DATABASE = web.AppKey("database", Database)
SENDER = web.AppKey("sender", object)  # bot.proactive.TeamsSender
CLOCK = web.AppKey("clock", object)  # domain.clock.Clock, chosen in app.create_app


@web.middleware
async def authenticate(request: web.Request, handler):
    """The SDK's JWT validation on every route except the public health check."""
    if request.path in PUBLIC_PATHS:
        return await handler(request)
    return await jwt_authorization_middleware(request, handler)


@web.middleware
async def observe(request: web.Request, handler):
    """For each POST to /api/messages: the turn's log context, then its outcome and latency."""
    if request.path != "/api/messages":
        return await handler(request)
    info = telemetry.begin()
    started, status = time.perf_counter(), 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        outcome = info.outcome
        if status >= 500:
            outcome = "error"
        elif status >= 400 and outcome == "ok":
            outcome = "rejected"
        if METRICS in request.app:
            observe_turn(request.app[METRICS], info.kind, outcome, started)


def bad_request(reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=400)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")  # NaN, Infinity: Python accepts them, JSON does not


async def _activity_body(request: web.Request) -> dict | web.Response:
    """The request body as a dict that is a valid Activity, or a 400 response saying why."""
    if request.content_type != "application/json":
        return bad_request("Content-Type must be application/json")
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return bad_request("body too large")
    try:
        data = json.loads(body, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return bad_request("body is not JSON")
    if not isinstance(data, dict):
        return bad_request("body is not a JSON object")
    try:
        activity = Activity.model_validate(data)
    except (ValidationError, ValueError, TypeError, RecursionError):
        return bad_request("body is not an Activity")
    if not activity.type or not activity.conversation or not activity.conversation.id:
        return bad_request("Activity must have type and conversation.id")
    if reason := gate.problem(data, activity):
        return bad_request(reason)
    telemetry.note(activity_id=(activity.id or "")[:200], kind=str(activity.type)[:50],
                   conversation_id=activity.conversation.id[:200], name=(activity.name or "")[:100])
    return data


async def messages(request: web.Request) -> web.StreamResponse:
    checked = await _activity_body(request)
    if isinstance(checked, web.Response):
        return checked
    try:
        response = await request.app[ADAPTER].process(request, request.app[AGENT])
    except DatabaseUnavailable:
        return web.json_response({"error": "database unavailable"}, status=503)
    if response.status == 501 and checked.get("type") == "invoke":
        return _unanswered_invoke()
    return response


def _unanswered_invoke() -> web.Response:
    """An invoke no handler answered (unknown or forged action, refused tenant, a fault).

    The SDK says 501; Teams shows that as a broken card. Say in Swedish that nothing was saved.
    """
    info = telemetry.current()
    outcome = info.outcome if info else "ok"
    if outcome == "refused":
        return web.json_response({"error": "tenant not allowed"}, status=403)
    if outcome == "ok":
        telemetry.note(outcome="rejected")
    key = "card_action_failed" if outcome == "error" else "card_action_unknown"
    return web.json_response({"statusCode": 200, "type": "application/vnd.microsoft.activity.message",
                              "value": t(key, "sv")})


async def healthz(request: web.Request) -> web.Response:
    ok = await request.app[DATABASE].ping()
    return web.json_response(
        {"status": "ok" if ok else "database unavailable"}, status=200 if ok else 503
    )
