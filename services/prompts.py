"""Queue each owner's one prompt of a round or of a city round: shared by both openings.

An owner's prompt goes to their stand-in while one is named (services/standins.py), carries the
indicators they still owe (services/indicator_rows.py), and is skipped for someone away or
out of reach; the caller names the outbox dedupe key, so a round and a city round keep theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from domain.followup import Composer, ReportItem, Round
from domain.model import Person
from services import standins
from services.assignments import target_for
from services.indicator_rows import indicator_rows
from storage.repository import Repository


@dataclass
class Fanout:
    """The names of the owners prompted, away, and out of reach."""

    prompted: list[str] = field(default_factory=list)
    away: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)


async def queue_prompts(repo: Repository, owners: Iterable[tuple[Person, list[ReportItem]]],
                        rounds: Sequence[Round], compose: Composer, now: datetime,
                        key: Callable[[Person], str]) -> Fanout:
    """One prompt per owner (their `ReportItem`s, the first one's round stored with it); the
    indicator rows come from the first of `rounds` where the owner owes some."""
    owners = list(owners)
    sent_to = await standins.routes(repo, [p for p, _ in owners], standins.today_of(now))
    out = Fanout()
    for person, items in owners:
        receiver = sent_to.get(person.id, person)  # a stand-in, while one is named
        if receiver.away_until and receiver.away_until >= now.date():
            out.away.append(standins.name_of(person))
            continue
        target = await target_for(repo, receiver)
        if target is None:
            out.unreachable.append(standins.name_of(person))
            continue
        activity = standins.prompt_for(compose, items, person, receiver, reminder=False,
                                       today=now.date())
        for rnd in rounds:
            if owed := await indicator_rows(repo, rnd, person.id):
                activity = compose.with_indicators(activity, owed, receiver.language)
                break
        first = items[0].round
        await repo.enqueue(kind="prompt", dedupe_key=key(person), activity=activity,
                           target=target, plan_id=first.plan_id, round_id=first.id,
                           person_id=receiver.id)
        out.prompted.append(standins.name_of(person))
    return out
