"""What operators watch: the outbox backlog and how far the open rounds have come."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database


@dataclass(frozen=True)
class OperationsSnapshot:
    outbox_depth: int
    outbox_oldest_age: float  # seconds
    answers_per_round: dict[tuple[int, int], int]  # (plan id, round id) → actions answered


async def snapshot(db: Database, now: datetime) -> OperationsSnapshot:
    """One read-only transaction: outbox depth/age and answers per open round."""
    async with db.transaction() as repo:
        depth, oldest = await repo.outbox_backlog()
        answers = await repo.answers_per_open_round()
    age = 0.0
    if oldest is not None:
        if oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=now.tzinfo)
        age = max(0.0, (now - oldest).total_seconds())
    return OperationsSnapshot(depth, age, answers)
