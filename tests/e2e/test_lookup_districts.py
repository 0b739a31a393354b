"""Over HTTP: an answer from outside the asker's districts names the district on the card."""

from __future__ import annotations

import json

from tests.botclient import TOVE, BotClient, Teams
from tests.integration.test_lookup_districts import _two_districts


async def test_the_card_names_the_other_district(bot: BotClient, teams: Teams, stub, database,
                                                 tmp_path):
    plans = await _two_districts(database, tmp_path)
    async with database.transaction() as repo:
        plan = await repo.get_plan(plans["Kungsholmen"])
        await repo.add_action(plan.id, plan.areas[0].id, 98, title="Gatukonst på Fridhemsplan")
    assert (await bot.post(teams.message(TOVE, "vem äger gatukonsten")))[0] == 202
    assert (await bot.post(teams.message(TOVE, "vem äger SSP")))[0] == 202
    other, own = (json.dumps(card, ensure_ascii=False) for card in stub.attachments()[-2:])
    assert "Svaret kommer från Kungsholmen." in other and "Gatukonst på Fridhemsplan" in other
    assert "Svaret kommer från" not in own
