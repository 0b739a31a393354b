"""The one status catalogue used everywhere (cards, summaries, reports, the text dialog).

Six values, because the 2024 follow-up texts fall into these without forcing: done, on track,
partly done, delayed, not started, discontinued. Labels for users live in the i18n catalogue.
"""

from __future__ import annotations

import enum


class Status(enum.StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    PARTIAL = "partial"
    DELAYED = "delayed"
    NOT_STARTED = "not_started"
    DISCONTINUED = "discontinued"

    @property
    def needs_text(self) -> bool:
        """"Vad har genomförts?" is required unless nothing has started."""
        return self is not Status.NOT_STARTED

    @property
    def needs_attention(self) -> bool:
        """Statuses the styrgrupp should look at."""
        return self in (Status.DELAYED, Status.NOT_STARTED)


STATUS_ORDER: tuple[Status, ...] = tuple(Status)
