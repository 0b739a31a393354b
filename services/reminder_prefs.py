"""A person's reminder preference: set (merged with what they had), shown, cleared.

Typed in chat ("påminn mig på tisdagar", "påminn mig kl 9", "mina påminnelser", "påminn mig
när som helst"); the rule that applies it is domain/reminders.py's.
"""

from __future__ import annotations

from domain.reminders import NO_PREFERENCE, Preference
from storage.db import Database


async def set_preference(db: Database, person_id: int, change: Preference) -> Preference:
    """Keep what `change` leaves unsaid: "kl 9" after "på tisdagar" keeps the Tuesdays."""
    async with db.transaction() as repo:
        old = (await repo.reminder_preferences({person_id})).get(person_id, NO_PREFERENCE)
        merged = Preference(change.weekday if change.weekday is not None else old.weekday,
                            change.hour if change.hour is not None else old.hour)
        await repo.set_reminder_preference(person_id, merged)
        await repo.audit(actor=f"person:{person_id}", action="reminders.preference",
                         entity="person", entity_id=person_id,
                         before={"weekday": old.weekday, "hour": old.hour},
                         after={"weekday": merged.weekday, "hour": merged.hour})
        return merged


async def preference_of(db: Database, person_id: int) -> Preference:
    async with db.transaction() as repo:
        return (await repo.reminder_preferences({person_id})).get(person_id, NO_PREFERENCE)


async def clear_preference(db: Database, person_id: int) -> bool:
    """Back to the rounds' own reminder days; True when there was something to clear."""
    async with db.transaction() as repo:
        cleared = await repo.clear_reminder_preference(person_id)
        if cleared:
            await repo.audit(actor=f"person:{person_id}", action="reminders.preference",
                             entity="person", entity_id=person_id, before=None, after=None)
        return cleared
