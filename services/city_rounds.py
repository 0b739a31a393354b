"""`folja round open --city`: one round in every district's active plan, opened together.

One transaction: the city round, its rounds and the prompts are written together. A person who
owns actions in several districts (a kommunpolis bound to every district, a guest) gets ONE
message for the city round, its actions grouped by district (dedupe key
prompt:city:{city round}:{person}); each action stays in its own district's round, so a save goes
into the right round. Opening the same label and due date again opens nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from domain.city_round import CityRound, DistrictPlanRef, city_round_key
from domain.followup import Composer, Round
from domain.model import Person
from domain.personal_data import contains_personal_number
from services.city_cards import Render, publish_city_card
from services.coordination import scope_in
from services.prompts import items_per_person, queue_prompts
from services.rounds import FollowupError, overlaps, refuse_past_due
from storage.db import Conflict, Database
from storage.repository import Repository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CityRoundOpened:
    city_round: CityRound
    rounds: tuple[tuple[str, int], ...]  # (district, round id), districts by name
    actions: int
    prompted: tuple[str, ...]
    unreachable: tuple[str, ...]
    away: tuple[str, ...]


async def open_city_round(
    db: Database, *, label: str, due: date | None, actor: str, now: datetime,
    compose: Composer, person: Person | None = None, coordinators: tuple[str, ...] = (),
    zone: tzinfo | None = None, render: Render | None = None,
) -> CityRoundOpened:
    """Open the city round (module docstring). `person` None: the CLI (the server's operator);
    a person must coordinate the whole city (a stadskoordinator)."""
    if contains_personal_number(label):
        raise FollowupError("fu_err_label_personal_number")
    refuse_past_due(due, now, zone)
    label = label.strip() or now.date().isoformat()
    args = (label, due, actor, now, compose, person, coordinators, render)
    try:
        return await _open_once(db, *args)
    except Conflict:  # the same city round opened at the same moment: this run now finds it
        return await _open_once(db, *args)


async def _open_once(db: Database, label: str, due: date | None, actor: str, now: datetime,
                     compose: Composer, person: Person | None, coordinators: tuple[str, ...],
                     render: Render | None) -> CityRoundOpened:
    async with db.transaction() as repo:
        if person is not None and not (await scope_in(repo, person, coordinators)).everything:
            raise FollowupError("cityround_not_city")
        found = await repo.city_round_by_key(city_round_key(label, due))
        if found is not None:
            raise FollowupError("cityround_exists", label=found.label, id=found.id)
        plans = await repo.newest_district_plans()
        if not plans:
            raise FollowupError("cityround_no_plans")
        city = await repo.create_city_round(key=city_round_key(label, due), label=label,
                                            due=due, opened_by=actor, now=now)
        rounds = await _create_rounds(repo, plans, city, label, due, actor, now)
        opened = await _queue(repo, city, rounds, compose, now)
        await _audit(repo, actor, city, rounds, len(opened.prompted))
        if render is not None:
            await publish_city_card(repo, city.id, render, now=now)
    log.info("city round %s opened in %d districts: %d people prompted", city.id, len(rounds),
             len(opened.prompted))
    return opened


async def _audit(repo: Repository, actor: str, city: CityRound,
                 rounds: list[tuple[str, Round]], people: int) -> None:
    await repo.audit(actor=actor, action="city_round.opened", entity="city_round",
                     entity_id=city.id, after={"label": city.label, "due": str(city.due_date),
                                               "rounds": [r.id for _, r in rounds],
                                               "people": people})
    for district, rnd in rounds:
        await repo.audit(actor=actor, action="round.opened", entity="round", entity_id=rnd.id,
                         plan_id=rnd.plan_id, after={"label": rnd.label, "due": str(rnd.due_date),
                                                     "areas": [], "city_round": city.id,
                                                     "district": district})


async def _create_rounds(repo: Repository, plans: list[DistrictPlanRef], city: CityRound,
                         label: str, due: date | None, actor: str, now: datetime
                         ) -> list[tuple[str, Round]]:
    """(district, round) in every plan; refused when a plan has an open round already. The
    plans are locked and their open rounds read together, not a query or two per district."""
    ids = [plan.plan_id for plan in plans]
    await repo.lock_plans(ids)
    open_now: dict[int, list[Round]] = {}
    for other in await repo.open_rounds():
        open_now.setdefault(other.plan_id, []).append(other)
    rounds: list[tuple[str, Round]] = []
    for plan in plans:
        for other in open_now.get(plan.plan_id, []):
            if overlaps((), other):
                raise FollowupError("cityround_overlap", district=plan.district,
                                    label=other.label, id=other.id)
        rnd = await repo.create_round(plan_id=plan.plan_id, label=label, due=due, area_ids=[],
                                      opened_by=actor, now=now, city_round_id=city.id)
        rounds.append((plan.district, rnd))
    return rounds


async def _queue(repo: Repository, city: CityRound, rounds: list[tuple[str, Round]],
                 compose: Composer, now: datetime) -> CityRoundOpened:
    asked = await items_per_person(repo, rounds)
    sent = await queue_prompts(repo, asked.per_person.values(), [r for _d, r in rounds],
                               compose, now, lambda person: f"prompt:city:{city.id}:{person.id}")
    return CityRoundOpened(city, tuple((d, r.id) for d, r in rounds), asked.actions,
                           tuple(sent.prompted), tuple(sent.unreachable), tuple(sent.away))
