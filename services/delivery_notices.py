"""Dead letters the coordinator sees: one notice per round (and per coordinator), via the outbox.

The notice is itself an outbox row (kind "notice", dedupe key per round and coordinator), so it
is queued once however often the job runs, and notices are never counted as dead letters
themselves (no notice about a notice that could not be delivered).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from storage.db import Database

log = logging.getLogger(__name__)
Text = Callable[[str, int, "int | None"], str]  # (language, count, round id) → the message


async def notify_dead_letters(db: Database, coordinators: tuple[str, ...], now: datetime,
                              text: Text) -> dict:
    """Queue a notice to every reachable coordinator for each round with dead letters."""
    queued = 0
    async with db.transaction() as repo:
        per_round = await repo.dead_letters_by_round()
        for email in coordinators:
            person = await repo.person_by_email(email)
            ref = await repo.conversation_ref_for_person(person.id) if person else None
            if person is None or ref is None:
                continue
            target = {"conversation_id": ref.conversation_id, "service_url": ref.service_url,
                      "tenant_id": ref.tenant_id}
            for round_id, count in per_round.items():
                slot = round_id if round_id is not None else f"day-{now.date().isoformat()}"
                new = await repo.enqueue(
                    kind="notice", dedupe_key=f"dead-letters:{slot}:{person.id}",
                    activity={"type": "message", "text": text(person.language, count, round_id)},
                    target=target, round_id=round_id, person_id=person.id)
                queued += new is not None
    if queued:
        log.info("dead letters: %s notices queued for %s rounds", queued, len(per_round))
    return {"rounds": len(per_round), "queued": queued}
