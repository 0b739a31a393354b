"""Re-importing an edited file: which stored action each row is, so identity and history stay.

Pure. An unchanged row keeps its action; an edited row (same area and short name, or nearly the
same Åtgärd text) keeps its action and is updated; a row that is gone is archived, never deleted.
An Uppföljning cell that Följa itself wrote from the stored statements (its own export read back)
is no change, so its text is neither stored as the file's own nor reported again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from domain.followup_cell import written_from
from importer.model import ParsedAction
from importer.text import loose

FIELDS = ("title", "problem", "cause", "action_text", "goal", "when_text", "who_text",
          "follow_up")
_SAME_TEXT = 85


@dataclass(frozen=True)
class Known:
    """A stored action as the reconciler needs it."""

    id: int
    area: str
    fields: dict[str, str]
    archived: bool = False
    answers: tuple[str, ...] = ()  # texts of the stored statements, imported one included


@dataclass
class Reconciliation:
    unchanged: list[tuple[int, str, ParsedAction]] = field(default_factory=list)
    changed: list[tuple[int, str, ParsedAction, tuple[str, ...]]] = field(default_factory=list)
    added: list[tuple[str, ParsedAction]] = field(default_factory=list)
    archived: list[int] = field(default_factory=list)
    restored: list[int] = field(default_factory=list)


def _values(action: ParsedAction) -> dict[str, str]:
    return {f: getattr(action, f) for f in FIELDS}


def _key(area: str, values: dict[str, str]) -> tuple:
    """Everything but the Uppföljning cell, which `_same_follow_up` compares on its own."""
    return (loose(area), *(loose(values[f]) for f in FIELDS if f != "follow_up"))


def _same_follow_up(known: Known, row: ParsedAction) -> bool:
    """The cell says what is stored: the same text, or Följa's own writing of the statements."""
    return (loose(row.follow_up) == loose(known.fields["follow_up"])
            or written_from(row.follow_up, known.answers))


def reconcile(known: Sequence[Known], rows: Sequence[tuple[str, ParsedAction]]) -> Reconciliation:
    """Pair each (area name, row) of the file with a stored action, or mark it new."""
    result = Reconciliation()
    free = {k.id: k for k in known}
    by_key: dict[tuple, list[int]] = {}
    for k in known:
        by_key.setdefault(_key(k.area, k.fields), []).append(k.id)
    pending: list[tuple[str, ParsedAction]] = []
    for area, row in rows:
        ids = [i for i in by_key.get(_key(area, _values(row)), []) if i in free] if free else []
        same = next((i for i in ids if _same_follow_up(free[i], row)), None)
        if same is not None:
            result.unchanged.append((free.pop(same).id, area, row))
        else:
            pending.append((area, row))
    # each stored action folded once, not once per (row, stored action) pair
    folded = {k.id: _Folded(k) for k in free.values()} if pending else {}
    for area, row in pending:
        match = _closest([folded[i] for i in free], area, row)
        if match is None:
            result.added.append((area, row))
            continue
        free.pop(match.id)
        new = _values(row)
        diff = tuple(f for f in FIELDS if match.fields[f] != new[f]
                     and not (f == "follow_up" and _same_follow_up(match, row)))
        result.changed.append((match.id, area, row, diff))
    archived = {k.id for k in known if k.archived}
    result.restored = [i for i, *_ in (*result.unchanged, *result.changed) if i in archived]
    result.archived = [k.id for k in free.values() if not k.archived]
    return result


class _Folded:
    """A stored action's texts folded once for `_closest`."""

    __slots__ = ("area", "known", "text", "title")

    def __init__(self, known: Known) -> None:
        self.known = known
        self.area = loose(known.area)
        self.title = loose(known.fields["title"])
        self.text = _sorted_tokens(known.fields["action_text"])


def _sorted_tokens(text: str) -> str:
    """`fuzz.ratio` of these equals `fuzz.token_sort_ratio` of the loose texts."""
    return " ".join(sorted(loose(text).split()))


def _closest(candidates: Sequence[_Folded], area: str, row: ParsedAction) -> Known | None:
    """The best stored action scoring >= _SAME_TEXT (the first one on a tie), or None."""
    best, best_score = None, 0.0
    area, title, text = loose(area), loose(row.title), _sorted_tokens(row.action_text)
    for k in candidates:
        same_area = k.area == area
        if same_area and row.title and k.title == title:
            score = 100.0
        else:  # the cutoff lets rapidfuzz stop early; a score under it comes back as 0
            score = fuzz.ratio(k.text, text, score_cutoff=_SAME_TEXT if same_area else
                               _SAME_TEXT + 10)
            score -= 0 if same_area else 10
        if score >= _SAME_TEXT and score > best_score:
            best, best_score = k.known, score
            if score >= 100:  # nothing later can beat it
                break
    return best
