"""The follow-up's public face: rounds, saves and reminders in one import, plus away and hand-over.

`open_round`, `record_status` and `round_status` live in services/rounds.py and
services/reports.py; they are re-exported here under the names other issues use.
"""

from __future__ import annotations

from datetime import date, datetime

from domain.followup import Composer
from domain.personal_data import contains_personal_number
from services.assignments import report_item, round_actions, target_for
from services.handovers import Handover, handovers, open_handovers, undo_handover
from services.reports import SaveResult, item_for, my_items, record_status
from services.rounds import (
    FollowupError,
    RoundOpened,
    RoundStatus,
    close_round,
    open_round,
    round_status,
)
from storage.db import Database

__all__ = [
    "FollowupError", "Handover", "RoundOpened", "RoundStatus", "SaveResult", "close_round",
    "delegate", "handovers", "item_for", "my_items", "open_handovers", "open_round", "record_status",
    "round_status", "set_away", "undo_handover",
]


async def set_away(db: Database, person_id: int, until: date | None, *, now: datetime) -> None:
    """No prompts or reminders to this person up to and including `until` (None: back)."""
    if until is not None and until < now.date():
        raise FollowupError("fu_err_away_past")
    async with db.transaction() as repo:
        await repo.set_away(person_id, until)
        await repo.audit(actor=f"person:{person_id}", action="person.away", entity="person",
                         entity_id=person_id, after={"until": until.isoformat() if until else None})


async def delegate(
    db: Database, *, round_id: int, action_id: int, person_id: int, to_email: str | None,
    now: datetime, compose: Composer, coordinators: tuple[str, ...] = (),
) -> str:
    """"Inte min": hand the action to a colleague (by e-mail) or back to the coordinators, for
    this round only (the next round prompts the owner again; a coordinator may undo it:
    services/handovers.py).

    The receiver is told through the outbox in the same transaction; returns the receiver's name
    (or "" for the coordinators). Raises FollowupError when the e-mail is unknown or not allowed.
    """
    if to_email and contains_personal_number(to_email):  # never looked up, stored or echoed
        raise FollowupError("fu_err_email_personal_number")
    found = await item_for(db, round_id, action_id, person_id, coordinators)
    if found.refused or found.item is None:
        raise FollowupError(found.refused or "fu_refused")
    title = found.item.title
    async with db.transaction() as repo:
        rnd = await repo.get_round(round_id)
        if rnd is None:
            raise FollowupError("fu_err_round", round=str(round_id))
        receiver = await repo.person_by_email(to_email) if to_email else None
        if to_email and receiver is None:
            raise FollowupError("fu_err_email_unknown", email=to_email)
        if receiver is not None and receiver.id == person_id:
            raise FollowupError("fu_err_email_self")
        await repo.add_delegation(action_id=action_id, round_id=round_id, from_person_id=person_id,
                                  to_person_id=receiver.id if receiver else None, now=now)
        await repo.audit(actor=f"person:{person_id}", action="action.delegated", entity="action",
                         entity_id=action_id, plan_id=rnd.plan_id,
                         after={"round_id": round_id, "to": receiver.email if receiver else "coordinator"})
        giver = (await repo.people_by_ids({person_id}))[person_id]
        giver_name = giver.display_name or giver.email or ""
        if receiver is not None:
            _plan, pairs = await round_actions(repo, rnd)
            area = next(a for x, a in pairs if x.id == action_id)
            action = next(x for x, _ in pairs if x.id == action_id)
            latest = await repo.latest_reports(rnd.plan_id)
            activity = compose.prompt([report_item(rnd, action, area, receiver.id, latest)],
                                      receiver.language, reminder=False, today=now.date())
            activity["text"] = compose.notice("fu_notice_delegated", receiver.language,
                                              name=giver_name, title=title)["text"]
            targets = [(receiver, activity)]
        else:
            targets = [(p, compose.notice("fu_notice_returned", p.language, name=giver_name,
                                          title=title, label=rnd.label))
                       for p in await _coordinators(repo, rnd.plan_id, coordinators)]
        for person, activity in targets:
            target = await target_for(repo, person)
            if target:
                await repo.enqueue(kind="notice", activity=activity, target=target,
                                   dedupe_key=f"delegate:{round_id}:{action_id}:{person_id}:{person.id}:{now.isoformat()}",
                                   plan_id=rnd.plan_id, round_id=round_id, person_id=person.id)
        return (receiver.display_name or receiver.email or "") if receiver else ""


async def _coordinators(repo, plan_id: int, emails: tuple[str, ...]):
    people = []
    for email in emails:
        if p := await repo.person_by_email(email):
            people.append(p)
    for role in await repo.list_roles():
        if role.name.strip().lower() == "koordinator":
            holders = (await repo.holders_by_role(plan_id)).get(role.id, ())
            people += [p for p in holders if all(p.id != q.id for q in people)]
    return people
