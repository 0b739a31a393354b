"""A search index over one plan: actions, areas, roles and the people holding them.

Built once per plan version (the service caches it) so a question costs a few dictionary look-ups
and one rapidfuzz pass over the plan's vocabulary, not a scan of every text.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process

from domain.lookup.text import fold, tokens
from domain.model import Action, Area, Person, Plan, Role
from domain.status import Status


class Kind(enum.StrEnum):
    ACTION = "action"
    AREA = "area"
    ROLE = "role"
    PERSON = "person"


@dataclass(frozen=True)
class LatestStatus:
    """The newest status report of an action (whoever filed it)."""

    action_id: int
    status: Status
    reported_on: date
    reported_by: str = ""
    text: str = ""  # done_text: free text, shown only where services.lookups allows it
    support: str = ""  # support_text: free text, likewise


@dataclass(frozen=True)
class Entry:
    kind: Kind
    id: int
    label: str
    weights: dict[str, float]  # token → how strongly it names this entry


@dataclass(frozen=True)
class Hit:
    kind: Kind
    id: int
    label: str
    score: float  # 0..1


# Extra names people use for roles, beside roles.aliases (folded; stemmed on use).
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "kommunpolis": ("kp", "polis", "polisen", "community police"),
    "trygghetssamordnare": ("tsam", "trygghetssamordning", "samordnare", "safety coordinator"),
    "socialtjanst": ("soc", "socialen", "socialsekreterare", "social services"),
    "stadsdelsforvaltning": ("sdf", "forvaltningen", "stadsdelen", "district"),
    "faltassistent": ("faltare", "faltarna", "field workers"),
    "polis": ("polisen", "police", "lpo"),
    "skola": ("skolan", "skolor", "school"),
}


@dataclass
class LookupIndex:
    plan: Plan
    statuses: Mapping[int, LatestStatus]
    actions: dict[int, Action] = field(default_factory=dict)
    areas: dict[int, Area] = field(default_factory=dict)
    roles: dict[int, Role] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # folded entry labels, for suggestions

    def search(self, text: str, kinds: frozenset[Kind] | None = None, limit: int = 8) -> list[Hit]:
        """Entries ranked by how well `text` names them (exact > prefix > typo > part of word)."""
        wanted = list(dict.fromkeys(tokens(text, query=True)))
        if not wanted:
            return []
        scores: dict[int, float] = {}
        for token in wanted:
            best: dict[int, float] = {}
            for word, quality in self._similar(token):
                for entry_no, weight in self.postings.get(word, ()):
                    best[entry_no] = max(best.get(entry_no, 0.0), quality * weight)
            for entry_no, value in best.items():
                scores[entry_no] = scores.get(entry_no, 0.0) + value
        hits = []
        for entry_no, score in scores.items():
            entry = self.entries[entry_no]
            if kinds is None or entry.kind in kinds:
                score = round(score / len(wanted), 4)
                hits.append((-score, _KIND_ORDER[entry.kind], entry_no, Hit(
                    entry.kind, entry.id, entry.label, score)))
        hits.sort(key=lambda h: h[:3])
        return [h[3] for h in hits[:limit]]

    def hit(self, kind: Kind, item_id: int) -> Hit | None:
        """The action, area, role or person a "Visa" button names, if this plan (still) has it:
        a tap on a card drawn from several districts' plans finds the plan that holds it."""
        tables: dict[Kind, Mapping[int, object]] = {
            Kind.ACTION: self.actions, Kind.AREA: self.areas, Kind.ROLE: self.roles,
            Kind.PERSON: self.people}
        item = tables[kind].get(item_id)
        if item is None:
            return None
        label = getattr(item, "name", None) or getattr(item, "display_name", None) or ""
        return Hit(kind, item_id, label, 1.0)

    def suggest(self, text: str, limit: int = 3) -> list[Hit]:
        """The labels closest to `text` as a whole, for when no word matched."""
        found = process.extract(fold(text), self.labels, scorer=fuzz.WRatio, limit=limit,
                                score_cutoff=40)
        return [Hit(self.entries[n].kind, self.entries[n].id, self.entries[n].label,
                    round(score / 100 * 0.4, 4)) for _, score, n in found]

    def _similar(self, token: str) -> list[tuple[str, float]]:
        """Vocabulary words close to `token`, each with a quality in 0..1."""
        found: dict[str, float] = {}
        if token in self.postings:
            found[token] = 1.0
        if len(token) >= 4:
            for word, score, _ in process.extract(
                token, self.vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=6
            ):
                found.setdefault(word, 0.55 + 0.4 * (score - 80) / 20)
            for word in self.vocabulary:
                if word != token and word.startswith(token):
                    found[word] = max(found.get(word, 0.0), 0.85)
                elif len(token) >= 5 and token in word:
                    found[word] = max(found.get(word, 0.0), 0.7)
        return list(found.items())


_KIND_ORDER = {Kind.ACTION: 0, Kind.ROLE: 1, Kind.PERSON: 2, Kind.AREA: 3}


def _weigh(weights: dict[str, float], text: str, weight: float, head: int = 0,
           head_weight: float = 0.0) -> None:
    """Add `text`'s tokens at `weight` (its first `head` tokens at `head_weight`)."""
    for n, token in enumerate(tokens(text)):
        value = head_weight if n < head else weight
        if value > weights.get(token, 0.0):
            weights[token] = value


def action_label(action: Action, limit: int = 90) -> str:
    """A short name: the title (else the action text), cut at a word before `limit`."""
    text = " ".join((action.title or action.action_text or action.problem).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _action_entry(action: Action, area: Area) -> Entry:
    weights: dict[str, float] = {}
    _weigh(weights, action.title, 1.0)
    _weigh(weights, action.action_text, 0.5, head=12, head_weight=0.9)
    for text in (action.problem, area.name, action.who_text, action.goal):
        _weigh(weights, text, 0.3)
    return Entry(Kind.ACTION, action.id, action_label(action), weights)


def _role_entry(role: Role) -> Entry:
    weights: dict[str, float] = {}
    _weigh(weights, role.name, 1.0)
    for alias in role.aliases:
        _weigh(weights, alias, 1.0)
    for key, words in ROLE_WORDS.items():
        if tokens(key) and tokens(key)[0] in weights:
            for word in words:
                _weigh(weights, word, 0.6)
    return Entry(Kind.ROLE, role.id, role.name, weights)


def _person_entry(person: Person) -> Entry:
    weights: dict[str, float] = {}
    _weigh(weights, person.display_name, 1.0)
    if person.email:
        _weigh(weights, person.email.split("@")[0].replace(".", " "), 0.9)
    return Entry(Kind.PERSON, person.id, person.display_name or person.email or "", weights)


def build_index(plan: Plan, statuses: Mapping[int, LatestStatus]) -> LookupIndex:
    """Index every active action, area, role and role holder of `plan`."""
    index = LookupIndex(plan=plan, statuses=statuses)
    for area in plan.areas:
        if area.placeholder:  # the template's empty "[Eget prioriterat område]": never suggested
            continue
        index.areas[area.id] = area
        index.entries.append(Entry(Kind.AREA, area.id, area.name, _area_weights(area)))
        for action in area.actions:
            index.actions[action.id] = action
            index.entries.append(_action_entry(action, area))
            for resp in action.responsibilities:
                index.roles.setdefault(resp.role.id, resp.role)
                for person in resp.people:
                    index.people.setdefault(person.id, person)
    index.entries.extend(_role_entry(r) for r in index.roles.values())
    index.entries.extend(_person_entry(p) for p in index.people.values())
    for entry_no, entry in enumerate(index.entries):
        for token, weight in entry.weights.items():
            index.postings.setdefault(token, []).append((entry_no, weight))
    index.vocabulary = sorted(index.postings)
    index.labels = [fold(e.label) for e in index.entries]
    return index


def _area_weights(area: Area) -> dict[str, float]:
    weights: dict[str, float] = {}
    _weigh(weights, area.name, 1.0)
    return weights
