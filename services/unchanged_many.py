""""Oförändrat sedan förra" for every action of a message: ONE transaction whose statements grow
with the rounds involved (a prompt has one), not with the actions: the earlier answers of all
actions are one read, the new versions one INSERT, their audit events one executemany."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.followup import Round, StatusReport
from domain.model import Action
from domain.unchanged import MAX_ITEMS, SOURCE, Confirmed, Unchanged
from services.assignments import Responder, responders, round_actions
from services.reports import _coordinator, _names, round_refusal
from services.unchanged_choice import Choice, audited, choose
from storage.db import Database
from storage.repository import Repository


@dataclass
class _Batch:
    """What one click gathers before its one INSERT: rows to insert, and the outcome so far."""

    person_id: int
    rows: list[dict] = field(default_factory=list)
    pending: list[tuple[int, Action, Responder | None, Round, Choice]] = field(default_factory=list)
    done: dict[int, Confirmed] = field(default_factory=dict)  # position → a duplicate click's
    no_earlier: list[tuple[int, str]] = field(default_factory=list)
    answered: list[tuple[int, str]] = field(default_factory=list)
    closed: str = ""


async def confirm_many(db: Database, wanted: list[tuple[int, int, int]], *, person_id: int,
                       now: datetime, coordinators: tuple[str, ...] = ()) -> Unchanged:
    """Confirm the (round, action, base) triples the card named, in its order, for this person
    (from the activity): actions they may not answer for are left out."""
    order = {(r, a): n for n, (r, a, _b) in enumerate(wanted[:MAX_ITEMS])}
    bases = {(r, a): b for r, a, b in wanted[:MAX_ITEMS]}
    batch = _Batch(person_id)
    async with db.transaction() as repo:
        periods = await repo.closed_periods()
        for round_id in dict.fromkeys(r for r, _a in order):
            rnd = await repo.get_round(round_id)
            if rnd is None:
                continue
            if closed := round_refusal(rnd, periods):  # a frozen period is refused here too
                batch.closed = closed.refused_values.get("label", "")
                continue
            await _gather(repo, rnd, {a: (order[(r, a)], bases[(r, a)]) for r, a in order
                                      if r == round_id}, batch, coordinators)
        inserted = await repo.add_reports_once([{**row, "created_at": now} for row in batch.rows])
        confirmed = await _stored(repo, batch, inserted, now)
    return _outcome(batch, confirmed)


async def _gather(repo: Repository, rnd: Round, wanted: dict[int, tuple[int, int]],
                  batch: _Batch, coordinators: tuple[str, ...]) -> None:
    """Decide every wanted action of one round (a constant number of statements)."""
    _plan, pairs = await round_actions(repo, rnd)
    actions = [a for a, _area in pairs if a.id in wanted]
    who = await responders(repo, actions, rnd.id)
    me = {a.id: next((r for r in who[a.id] if r.person.id == batch.person_id), None)
          for a in actions}
    if any(m is None for m in me.values()) and not await _coordinator(
            repo, batch.person_id, rnd.plan_id, coordinators):
        actions = [a for a in actions if me[a.id] is not None]
    roles = {m.role_id for m in me.values() if m is not None and m.role_id is not None}
    answers = await repo.answers(rnd.id, [a.id for a in actions], batch.person_id, roles)
    for action in actions:
        position, base = wanted[action.id]
        mine = me[action.id]
        choice = choose(rnd, action, answers[action.id], batch.person_id,
                        mine.role_id if mine else None, base)
        if choice.kind == "save" and choice.data is not None:
            batch.rows.append(_row(choice, batch.person_id, mine))
            batch.pending.append((position, action, mine, rnd, choice))
        elif choice.kind == "duplicate" and (stored := answers[action.id].mine) is not None:
            batch.done[position] = _confirmed(action, stored, choice)
        elif choice.kind in ("stale", "answered"):
            batch.answered.append((position, action.full_title))
        else:
            batch.no_earlier.append((position, action.full_title))


def _row(choice: Choice, person_id: int, mine: Responder | None) -> dict:
    data = choice.data
    assert data is not None
    return {"round_id": data.round_id, "action_id": data.action_id, "person_id": person_id,
            "role_id": mine.role_id if mine else None, "status": data.status.value,
            "done_text": data.done_text, "occasions": data.occasions,
            "needs_support": data.needs_support, "support_text": data.support_text,
            "source": SOURCE, "attributed_to": "", "idempotency_key": choice.key}


def _confirmed(action: Action, report: StatusReport, choice: Choice) -> Confirmed:
    last_year = choice.earlier is not None and choice.earlier.action_id != action.id
    return Confirmed(action.full_title, report, last_year=last_year)


async def _stored(repo: Repository, batch: _Batch, inserted: dict[str, tuple[int, int]],
                  now: datetime) -> dict[int, Confirmed]:
    """The versions just stored (a key a concurrent click took first: that click's version),
    audited in one executemany."""
    confirmed = dict(batch.done)
    events = []
    for position, action, mine, rnd, choice in batch.pending:
        data, key = choice.data, choice.key or ""
        assert data is not None and choice.earlier is not None
        if key not in inserted:
            if (other := await repo.report_by_key(key)) is not None:
                confirmed[position] = _confirmed(action, other, choice)
            continue
        names = _names(action, mine) or ("", "")
        report = StatusReport(
            id=inserted[key][0], round_id=rnd.id, action_id=action.id, person_id=batch.person_id,
            role_id=mine.role_id if mine else None, version=inserted[key][1], status=data.status,
            done_text=data.done_text, occasions=data.occasions, needs_support=data.needs_support,
            support_text=data.support_text, source=SOURCE, created_at=now,
            person_name=names[0], role_name=names[1])
        confirmed[position] = _confirmed(action, report, choice)
        events.append({"actor": f"person:{batch.person_id}", "action": "status.saved",
                       "entity": "status_report", "entity_id": report.id, "plan_id": rnd.plan_id,
                       "after": audited(report, choice.earlier)})
    await repo.audit_many(events)
    return confirmed


def _outcome(batch: _Batch, confirmed: dict[int, Confirmed]) -> Unchanged:
    result = Unchanged(
        confirmed=tuple(c for _, c in sorted(confirmed.items())),
        no_earlier=tuple(t for _, t in sorted(batch.no_earlier)),
        answered=tuple(t for _, t in sorted(batch.answered)))
    if not result.anything and batch.closed:
        return Unchanged(refused="fu_err_round_closed", refused_values={"label": batch.closed})
    return result
