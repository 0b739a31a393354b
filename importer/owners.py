"""Who is responsible for an action, read from its "Vem" text against a role catalogue.

Pure and conservative: a role counts only when one of its names (or a near misspelling of a
one-word name, e.g. "Trygghessamordnaren") is written in the text; nothing is guessed. A role is
the lead when it is the subject of "sammankallande", "ansvarar för", "har huvudansvaret", …
in its own clause. Coordinators extend the catalogue (`folja roles add`), which is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from domain.model import Organisation
from importer.text import loose


@dataclass(frozen=True)
class RoleSpec:
    name: str
    organisation: Organisation
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class OwnerMatch:
    role: str
    lead: bool


_P, _S, _K, _D, _O = (Organisation.POLICE, Organisation.SOCIAL_SERVICES, Organisation.SCHOOL,
                      Organisation.DISTRICT, Organisation.OTHER)
DEFAULT_ROLES: tuple[RoleSpec, ...] = (
    RoleSpec("Kommunpolis", _P, ("kommunpolisen",)),
    RoleSpec("Polisen", _P, ("polis", "ingripande polis", "lpo", "lokalpolisområdet",
                             "lokalpolisområde", "områdespolis")),
    RoleSpec("Socialsekreterare hos polisen", _S, (
        "socialsekreterare hos polisen", "socialsekreterare på polisen",
        "socialsekreterare hos rvci")),
    RoleSpec("Socialsekreterare", _S, ("socialsekreterarna",)),
    RoleSpec("Socialtjänsten", _S, ("socialtjänst", "socialtjänstens")),
    RoleSpec("Socialjouren", _S, ("socialjour",)),
    RoleSpec("Fältassistenter", _S, ("fältassistent", "fältassistenterna", "fältgruppen",
                                                  "stadsdelens fältassistenter")),
    RoleSpec("Avdelningschef inom socialtjänsten", _S, (
        "avdelningschef inom socialtjänsten", "avdelningschefen inom socialtjänsten")),
    RoleSpec("Grundskolechef", _K, ("grundskolechefen",)),
    RoleSpec("Gymnasiechef", _K, ("gymnasiechefen",)),
    RoleSpec("Skolan", _K, ("skola", "skolor", "skolorna", "gymnasieskola", "gymnasieskolan",
                            "anpassad gymnasieskola", "anpasssad gymnasieskola")),
    RoleSpec("Utbildningsförvaltningen", _K, ("utbildningsförvaltning",)),
    RoleSpec("Stadsdelsdirektör", _D, ("stadsdelsdirektören",)),
    RoleSpec("Trygghetssamordnare", _D, (
        "trygghetssamordnaren", "trygghetssamordnare på stadsdelsförvaltningen",
        "trygghetssamordnaren på stadsdelsförvaltningen",
        "trygghetssamordnaren hos stadsdelsförvaltningen")),
    RoleSpec("Preventionssamordnare", _D, (
        "preventionssamordnaren", "preventionssamordnare på stadsdelsförvaltningen")),
    RoleSpec("Säkerhetssamordnare", _D, ("säkerhetssamordnaren", "säkerhetschef",
                                         "säkerhetschefen")),
    RoleSpec("VINR-samordnare", _D, ("vinrsamordnare", "vinr samordnare", "vinr-samordnaren")),
    RoleSpec("VBE-samordnare", _D, ("vbesamordnare", "vbe samordnare", "vbe-samordnaren",
                                    "vbesamordnaren")),
    RoleSpec("SSPF-koordinator", _D, ("sspfkoordinator", "sspf koordinator")),
    RoleSpec("Stadsdelsförvaltningen", _D, ("stadsdelsförvaltning", "stadsdelen")),
    RoleSpec("Äldreomsorgen", _D, ("äldreomsorgsavdelningen", "äldreomsorgsavdelning")),
    RoleSpec("Förskoleavdelningen", _D, ("förskoleavdelning",)),
    RoleSpec("Sekreterare för rådet för funktionshinderfrågor", _D, (
        "sekreterare för rådet för funktionshinderfrågor", "funktionshinderrådet")),
    RoleSpec("Regionen", _O, ("region stockholm",)),
)

_SUFFIX = r"(?:en|n|na|er|erna|ens|s|ns|ar|arna)?"
_LEAD = re.compile(r"sammankalla\w*|\bansvar\w*|\bhuvudansvar\w*|\bleda arbetet|\bleder\b")
_CLAUSE = re.compile(r"[.;:]\s|,\s|\n")
_FUZZY_MIN_LEN = 9
_FUZZY_CUTOFF = 92
_FUZZY_MAX_LEN_DIFF = 2  # a typo, not another word: "samordnaren" is not "vbesamordnaren"


@lru_cache(maxsize=16)
def _matchers(
    roles: tuple[RoleSpec, ...],
) -> tuple[list[tuple[re.Pattern, str, tuple[str, ...]]], dict[str, str]]:
    """One pattern per role (longest names first, with the plain names: a match needs one of
    them as a substring, a cheap test that skips most patterns) and the one-word names for
    typo matching."""
    patterns = []
    single: dict[str, str] = {}
    for spec in roles:
        names = sorted({loose(n) for n in (spec.name, *spec.aliases)}, key=len, reverse=True)
        body = "|".join(re.escape(n) for n in names)
        patterns.append((re.compile(rf"(?<![\w-])(?:{body}){_SUFFIX}(?![\w])"), spec.name,
                         tuple(names)))
        for n in names:
            if " " not in n and len(n) >= _FUZZY_MIN_LEN:
                single[n] = spec.name
    return patterns, single


def find_owners(who_text: str, roles: Sequence[RoleSpec] = DEFAULT_ROLES) -> list[OwnerMatch]:
    """The roles named in `who_text`, in order of mention, each with whether it leads."""
    text = loose(who_text)
    if not text:
        return []
    patterns, single = _matchers(tuple(roles))
    spans = _exact_spans(text, patterns)
    spans += _fuzzy_spans(text, spans, single)
    spans.sort()
    leads = _lead_starts(text)
    result: dict[str, bool] = {}
    for start, _end, name in spans:
        result[name] = result.get(name, False) or start in leads
    return [OwnerMatch(name, lead) for name, lead in result.items()]


def _exact_spans(text: str, patterns) -> list[tuple[int, int, str]]:
    """Longest names first; a shorter name inside a longer one is not a second role."""
    found = [(m.start(), m.end(), name) for pattern, name, plain in patterns
             if any(n in text for n in plain) for m in pattern.finditer(text)]
    found.sort(key=lambda s: s[0] - s[1])
    taken: list[tuple[int, int, str]] = []
    for span in found:
        if all(span[1] <= s[0] or span[0] >= s[1] for s in taken):
            taken.append(span)
    return taken


def _fuzzy_spans(text: str, taken, single: dict[str, str]) -> list[tuple[int, int, str]]:
    spans = []
    for m in re.finditer(rf"[\w-]{{{_FUZZY_MIN_LEN},}}", text):
        if any(m.start() < s[1] and m.end() > s[0] for s in taken):
            continue
        if name := _typo_of(m.group(), tuple(single.items())):
            spans.append((m.start(), m.end(), name))
    return spans


@lru_cache(maxsize=4096)
def _typo_of(token: str, single: tuple[tuple[str, str], ...]) -> str | None:
    """The role whose one-word name `token` misspells, if any (cached: words repeat a lot)."""
    names = dict(single)
    hit = process.extractOne(token, names.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    if hit and abs(len(hit[0]) - len(token)) <= _FUZZY_MAX_LEN_DIFF:
        return names[hit[0]]
    return None


def _lead_starts(text: str):
    """Start offsets of the roles that are the subject of a lead phrase in their clause."""
    class _Starts:
        def __contains__(self, start: int) -> bool:
            begin = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
            end = _CLAUSE.search(text, start)
            clause_end = end.start() if end else len(text)
            marker = _LEAD.search(text, begin, clause_end)
            return marker is not None and marker.start() > start
    return _Starts()
