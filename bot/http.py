"""HTTP edge: POST /api/messages and GET /healthz.

Bad input is answered 400 here, before the SDK sees it: the SDK would answer a body that is not an
Activity with 500. Authentication runs first (the SDK's JWT middleware, for every route but the
health check), so an unsigned request is refused before anything is read or stored.
"""

from __future__ import annotations

import json
import logging

from aiohttp import web
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_middleware
from microsoft_agents.hosting.core import AgentApplication
from pydantic import ValidationError

from storage.db import Database, DatabaseUnavailable

log = logging.getLogger(__name__)
PUBLIC_PATHS = frozenset({"/healthz"})
AGENT = web.AppKey("agent", AgentApplication)
ADAPTER = web.AppKey("adapter", CloudAdapter)
DATABASE = web.AppKey("database", Database)
SENDER = web.AppKey("sender", object)  # bot.proactive.TeamsSender


@web.middleware
async def authenticate(request: web.Request, handler):
    """The SDK's JWT validation on every route except the public health check."""
    if request.path in PUBLIC_PATHS:
        return await handler(request)
    return await jwt_authorization_middleware(request, handler)


def bad_request(reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=400)


async def _activity_body(request: web.Request) -> dict | web.Response:
    """The request body as a dict that is a valid Activity, or a 400 response saying why."""
    if request.content_type != "application/json":
        return bad_request("Content-Type must be application/json")
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return bad_request("body too large")
    try:
        data = json.loads(body)
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
    return data


async def messages(request: web.Request) -> web.StreamResponse:
    checked = await _activity_body(request)
    if isinstance(checked, web.Response):
        return checked
    try:
        return await request.app[ADAPTER].process(request, request.app[AGENT])
    except DatabaseUnavailable:
        return web.json_response({"error": "database unavailable"}, status=503)


async def healthz(request: web.Request) -> web.Response:
    ok = await request.app[DATABASE].ping()
    return web.json_response(
        {"status": "ok" if ok else "database unavailable"}, status=200 if ok else 503
    )
