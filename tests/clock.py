"""The tests' clock: frozen at a moment derived from the real today, moved by the test.

Every date a test chooses is relative to that frozen now, so the suite means the same thing on
any day it runs (CI also runs it with the system clock moved, `make test-moved-clock`). Dates
that are data from a real plan (the 2024 and 2025 plans' years) stay as they are.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import time_machine

from services.reminders import working_day

STOCKHOLM = ZoneInfo("Europe/Stockholm")
HOUR = 8  # UTC: 09:00 or 10:00 in Stockholm, inside a working day either way


def at(day: date, hour: int = HOUR, minute: int = 0) -> datetime:
    """`day` at hour:minute UTC, aware."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def stockholm(day: date, hour: int, minute: int = 0) -> datetime:
    """`day` at hour:minute on Stockholm's clock, as an aware UTC datetime (summer time aware)."""
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM).astimezone(UTC)


def next_working_week(after: date) -> date:
    """The first Monday after `after` whose Monday to Friday and the Monday after are all Swedish
    working days: a week in which "Friday", "the Monday after" and "two days before" need no
    thought about holidays (Christmas, Easter and Midsummer weeks are skipped)."""
    day = after + timedelta(days=7 - after.weekday())
    while not all(working_day(day + timedelta(days=n)) for n in (0, 1, 2, 3, 4, 7)):
        day += timedelta(days=7)
    return day


def next_weekday_holiday(after: date) -> date:
    """The first Swedish public holiday after `after` that falls on a Monday to Friday."""
    found = holidays.Sweden(years=(after.year, after.year + 1))
    return min(d for d in found if d > after and d.weekday() < 5)


def iso_week(day: date) -> str:
    """The period key of a weekly schedule for `day` (e.g. "2027-W24")."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class FrozenClock:
    """A test's clock: `clock()` is the frozen now (aware, UTC), the same moment `datetime.now`,
    `time.time` and every `system_clock` in the code see; `move_to` and `shift` move it."""

    def __init__(self, traveller: time_machine.Coordinates) -> None:
        self._traveller = traveller

    def __call__(self) -> datetime:
        return datetime.now(UTC)

    @property
    def today(self) -> date:
        """The frozen now's date in Stockholm, where the follow-up's days are counted."""
        return self().astimezone(STOCKHOLM).date()

    def move_to(self, moment: datetime) -> datetime:
        self._traveller.move_to(moment, tick=False)
        return self()

    def shift(self, delta: timedelta) -> datetime:
        self._traveller.shift(delta)
        return self()

    def to_working_monday(self) -> datetime:
        """Move to the Monday of the next plain working week (`next_working_week`), at HOUR."""
        return self.move_to(at(next_working_week(self.today)))
