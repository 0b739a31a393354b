"""Finding an area sheet's header row by its names, wherever it sits and in whatever order.

Names are compared loosely (case, whitespace, å/ä/ö, small misspellings), so "ORSAK",
" Åtgärd ", "Operativa mal", "när" and "Vem ansvarar" all count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from importer.text import clean, words

FIELDS = ("problem", "cause", "action", "goal", "when", "who", "follow_up")
_ALIASES: dict[str, str] = {
    "orsak": "cause", "orsaker": "cause",
    "atgard": "action", "atgarder": "action", "atgard er": "action",
    "operativa mal": "goal", "operativt mal": "goal", "operativa malen": "goal", "mal": "goal",
    "nar": "when", "tidsplan": "when", "tidplan": "when",
    "vem": "who", "vem ansvarar": "who", "ansvarig": "who", "ansvariga": "who",
    "uppfoljning": "follow_up",
    "prioriterat samverkansomrade": "area", "prioriterat omrade": "area",
    "samverkansomrade": "area",
}
_FIRST_WORD = {"orsak": "cause", "atgard": "action", "vem": "who", "uppfoljning": "follow_up"}
_SCAN_ROWS = 40
_MIN_KNOWN = 3


@dataclass(frozen=True)
class Header:
    row: int  # 1-based
    columns: dict[int, str]  # 0-based column index -> field
    layout: str
    area_title: str  # the area name from the header (2025 layout), "" otherwise
    duplicates: tuple[str, ...] = ()


def field_of(text: str) -> str | None:
    """The field a header cell names, or None."""
    key = words(text)
    if not key:
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    if key.split()[0] in _FIRST_WORD and len(key.split()) <= 4:
        return _FIRST_WORD[key.split()[0]]
    if len(key) >= 5:  # a misspelling, not an extra word: "[Eget prioriterat område]" is a name
        same = [a for a in _ALIASES if len(a.split()) == len(key.split())]
        found = process.extractOne(key, same, scorer=fuzz.ratio, score_cutoff=85)
        if found:
            return _ALIASES[found[0]]
    return None


def find_header(rows: Sequence[Sequence[object]]) -> Header | None:
    """The first row (of the top 40) that names at least three known columns."""
    for index, row in enumerate(rows[:_SCAN_ROWS]):
        found = {col: field_of(clean(v)) for col, v in enumerate(row) if clean(v)}
        known = {c: f for c, f in found.items() if f and f not in ("area", "problem")}
        if len(set(known.values())) < _MIN_KNOWN:
            continue
        return _header(index + 1, row, found)
    return None


def _header(number: int, row: Sequence[object], found: dict[int, str | None]) -> Header:
    columns: dict[int, str] = {}
    duplicates: list[str] = []
    for col, name in found.items():
        name = "problem" if name == "area" else name
        if name is None:
            continue
        if name in columns.values():
            duplicates.append(name)
            continue
        columns[col] = name
    if "problem" in columns.values():
        return Header(number, columns, "2024", "", tuple(duplicates))
    unknown = [c for c, name in found.items() if name is None]
    area_title = ""
    if unknown and unknown[0] < min(columns):
        columns[unknown[0]] = "problem"
        area_title = " ".join(clean(row[unknown[0]]).split())
    return Header(number, dict(sorted(columns.items())), "2025", area_title, tuple(duplicates))
