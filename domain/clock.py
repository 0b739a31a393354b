"""The one source of "now": a function that returns the current time, aware and in UTC.

The composition roots (app.create_app, the `folja` CLI, the worker) choose the clock and hand it
down: `Database` passes it to every repository (`self.now()`), the bot's handlers find it in
`BotDeps`, the CLI in its click context. Nothing deeper asks the operating system for the time,
so a test or a replay can run at any moment it chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The operating system's time, aware and in UTC: the clock of a real installation."""
    return datetime.now(UTC)
