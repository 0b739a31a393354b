"""Over HTTP: an account that Teams reports with someone else's e-mail is not that someone.

Tove is bound to her Entra account. Another account whose Teams profile carries Tove's e-mail/UPN
writes to Följa: it is treated as a stranger (the unknown-person answer) and Tove's binding and
her data are unchanged.
"""

from __future__ import annotations

from sqlalchemy import select

from storage.models import PersonRow
from tests.botclient import TENANT, TOVE, BotClient, Teams, User

MALLORY = User("29:mallory", "aad-mallory", "Mallory", TOVE.email)


async def test_an_account_with_toves_email_does_not_become_tove(bot: BotClient, teams: Teams,
                                                                 stub, database):
    stub.add_member(id=MALLORY.teams_id, aad_object_id=MALLORY.aad, name=MALLORY.name,
                    email=TOVE.email, upn=TOVE.email, tenant_id=TENANT)
    assert (await bot.post(teams.message(TOVE, "hjälp")))[0] == 202
    stub.clear()

    assert (await bot.post(teams.message(MALLORY, "borta till 2026-12-20")))[0] == 202
    assert any("känner inte igen dig" in text for text in stub.texts()), stub.texts()
    async with database.session() as s:
        people = (await s.scalars(select(PersonRow))).all()
    assert [(p.email, p.aad_object_id, p.teams_user_id, p.away_until) for p in people] == [
        (TOVE.email, TOVE.aad, TOVE.teams_id, None)]
