"""The styrgrupp summary: choosing the channel, and one card per round kept up to date in place.

Services may not import cards or Jinja, so the edge hands in `render(summary) -> activity dict`.
Everything Följa posts on its own goes through the outbox in the same transaction that decides
it; the card's first outbox id and the last snapshot live in summary_posts.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from domain.model import ConversationRef, Person, PlanStatus
from domain.summary import Summary, SummaryInput, build_summary
from services import indicators
from services.coordination import scope_in
from storage.db import Database
from storage.repository import Repository

log = logging.getLogger(__name__)
Render = Callable[[Summary], dict]


@dataclass(frozen=True)
class SteeringOutcome:
    """What happened to "styrgrupp": `result` is set | not_coordinator | not_your_plan | no_plan |
    unknown_plan | which_district (`districts` to choose from) | bound_elsewhere (the channel is
    another district's, `district`, and they do not coordinate it)."""

    result: str
    plan_id: int | None = None
    plan_name: str = ""
    previous_conversation: str | None = None
    yours: str = ""  # the districts a refused coordinator does coordinate
    districts: tuple[str, ...] = ()
    district: str = ""


async def _choose_plan(repo: Repository, plan_ref: str) -> tuple[int | None, str]:
    if plan_ref.strip():
        plan_id = await repo.find_plan_id(plan_ref)
        return plan_id, "unknown_plan" if plan_id is None else ""
    active = await repo.active_plan_ids()
    return (active[0], "") if active else (None, "no_plan")


async def set_steering_channel(db: Database, *, person: Person | None, plan_ref: str,
                               ref: ConversationRef, coordinators: tuple[str, ...],
                               render: Render | None = None, now: datetime | None = None
                               ) -> SteeringOutcome:
    """Make this channel the styrgrupp channel of the plan's district (next year's plan keeps
    it); only that district's coordinators may (services/coordination.py). Named no plan: their
    newest active one; several districts: `which_district`, the edge asks. A channel already
    bound to a district is re-bound only by that district's coordinators or the city level.

    With `render` (and `now`), the card of each open round of the plan is queued in the same
    transaction, so the channel sees it at once instead of at the next refresh."""
    async with db.transaction() as repo:
        scope = await scope_in(repo, person, coordinators)
        active = tuple(dict.fromkeys(p.district for p in scope.plans
                                     if p.status is PlanStatus.ACTIVE))
        if not plan_ref.strip() and len(active) > 1:
            return SteeringOutcome("which_district", districts=active)
        if not plan_ref.strip() and scope.is_coordinator:
            newest = scope.newest_active()
            plan_id, problem = (newest.id, "") if newest else (None, "no_plan")
        else:
            plan_id, problem = await _choose_plan(repo, plan_ref)
        if plan_id is None:
            return SteeringOutcome(problem)
        header = await repo.plan_header(plan_id)
        name = header[0] if header else ""
        if person is None or not scope.covers(plan_id):
            result = "not_your_plan" if scope.is_coordinator else "not_coordinator"
            return SteeringOutcome(result, plan_id, name, yours=", ".join(scope.districts()))
        bound = await repo.district_of_channel(ref.conversation_id)
        if bound is not None and bound[0] != await repo.district_of_plan(plan_id) \
                and not scope.everything and not any(p.district_id == bound[0]
                                                     for p in scope.plans):
            return SteeringOutcome("bound_elsewhere", plan_id, name, district=bound[1])
        await repo.save_conversation_ref(ref, kind="channel", plan_id=plan_id)
        before = await repo.set_steering_conversation(plan_id, ref.conversation_id)
        await repo.audit(actor=person.email or str(person.id), action="plan.steering_channel",
                         entity="plan", entity_id=plan_id, plan_id=plan_id,
                         before={"conversation_id": before},
                         after={"conversation_id": ref.conversation_id})
        if render is not None and now is not None:
            for rnd in await repo.open_rounds(plan_id):
                await _publish(repo, plan_id, render, now=now, round_id=rnd.id, new_period=False)
    return SteeringOutcome("set", plan_id, name, before)


async def plan_of_channel(db: Database, conversation_id: str, plan_ref: str = "") -> int | None:
    """The plan this channel summarises (a named plan must point at this channel)."""
    async with db.transaction() as repo:
        plans = await repo.plans_for_conversation(conversation_id)
        if plan_ref.strip():
            wanted = await repo.find_plan_id(plan_ref)
            return wanted if wanted in plans else None
        return plans[0] if plans else None


async def load_summary_input(repo: Repository, plan_id: int, round_id: int | None,
                             previous: dict | None = None) -> SummaryInput | None:
    """Everything `build_summary` needs, in a fixed number of queries."""
    header = await repo.plan_header(plan_id)
    if header is None:
        return None
    found = await repo.round_header(plan_id, round_id)
    rid, label, due = (found[0], found[1], found[2]) if found else (None, "", None)
    area_ids = await repo.round_area_ids(rid) if rid is not None else []
    return SummaryInput(
        plan_id=plan_id, plan_name=header[0], round_id=rid, round_label=label, due_date=due,
        actions=await repo.summary_actions(plan_id, area_ids),
        reports=await repo.round_reports(rid) if rid is not None else (),
        people=await repo.summary_people(plan_id), previous=previous or {},
        response=next(iter(await repo.response_inputs(plan_id, rid)), None)
        if rid is not None else None,
        indicators=tuple((await indicators.judged(repo, [plan_id]))[plan_id]),
    )


async def current_summary(db: Database, plan_id: int, round_id: int | None = None
                          ) -> Summary | None:
    """The summary as it stands, with changes since the last posted card (read only)."""
    async with db.transaction() as repo:
        header = await repo.plan_header(plan_id)
        found = await repo.round_header(plan_id, round_id)
        previous: dict = {}
        if header and header[2] and found:
            post = await repo.summary_post(plan_id, found[0], header[2])
            previous = post[2].get("base", {}) if post else {}  # as the posted card shows
        data = await load_summary_input(repo, plan_id, round_id, previous)
    return build_summary(data) if data else None


async def publish_summary(db: Database, plan_id: int, render: Render, *, now: datetime,
                          round_id: int | None = None, new_period: bool = False) -> int | None:
    """Post the round's card, or update it in place; returns the queued outbox id (or None).

    `new_period` (weekly run, round closed) moves the "changes since" baseline forward.
    """
    async with db.transaction() as repo:
        return await _publish(repo, plan_id, render, now=now, round_id=round_id,
                              new_period=new_period)


async def _publish(repo: Repository, plan_id: int, render: Render, *, now: datetime,
                   round_id: int | None, new_period: bool) -> int | None:
    """`publish_summary` inside a transaction the caller holds."""
    header = await repo.plan_header(plan_id)
    if header is None or not header[2]:
        return None
    conv = header[2]
    target = await repo.channel_target(conv)
    found = await repo.round_header(plan_id, round_id)
    if target is None or found is None:
        return None
    rid = found[0]
    post = await repo.summary_post(plan_id, rid, conv)
    state = post[2] if post else {}
    # "Changes since" compares with the card of the previous weekly run (none at first).
    base = state.get("weekly", {}) if new_period else state.get("base", {})
    data = await load_summary_input(repo, plan_id, rid, base)
    if data is None:
        return None
    summary = build_summary(data)
    activity = render(summary)
    digest = hashlib.sha256(json.dumps(activity, sort_keys=True).encode()).hexdigest()[:16]
    new_state = {"base": base, "weekly": summary.snapshot if new_period or not post
                 else state.get("weekly", {}), "hash": digest,
                 "version": state.get("version", 0) + 1, "last": state.get("last")}
    if post and digest == state.get("hash"):
        if new_period:
            await repo.save_summary_post(post_id=post[0], plan_id=plan_id, round_id=rid,
                                         conversation_id=conv, outbox_id=post[1],
                                         snapshot={**state, **new_state,
                                                   "version": state.get("version", 0)},
                                         now=now)
        return None
    queued = await _queue(repo, post, activity, target, plan_id, rid, new_state["version"])
    new_state["last"] = queued or state.get("last")
    await repo.save_summary_post(post_id=post[0] if post else None, plan_id=plan_id,
                                 round_id=rid, conversation_id=conv,
                                 outbox_id=post[1] if post else queued, snapshot=new_state,
                                 now=now)
    return queued


async def _queue(repo: Repository, post, activity: dict, target: dict, plan_id: int,
                 round_id: int, version: int) -> int | None:
    """A first post, or an update of it; a still-unsent message is simply rewritten."""
    conv = target["conversation_id"]
    if post is None:
        return await repo.enqueue(kind="summary", dedupe_key=f"summary:{plan_id}:{round_id}:{conv}",
                                  activity=activity, target=target, plan_id=plan_id,
                                  round_id=round_id)
    last = post[2].get("last") or post[1]
    for pending in dict.fromkeys((last, post[1])):
        if pending and await repo.rewrite_pending(pending, activity):
            return pending
    return await repo.enqueue(
        kind="update", dedupe_key=f"summary:{plan_id}:{round_id}:{conv}:v{version}",
        activity=activity, target=target, plan_id=plan_id, round_id=round_id, update_of=post[1])


async def weekly_summaries(db: Database, render: Render, *, now: datetime,
                           plan_id: int | None = None) -> dict:
    """The weekly run: every open round of every plan with a summary channel gets its card."""
    return await _each_round(db, render, now, plan_id, new_period=True)


async def refresh_summaries(db: Database, render: Render, *, now: datetime,
                            plan_id: int | None = None) -> dict:
    """Between weekly runs: update each round's card in place when answers have arrived."""
    return await _each_round(db, render, now, plan_id, new_period=False)


async def _each_round(db: Database, render: Render, now: datetime, plan_id: int | None,
                      *, new_period: bool) -> dict:
    async with db.transaction() as repo:
        rounds = [(p, r) for p, r in await repo.summary_rounds()
                  if plan_id is None or p == plan_id]
    queued = 0
    for pid, rid in rounds:
        if await publish_summary(db, pid, render, now=now, round_id=rid, new_period=new_period):
            queued += 1
    log.info("summary (%s): %s cards queued for %s rounds",
             "weekly" if new_period else "refresh", queued, len(rounds))
    return {"rounds": len(rounds), "queued": queued}
