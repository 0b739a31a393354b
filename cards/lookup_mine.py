"""The answer to "mina åtgärder" as an Adaptive Card (1.5): the asker's actions in every district
they are bound in, in one card, under a heading per district when there is more than one.

Pure, like cards/lookups.py (whose rows it reuses): words from `say`, dates from `day`, plan text
escaped where it enters. The card has room for `MAX_LISTED` rows; a long list is shared out
between the districts so that each of them shows, and says how many more it has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cards.lookups import MAX_LISTED, Day, Say, card, flat, group_rows, text
from domain.lookup import LookupIndex
from domain.model import Action, Area


@dataclass(frozen=True)
class DistrictPart:
    """One district's share of the answer: its name ("" when not named), its plan's index and
    the asker's actions there, grouped by area."""

    district: str
    index: LookupIndex
    groups: Sequence[tuple[Area, Sequence[Action]]]

    @property
    def count(self) -> int:
        return sum(len(actions) for _, actions in self.groups)


def mine_card(title: str, per_district: Sequence[DistrictPart], say: Say, day: Day, *,
              person_id: int | None = None, room: int = MAX_LISTED) -> dict:
    """The title, then each district's heading (when named) and its actions grouped by area,
    each marked "leads" or "takes part" for `person_id`."""
    body = [text(title, weight="Bolder", size="Medium")]
    counts = [p.count for p in per_district]
    for part, share in zip(per_district, shares(counts, room), strict=True):
        if part.district:
            body.append(text(say("lookup_mine_district", district=flat(part.district, 80),
                                 count=part.count),
                             weight="Bolder", size="Medium", spacing="Large", separator=True))
        rows, listed = group_rows(part.index, part.groups, say, day, room=share,
                                  person_id=person_id)
        body.extend(rows)
        if part.count > listed:
            body.append(text(say("lookup_more", count=part.count - listed), isSubtle=True))
    return card(body)


def shares(sizes: Sequence[int], room: int) -> list[int]:
    """How many rows each part may list: all of them when everything fits, else an equal share
    of `room`, the room a small part leaves over going to the larger ones."""
    out = [0] * len(sizes)
    left = room
    by_size = sorted(range(len(sizes)), key=lambda n: sizes[n])
    for done, n in enumerate(by_size):
        out[n] = min(sizes[n], left // (len(sizes) - done))
        left -= out[n]
    return out
