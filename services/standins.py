"""Stand-ins (ersättare): an owner's prompts and reminders go to a colleague until a date, and
the colleague may answer the owner's actions.

`routes` is the one rule "who receives for whom" that opening a round and the reminders both
call; `acting_for` is what the save asks. Permission always comes from the stored record (the
person acting comes from the activity), never from card data. Every start and end, including the
automatic end when the date has passed (`expire_standins`), is in the audit trail.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.followup import Composer, ReportItem
from domain.model import Person
from domain.personal_data import contains_personal_number
from domain.standin import StandIn, receivers
from services.coordination import scope_in
from storage.db import Database
from storage.repository import Repository

log = logging.getLogger(__name__)
ZONE = ZoneInfo("Europe/Stockholm")  # the municipality's day decides "until" (inclusive)


class StandinError(LookupError):
    """The command cannot be done; `key` is the i18n message, nothing was saved."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key, self.values = key, values


@dataclass(frozen=True)
class StandinSet:
    owner: str
    standin: str
    until: date
    for_other: bool


def today_of(now: datetime) -> date:
    return now.astimezone(ZONE).date()


def name_of(person: Person) -> str:
    return person.display_name or person.email or f"#{person.id}"


async def routes(repo: Repository, people: list[Person], day: date) -> dict[int, Person]:
    """Owner id → the stand-in who receives their prompts and reminders on `day` (one query,
    two when someone has a stand-in); owners without one are not listed."""
    if not people:
        return {}
    ids = {p.id for p in people}
    pairs = receivers(ids, await repo.active_standins(day, person_ids=ids), day)
    if not pairs:
        return {}
    found = await repo.people_by_ids(set(pairs.values()))
    return {owner: found[s] for owner, s in pairs.items() if s in found}


def prompt_for(compose: Composer, items: list[ReportItem], owner: Person, receiver: Person, *,
               reminder: bool, today: date) -> dict:
    """The prompt (or reminder) in the receiver's language; a stand-in's says for whom."""
    activity = compose.prompt(items, receiver.language, reminder=reminder, today=today)
    if receiver.id != owner.id:
        note = compose.notice("standin_prompt_for", receiver.language, name=name_of(owner))
        activity["text"] = f"{note['text']}\n\n{activity.get('text', '')}".strip()
    return activity


async def acting_for(repo: Repository, person_id: int, owner_ids: set[int], day: date
                     ) -> int | None:
    """The owner (among `owner_ids`) this person stands in for on `day`, from the stored
    records; None when they stand in for none of them."""
    if not owner_ids:
        return None
    found = await repo.active_standins(day, person_ids=owner_ids, standin_id=person_id)
    return found[-1].person_id if found else None


async def _owner(repo: Repository, actor: Person, owner_email: str | None,
                 coordinators: tuple[str, ...], *, ending: bool = False) -> Person:
    """The owner the command is about: the actor, or (coordinators, own district) someone else.
    `ending`: the refusal speaks of ending a stand-in, not of naming one."""
    if owner_email is None or owner_email == (actor.email or "").lower():
        return actor
    owner = await repo.person_by_email(owner_email)
    if owner is None:
        raise StandinError("standin_err_email_unknown", email=owner_email)
    scope = await scope_in(repo, actor, coordinators)
    if not scope.is_coordinator:
        raise StandinError("standin_err_not_coordinator_end" if ending
                           else "standin_err_not_coordinator")
    if not scope.everything and not any(scope.covers(p) for p in await repo.plan_ids_of_person(owner.id)):
        raise StandinError("standin_err_not_your_district", email=owner_email)
    return owner


async def set_standin(db: Database, *, actor_id: int, standin_email: str, owner_email: str | None,
                      until: date, now: datetime, coordinators: tuple[str, ...] = (),
                      text: str = "") -> StandinSet:
    """Name `standin_email` as the owner's stand-in to `until` (inclusive); an earlier active
    stand-in of the owner ends. StandinError (nothing saved) for a personal identity number in
    `text`, a past date, an unknown e-mail, the owner themselves, or someone outside the
    coordinator's district."""
    if contains_personal_number(text or f"{standin_email} {owner_email or ''}"):
        raise StandinError("standin_err_personal_number")
    if until < today_of(now):
        raise StandinError("standin_err_past")
    async with db.transaction() as repo:
        actor = (await repo.people_by_ids({actor_id})).get(actor_id)
        if actor is None:
            raise StandinError("standin_err_unknown_sender")
        owner = await _owner(repo, actor, owner_email, coordinators)
        standin = await repo.person_by_email(standin_email)
        if standin is None:
            raise StandinError("standin_err_email_unknown", email=standin_email)
        if standin.id == owner.id:
            raise StandinError("standin_err_self")
        by = actor.email or f"person:{actor.id}"
        await _end(repo, owner, by=by, now=now, action="standin.ended")
        record = await repo.add_standin(person_id=owner.id, standin_id=standin.id, until=until,
                                        by=by, now=now)
        await repo.audit(actor=by, action="standin.started", entity="person", entity_id=owner.id,
                         after={"standin": f"person:{standin.id}", "until": until.isoformat(),
                                "record": record.id})
        return StandinSet(name_of(owner), name_of(standin), until, owner.id != actor.id)


async def _end(repo: Repository, owner: Person, *, by: str, now: datetime, action: str
               ) -> list[StandIn]:
    ended = await repo.end_standins(owner.id, by=by, now=now, day=today_of(now))
    for record in ended:
        await repo.audit(actor=by, action=action, entity="person", entity_id=owner.id,
                         before={"standin": f"person:{record.standin_id}",
                                 "until": record.until.isoformat(), "record": record.id})
    return ended


async def end_standin(db: Database, *, actor_id: int, owner_email: str | None, now: datetime,
                      coordinators: tuple[str, ...] = ()) -> str:
    """End the owner's stand-in early (audited); returns the stand-in's name.
    StandinError when there is none or the actor may not end it."""
    async with db.transaction() as repo:
        actor = (await repo.people_by_ids({actor_id})).get(actor_id)
        if actor is None:
            raise StandinError("standin_err_unknown_sender")
        owner = await _owner(repo, actor, owner_email, coordinators, ending=True)
        ended = await _end(repo, owner, by=actor.email or f"person:{actor.id}", now=now,
                           action="standin.ended")
        if not ended:
            raise StandinError("standin_err_none", name=name_of(owner))
        people = await repo.people_by_ids({ended[-1].standin_id})
        return name_of(people[ended[-1].standin_id]) if people else ""


async def expire_standins(db: Database, now: datetime) -> int:
    """Mark the stand-ins whose last day has passed as ended, in the audit trail (the routing
    already ignores them: `StandIn.active_on` reads the date)."""
    async with db.transaction() as repo:
        records = await repo.expired_standins(today_of(now))
        await repo.mark_standins_ended([r.id for r in records], by="system", now=now)
        for r in records:
            await repo.audit(actor="system", action="standin.expired", entity="person",
                             entity_id=r.person_id,
                             before={"standin": f"person:{r.standin_id}",
                                     "until": r.until.isoformat(), "record": r.id})
    if records:
        log.info("stand-ins expired: %d", len(records))
    return len(records)
