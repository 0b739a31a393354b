""""Oförändrat sedan förra" and "påminn mig": what a busy owner's one click did. Pure.

Rules (decided here, applied by services/unchanged.py and services/snooze.py):
- The answer confirmed is this person's, or their role's, newest answer given in Följa in an
  earlier round of the action, or of last year's action it continues (`previous_action_id`,
  set by the importer's links and cut when a link is undone); the newest of these wins. The
  imported follow-up cell is not an answer of this person and is never confirmed.
- Status, text and the support request (flag and text) are carried over as they were: a need
  that was not met stays in front of the steering group until the owner says otherwise, and the
  receipt shows it. Occasions ("hur många tillfällen hittills i år") are carried only from the
  same action (this year); last year's count is not this year's.
- Only actions this person has not answered in this round are confirmed: an answer of this
  round is never replaced by an older one (the receipt lists them as already answered).
- "I morgon" is the next working day; "på måndag" is next week's Monday, or the first working
  day after it when it is a Swedish public holiday.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from domain.followup import ReportItem, StatusReport

SOURCE = "unchanged"  # status_reports.source of a confirmed version
MAX_ITEMS = 60  # actions one click may confirm (a list card holds far fewer)


class Snooze(enum.StrEnum):
    TOMORROW = "tomorrow"
    MONDAY = "monday"


@dataclass(frozen=True)
class Confirmed:
    """One action confirmed: the version saved now, and whether it came from last year's action."""

    title: str
    report: StatusReport
    last_year: bool = False


@dataclass(frozen=True)
class Unchanged:
    """What one "oförändrat" did: confirmed actions, those left open (no earlier answer), those
    already answered in this round, and a refusal (an i18n key) when nothing could be done.

    For one action (a row's or card's button), `item` is its card view after the click and
    `stale` the newer version of this person's that made the clicked card old."""

    confirmed: tuple[Confirmed, ...] = ()
    no_earlier: tuple[str, ...] = ()
    answered: tuple[str, ...] = ()
    refused: str = ""
    refused_values: dict | None = None
    item: ReportItem | None = None
    stale: StatusReport | None = None

    @property
    def anything(self) -> bool:
        return bool(self.confirmed or self.no_earlier or self.answered)


@dataclass(frozen=True)
class Snoozed:
    """The day the person will be reminded, and the rounds it holds for."""

    until: date
    rounds: tuple[int, ...]
