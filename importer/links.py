"""Next year's plan: which actions continue last year's (same short name, or close text).

Pure. Proposals only: a coordinator confirms or undoes each (`folja plan links`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from importer.text import loose

_CLOSE_TEXT = 80


@dataclass(frozen=True)
class Candidate:
    id: int
    title: str
    action_text: str


@dataclass(frozen=True)
class Proposal:
    action_id: int
    previous_action_id: int
    score: int
    method: str  # "title" | "text"


def propose_links(new: Sequence[Candidate], old: Sequence[Candidate]) -> list[Proposal]:
    """At most one previous action per action and vice versa, best score first."""
    scored: list[Proposal] = []
    for n in new:
        for o in old:
            if n.title and loose(n.title) == loose(o.title):
                scored.append(Proposal(n.id, o.id, 100, "title"))
                continue
            if not (n.action_text and o.action_text):
                continue
            score = int(fuzz.token_set_ratio(loose(n.action_text), loose(o.action_text)))
            if score >= _CLOSE_TEXT:
                scored.append(Proposal(n.id, o.id, score, "text"))
    scored.sort(key=lambda p: (-p.score, p.action_id, p.previous_action_id))
    used_new: set[int] = set()
    used_old: set[int] = set()
    chosen = []
    for p in scored:
        if p.action_id in used_new or p.previous_action_id in used_old:
            continue
        used_new.add(p.action_id)
        used_old.add(p.previous_action_id)
        chosen.append(p)
    return sorted(chosen, key=lambda p: p.action_id)
