"""Text helpers shared by the importer: compare loosely, keep the user's text exactly.

Cells keep their text byte for byte (no-break spaces included); only comparisons fold case,
whitespace and the Swedish letters, so "Operativa mal" finds "Operativa mål".
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), ("ü", "u"))


def clean(value: object) -> str:
    """A cell's text, stripped of surrounding whitespace (no-break spaces too); '' for None."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    return text.strip(" \t\r\n\u00a0\u2007\u202f")


def loose(text: str) -> str:
    """Lower case, one regular space, no Swedish diacritics: for comparing, never for storing."""
    text = unicodedata.normalize("NFC", text or "").replace("\u00a0", " ").lower()
    if not text.isascii():  # replaces beat str.translate with a dict (BENCHMARKS.md)
        for letter, plain in _FOLD:
            text = text.replace(letter, plain)
    return " ".join(text.split())


def words(text: str) -> str:
    """`loose` without punctuation: for matching headers and names."""
    return " ".join(re.sub(r"[^\w ]+", " ", loose(text)).split())


def short_title(text: str, limit: int = 90) -> str:
    """A short name for an action: its first sentence, cut at a word before `limit`."""
    flat = " ".join((text or "").replace("\u00a0", " ").split())
    first = re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]
    if len(first) <= limit:
        return first.rstrip(".")
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
