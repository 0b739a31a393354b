"""Two rounds of the 2025 plan: Tove answered two actions in the first (one with a support
request, one counting occasions if the plan has such an action), the second is open. The
ground "oförändrat sedan förra" stands on, shared by the service and HTTP tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cards.followup_messages import COMPOSER
from domain.followup import StatusInput
from domain.status import Status
from services import followup
from storage.db import Database
from tests.followup_data import Seeded


@dataclass(frozen=True)
class TwoRounds:
    first: int
    second: int
    answered: tuple[int, int]  # Tove's two actions answered in the first round
    open: tuple[int, ...]  # Tove's other actions: no earlier answer


async def tove_actions(db: Database, seeded: Seeded) -> list[int]:
    async with db.transaction() as repo:
        plan = await repo.get_plan(seeded.plan_id)
    return [a.id for a in plan.actions
            if any(r.role.name == "Kommunpolis" for r in a.responsibilities)]


async def two_rounds(db: Database, seeded: Seeded, now: datetime, *, due_days: int = 4,
                     reminder_days_before: int | None = None) -> TwoRounds:
    """Round "Vecka 45" answered in part and closed, then round "Vecka 49" opened (prompts
    queued), both at `now`; the second is due `due_days` later."""
    first = await followup.open_round(db, "Kungsholmen 2025", label="Vecka 45", due=None,
                                      actor="cli", now=now - timedelta(days=28),
                                      compose=COMPOSER)
    mine = await tove_actions(db, seeded)
    saves = [StatusInput(first.round.id, mine[0], Status.ON_TRACK,
                         done_text="Två möten med skolorna.", needs_support=True,
                         support_text="Lokal för trygghetsvandringen."),
             StatusInput(first.round.id, mine[1], Status.DELAYED, done_text="Väntar på polisen.")]
    for data in saves:
        result = await followup.record_status(db, data, person_id=seeded.people["tove"],
                                              now=now - timedelta(days=27))
        assert result.ok, result
    await followup.close_round(db, str(first.round.id), actor="cli", now=now - timedelta(days=20))
    second = await followup.open_round(
        db, "Kungsholmen 2025", label="Vecka 49", due=now.date() + timedelta(days=due_days),
        actor="cli", now=now, compose=COMPOSER, reminder_days_before=reminder_days_before)
    return TwoRounds(first.round.id, second.round.id, (mine[0], mine[1]), tuple(mine[2:]))
