"""Opening, reading and closing follow-up rounds; the prompts go out through the outbox.

`open_round` is one transaction: the round and one prompt per owner are written together, so a
crash never leaves a round without its prompts (or prompts without a round).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from domain.followup import Composer, Round, StatusReport
from domain.periods import closed_period_of
from domain.personal_data import contains_personal_number
from domain.progress import Progress, waiting
from domain.response_rate import ResponseRate, response_rate
from domain.status import Status
from services.assignments import responders, round_actions, target_for
from services.prompts import items_per_person, queue_prompts
from services.standins import name_of
from services.summaries import load_summary_input
from storage.db import Database
from storage.repository import Repository

log = logging.getLogger(__name__)


class FollowupError(LookupError):
    """Something the user named does not exist or cannot be done; `key` is the i18n message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key, self.values = key, values


@dataclass(frozen=True)
class RoundOpened:
    round: Round
    actions: int
    prompted: tuple[str, ...]
    unreachable: tuple[str, ...]
    away: tuple[str, ...]
    plan_name: str = ""


@dataclass(frozen=True)
class Party:
    """One responder's line in the round status."""

    person: str
    role: str
    report: StatusReport | None
    reachable: bool = True


@dataclass(frozen=True)
class ActionStatus:
    action_id: int
    area: str
    title: str
    parties: tuple[Party, ...]


@dataclass(frozen=True)
class RoundStatus:
    """The round per action and party, with the counts the styrgrupp card shows (`progress`,
    domain/progress.py), so the CLI and the card never disagree."""

    round: Round
    plan_name: str
    actions: tuple[ActionStatus, ...]
    unreachable: tuple[str, ...] = field(default=())
    progress: Progress = field(default=Progress(0, 0, 0, 0))
    response: ResponseRate | None = None  # answered share, time to answer, reminders per answer


async def _areas(repo: Repository, plan_id: int, names: list[str] | None) -> list[int]:
    if not names:
        return []
    plan = await repo.get_plan(plan_id)
    ids = []
    for name in names:
        found = [a.id for a in (plan.areas if plan else ()) if a.name.lower() == name.strip().lower()
                 or str(a.position) == name.strip()]
        if not found:
            raise FollowupError("fu_err_area", area=name)
        ids += found
    return ids


def refuse_past_due(due: date | None, now: datetime, zone: tzinfo | None) -> None:
    """A due date before today (in the municipality's time zone) would greet every owner with a
    deadline that has already gone; due today is fine."""
    today = now.astimezone(zone).date() if zone is not None else now.date()
    if due is not None and due < today:
        raise FollowupError("round_err_due_past", due=due, today=today.isoformat())


def overlaps(area_ids: tuple[int, ...] | list[int], other: Round) -> bool:
    """Whether two rounds ask about a common priority area (no areas chosen: all of them)."""
    return not area_ids or not other.area_ids or bool(set(area_ids) & set(other.area_ids))


async def _refuse_overlap(repo: Repository, plan_id: int, area_ids: list[int]) -> None:
    """A plan has at most one open round per priority area, so nobody is asked twice at once.

    The plan row is locked first (PostgreSQL), so two openings at the same moment cannot both
    pass the check; on SQLite transactions already run one at a time."""
    await repo.lock_plan(plan_id)
    for other in await repo.open_rounds(plan_id):
        if overlaps(area_ids, other):
            raise FollowupError("round_err_overlap", label=other.label, id=other.id,
                                due=other.due_date)


async def _refuse_closed_period(repo: Repository, day: date) -> None:
    """A round whose day (due date, else today) lies in a closed reporting period would ask for
    answers that period's frozen report can never show."""
    locked = closed_period_of(day, await repo.closed_periods())
    if locked is not None:
        raise FollowupError("period_err_round_open", period=locked.label, day=day)


async def open_round(
    db: Database, plan_ref: str, *, label: str, due: date | None, areas: list[str] | None = None,
    actor: str, now: datetime, compose: Composer, reminder_days_before: int | None = None,
    zone: tzinfo | None = None,
) -> RoundOpened:
    """Create the round and queue one prompt per owner (dedupe key prompt:{round}:{person}).

    Refused (FollowupError) when the label holds a personal identity number, when `due` is
    before today in `zone` (default: `now`'s own zone) or when an open round of the plan already
    covers one of the areas. `compose` turns an owner's items into the prompt
    (cards/followup_messages.COMPOSER): the edges pass it, so services never import cards."""
    if contains_personal_number(label):  # the CLI's --label and the chat's command alike
        raise FollowupError("fu_err_label_personal_number")
    refuse_past_due(due, now, zone)
    async with db.transaction() as repo:
        plan_id = await repo.find_plan_id(plan_ref)
        if plan_id is None:
            raise FollowupError("fu_err_plan", plan=plan_ref)
        area_ids = await _areas(repo, plan_id, areas)
        await _refuse_overlap(repo, plan_id, area_ids)
        await _refuse_closed_period(repo, due or now.date())
        rnd = await repo.create_round(
            plan_id=plan_id, label=label.strip() or now.date().isoformat(), due=due,
            area_ids=area_ids, opened_by=actor, now=now,
            reminder_days_before=reminder_days_before,
        )
        opened = await _queue_prompts(repo, rnd, compose, now)
        await repo.audit(actor=actor, action="round.opened", entity="round", entity_id=rnd.id,
                         plan_id=plan_id, after={"label": rnd.label, "due": str(due),
                                                 "areas": area_ids, "people": len(opened.prompted)})
    log.info("round %s opened: %d people prompted", rnd.id, len(opened.prompted))
    return opened


async def _queue_prompts(repo: Repository, rnd: Round, compose: Composer,
                         now: datetime) -> RoundOpened:
    asked = await items_per_person(repo, [("", rnd)])
    sent = await queue_prompts(repo, asked.per_person.values(), [rnd], compose, now,
                               lambda person: f"prompt:{rnd.id}:{person.id}")
    plan = asked.plans.get(rnd.plan_id)
    return RoundOpened(rnd, asked.actions, tuple(sent.prompted), tuple(sent.unreachable),
                       tuple(sent.away), plan.name if plan else "")


async def close_round(db: Database, round_ref: str, *, actor: str, now: datetime,
                      allowed: Callable[[int], bool] | None = None) -> Round:
    """Close the round; `allowed(plan_id)` (a chat coordinator's scope) refuses other plans'
    rounds as if they did not exist."""
    async with db.transaction() as repo:
        rnd = await repo.find_round(round_ref)
        if rnd is None or (allowed is not None and not allowed(rnd.plan_id)):
            raise FollowupError("fu_err_round", round=round_ref)
        await repo.close_round(rnd.id, now)
        await repo.audit(actor=actor, action="round.closed", entity="round", entity_id=rnd.id,
                         plan_id=rnd.plan_id, before={"state": rnd.state.value},
                         after={"state": "closed", "closed_at": now.isoformat()})
        return await repo.get_round(rnd.id) or rnd


async def round_status(db: Database, round_ref: str) -> RoundStatus:
    """Per action and responder: who has answered (latest version), who has not, who is out of reach."""
    async with db.transaction() as repo:
        rnd = await repo.find_round(round_ref)
        if rnd is None:
            raise FollowupError("fu_err_round", round=round_ref)
        plan, pairs = await round_actions(repo, rnd)
        who = await responders(repo, [a for a, _ in pairs], rnd.id)
        latest = await repo.latest_reports(rnd.plan_id, rnd.id)
        reach: dict[int, bool] = {}
        rows = []
        for action, area in pairs:
            parties = []
            for resp in who[action.id]:
                pid = resp.person.id
                if pid not in reach:
                    reach[pid] = await target_for(repo, resp.person) is not None
                mine = next((r for r in latest if r.action_id == action.id and r.person_id == pid), None)
                role = next((x.role.name for x in action.responsibilities if x.role.id == resp.role_id), "")
                parties.append(Party(name_of(resp.person), role, mine, reach[pid]))
            rows.append(ActionStatus(action.id, area, action.title, tuple(parties)))
        names = {p.person for a in rows for p in a.parties if not p.reachable}
        data = await load_summary_input(repo, rnd.plan_id, rnd.id)
        counted = waiting(data.actions, data.reports, data.people).progress if data else None
        rate = response_rate(data.response) if data and data.response else None
        return RoundStatus(rnd, plan.name if plan else "", tuple(rows), tuple(sorted(names)),
                           counted or Progress(0, len(rows), 0, 0), rate)


def status_counts(status: RoundStatus) -> dict[str, int]:
    """How many latest answers per status value (for the CLI summary line)."""
    counts = {s.value: 0 for s in Status}
    for a in status.actions:
        for p in a.parties:
            if p.report:
                counts[p.report.status.value] += 1
    return counts
