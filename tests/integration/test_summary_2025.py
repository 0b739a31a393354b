"""The styrgrupp card with the real 2025 plan and nobody answered yet: valid, under 28 KB, and
each person and each role without a person named once."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from cards.followup_messages import COMPOSER
from domain.plaintext import unescape
from reports.summary import renderer
from services.rounds import open_round
from services.summaries import current_summary
from storage.db import Database
from tests.followup_data import seed_2025
from tests.schemas import assert_valid_card

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


async def _everyone_holds_a_role(db: Database, plan_id: int) -> None:
    """A person (never written to Följa, so out of reach) for every role nobody holds."""
    async with db.transaction() as repo:
        plan = await repo.get_plan(plan_id)
        roles = {r.role.id: r.role.name for a in plan.actions for r in a.responsibilities
                 if not r.people}
        for i, (role_id, name) in enumerate(sorted(roles.items())):
            person = await repo.create_person(email=f"p{i}@stad.se",
                                              display_name=f"{name} Förnamn Efternamnsson")
            await repo.assign_role(role_id, person.id, await repo.district_of_plan(plan_id))


def _texts(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "TextBlock" else []
        return own + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


@pytest.mark.parametrize("everyone", [False, True], ids=["as-seeded", "every-role-held"])
async def test_real_2025_plan_unanswered_card_fits(database: Database, tmp_path, everyone):
    seeded = await seed_2025(database, tmp_path)
    if everyone:
        await _everyone_holds_a_role(database, seeded.plan_id)
    opened = await open_round(database, "Kungsholmen 2025", label="Tertial 3 2026",
                              due=date(2026, 12, 18), actor="test", now=NOW, compose=COMPOSER)
    summary = await current_summary(database, seeded.plan_id, opened.round.id)
    assert (summary.answered_actions, summary.total_actions) == (0, 27)
    assert summary.progress.people_answered == 0
    card = renderer("sv")(summary)["attachments"][0]["content"]
    assert_valid_card(card)
    size = len(json.dumps(card, ensure_ascii=False).encode())
    assert size < 28 * 1024, size
    texts = [unescape(t) for t in _texts(card["body"])]  # as the reader sees them
    assert "Åtgärder: 0 av 27 besvarade" in texts[1]
    for person in summary.pending:
        assert sum(person.name in t for t in texts) == 1, person.name
    without = [t for t in texts if t.startswith("Roller utan person")]
    assert len(without) == (0 if everyone else 1)
    if not everyone:
        assert all(role in without[0] for role in summary.roles_without_person)
        assert len(summary.roles_without_person) >= 10
        assert not any(t.startswith(summary.roles_without_person) for t in texts)
    else:
        assert len(summary.pending) >= 15
