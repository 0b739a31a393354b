"""Who may read the free text of a status report in a lookup answer.

The plan is an official document: anyone in the organisation may see its owners, roles, and a
status with its date. What an owner WROTE (done_text, support_text) is for the action's owners,
the plan's coordinators, and the plan's styrgrupp channel only. The decision is made here, from
the person of the activity and the conversation the answer goes to; the cards then render only
what they are handed.

- In the asker's own personal chat with Följa: the actions the asker owns (holds one of its
  roles), every action for a coordinator of the plan (role "koordinator" in this plan or in all
  plans, or listed in FOLJA_COORDINATORS).
- In the channel chosen as the plan's styrgrupp channel: every action (its members are the
  steering group; the channel's membership in Teams is the access control).
- Anywhere else (another channel, a group chat, the compose box, which inserts the card into a
  conversation with others): none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.lookup import LookupIndex
from domain.model import Person
from storage.db import Database

PERSONAL, CHANNEL, COMPOSE = "personal", "channel", "compose"


@dataclass(frozen=True)
class Place:
    """Where the answer is shown: `kind` personal | channel (channel or group chat) | compose."""

    kind: str
    conversation_id: str = ""

    @property
    def base_conversation(self) -> str:
        """The channel itself, not the thread of one message."""
        return self.conversation_id.split(";messageid=")[0]


ALL = None  # readable_actions: every action
NOWHERE = Place("other")  # no free text for anyone: the default when a caller names no place


async def readable_actions(db: Database, index: LookupIndex, asker: Person | None, place: Place,
                           coordinators: tuple[str, ...]) -> frozenset[int] | None:
    """The actions whose free text this answer may show; None means all of them.

    Asks the database (one query) only when some status has free text the asker does not own.
    """
    written = {a for a, s in index.statuses.items() if s.text or s.support}
    if not written:
        return ALL
    owned = _owned_by(index, asker) if place.kind == PERSONAL else frozenset()
    if written <= owned:
        return ALL
    async with db.transaction() as repo:
        if place.kind != PERSONAL:
            header = await repo.plan_header(index.plan.id)
            steering = header[2] if header else None
            return ALL if steering and steering == place.base_conversation else frozenset()
        if asker is not None and ((asker.email or "").lower() in coordinators
                                  or await repo.is_coordinator(asker.id, index.plan.id)):
            return ALL
    return owned


def _owned_by(index: LookupIndex, asker: Person | None) -> frozenset[int]:
    """The actions the asker answers for: they hold one of the action's roles."""
    if asker is None:
        return frozenset()
    return frozenset(a.id for a in index.actions.values()
                     if any(p.id == asker.id for r in a.responsibilities for p in r.people))


def without_free_text(index: LookupIndex, readable: frozenset[int] | None) -> LookupIndex:
    """The index as this answer may show it: statuses of other actions lose their free text.

    The cached index is shared between turns and never changed; a redacted copy is returned.
    """
    if readable is ALL:
        return index
    statuses = {action_id: status if action_id in readable
                else replace(status, text="", support="")
                for action_id, status in index.statuses.items()}
    return replace(index, statuses=statuses)
