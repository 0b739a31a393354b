"""Test data for the follow-up: the real 2025 plan imported from its workbook, and its owners.

Tove (police) and Samir (social services) are the bot users of tests/botclient.py; Tina holds a
role but has never spoken to Följa (a personal chat must be created); Greta has only an e-mail
(she cannot be reached and is listed so).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from domain.model import Organisation
from services.imports import import_workbook
from storage.db import Database
from tests.botclient import SAMIR, TENANT, TOVE
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025

TINA_AAD = "aad-tina"


@dataclass(frozen=True)
class Seeded:
    plan_id: int
    people: dict[str, int]  # short name → person id
    roles: dict[str, int]  # role name → role id


OWNERS = {
    "tove": ("Kommunpolis", TOVE.email, TOVE.name, TOVE.aad, "tove"),
    "samir": ("Socialtjänsten", SAMIR.email, SAMIR.name, SAMIR.aad, "samir"),
    "tina": ("Trygghetssamordnare", "tina.trygg@stad.se", "Tina Trygg", TINA_AAD, None),
    "greta": ("Skolan", "greta.skola@stad.se", "Greta Skola", None, None),
}


async def seed_2025(db: Database, tmp: Path, *, coordinator: bool = True) -> Seeded:
    """Import the 2025 sample plan and bind one person to each main role."""
    path = build_workbook(PLAN_2025, tmp / "atgardsplan-2025.xlsx")
    report = await import_workbook(db, path, year=2025, district="Kungsholmen")
    people, roles = {}, {}
    async with db.transaction() as repo:
        for key, (role_name, email, name, aad, _) in OWNERS.items():
            role = await repo.get_or_create_role(role_name)
            person = await repo.create_person(
                email=email, display_name=name, aad_object_id=aad,
                tenant_id=TENANT if aad else None,
                teams_user_id=f"29:{key}" if key in ("tove", "samir") else None,
            )
            await repo.assign_role(role.id, person.id, await repo.district_of_plan(report.plan_id))
            people[key], roles[role_name] = person.id, role.id
        if coordinator:
            koord = await repo.get_or_create_role("koordinator", Organisation.DISTRICT)
            karin = await repo.create_person(email="karin.koord@stad.se", display_name="Karin Koord")
            await repo.assign_role(koord.id, karin.id, None)
            people["karin"], roles["koordinator"] = karin.id, koord.id
    return Seeded(report.plan_id, people, roles)


def seed_2025_for_cli(url: str, tmp: Path) -> None:
    """`seed_2025` from a synchronous CLI test: its own engine, closed before the CLI runs."""

    async def seed() -> None:
        db = Database(url)
        try:
            await seed_2025(db, tmp)
        finally:
            await db.dispose()

    asyncio.run(seed())
