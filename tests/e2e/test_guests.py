"""Over HTTP: a guest (B2B) kommunpolis, bound by a coordinator by their real e-mail, is
recognised on first contact although Teams shows the host tenant's `#EXT#` UPN."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.roles import assign_role
from storage.models import PersonRow
from tests.botclient import TENANT, BotClient, Teams, User

KIM = User("29:kim-guest", "aad-kim-guest", "Kim Kommunpolis", "kim.kommunpolis@polisen.se")
UPN = "kim.kommunpolis_polisen.se#EXT#@kommun.onmicrosoft.com"


@pytest.mark.parametrize("email", [KIM.email, None], ids=["email", "upn-only"])
async def test_a_guest_is_bound_by_their_real_email(bot: BotClient, teams: Teams, stub, database,
                                                    email):
    await assign_role(database, "Kommunpolis", KIM.email.upper())  # every district
    stub.add_member(id=KIM.teams_id, aad_object_id=KIM.aad, name=KIM.name, email=email, upn=UPN,
                    tenant_id=TENANT, user_role="guest")
    assert (await bot.post(teams.message(KIM, "hjälp")))[0] == 202
    async with database.session() as s:
        people = (await s.scalars(select(PersonRow))).all()
    assert [(p.email, p.aad_object_id, p.teams_user_id) for p in people] == [
        (KIM.email, KIM.aad, KIM.teams_id)]  # one person, bound, no #EXT# address stored
    assert not any("känner inte igen dig" in text for text in stub.texts())


async def test_a_guest_upn_given_to_roles_assign_is_stored_as_the_address(database):
    role, _new = await assign_role(database, "Kommunpolis", UPN)
    async with database.session() as s:
        emails = list(await s.scalars(select(PersonRow.email)))
    assert role.name == "Kommunpolis" and emails == [KIM.email]
