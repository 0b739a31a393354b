"""The plan's "När" column: kept as written, and read into something a scheduler can use.

Real cells say "4 ggr/år", "Linjearbete", "Våren 2026", "Löpande under året", "v. 12", "Q2": the
parse is best effort and says `unknown` rather than guessing.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date


class WhenKind(enum.StrEnum):
    TIMES_PER_YEAR = "times_per_year"
    DEADLINE = "deadline"
    CONTINUOUS = "continuous"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class When:
    text: str
    kind: WhenKind = WhenKind.UNKNOWN
    times_per_year: int | None = None
    deadline: date | None = None


_WORD_NUMBERS = {
    "en": 1, "ett": 1, "två": 2, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
    "sju": 7, "åtta": 8, "atta": 8, "nio": 9, "tio": 10, "tolv": 12,
}
_PER_PERIOD = {"år": 1, "ar": 1, "termin": 2, "tertial": 3, "kvartal": 4, "månad": 12,
               "manad": 12, "vecka": 52, "veckan": 52}
_TIMES = re.compile(
    r"(?P<n>\d+|" + "|".join(_WORD_NUMBERS) + r")\s*(?:ggr|gånger|ganger|gång|gang|tillfällen)"
    r"\s*(?:/|per|om|i|under)?\s*(?:året|år|ar|(?P<period>termin|tertial|kvartal|månad|manad|vecka|veckan))",
    re.IGNORECASE,
)
_EVERY = re.compile(r"\b(varje|en gång per|1 gång per|en gang per)\s+(?P<period>vecka|månad|manad|termin|kvartal|tertial)", re.I)
_CONTINUOUS = re.compile(r"linjearbete|löpande|lopande|kontinuerlig|ordinarie|pågående|hela året|året runt|ständigt|stående", re.I)
_SEASON = re.compile(r"(?P<season>våren|varen|vår|hösten|hosten|höst|sommaren|sommar|vintern)\s*(?P<year>20\d\d)", re.I)
_ISO = re.compile(r"(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)")
_QUARTER = re.compile(r"\b(?:Q|kvartal\s*)(?P<q>[1-4])\b", re.I)
_SEASON_END = {"v": (6, 30), "h": (12, 31), "s": (8, 31)}


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _WORD_NUMBERS[token.lower()]


def parse_when(text: str, *, year: int | None = None) -> When:
    """Read a "När" cell; `year` is the plan's year, for seasons and quarters without one."""
    clean = " ".join((text or "").replace("\u00a0", " ").split())
    if not clean:
        return When(text="")
    if m := _TIMES.search(clean):
        per = _PER_PERIOD.get((m.group("period") or "år").lower(), 1)
        return When(clean, WhenKind.TIMES_PER_YEAR, times_per_year=_number(m.group("n")) * per)
    if m := _EVERY.search(clean):
        return When(clean, WhenKind.TIMES_PER_YEAR, times_per_year=_PER_PERIOD[m.group("period").lower()])
    if m := _ISO.search(clean):
        return When(clean, WhenKind.DEADLINE, deadline=date(int(m["y"]), int(m["m"]), int(m["d"])))
    if m := _SEASON.search(clean):
        key = m.group("season").lower()
        month, day = _SEASON_END["v" if key.startswith("v") and "vint" not in key else ("s" if key.startswith("s") else "h")]
        return When(clean, WhenKind.DEADLINE, deadline=date(int(m.group("year")), month, day))
    if (m := _QUARTER.search(clean)) and year:
        q = int(m.group("q"))
        month = q * 3
        return When(clean, WhenKind.DEADLINE, deadline=date(year, month, 30 if month in (6, 9) else 31))
    if _CONTINUOUS.search(clean):
        return When(clean, WhenKind.CONTINUOUS)
    return When(clean, WhenKind.UNKNOWN)
