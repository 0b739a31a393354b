"""Who is speaking: Teams identities bound to people, and where each can be reached."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from domain.identity import binding_email
from domain.model import ConversationRef, Person
from storage.db import Conflict, Database
from storage.repository import Repository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TeamsIdentity:
    """What the activity (and, if needed, the Teams member lookup) tells about the sender."""

    teams_user_id: str
    aad_object_id: str | None = None
    name: str = ""
    tenant_id: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Recognised:
    """The outcome of `remember`: the person, or that Teams should be asked for an e-mail."""

    person: Person | None
    needs_email: bool = False


async def remember(
    db: Database, identity: TeamsIdentity, ref: ConversationRef, *, kind: str
) -> Recognised:
    """Bind the identity to a person (by e-mail on first contact) and store the conversation.

    One transaction, and no write at all for a known person in an unchanged conversation (the
    common turn). A stranger with an e-mail becomes a person without roles, so a coordinator can
    later give them a role by e-mail and Följa can already reach them. A stranger without one
    comes back with `needs_email`, so the edge can ask Teams and call again. Teams sends a new
    user's installationUpdate and conversationUpdate at the same moment: if the other turn
    created the person first (`Conflict`), doing it again finds that person.
    """
    identity = replace(identity, email=binding_email(identity.email, None))  # never a #EXT# UPN
    try:
        return await _remember(db, identity, ref, kind=kind)
    except Conflict:
        log.info("concurrent first contact of %s; retrying", identity.teams_user_id)
        return await _remember(db, identity, ref, kind=kind)


async def _remember(
    db: Database, identity: TeamsIdentity, ref: ConversationRef, *, kind: str
) -> Recognised:
    async with db.transaction() as repo:
        person = await _bound(repo, identity)
        if person is None and identity.email:
            person = await _by_email(repo, identity)
        if person is not None:
            person = await _refresh_ids(repo, person, identity)
            if person.unreachable:  # they wrote to us: Teams lets us reach them again
                await repo.mark_reachable(person.id)
                person = replace(person, unreachable=False)
        await repo.save_conversation_ref(ref, kind=kind, person_id=person.id if person else None)
        return Recognised(person, needs_email=person is None and not identity.email)


async def recognised(repo: Repository, identity: TeamsIdentity) -> Person | None:
    """The person behind a known, unchanged identity, read inside the caller's transaction.

    The card save's fast path (Följa's busiest turn): one SELECT in the save's own transaction
    instead of a transaction of its own. None whenever `remember` would have something to do (a
    stranger, changed ids or name, a person marked unreachable): the caller then goes that way.
    """
    person = await _bound(repo, identity)
    if person is None or person.unreachable or _changes(person, identity):
        return None
    return person


async def _bound(repo: Repository, identity: TeamsIdentity) -> Person | None:
    if identity.aad_object_id and (p := await repo.person_by_aad(identity.aad_object_id)):
        return p
    person = await repo.person_by_teams_id(identity.teams_user_id)
    return None if person is None or _other_account(person, identity) else person


def _other_account(person: Person, identity: TeamsIdentity) -> bool:
    """The person is bound to an Entra account that is not the sender's.

    Such a person is never handed to the sender, and their binding never moved to the sender's
    account: an e-mail address or UPN can come back on another account (re-created, renamed,
    a guest), and re-binding would give that account the person's roles and reports. A
    coordinator who knows it is the same human changes the binding by hand.
    """
    return bool(person.aad_object_id) and person.aad_object_id != identity.aad_object_id


async def _by_email(repo: Repository, identity: TeamsIdentity) -> Person | None:
    person = await repo.person_by_email(identity.email or "")
    if person is not None and _other_account(person, identity):
        log.warning("person %s is bound to another Entra account than %s: not re-bound by e-mail",
                    person.id, identity.teams_user_id)
        await repo.audit(actor="teams", action="person.rebind_refused", entity="person",
                         entity_id=person.id, after={"aad_object_id": identity.aad_object_id})
        return None
    if person is None:
        person = await repo.create_person(
            email=identity.email, display_name=identity.name,
            aad_object_id=identity.aad_object_id,
            teams_user_id=identity.teams_user_id, tenant_id=identity.tenant_id,
        )
        await repo.audit(actor="teams", action="person.created", entity="person",
                         entity_id=person.id, after={"email": person.email})
    return person


def _changes(person: Person, identity: TeamsIdentity) -> dict:
    """What Teams tells about this person that we do not have yet."""
    changes = {
        k: v
        for k, v in {
            "aad_object_id": identity.aad_object_id,
            "teams_user_id": identity.teams_user_id,
            "tenant_id": identity.tenant_id,
        }.items()
        if v and getattr(person, k) != v
    }
    if not person.display_name and identity.name:
        changes["display_name"] = identity.name
    return changes


async def _refresh_ids(repo: Repository, person: Person, identity: TeamsIdentity) -> Person:
    changes = _changes(person, identity)
    if not changes:
        return person
    updated = await repo.update_person(person.id, **changes)
    await repo.audit(actor="teams", action="person.identity_bound", entity="person",
                     entity_id=person.id, before={k: getattr(person, k) for k in changes},
                     after=changes)
    return updated
