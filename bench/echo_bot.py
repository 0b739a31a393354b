"""The baseline: a bare echo AgentApplication on the same SDK, stack and local-mode connections.

`python -m bench.echo_bot PORT` serves it on 127.0.0.1:PORT/api/messages.
"""

from __future__ import annotations

import sys

from aiohttp import web
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_middleware
from microsoft_agents.hosting.core import (
    AgentApplication,
    ApplicationOptions,
    MemoryStorage,
    MessageFactory,
    TurnContext,
    TurnState,
)

from bot.sdk import auth_configuration, connections
from config import Settings


def build() -> web.Application:
    settings = Settings()
    config = auth_configuration(settings)
    manager = connections(settings, config)
    adapter = CloudAdapter(connection_manager=manager)
    agent = AgentApplication[TurnState](
        ApplicationOptions(storage=MemoryStorage(), start_typing_timer=False),
        connection_manager=manager,
    )

    async def echo(context: TurnContext, _state: TurnState) -> None:
        await context.send_activity(MessageFactory.text(f"Echo: {context.activity.text}"))

    agent.add_route(lambda c: c.activity.type == "message", echo)
    app = web.Application(middlewares=[jwt_authorization_middleware])
    app["agent_configuration"] = config

    async def messages(request: web.Request) -> web.StreamResponse:
        return await adapter.process(request, agent)

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    return app


if __name__ == "__main__":
    import logging

    logging.basicConfig(level=logging.ERROR)
    web.run_app(build(), host="127.0.0.1", port=int(sys.argv[1]), print=None)
