"""The city channel ("@Följa beredningsgrupp") and its roll-up card, one per city round.

As the styrgrupp card (services/summaries.py): the card is posted through the outbox when the
city round opens (or the channel is chosen), then updated in place when answers arrive (the
summary refresh job); nothing is queued when the card would not change. The edge hands in
`render(view) -> activity`, since services never import cards.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from domain.city import DistrictPlan, build_city
from domain.city_round import CityRoundView
from domain.model import ConversationRef, Person
from services.coordination import scope_in
from storage.db import Database
from storage.repository import Repository

log = logging.getLogger(__name__)


Render = Callable[[CityRoundView], dict]


async def city_round_view(repo: Repository, city_round_id: int) -> CityRoundView | None:
    """The roll-up of the city round's rounds only: three queries for all districts."""
    city = await repo.get_city_round(city_round_id)
    if city is None:
        return None
    rounds = await repo.rounds_of_city_round(city_round_id)
    headers = {p.plan_id: p for p in await repo.newest_district_plans()}
    plans = []
    for rnd in rounds:
        header = headers.get(rnd.plan_id)
        name = header.district if header else (await repo.plan_header(rnd.plan_id) or ("?",))[0]
        plans.append(DistrictPlan(rnd.plan_id, name, header.year if header else 0))
    actions = await repo.city_actions([p.plan_id for p in plans])
    answers = await repo.city_round_answers([r.id for r in rounds])
    return CityRoundView(city.id, city.label, city.due_date,
                         build_city(None, None, plans, actions, answers))


@dataclass(frozen=True)
class CityChannelOutcome:
    """set | not_city (refused: only the city level chooses the city channel)."""

    result: str
    previous: str | None = None


async def set_city_channel(db: Database, *, person: Person | None, ref: ConversationRef,
                           coordinators: tuple[str, ...], render: Render | None = None,
                           now: datetime) -> CityChannelOutcome:
    """Make this channel the beredningsgrupp's: stadskoordinatorer only (Scope.everything).
    The open city rounds' cards are queued in the same transaction."""
    async with db.transaction() as repo:
        scope = await scope_in(repo, person, coordinators)
        if person is None or not scope.everything:
            return CityChannelOutcome("not_city")
        before = await repo.city_channel()
        await repo.save_conversation_ref(ref, kind="channel")
        await repo.set_city_channel(ref.conversation_id, by=person.email or str(person.id),
                                    now=now)
        await repo.audit(actor=person.email or str(person.id), action="city.channel",
                         entity="city", entity_id="channel",
                         before={"conversation_id": before},
                         after={"conversation_id": ref.conversation_id})
        if render is not None:
            for city_round_id in await repo.open_city_round_ids():
                await publish_city_card(repo, city_round_id, render, now=now)
    return CityChannelOutcome("set", before)


async def is_city_channel(db: Database, conversation_id: str) -> bool:
    async with db.transaction() as repo:
        return await repo.city_channel() == conversation_id


async def current_city_view(db: Database) -> CityRoundView | None:
    """The newest open city round's roll-up (else the newest city round's), for "sammanfattning"."""
    async with db.transaction() as repo:
        ids = await repo.open_city_round_ids()
        newest = ids[-1] if ids else await repo.newest_city_round_id()
        return await city_round_view(repo, newest) if newest is not None else None


async def publish_city_card(repo: Repository, city_round_id: int, render: Render, *,
                            now: datetime) -> int | None:
    """Post the city round's card, or update it in place; the queued outbox id (or None)."""
    conv = await repo.city_channel()
    target = await repo.channel_target(conv) if conv else None
    view = await city_round_view(repo, city_round_id) if target else None
    if conv is None or target is None or view is None:
        return None
    activity = render(view)
    digest = hashlib.sha256(json.dumps(activity, sort_keys=True).encode()).hexdigest()[:16]
    post = await repo.city_post(city_round_id, conv)
    state = post[2] if post else {}
    if post and digest == state.get("hash"):
        return None
    version = state.get("version", 0) + 1
    queued = await _queue(repo, post, activity, target, city_round_id, version)
    await repo.save_city_post(post_id=post[0] if post else None, city_round_id=city_round_id,
                              conversation_id=conv, outbox_id=post[1] if post else queued,
                              snapshot={"hash": digest, "version": version,
                                        "last": queued or state.get("last")}, now=now)
    return queued


async def _queue(repo: Repository, post, activity: dict, target: dict, city_round_id: int,
                 version: int) -> int | None:
    """A first post, or an update of it; a still-unsent message is simply rewritten."""
    key = f"citycard:{city_round_id}:{target['conversation_id']}"
    if post is None:
        return await repo.enqueue(kind="summary", dedupe_key=key, activity=activity,
                                  target=target)
    for pending in dict.fromkeys((post[2].get("last") or post[1], post[1])):
        if pending and await repo.rewrite_pending(pending, activity):
            return pending
    return await repo.enqueue(kind="update", dedupe_key=f"{key}:v{version}", activity=activity,
                              target=target, update_of=post[1])


async def refresh_city_cards(db: Database, render: Render, *, now: datetime) -> int:
    """Every open city round's card, updated when answers have arrived; how many were queued."""
    async with db.transaction() as repo:
        ids = await repo.open_city_round_ids()
    queued = 0
    for city_round_id in ids:
        async with db.transaction() as repo:
            if await publish_city_card(repo, city_round_id, render, now=now):
                queued += 1
    log.info("city cards: %s queued for %s city rounds", queued, len(ids))
    return queued
