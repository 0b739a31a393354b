"""What the user sees when a turn fails: a calm Swedish sentence, never a stack trace.

Faults are logged with the activity id (not the message text). The SDK's default handler sends
the exception text to the user; ours replaces it on both the app and the adapter.
"""

from __future__ import annotations

import logging

from microsoft_agents.hosting.core import MessageFactory, TurnContext

from bot import telemetry
from i18n import t
from storage.db import DatabaseUnavailable

log = logging.getLogger(__name__)


class ErrorPolicy:
    """How a failed turn ends for the user (the language is the deployment's default)."""

    def __init__(self, default_language: str = "sv") -> None:
        self.lang = default_language

    async def on_error(self, context: TurnContext, error: Exception) -> None:
        """A turn raised: log it with the activity id and tell the user calmly (not an invoke)."""
        activity = context.activity
        telemetry.note(outcome="error")
        if isinstance(error, DatabaseUnavailable):
            log.warning("database unavailable during turn %s", activity.id)
            key = "database_down"
        else:
            log.error("turn %s (%s) failed", activity.id, activity.type, exc_info=error)
            key = "error_try_again"
        if activity.type == "invoke":
            return  # the invoke answer is decided by the HTTP layer
        try:
            await context.send_activity(MessageFactory.text(t(key, self.lang)))
        except Exception:  # noqa: BLE001 - nothing more we can tell the user
            log.warning("could not send the error message for turn %s", activity.id)
