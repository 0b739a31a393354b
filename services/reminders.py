"""Reminders to owners who have not answered: N days before the due date and on it.

Never on weekends or Swedish public holidays (a slot that falls on one moves to the working day
before), never to people who are away, and never twice for one slot: the outbox dedupe key
reminder:{round}:{person}:{date} holds across restarts and replicas.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays

from domain.followup import Composer, Round
from domain.periods import closed_period_of, round_day
from services.assignments import report_item, responders, round_actions, target_for
from services.indicator_rows import indicator_rows
from storage.db import Database

log = logging.getLogger(__name__)
DEFAULT_DAYS_BEFORE = 2
ZONE = ZoneInfo("Europe/Stockholm")


def working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays.Sweden(years=day.year)


def previous_working_day(day: date) -> date:
    while not working_day(day):
        day -= timedelta(days=1)
    return day


def reminder_days(rnd: Round, days_before: int) -> set[date]:
    """The working days on which this round reminds (before the due date, and the due date)."""
    if rnd.due_date is None:
        return set()
    n = rnd.reminder_days_before if rnd.reminder_days_before is not None else days_before
    slots = {rnd.due_date} | ({rnd.due_date - timedelta(days=n)} if n > 0 else set())
    return {previous_working_day(d) for d in slots}


async def queue_reminders(db: Database, now: datetime, *, compose: Composer,
                          days_before: int = DEFAULT_DAYS_BEFORE, zone: ZoneInfo = ZONE,
                          round_ref: str | None = None) -> int:
    """Queue today's reminders for every open round (or one); returns how many were queued.
    `compose` as for `open_round` (the edges pass cards/followup_messages.COMPOSER)."""
    today = now.astimezone(zone).date()
    if not working_day(today):
        return 0
    queued = 0
    async with db.transaction() as repo:
        only = await repo.find_round(round_ref) if round_ref else None
        closed = await repo.closed_periods()
        for rnd in await repo.open_rounds():
            if (round_ref and (only is None or only.id != rnd.id)) or today not in reminder_days(rnd, days_before):
                continue
            if closed_period_of(round_day(rnd), closed):  # its answers would be refused
                continue
            _plan, pairs = await round_actions(repo, rnd)
            who = await responders(repo, [a for a, _ in pairs], rnd.id)
            latest = await repo.latest_reports(rnd.plan_id)
            answered = {(r.action_id, r.person_id) for r in latest if r.round_id == rnd.id}
            answered_roles = {(r.action_id, r.role_id) for r in latest
                              if r.round_id == rnd.id and r.role_id}
            pending: dict[int, tuple] = {}
            for action, area in pairs:
                for resp in who[action.id]:
                    pid = resp.person.id
                    if (action.id, pid) in answered or (action.id, resp.role_id) in answered_roles:
                        continue
                    person, items = pending.setdefault(pid, (resp.person, []))
                    items.append(report_item(rnd, action, area, pid, latest))
            for person, items in pending.values():
                if person.away_until and person.away_until >= today:
                    continue
                target = await target_for(repo, person)
                if target is None:
                    continue
                activity = compose.prompt(items, person.language, reminder=True, today=today)
                if owed := await indicator_rows(repo, rnd, person.id):  # the indicator rows
                    activity = compose.with_indicators(activity, owed, person.language)
                if await repo.enqueue(kind="reminder", activity=activity, target=target,
                                      dedupe_key=f"reminder:{rnd.id}:{person.id}:{today.isoformat()}",
                                      plan_id=rnd.plan_id, round_id=rnd.id, person_id=person.id):
                    queued += 1
    log.info("reminders queued: %d", queued)
    return queued
