"""Queue today's reminders: one per person per day, holding all their open actions.

Who is reminded on which day is domain/reminders.py's rule (weekends, holidays, away,
preferences, each round's slots); this module reads the rounds, applies it and queues. The
outbox dedupe key reminder:{person}:{date} makes "one per person per day" hold across rounds,
restarts and replicas. A snooze ("påminn mig i morgon / på måndag", services/snooze.py) keeps a
round out of a person's reminders before its day, and brings one on that day.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.model import Person
from domain.periods import closed_period_of, round_day
from domain.reminder_content import OpenAction, ReminderComposer, RoundPart
from domain.reminders import (
    DEFAULT_DAYS_BEFORE,
    NO_PREFERENCE,
    Preference,
    previous_working_day,
    reminder_days,
    reminds_today,
    send_at,
    working_day,
)
from services import standins
from services.assignments import target_for
from services.indicator_rows import indicator_rows
from services.round_view import RoundView, round_view
from storage.db import Database
from storage.repository import Repository

__all__ = ["DEFAULT_DAYS_BEFORE", "ZONE", "previous_working_day", "queue_reminders",
           "reminder_days", "reminder_key", "working_day"]

log = logging.getLogger(__name__)
ZONE = ZoneInfo("Europe/Stockholm")


def reminder_key(person_id: int, day: date) -> str:
    """The outbox dedupe key: one reminder per person per day, whatever the rounds."""
    return f"reminder:{person_id}:{day.isoformat()}"


def part_of(view: RoundView, person_id: int, for_name: str = "") -> RoundPart:
    rnd = view.round
    return RoundPart(for_name=for_name,
        district=view.plan.district, plan_name=view.plan.name, round_label=rnd.label,
        due_date=rnd.due_date, people_answered=view.progress.people_answered,
        people_total=view.progress.people_total,
        actions=tuple(OpenAction(rnd.id, a.id, a.full_title)
                      for a in view.unanswered[person_id]))


async def open_views(repo: Repository, round_ref: str | None) -> list[RoundView]:
    """Every open round (or the one named) outside a closed period, as reminders see them."""
    only = await repo.find_round(round_ref) if round_ref else None
    closed = await repo.closed_periods()
    views = []
    for rnd in await repo.open_rounds():
        if round_ref and (only is None or only.id != rnd.id):
            continue
        if closed_period_of(round_day(rnd), closed):  # its answers would be refused
            continue
        view = await round_view(repo, rnd)
        if view is not None:
            views.append(view)
    return views


async def queue_reminders(db: Database, now: datetime, *, compose: ReminderComposer,
                          days_before: int = DEFAULT_DAYS_BEFORE, zone: ZoneInfo = ZONE,
                          round_ref: str | None = None) -> int:
    """Queue today's reminders (for everyone, or for the owners of one round's open actions);
    returns how many were queued. `compose` as cards/reminders.COMPOSER."""
    today = now.astimezone(zone).date()
    if not working_day(today):
        return 0
    queued = 0
    async with db.transaction() as repo:
        owing: dict[int, list[RoundView]] = {}
        for view in await open_views(repo, round_ref):
            for pid in view.unanswered:
                owing.setdefault(pid, []).append(view)
        if round_ref:  # the whole reminder still holds every open round of theirs
            everything = await open_views(repo, None)
            owing = {pid: [v for v in everything if pid in v.unanswered] for pid in owing}
        preferences = await repo.reminder_preferences(set(owing))
        sent_to = await standins.routes(repo, [v[0].people[p] for p, v in owing.items()], today)
        snoozes = {v.round.id: await repo.snoozes(v.round.id)
                   for v in {v.round.id: v for vs in owing.values() for v in vs}.values()}
        due: dict[int, list[tuple[Person, list[RoundView]]]] = {}  # receiver → owners
        wants: dict[int, tuple[Person, Preference]] = {}
        for pid, all_views in owing.items():
            owner = all_views[0].people[pid]
            person = sent_to.get(pid, owner)  # a stand-in, while one is named
            preference = preferences.get(person.id, NO_PREFERENCE)
            until = [snoozes[v.round.id].get(pid) for v in all_views]
            views = [v for v, u in zip(all_views, until, strict=True) if u is None or u <= today]
            woken = today in until and not (person.away_until and person.away_until >= today)
            if not views or not (woken or reminds_today(
                    today, [v.round for v in views], preference, zone, person.away_until,
                    days_before)):
                continue
            due.setdefault(person.id, []).append((owner, views))
            wants[person.id] = (person, preference)
        reminded = await repo.reminded_on(set(due), today)
        for pid, owners in due.items():
            if pid not in reminded:  # an earlier run today, with other owners, reached them
                queued += await _queue_one(repo, owners, *wants[pid], compose, today, zone)
    log.info("reminders queued: %d", queued)
    return queued


async def _queue_one(repo: Repository, owners: list[tuple[Person, list[RoundView]]],
                     person: Person, preference: Preference, compose: ReminderComposer,
                     today: date, zone: ZoneInfo) -> int:
    """The one reminder of `person` today: their own open actions and those of the owners they
    stand in for, each of those said for whom. The dedupe key is the owner's (their own first),
    so an owner is reminded once a day whoever receives it, and a stand-in who owns actions
    too gets one message, not one per owner."""
    target = await target_for(repo, person)
    if target is None:
        return 0
    owners = sorted(owners, key=lambda o: (o[0].id != person.id, o[0].id))
    first_owner, views = owners[0]
    alone = len(owners) == 1
    parts = [part_of(v, owner.id, "" if alone or owner.id == person.id
                     else standins.name_of(owner)) for owner, vs in owners for v in vs]
    for_name = standins.name_of(first_owner) if alone and first_owner.id != person.id else ""
    activity = await _with_indicators(repo, compose.reminder(parts, person.language, today,
                                                             for_name), owners, person, compose)
    first = views[0].round
    queued = await repo.enqueue(kind="reminder", activity=activity, target=target,
                                dedupe_key=reminder_key(first_owner.id, today),
                                plan_id=first.plan_id, round_id=first.id, person_id=person.id,
                                not_before=send_at(today, preference, zone))
    return 1 if queued else 0


async def _with_indicators(repo: Repository, activity: dict,
                           owners: list[tuple[Person, list[RoundView]]], person: Person,
                           compose: ReminderComposer) -> dict:
    """The indicators owed for a round's period come along (the first found)."""
    for owner, views in owners:
        for view in views:
            if owed := await indicator_rows(repo, view.round, owner.id):
                return compose.with_indicators(activity, owed, person.language)
    return activity
