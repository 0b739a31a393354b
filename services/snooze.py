""""Påminn mig i morgon / på måndag": no reminder for these rounds before that day, one on it.

The day is counted in Stockholm: "i morgon" is the next working day, "på måndag" next week's
Monday or, when that is a Swedish public holiday, the first working day after it. The reminder
job reads the snoozes (services/reminders.py: `queue_reminders`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.unchanged import Snooze, Snoozed
from services.reminders import ZONE, working_day
from services.reports import round_refusal
from storage.db import Database


def snooze_day(choice: Snooze, today: date) -> date:
    """The day the person is reminded again (a working day, after today)."""
    if choice is Snooze.TOMORROW:
        day = today + timedelta(days=1)
    else:
        day = today + timedelta(days=7 - today.weekday())  # on a Monday: the next one
    while not working_day(day):
        day += timedelta(days=1)
    return day


async def snooze(db: Database, person_id: int, round_ids: list[int], choice: Snooze, *,
                 now: datetime, zone: ZoneInfo = ZONE) -> Snoozed:
    """Store the snooze for each open round named (a closed one sends no reminders anyway)."""
    until = snooze_day(choice, now.astimezone(zone).date())
    kept: list[int] = []
    async with db.transaction() as repo:
        for round_id in dict.fromkeys(round_ids):
            rnd = await repo.get_round(round_id)
            if rnd is None or round_refusal(rnd) is not None:
                continue
            await repo.set_snooze(person_id, round_id, until)
            kept.append(round_id)
        if kept:
            await repo.audit(actor=f"person:{person_id}", action="person.snoozed",
                             entity="person", entity_id=person_id,
                             after={"until": until.isoformat(), "rounds": kept})
    return Snoozed(until, tuple(kept))
