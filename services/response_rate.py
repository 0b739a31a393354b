"""The response rate of rounds (domain/response_rate.py), read in one repository call."""

from __future__ import annotations

from domain.response_rate import ResponseRate, response_rate
from services.rounds import FollowupError
from storage.db import Database
from storage.repository import Repository


async def rates_in(repo: Repository, plan_id: int, round_id: int | None = None
                   ) -> list[ResponseRate]:
    """Every round of the plan (or one), oldest first, inside the caller's transaction."""
    return [response_rate(data) for data in await repo.response_inputs(plan_id, round_id)]


async def round_rate(db: Database, round_ref: str) -> ResponseRate:
    """One round's rate; FollowupError when the round is unknown."""
    async with db.transaction() as repo:
        rnd = await repo.find_round(round_ref)
        found = await rates_in(repo, rnd.plan_id, rnd.id) if rnd else []
    if not found:
        raise FollowupError("fu_err_round", round=round_ref)
    return found[0]
