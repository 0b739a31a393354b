"""Which plans a coordinator may act on: open a round, import a workbook, choose a channel.

A coordinator holds the role "koordinator" in one district (`folja roles assign koordinator
E-POST --district Kungsholmen`) and acts on that district's plans only, every year. Three kinds
act on every district: a "stadskoordinator" (the city level), a holder of "koordinator" bound to
no district, and anyone listed in FOLJA_COORDINATORS (named by the server's operators). When a
coordinator's plans span several districts, Följa asks which one is meant instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.model import Person, PlanStatus, PlanSummary
from storage.db import Database
from storage.repository import Repository


@dataclass(frozen=True)
class Scope:
    """What one person coordinates: every plan, or the listed ones (newest first)."""

    everything: bool
    plans: tuple[PlanSummary, ...]  # the plans they may act on, newest first
    known: tuple[str, ...] = ()  # every district with a plan (to tell "not yours" apart)

    @property
    def is_coordinator(self) -> bool:
        return self.everything or bool(self.plans)

    def districts(self) -> tuple[str, ...]:
        """Their districts, each once, in the order of their newest plan."""
        return tuple(dict.fromkeys(p.district for p in self.plans))

    def district(self, name: str) -> str | None:
        """The district named `name` (any case) if they may act on it."""
        return next((d for d in self.districts() if d.lower() == name.strip().lower()), None)

    def named_in(self, text: str) -> tuple[str, str] | None:
        """(district, the text before it) when `text` ends with a known district ("… i
        Norrmalm", "… för Norrmalm"); None otherwise."""
        words = " ".join(text.split())
        for district in sorted(self.known, key=len, reverse=True):
            for joint in (" i ", " för ", " for ", " in "):
                tail = f"{joint}{district}".lower()
                if words.lower().endswith(tail):
                    return district, words[: len(words) - len(tail)].strip()
        return None

    def covers(self, plan_id: int) -> bool:
        return any(p.id == plan_id for p in self.plans)

    def newest_active(self, district: str | None = None) -> PlanSummary | None:
        return next((p for p in self.plans if p.status is PlanStatus.ACTIVE
                     and (district is None or p.district == district)), None)


async def scope_in(repo: Repository, person: Person | None,
                   coordinators: tuple[str, ...]) -> Scope:
    """The person's scope, read inside the caller's transaction (two queries)."""
    if person is None:
        return Scope(False, ())
    listed = (person.email or "").lower() in coordinators
    held = await repo.coordinator_district_ids(person.id)
    everything = listed or None in held
    plans = sorted(await repo.list_plans(), key=lambda p: (p.year, p.id), reverse=True)
    return Scope(everything, tuple(p for p in plans if everything or p.district_id in held),
                 tuple(dict.fromkeys(p.district for p in plans)))


async def scope_of(db: Database, person: Person | None, coordinators: tuple[str, ...]) -> Scope:
    async with db.transaction() as repo:
        return await scope_in(repo, person, coordinators)



@dataclass(frozen=True)
class RoundPlan:
    """The plan a typed "starta uppföljning" opens its round on, or why not (a catalogue key)."""

    plan_ref: str | None = None
    label: str = ""
    refused: str = ""
    values: dict = field(default_factory=dict)


def plan_for_round(scope: Scope, label: str) -> RoundPlan:
    """"starta uppföljning LABEL [i DISTRIKT]": the newest active plan of the coordinator's
    district. A district that is not theirs is refused; several districts and none named: ask."""
    if not scope.is_coordinator:
        return RoundPlan(refused="fu_not_coordinator")
    yours = ", ".join(scope.districts()) or "–"
    named = scope.named_in(label)
    if named is not None:
        district, label = named[0], named[1]
        if scope.district(district) is None:
            return RoundPlan(refused="fu_round_not_your_district",
                             values={"district": district, "yours": yours})
        plan = scope.newest_active(scope.district(district))
    else:
        active = tuple(dict.fromkeys(p.district for p in scope.plans
                                     if p.status is PlanStatus.ACTIVE))
        if len(active) > 1:
            return RoundPlan(refused="fu_round_which_district",
                             values={"districts": ", ".join(active), "example": active[0]})
        plan = scope.newest_active()
    if plan is None:
        return RoundPlan(refused="no_plans")
    return RoundPlan(str(plan.id), label)
