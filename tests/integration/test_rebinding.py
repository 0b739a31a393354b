"""An e-mail address (or a Teams user id) never moves a person to another Entra account.

A person bound to Entra object A stays A's: an account B that Teams reports with the same e-mail
or UPN (a re-created account, a guest, a renamed mailbox) gets the unknown-person path, and A's
binding is untouched. Binding B to that person is the coordinator's decision, not the bot's.
"""

from __future__ import annotations

from sqlalchemy import select

from domain.model import ConversationRef
from services.people import TeamsIdentity, remember
from storage.db import Database
from storage.models import ConversationRefRow, PersonRow

A = TeamsIdentity(teams_user_id="29:anna", aad_object_id="aad-anna", name="Anna",
                  tenant_id="tenant", email="anna@stad.se")
REF_A = ConversationRef(conversation_id="a:anna", service_url="https://smba.trafficmanager.net/emea/")
REF_B = ConversationRef(conversation_id="a:other", service_url="https://smba.trafficmanager.net/emea/")


async def bound(database: Database) -> list[tuple]:
    async with database.session() as s:
        rows = await s.scalars(select(PersonRow).order_by(PersonRow.id))
        return [(r.email, r.aad_object_id, r.teams_user_id) for r in rows]


async def ref_owner(database: Database, conversation_id: str) -> int | None:
    async with database.session() as s:
        return await s.scalar(select(ConversationRefRow.person_id)
                              .where(ConversationRefRow.conversation_id == conversation_id))


async def test_same_email_from_another_aad_account_is_not_given_the_person(database: Database):
    first = await remember(database, A, REF_A, kind="personal")
    other = TeamsIdentity(teams_user_id="29:other", aad_object_id="aad-other", name="Anna (ny)",
                          tenant_id="tenant", email="ANNA@stad.se")
    found = await remember(database, other, REF_B, kind="personal")
    assert found.person is None and not found.needs_email
    assert await bound(database) == [("anna@stad.se", "aad-anna", "29:anna")]
    assert await ref_owner(database, "a:other") is None
    again = await remember(database, A, REF_A, kind="personal")
    assert again.person is not None and again.person.id == first.person.id


async def test_a_known_teams_id_with_another_aad_account_is_not_the_person(database: Database):
    await remember(database, A, REF_A, kind="personal")
    spoof = TeamsIdentity(teams_user_id="29:anna", aad_object_id="aad-other", name="X",
                          tenant_id="tenant", email="x@stad.se")
    found = await remember(database, spoof, REF_B, kind="personal")
    assert found.person is None or found.person.email == "x@stad.se"
    assert (await bound(database))[0] == ("anna@stad.se", "aad-anna", "29:anna")


async def test_a_person_prepared_by_email_is_bound_on_first_contact(database: Database):
    """The ordinary case stays: a coordinator added anna@ by e-mail; her first turn binds her."""
    async with database.transaction() as repo:
        await repo.create_person(email="anna@stad.se", display_name="Anna")
    found = await remember(database, A, REF_A, kind="personal")
    assert found.person is not None
    assert await bound(database) == [("anna@stad.se", "aad-anna", "29:anna")]
