"""Undoing "inte min": a coordinator lists a round's hand-overs and takes one back.

A hand-over holds for the round it was made in (services/assignments.responders reads only that
round's), so the next round prompts the original owner anyway; undoing one gives the action back
to its owner in the same round. Only a coordinator of the round's plan may list or undo them
(FOLJA_COORDINATORS or the role "koordinator"); every undo is in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.assignments import is_coordinator
from services.rounds import FollowupError
from storage.db import Database
from storage.repository import Repository


@dataclass(frozen=True)
class Handover:
    """One active hand-over of a round: `to_name` is "" when it went back to the coordinators."""

    id: int
    round_id: int
    action_id: int
    title: str
    from_name: str
    to_name: str


async def _as_coordinator(repo: Repository, person_id: int, plan_id: int,
                          coordinators: tuple[str, ...]) -> str:
    """The coordinator's audit name; FollowupError for anyone else."""
    person = (await repo.people_by_ids({person_id})).get(person_id)
    if person is None or not await is_coordinator(repo, person, plan_id, coordinators):
        raise FollowupError("fu_handover_not_coordinator")
    return person.email or f"person:{person.id}"


async def handovers(db: Database, round_ref: str, *, person_id: int,
                    coordinators: tuple[str, ...] = ()) -> list[Handover]:
    """The round's hand-overs not undone, oldest first."""
    async with db.transaction() as repo:
        rnd = await repo.find_round(round_ref)
        if rnd is None:
            raise FollowupError("fu_err_round", round=round_ref)
        await _as_coordinator(repo, person_id, rnd.plan_id, coordinators)
        rows = await repo.round_delegations(rnd.id)
        people = await repo.people_by_ids({p for _, _, f, t in rows for p in (f, t) if p})
        plan = await repo.get_plan(rnd.plan_id)
        titles = {a.id: a.full_title for a in plan.actions} if plan else {}

        def name(pid: int | None) -> str:
            person = people.get(pid) if pid else None
            return (person.display_name or person.email or "") if person else ""

        return [Handover(hid, rnd.id, aid, titles.get(aid, ""), name(frm), name(to))
                for hid, aid, frm, to in rows]


async def undo_handover(db: Database, handover_id: int, *, person_id: int, now: datetime,
                        coordinators: tuple[str, ...] = ()) -> Handover:
    """Give the action back to whoever handed it over, in the same round; audited."""
    async with db.transaction() as repo:
        found = await repo.active_delegation(handover_id)
        if found is None:
            raise FollowupError("fu_handover_unknown", id=str(handover_id))
        round_id, action_id, from_id, to_id = found
        rnd = await repo.get_round(round_id)
        if rnd is None:
            raise FollowupError("fu_handover_unknown", id=str(handover_id))
        actor = await _as_coordinator(repo, person_id, rnd.plan_id, coordinators)
        if not await repo.revoke_delegation(handover_id, now):
            raise FollowupError("fu_handover_unknown", id=str(handover_id))
        await repo.audit(actor=actor, action="action.handover_undone", entity="action",
                         entity_id=action_id, plan_id=rnd.plan_id,
                         before={"round_id": round_id, "handover": handover_id,
                                 "from": f"person:{from_id}",
                                 "to": f"person:{to_id}" if to_id else "coordinator"},
                         after={"round_id": round_id, "owner": f"person:{from_id}"})
        return Handover(handover_id, round_id, action_id, "", "", "")


async def open_handovers(db: Database, *, person_id: int, coordinators: tuple[str, ...] = ()
                         ) -> list[tuple[str, list[Handover]]]:
    """(round label, its hand-overs) for each open round of a plan this person coordinates;
    FollowupError when they coordinate none of them."""
    async with db.transaction() as repo:
        rounds = await repo.open_rounds()
        mine = []
        for rnd in rounds:
            try:
                await _as_coordinator(repo, person_id, rnd.plan_id, coordinators)
            except FollowupError:
                continue
            mine.append(rnd)
    if rounds and not mine:
        raise FollowupError("fu_handover_not_coordinator")
    if not rounds:  # nothing open: still only a coordinator may ask
        async with db.transaction() as repo:
            person = (await repo.people_by_ids({person_id})).get(person_id)
            if person is None or not await is_coordinator(repo, person, None, coordinators):
                raise FollowupError("fu_handover_not_coordinator")
    return [(rnd.label, await handovers(db, str(rnd.id), person_id=person_id,
                                        coordinators=coordinators)) for rnd in mine]
