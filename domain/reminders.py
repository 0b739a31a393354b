"""Who gets a reminder today: the rule, kept pure so it reads (and is tested) day by day.

- Never on a weekend or a Swedish public holiday (Trettondedag jul included), never while the
  person is away ("borta till", inclusive), and at most one reminder per person per day: the one
  reminder holds every open action of theirs in every open round.
- Without a preference a round reminds on its slots: `days_before` days before its due date and
  on the due date, each moved back to the working day before when it falls on a day off.
- A preferred weekday ("påminn mig på tisdagar") replaces a round's slots with that weekday in
  the seven days ending on the due date. When that day is a holiday, or not after the day the
  round opened, the round's own slots apply instead: one reminder before (or on) the due date
  always happens. No reminder ever comes after the due date (the coordinators' escalation
  digest takes over from there), so a preference can only move a reminder, never add one.
- A preferred hour ("påminn mig kl 9", Stockholm time) holds the day's reminder back until then;
  an hour that has passed sends it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

DEFAULT_DAYS_BEFORE = 2
WEEK = 7


def working_day(day: date) -> bool:
    """Monday to Friday and not a Swedish public holiday."""
    return day.weekday() < 5 and day not in holidays.Sweden(years=day.year)


def previous_working_day(day: date) -> date:
    while not working_day(day):
        day -= timedelta(days=1)
    return day


class _Round(Protocol):
    @property
    def due_date(self) -> date | None: ...
    @property
    def reminder_days_before(self) -> int | None: ...
    @property
    def opened_at(self) -> datetime: ...


@dataclass(frozen=True)
class Preference:
    """When a person likes to be reminded: a weekday (0 = Monday) and/or an hour (0–23)."""

    weekday: int | None = None
    hour: int | None = None

    @property
    def empty(self) -> bool:
        return self.weekday is None and self.hour is None


NO_PREFERENCE = Preference()


def reminder_days(rnd: _Round, days_before: int = DEFAULT_DAYS_BEFORE) -> set[date]:
    """The round's own slots: the working days before the due date and the due date."""
    if rnd.due_date is None:
        return set()
    n = rnd.reminder_days_before if rnd.reminder_days_before is not None else days_before
    slots = {rnd.due_date} | ({rnd.due_date - timedelta(days=n)} if n > 0 else set())
    return {previous_working_day(d) for d in slots}


def preferred_day(rnd: _Round, weekday: int, opened_on: date) -> date | None:
    """The preferred weekday in the week ending on the due date, if it can carry a reminder."""
    if rnd.due_date is None:
        return None
    day = rnd.due_date - timedelta(days=(rnd.due_date.weekday() - weekday) % WEEK)
    return day if working_day(day) and day > opened_on else None


def round_days(rnd: _Round, preference: Preference, zone: ZoneInfo,
               days_before: int = DEFAULT_DAYS_BEFORE) -> set[date]:
    """The days this round reminds this person on, their weekday preference applied."""
    if preference.weekday is not None:
        chosen = preferred_day(rnd, preference.weekday, rnd.opened_at.astimezone(zone).date())
        if chosen is not None:
            return {chosen}
    return reminder_days(rnd, days_before)


def reminds_today(today: date, rounds: list[_Round], preference: Preference, zone: ZoneInfo,
                  away_until: date | None = None,
                  days_before: int = DEFAULT_DAYS_BEFORE) -> bool:
    """Does a person with open actions in `rounds` get their (one) reminder today?"""
    if not working_day(today) or (away_until is not None and away_until >= today):
        return False
    return any(today in round_days(r, preference, zone, days_before) for r in rounds)


def send_at(today: date, preference: Preference, zone: ZoneInfo) -> datetime | None:
    """The moment the day's reminder may go out (None: at once)."""
    if preference.hour is None:
        return None
    return datetime.combine(today, time(preference.hour), tzinfo=zone)
