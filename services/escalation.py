"""The coordinators' digest: who missed two rounds in a row, sent to each coordinator privately.

Runs as a scheduled job (scheduler/jobs.py "escalation"). The rule is domain/escalation.py's.
A digest goes to the personal chat of every holder of "koordinator" for the plan (or for every
plan), through the outbox like every proactive message, and never to a channel: a person's
silence is not for their colleagues to read. The dedupe key escalation:{round}:{coordinator}
sends one digest per coordinator per escalation event, however often the job runs.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.escalation import RoundOutcome, missed_twice
from domain.reminder_content import Escalation, MissedPerson, ReminderComposer
from domain.reminders import working_day
from services.assignments import target_for
from services.round_view import RoundView, round_view
from storage.db import Database
from storage.repository import Repository

log = logging.getLogger(__name__)


def escalation_key(round_id: int, coordinator_id: int) -> str:
    return f"escalation:{round_id}:{coordinator_id}"


def _name(view: RoundView, person_id: int) -> str:
    person = view.people[person_id]
    return person.display_name or person.email or "?"


def digests(views: list[RoundView], today: date) -> list[tuple[RoundView, Escalation]]:
    """One plan's finished rounds (oldest first) → a digest per round that is someone's second
    miss in a row, naming those people and their open actions in it. Someone who is away
    ("borta till") today is left out: they said why they are silent."""
    by_id = {v.round.id: v for v in views}
    missed = missed_twice([RoundOutcome(v.round.id, frozenset(v.owned), v.silent())
                           for v in views])
    events: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for person_id, (previous, latest) in missed.items():
        away = by_id[latest].people[person_id].away_until
        if away is None or away < today:
            events[latest].append((person_id, previous))
    out = []
    for round_id, people in sorted(events.items()):
        view = by_id[round_id]
        listed = sorted((MissedPerson(_name(view, pid), tuple(
            a.full_title for a in view.unanswered.get(pid, ()))) for pid, _ in people),
            key=lambda m: m.name.lower())
        previous_label = by_id[people[0][1]].round.label
        out.append((view, Escalation(view.plan.district, view.plan.name, view.round.label,
                                     previous_label, tuple(listed))))
    return out


async def queue_escalations(db: Database, now: datetime, *, compose: ReminderComposer,
                            zone: ZoneInfo) -> int:
    """Queue the digests of every plan; returns how many were queued (on working days only)."""
    today = now.astimezone(zone).date()
    if not working_day(today):
        return 0
    queued = 0
    async with db.transaction() as repo:
        plans: dict[int, list[RoundView]] = defaultdict(list)
        for rnd in await repo.finished_rounds(today):
            view = await round_view(repo, rnd)
            if view is not None:
                plans[rnd.plan_id].append(view)
        for plan_id, views in plans.items():
            for view, digest in digests(views, today):
                queued += await _send(repo, plan_id, view, digest, compose)
    log.info("escalation digests queued: %d", queued)
    return queued


async def _send(repo: Repository, plan_id: int, view: RoundView, digest: Escalation,
                compose: ReminderComposer) -> int:
    queued = 0
    for coordinator in await repo.plan_coordinators(plan_id):
        target = await target_for(repo, coordinator)  # a personal chat, never a channel
        if target is None:
            continue
        if await repo.enqueue(kind="escalation", dedupe_key=escalation_key(view.round.id,
                                                                           coordinator.id),
                              activity=compose.escalation(digest, coordinator.language),
                              target=target, plan_id=plan_id, round_id=view.round.id,
                              person_id=coordinator.id):
            queued += 1
    return queued
