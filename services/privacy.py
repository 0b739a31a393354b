"""Personal data on request: a person's register extract, forgetting them, and retention.

Each function is one transaction and writes an audit event. `forget` pseudonymises: the status
reports stay for the plan's history and statistics, attributed to the person's role.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.plans import _jsonable
from storage.db import Database
from storage.repos.privacy import row_dict

log = logging.getLogger(__name__)
PERSON_FIELDS = ("id", "email", "display_name", "aad_object_id", "teams_user_id", "tenant_id",
                 "language", "away_until", "unreachable_since", "unreachable_reason",
                 "created_at", "updated_at", "forgotten_at")


class PersonNotFound(LookupError):
    """No person has this e-mail address."""


@dataclass(frozen=True)
class Forgotten:
    person_id: int
    pseudonym: str
    counts: dict[str, int]


async def export_person(db: Database, email: str) -> dict[str, Any]:
    """Everything Följa stores about the person with this e-mail, JSON-ready."""
    async with db.transaction() as repo:
        row = await repo.person_row_by_email(email)
        if row is None:
            raise PersonNotFound(email)
        person = {k: v for k, v in row_dict(row).items() if k in PERSON_FIELDS}
        record = await repo.person_record(row)
    return _jsonable({"person": person, **record})


async def forget_person(db: Database, email: str, *, actor: str, now: datetime) -> Forgotten:
    """Remove the person's identity from Följa; their reports stay under their role's name."""
    async with db.transaction() as repo:
        row = await repo.person_row_by_email(email)
        if row is None:
            raise PersonNotFound(email)
        pseudonym = f"borttagen person {row.id}"
        counts = await repo.forget_person(row, pseudonym, now)
        await repo.audit(actor=actor, action="person.forgotten", entity="person",
                         entity_id=row.id, after={"pseudonym": pseudonym, **counts})
    log.info("person %s forgotten", row.id)
    return Forgotten(row.id, pseudonym, counts)


async def run_retention(db: Database, *, years: int, now: datetime, actor: str = "retention") -> int:
    """Empty status-report free text older than `years`, and its copies in delivered messages
    and frozen period reports; returns how many reports changed."""
    cutoff = _years_before(now, years)
    async with db.transaction() as repo:
        texts = await repo.old_free_texts(cutoff)
        changed = await repo.strip_old_free_text(cutoff)
        outbox = await repo.strip_old_outbox_text(cutoff, texts)
        # A closed period's frozen report holds the same free text: it goes too (a later
        # request freezes the report again, without the text).
        frozen = await repo.drop_frozen_reports(cutoff)
        await repo.audit(actor=actor, action="retention.run", entity="status_report",
                         after={"before": cutoff.isoformat(), "reports": changed,
                                "outbox": outbox, "frozen_reports": frozen})
    return changed


def _years_before(now: datetime, years: int) -> datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)
