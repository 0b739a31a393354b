"""Priority areas matched across the districts' plans by name.

Why fuzzy: every district fills in the same template, but not to the letter: "2. Otrygga
platser", "Otrygga och brottsutsatta platser" and "otrygga platser och miljöer" are one area to
the city. Names are compared without case, punctuation, numbering ("1. ") and small words
("och", "i", …); a name whose words are all in another's counts as the same area (rapidfuzz's
token set ratio), and so does a near spelling. Two areas of one plan are never merged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

MATCH_SCORE = 75  # 0-100; the real plans' distinct areas score under 55 against each other
_NUMBERING = re.compile(r"^\s*(\d+|[ivx]+)\s*[.):-]\s*", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w]+")
_SMALL_WORDS = frozenset({"och", "i", "för", "av", "med", "mot", "på", "samt", "the", "and", "of"})


@dataclass(frozen=True)
class AreaName:
    """One area of one district's plan, in plan order."""

    district: str
    name: str
    position: int = 0


def normalise(name: str) -> str:
    """Lower case, no numbering, punctuation or small words: what two spellings share."""
    text = _NUMBERING.sub("", name.replace("\u00a0", " ")).casefold()
    words = [w for w in _NOT_WORD.sub(" ", text).replace("_", " ").split()
             if w not in _SMALL_WORDS]
    return " ".join(words)


def display_name(name: str) -> str:
    """The name as shown: its own words, without numbering or extra spaces."""
    return " ".join(_NUMBERING.sub("", name.replace("\u00a0", " ")).split()) or name.strip()


def similarity(a: str, b: str) -> float:
    """0-100: how alike two area names are (each given to `normalise` first)."""
    return _score(normalise(a), normalise(b))


def _score(left: str, right: str) -> float:
    if left == right:
        return 100.0
    if not left or not right:
        return 100.0 if left == right else 0.0
    return max(fuzz.ratio(left, right), fuzz.token_set_ratio(left, right))


def match_areas(areas: Sequence[AreaName]) -> dict[AreaName, str]:
    """Each area → the city's name for it (the spelling most districts use; first seen on a tie).

    Greedy in the order given (districts, then plan order): an area joins the best-scoring
    group at or over MATCH_SCORE that holds no area of its own district yet, or starts one.
    """
    keys = {area.name: normalise(area.name) for area in areas}
    groups: list[tuple[list[AreaName], set[str]]] = []  # members, their distinct keys
    for area in areas:
        key = keys[area.name]
        best, score = None, float(MATCH_SCORE)
        for members, group_keys in groups:
            if any(member.district == area.district for member in members):
                continue
            found = max(_score(key, other) for other in group_keys)
            if found >= score:
                best, score = (members, group_keys), found
        if best is None:
            groups.append(([area], {key}))
        else:
            best[0].append(area)
            best[1].add(key)
    result: dict[AreaName, str] = {}
    for group, _keys in groups:
        counts = Counter(display_name(member.name) for member in group)
        name = max(counts, key=lambda n: (counts[n], -list(counts).index(n)))
        result.update({member: name for member in group})
    return result
