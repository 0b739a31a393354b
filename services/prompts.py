"""Queue each owner's one prompt of a round or of a city round: shared by both openings.

An owner's prompt goes to their stand-in while one is named (services/standins.py), carries the
indicators they still owe (services/indicator_rows.py), and is skipped for someone away or
out of reach; the caller names the outbox dedupe key, so a round and a city round keep theirs.

Everything is read for all owners and all rounds at once, and the prompts are queued together:
the number of statements does not grow with the number of people or districts, which a city
round of thousands of people needs (BENCHMARKS.md, opening a city-wide round).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from domain.followup import Composer, ReportItem, Round
from domain.model import Person, Plan
from services import standins
from services.assignments import (
    report_item,
    reports_by_action,
    responders_in_rounds,
    round_pairs,
    targets_for,
)
from services.indicator_rows import owed_in_rounds
from storage.repository import Repository


@dataclass
class Fanout:
    """The names of the owners prompted, away, and out of reach."""

    prompted: list[str] = field(default_factory=list)
    away: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Asked:
    """What the rounds ask of whom: person id → (person, their items, round by round), how many
    actions the rounds ask about, and the rounds' plans by id."""

    per_person: dict[int, tuple[Person, list[ReportItem]]]
    actions: int
    plans: dict[int, Plan]


async def items_per_person(repo: Repository, rounds: Sequence[tuple[str, Round]]) -> Asked:
    """Each responder's items across `rounds` ((district, round); a district's name heads its
    items in a city round's prompt, "" for none), people in the order they first answer for an
    action: the plans, hand-overs and latest answers of all rounds read together."""
    plans = await repo.get_plans(sorted({rnd.plan_id for _, rnd in rounds}))
    pairs = {rnd.id: round_pairs(plans.get(rnd.plan_id), rnd) for _, rnd in rounds}
    who = await responders_in_rounds(repo, [(rnd, [a for a, _ in pairs[rnd.id]])
                                            for _, rnd in rounds])
    latest = reports_by_action(await repo.latest_reports_of_plans(list(plans)))
    per_person: dict[int, tuple[Person, list[ReportItem]]] = {}
    for district, rnd in rounds:
        for action, area in pairs[rnd.id]:
            for resp in who[rnd.id][action.id]:
                _p, items = per_person.setdefault(resp.person.id, (resp.person, []))
                items.append(report_item(rnd, action, area, resp.person.id,
                                         latest.get(action.id, []), district))
    return Asked(per_person, sum(len(p) for p in pairs.values()), plans)


async def queue_prompts(repo: Repository, owners: Iterable[tuple[Person, list[ReportItem]]],
                        rounds: Sequence[Round], compose: Composer, now: datetime,
                        key: Callable[[Person], str]) -> Fanout:
    """One prompt per owner (their `ReportItem`s, the first one's round stored with it); the
    indicator rows come from the first of `rounds` where the owner owes some."""
    owners = list(owners)
    sent_to = await standins.routes(repo, [p for p, _ in owners], standins.today_of(now))
    receivers = {person.id: sent_to.get(person.id, person) for person, _ in owners}
    present = [r for r in receivers.values() if not _away(r, now)]
    targets = await targets_for(repo, list({r.id: r for r in present}.values()))
    owed = await owed_in_rounds(repo, rounds)
    out, messages = Fanout(), []
    for person, items in owners:
        receiver = receivers[person.id]  # a stand-in, while one is named
        if _away(receiver, now):
            out.away.append(standins.name_of(person))
            continue
        target = targets.get(receiver.id)
        if target is None:
            out.unreachable.append(standins.name_of(person))
            continue
        activity = standins.prompt_for(compose, items, person, receiver, reminder=False,
                                       today=now.date())
        if person.id in owed:
            activity = compose.with_indicators(activity, owed[person.id], receiver.language)
        first = items[0].round
        messages.append(dict(kind="prompt", dedupe_key=key(person), activity=activity,
                             target=target, plan_id=first.plan_id, round_id=first.id,
                             person_id=receiver.id))
        out.prompted.append(standins.name_of(person))
    await repo.enqueue_many(messages)
    return out


def _away(person: Person, now: datetime) -> bool:
    """Away today: no prompt is queued for them."""
    return bool(person.away_until and person.away_until >= now.date())
