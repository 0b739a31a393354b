""""Oförändrat sedan förra": confirm earlier answers as this round's, one action or many at once.

The rules (which answer, support, occasions, what is skipped) are in domain/unchanged.py. The
save path's rules hold as for a typed save (services/reports.py): the person comes from the
activity, only a responder (after hand-overs) or a coordinator may answer, the round must take
answers (`round_refusal`, the one check every save asks), a card drawn from an older version is
stale, and the idempotency key makes a double click save once. One action is one transaction
within the card save's statement budget; many actions are one transaction whose statements
grow with the rounds involved, not with the actions.
"""

from __future__ import annotations

from datetime import datetime

from domain.model import Person
from domain.unchanged import MAX_ITEMS, SOURCE, Confirmed, Unchanged
from services.assignments import report_item
from services.people import TeamsIdentity, recognised
from services.reports import _coordinator, _locate, _names, my_items, round_refusal
from services.unchanged_choice import audited, choose
from services.unchanged_many import confirm_many
from storage.db import Database
from storage.repository import Repository

__all__ = ["confirm_many", "confirm_one", "confirm_open"]


async def confirm_one(db: Database, ids: tuple[int, int, int], *, now: datetime,
                      person_id: int | None = None, sender: TeamsIdentity | None = None,
                      coordinators: tuple[str, ...] = ()) -> tuple[Unchanged, Person | None]:
    """One action's "oförändrat" (a row's or a card's button), for `person_id`, or for the
    Teams `sender` recognised inside this same transaction (as a card save; then the Person is
    returned, None: not known unchanged here, and nothing was done)."""
    round_id, action_id, base = ids
    async with db.transaction() as repo:
        person = None
        if sender is not None:
            person = await recognised(repo, sender)
            if person is None:
                return Unchanged(), None
            person_id = person.id
        if person_id is None:
            raise TypeError("confirm_one needs person_id or sender")
        return await _confirm(repo, round_id, action_id, base, person_id, now,
                              coordinators), person


async def _confirm(repo: Repository, round_id: int, action_id: int, base: int, person_id: int,
                   now: datetime, coordinators: tuple[str, ...]) -> Unchanged:
    found = await _locate(repo, round_id, action_id, person_id, now)
    if not isinstance(found, tuple):
        return Unchanged(refused=found.refused)
    rnd, action, area, me, periods = found
    if me is None and not await _coordinator(repo, person_id, rnd.plan_id, coordinators):
        return Unchanged(refused="fu_refused")
    if closed := round_refusal(rnd, periods):  # a frozen period is refused here too
        return Unchanged(refused=closed.refused, refused_values=closed.refused_values)
    role_id = me.role_id if me else None
    answers = (await repo.answers(rnd.id, [action.id], person_id,
                                  {role_id} if role_id else set()))[action.id]
    choice = choose(rnd, action, answers, person_id, role_id, base)
    title = action.full_title
    if choice.kind not in ("save", "duplicate") or choice.data is None or choice.earlier is None:
        # nothing stored: the card again, with every party's newest status
        latest = await repo.latest_reports(rnd.plan_id, action_ids=[action.id])
        item = report_item(rnd, action, area, person_id, latest)
        if choice.kind == "stale":
            return Unchanged(stale=answers.mine, item=item)
        if choice.kind == "answered":
            return Unchanged(answered=(title,), item=item)
        return Unchanged(no_earlier=(title,), item=item)
    report = answers.mine
    if choice.kind == "save":
        report, created = await repo.add_status_report_once(
            choice.data, person_id=person_id, role_id=role_id, source=SOURCE, key=choice.key,
            now=now, names=_names(action, me))
        if created:
            await repo.audit(actor=f"person:{person_id}", action="status.saved",
                             entity="status_report", entity_id=report.id, plan_id=rnd.plan_id,
                             after=audited(report, choice.earlier))
    assert report is not None
    confirmed = Confirmed(title, report, last_year=choice.earlier.action_id != action.id)
    return Unchanged(confirmed=(confirmed,),
                     item=report_item(rnd, action, area, person_id, [report]))


async def confirm_open(db: Database, person_id: int, *, now: datetime,
                       coordinators: tuple[str, ...] = (),
                       rounds: list[int] | None = None) -> Unchanged:
    """Every action this person has not answered in the open rounds (or in these): the typed
    "oförändrat", and the prompt's "Oförändrat sedan förra" (the prompt lists exactly these)."""
    items = await my_items(db, person_id, open_only=True)
    wanted = [(i.round.id, i.action_id, i.base) for i in items
              if rounds is None or i.round.id in rounds][:MAX_ITEMS]
    return await confirm_many(db, wanted, person_id=person_id, now=now, coordinators=coordinators)
