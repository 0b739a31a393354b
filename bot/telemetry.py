"""Which turn a log line belongs to, without ever logging what the user wrote.

A turn's ids (activity, conversation, person) live in a context variable for the duration of one
request to /api/messages, so every log record written while handling it carries them (JSON logs:
`LOG_FORMAT=json`). The same record-of-the-turn carries its outcome for the metrics.
`TurnLogFilter` also strips message text from the SDK's "No route found … with text: …" warning:
message text may hold personal data and has no place in a log.
"""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar
from dataclasses import dataclass

TURN_FIELDS = ("activity_id", "conversation_id", "person_id")


@dataclass
class TurnInfo:
    """What is known about the turn being handled; filled in as the request is read."""

    activity_id: str = ""
    conversation_id: str = ""
    person_id: int | None = None
    kind: str = "unknown"  # the activity type, "unknown" until the body is read
    name: str = ""  # the invoke name, if any
    outcome: str = "ok"  # ok | rejected | refused | error


_TURN: ContextVar[TurnInfo | None] = ContextVar("folja_turn", default=None)


def begin() -> TurnInfo:
    """Start a turn's record in the current task (one request = one task in aiohttp)."""
    info = TurnInfo()
    _TURN.set(info)
    return info


def current() -> TurnInfo | None:
    return _TURN.get()


def note(**fields: object) -> None:
    """Set fields of the current turn's record, if there is one (proactive sends have none)."""
    info = _TURN.get()
    if info is None:
        return
    for key, value in fields.items():
        setattr(info, key, value)


_TEXT_TAIL = re.compile(r"\s+with text:.*\Z", re.DOTALL)


class TurnLogFilter(logging.Filter):
    """Adds the turn's ids to every record and removes message text the SDK put in a log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        info = _TURN.get()
        if info is not None:
            for key in TURN_FIELDS:
                value = getattr(info, key)
                if value not in (None, "") and not hasattr(record, key):
                    setattr(record, key, value)
        if record.name.startswith("microsoft_agents") and "with text:" in str(record.msg):
            record.msg = _TEXT_TAIL.sub(" (text withheld)", record.getMessage())
            record.args = ()
        return True


SDK_ROUTING_LOGGER = "microsoft_agents.hosting.core.app.agent_application"
SDK_ACTIVITY_LOGGER = "microsoft_agents.activity.activity"


class InboundValidationFilter(logging.Filter):
    """The SDK logs a body that is not an Activity at ERROR, with the offending values (which may
    be message text). At our gate that is a client's mistake answered 400: a WARNING, no values."""

    def filter(self, record: logging.LogRecord) -> bool:
        info = _TURN.get()
        if info is not None and info.kind == "unknown" and str(record.msg).startswith(
                "Validation error for Activity"):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg, record.args = "inbound body is not an Activity (values withheld)", ()
            record.exc_info = record.exc_text = None
        return True


def protect_sdk_logs() -> None:
    """Keep message text out of the SDK's log lines, for every handler (idempotent)."""
    for name, kind in ((SDK_ROUTING_LOGGER, TurnLogFilter),
                       (SDK_ACTIVITY_LOGGER, InboundValidationFilter)):
        logger = logging.getLogger(name)
        if not any(isinstance(f, kind) for f in logger.filters):
            logger.addFilter(kind())
