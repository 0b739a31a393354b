"""Saving a status, and reading what a person has to report: one transaction each.

The person always comes from the activity (the caller passes `person_id`); authorization, field
checks and the idempotency key are decided here, so cards, the text dialog and the CLI get the
same answers.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from domain.followup import FieldError, ReportItem, Round, StatusInput, StatusReport, check_input
from domain.model import Action, Person
from domain.periods import Period, closed_period_of, round_day
from domain.when import WhenKind
from services.assignments import (
    Responder,
    action_in_round,
    is_coordinator,
    report_item,
    responders,
    round_actions,
)
from services.people import TeamsIdentity, recognised
from services.periods import next_open_round
from services.standins import acting_for, name_of, today_of
from storage.db import Database
from storage.repository import Repository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SaveResult:
    """ok (with the stored version), field errors, or a refusal (an i18n key + values).

    `sender` is the person, when the save was asked for by Teams identity; None then means the
    identity is not (or not unchanged) known here, and nothing was stored.
    """

    report: StatusReport | None = None
    errors: tuple[FieldError, ...] = ()
    refused: str = ""
    refused_values: dict = field(default_factory=dict)
    duplicate: bool = False
    item: ReportItem | None = None
    sender: Person | None = None
    stale: StatusReport | None = None  # nothing stored: this newer version was already saved

    @property
    def ok(self) -> bool:
        return self.report is not None and not self.errors and not self.refused


def save_key(data: StatusInput, person_id: int) -> str | None:
    """Same card, same person, same content → same key (a replay stores nothing new)."""
    if not data.idempotency_key:
        return None
    content = [data.idempotency_key, person_id, data.status.value, data.done_text,
               data.occasions, data.needs_support, data.support_text]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


async def record_status(
    db: Database, data: StatusInput, *, person_id: int | None = None,
    sender: TeamsIdentity | None = None, now: datetime, coordinators: tuple[str, ...] = (),
    source: str = "teams",
) -> SaveResult:
    """Store a new version of this person's status, if they may and the input is sound.

    The person is `person_id`, or the Teams `sender` recognised inside this same transaction
    (a card save is then one transaction in all; `SaveResult.sender` None: not recognised).
    """
    async with db.transaction() as repo:
        if sender is not None:
            person = await recognised(repo, sender)
            if person is None:
                return SaveResult()
            result = await _record(repo, data, person.id, now, coordinators, source)
            return replace(result, sender=person)
        if person_id is None:
            raise TypeError("record_status needs person_id or sender")
        return await _record(repo, data, person_id, now, coordinators, source)


async def _record(repo: Repository, data: StatusInput, person_id: int, now: datetime,
                  coordinators: tuple[str, ...], source: str) -> SaveResult:
    """The save itself, inside the caller's transaction. A stand-in (`_locate` gave the owner's
    Responder) writes a version of the owner's chain, attributed to the stand-in, and signs the
    audit event."""
    found = await _locate(repo, data.round_id, data.action_id, person_id, now)
    if isinstance(found, SaveResult):
        return found
    rnd, action, area, me, closed = found
    if me is None and not await _coordinator(repo, person_id, rnd.plan_id, coordinators):
        return SaveResult(refused="fu_refused")
    locked = await _locked(repo, rnd, action, area, person_id, closed)
    if locked is not None:
        return locked
    owner_id = me.person.id if me else person_id  # differs from person_id for a stand-in
    counts = action.when.kind is WhenKind.TIMES_PER_YEAR
    errors = check_input(data, counts_occasions=counts)
    ended = round_refusal(rnd)
    if errors or ended:  # the form again, with every party's newest status
        latest = await repo.latest_reports(rnd.plan_id, action_ids=[action.id])
        item = report_item(rnd, action, area, owner_id, latest)
        if ended:
            return replace(ended, item=item)
        return SaveResult(errors=errors, item=item)
    # The newest version is read anyway (the audit's "before"): it also tells a replay of that
    # save (same key) and a card drawn from an older version (stale) apart, in no extra statement.
    key = save_key(data, person_id)
    before, before_key = await repo.newest_report_keyed(rnd.id, action.id, owner_id)
    if before is not None and key is not None and before_key == key:
        return SaveResult(report=before, duplicate=True,
                          item=report_item(rnd, action, area, owner_id, [before]))
    if is_stale(data, before):
        latest = await repo.latest_reports(rnd.plan_id, action_ids=[action.id])
        return SaveResult(stale=before, item=report_item(rnd, action, area, owner_id, latest))
    # A replay of an older save (same key) is found by the unique key: add_status_report_once
    # returns the stored version instead of a new one.
    report, created = await repo.add_status_report_once(
        data, person_id=owner_id, role_id=me.role_id if me else None, source=source,
        key=key, now=now, names=_names(action, me), **await _acting(repo, person_id, owner_id))
    if created:
        await repo.audit(actor=f"person:{person_id}", action="status.saved",
                         entity="status_report", entity_id=report.id, plan_id=rnd.plan_id,
                         before=_audited(before),
                         after={"action_id": action.id, "round_id": rnd.id,
                                "status": report.status.value, "version": report.version,
                                **({"for": f"person:{owner_id}"} if owner_id != person_id else {})})
    # The receipt shows what was saved, not the other parties: they are not read on this path.
    return SaveResult(report=report, duplicate=not created,
                      item=report_item(rnd, action, area, owner_id, [report]))


async def _acting(repo: Repository, person_id: int, owner_id: int) -> dict:
    """The stand-in's attribution for the stored version (nothing for the owner's own save)."""
    if person_id == owner_id:
        return {}
    standin = (await repo.people_by_ids({person_id}))[person_id]
    return {"attributed_to": name_of(standin), "acted_by": person_id}


def round_refusal(rnd: Round, closed: Sequence[Period] = ()) -> SaveResult | None:
    """Why no version may be saved in this round now, or None: every save path asks here
    (a card, the text dialog, "oförändrat"), so a new rule for a round holds for all of them.
    `closed`: the closed reporting periods (a round of one is frozen); the card save names the
    next open round too (`_locked`)."""
    if not rnd.is_open:
        return SaveResult(refused="fu_err_round_closed", refused_values={"label": rnd.label})
    period = closed_period_of(round_day(rnd), closed)
    if period is not None:
        return SaveResult(refused="period_err_closed",
                          refused_values={"label": rnd.label, "period": period.label})
    return None


def is_stale(data: StatusInput, newest: StatusReport | None) -> bool:
    """Was the card drawn from an older version than the newest one of this party?

    A party is one person's version chain for one action in one round (versions are numbered
    per round, action and person). `data.base` is the id of the version the card showed (0: the
    card was drawn before this person had saved anything). Co-owners each have their own chain:
    another owner's save never makes my card stale (it shows under "Tidigare status"); my own
    newer save from another card, device or chat does. `base` None (text dialog, CLI) skips the
    check.
    """
    return data.base is not None and newest is not None and data.base != newest.id


def _names(action: Action, me: Responder | None) -> tuple[str, str] | None:
    """(person name, role name) of a responder's report, as the database would give them."""
    if me is None:
        return None  # a coordinator: the stored report is read back
    role = next((r.role.name for r in action.responsibilities if r.role.id == me.role_id), "")
    return me.person.display_name or me.person.email or "", role


async def _coordinator(repo: Repository, person_id: int, plan_id: int,
                       coordinators: tuple[str, ...]) -> bool:
    person = (await repo.people_by_ids({person_id})).get(person_id)
    return person is not None and await is_coordinator(repo, person, plan_id, coordinators)


async def _locked(repo: Repository, rnd: Round, action: Action, area: str, person_id: int,
                  closed: tuple[Period, ...]) -> SaveResult | None:
    """The refusal when the round's reporting period is closed (its report is frozen), naming
    the plan's next open round; None when the round may take answers. The closed periods came
    with the round, so an allowed save spends no statement on this."""
    period = closed_period_of(round_day(rnd), closed)
    if period is None:
        return None
    latest = await repo.latest_reports(rnd.plan_id, action_ids=[action.id])
    values = {"label": rnd.label, "period": period.label}
    later = await next_open_round(repo, rnd, closed)
    if later is not None:
        values["next"] = later.label
    return SaveResult(refused="period_err_closed_next" if later else "period_err_closed",
                      refused_values=values,
                      item=report_item(rnd, action, area, person_id, latest))


async def _locate(repo: Repository, round_id: int, action_id: int, person_id: int,
                  now: datetime):
    """(round, action, area, my Responder or None, closed periods) or a SaveResult saying what
    is unknown.

    Not a responder but the stand-in of one (services/standins.py, the stored record): the
    owner's Responder, so the answer is the owner's, written by the stand-in."""
    found = await action_in_round(repo, round_id, action_id)
    if found is None:
        unknown = "fu_err_unknown_round" if await repo.get_round(round_id) is None else "fu_err_unknown_action"
        return SaveResult(refused=unknown)
    rnd, action, area, handed_over, closed = found
    who = (await responders(repo, [action], rnd.id, handed_over=handed_over))[action.id]
    me = next((r for r in who if r.person.id == person_id), None)
    if me is None and person_id:
        owner = await acting_for(repo, person_id, {r.person.id for r in who}, today_of(now))
        me = next((r for r in who if r.person.id == owner), None)
    return rnd, action, area, me, closed


async def item_for(db: Database, round_id: int, action_id: int, person_id: int | None,
                   coordinators: tuple[str, ...] = ()) -> SaveResult:
    """The card view of one action for this person (to open or edit it), or a refusal; a
    stand-in sees the owner's version as theirs to change."""
    async with db.transaction() as repo:
        found = await _locate(repo, round_id, action_id, person_id or 0, repo.now())
        if isinstance(found, SaveResult):
            return found
        rnd, action, area, me, closed = found
        latest = await repo.latest_reports(rnd.plan_id, action_ids=[action.id])
        item = report_item(rnd, action, area, me.person.id if me else person_id, latest)
        if me is None and not (person_id and await _coordinator(
                repo, person_id, rnd.plan_id, coordinators)):
            return SaveResult(refused="fu_refused", item=read_only(item))
        locked = await _locked(repo, rnd, action, area, person_id or 0, closed)
        return locked or SaveResult(item=item)  # a closed period's round: read-only too


def read_only(item: ReportItem) -> ReportItem:
    """The view of an action for someone who neither owns it nor coordinates its plan (a card
    refreshed for a former owner, or forged): each party's status and date, not what they wrote.
    The free text is for the owners, the coordinators and the styrgrupp (services/lookup_access.py)."""
    saved = ((item.mine,) if item.mine else ()) + item.previous
    return replace(item, mine=None, previous=tuple(
        replace(r, done_text="", support_text="") for r in saved))


async def my_items(db: Database, person_id: int, *, open_only: bool = False,
                   standins: bool = True) -> list[ReportItem]:
    """Every action this person answers for in the open rounds (open_only: not yet answered),
    also those of owners they stand in for today (as the owner's item; `standins=False` spares
    that read, for the list redrawn after an owner's own save)."""
    items: list[ReportItem] = []
    async with db.transaction() as repo:
        rounds = await repo.open_rounds()
        standing_in = {s.person_id for s in await repo.active_standins(
            today_of(repo.now()), standin_id=person_id)} if rounds and standins else set()
        for rnd in rounds:
            plan, pairs = await round_actions(repo, rnd)
            who = await responders(repo, [a for a, _ in pairs], rnd.id)
            latest = await repo.latest_reports(rnd.plan_id)
            for action, area in pairs:
                ids = {r.person.id for r in who[action.id]}
                owner = person_id if person_id in ids else next(iter(sorted(ids & standing_in)), None)
                if owner is not None:
                    item = report_item(rnd, action, area, owner, latest,
                                       plan.district if plan else "")
                    if not (open_only and item.mine):
                        items.append(item)
    return items


def _audited(report: StatusReport | None) -> dict | None:
    """What this person had saved in this round before (the audit's "before"), if anything."""
    if report is None:
        return None
    return {"status": report.status.value, "version": report.version, "report_id": report.id}
