"""Reading one indicator cell as people type it: "3,4", " 1 200 ", 12, "ingen data: enkäten
genomfördes inte", "Lägre är bättre", "NTU". Pure; shared by the Indikatorer sheet and value
files, so both accept the same spellings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.indicators import Direction, Source
from importer.text import clean, loose

SOURCE_LABELS = {Source.TRYGGHETSMATNING: "Trygghetsmätning", Source.NTU: "NTU",
                 Source.POLICE_STATISTICS: "Polisens statistik",
                 Source.OWN_COUNT: "Egen räkning", Source.OTHER: "Annan"}
DIRECTION_LABELS = {Direction.LOWER: "Lägre är bättre", Direction.HIGHER: "Högre är bättre"}
NO_DATA = "ingen data"
_NUMBER = re.compile(r"^[-−]?\d+(?:[.,]\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]")
_NO_DATA = re.compile(r"^\s*ingen\s+data\s*(?:[:\-–—,(]\s*)?", re.IGNORECASE)
_SOURCE_WORDS = (("trygghet", Source.TRYGGHETSMATNING), ("ntu", Source.NTU),
                 ("nationella trygghetsundersokningen", Source.NTU),
                 ("polis", Source.POLICE_STATISTICS), ("anmald", Source.POLICE_STATISTICS),
                 ("egen", Source.OWN_COUNT), ("rakning", Source.OWN_COUNT))
_LOWER = ("lag", "minsk", "ner", "farre", "sjunk", "lower")
_HIGHER = ("hog", "ok", "upp", "fler", "stig", "higher")


@dataclass(frozen=True)
class Cell:
    """A value cell read: `value` (None with `reason` for ingen data); `empty` when blank;
    `bad` when it is neither a number nor ingen data."""

    value: float | None = None
    reason: str = ""
    empty: bool = False
    bad: bool = False


def number(raw: object) -> float | None:
    """A number from a cell (Swedish decimal comma, spaces as thousands separator); else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    text = _SPACES.sub("", clean(raw)).replace("−", "-")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def value_cell(raw: object) -> Cell:
    """A period's value, ingen data with its reason, blank, or bad."""
    text = clean(raw)
    if not text:
        return Cell(empty=True)
    found = number(raw)
    if found is not None:
        return Cell(value=found)
    if m := _NO_DATA.match(text):
        return Cell(reason=text[m.end():].strip().rstrip(")").strip())
    return Cell(bad=True)


def no_data_text(reason: str) -> str:
    """How ingen data is written back: "ingen data: <reason>"."""
    return f"{NO_DATA}: {reason}" if reason else NO_DATA


def source_of(raw: object) -> Source | None:
    """The source a cell names (loosely); None when it names none; blank is "annan"."""
    text = loose(clean(raw))
    if not text:
        return Source.OTHER
    for source, label in SOURCE_LABELS.items():
        if text == loose(label) or text == source.value.replace("_", " "):
            return source
    for word, source in _SOURCE_WORDS:
        if word in text:
            return source
    return Source.OTHER if text.startswith("annan") else None


def direction_of(raw: object) -> Direction | None:
    """"Lägre är bättre", "lägre", "minska" → lower; "Högre är bättre", "öka" → higher."""
    text = loose(clean(raw))
    if text.startswith(_LOWER):
        return Direction.LOWER
    if text.startswith(_HIGHER):
        return Direction.HIGHER
    return None


def number_out(value: float | None) -> int | float | None:
    """A stored number as it goes into a cell: 12 rather than 12.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def period_out(period: str) -> int | str | None:
    """A period as it goes into a cell: a year as the number people type, a tertial as text."""
    if not period:
        return None
    return int(period) if period.isdigit() else period
