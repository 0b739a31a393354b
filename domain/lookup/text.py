"""Folding Swedish text into comparable tokens: case, å/ä/ö typed as a/o, definite and plural
forms, and the abbreviations the plans use.

Pure and deterministic, so the index and the question go through the same steps and a question
typed on a phone ("vem ager kommunpolisen") meets the plan's wording ("Kommunpolis").
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})

# What each abbreviation in the plans means (read from the 2024 and 2025 seed plans).
ABBREVIATIONS: dict[str, str] = {
    "ssp": "skola socialtjänst polis",
    "sspf": "skola socialtjänst polis fritid",
    "est": "effektiv samordning för trygghet",
    "bob": "barn och unga i organiserad brottslighet",
    "vinr": "våld i nära relation",
    "vbe": "våldsbejakande extremism",
    "ods": "öppen drogscen",
    "sig": "sociala insatsgrupper",
    "lpo": "lokalpolisområde",
    "bin": "brott i nära relation",
    "rvci": "relationsvåld centrum",
}

_STOP = ("och i for av om med till pa den det de ett att som ar vara var sin sina sig hos inom "
         "under vid eller samt bland annat aven nar mot fran the of for in on and a an to is are "
         "vem vad vilka vilken vilket who what which")
STOPWORDS = frozenset(_STOP.split())

_SUFFIXES = ("ernas", "arnas", "ornas", "erna", "arna", "orna", "ens", "ets", "en", "et", "er",
             "ar", "or", "na", "e", "a", "n")
_GLUED = re.compile(r"\b([A-ZÅÄÖ]{2,5})(?=[a-zåäö]{3,})")
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, NFC, no Swedish diacritics, no no-break spaces."""
    text = unicodedata.normalize("NFC", text or "").replace("\u00a0", " ").lower()
    return text.translate(_FOLD)


def stem(token: str) -> str:
    """A light Swedish stemmer: drops one definite/plural ending, keeping at least four letters."""
    if token in ABBREVIATIONS:
        return token
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


_EXPANSIONS: tuple[tuple[str, str], ...] = tuple(
    sorted(((" ".join(fold(v).split()), k) for k, v in ABBREVIATIONS.items()),
           key=lambda kv: -len(kv[0]))
)


_ELIDED = re.compile(r"\b(\w+s)- (?:och|eller|and) (\w+?s)(\w{3,})\b")


def tokens(text: str, *, query: bool = False) -> list[str]:
    """Stemmed tokens without stop words; an expanded abbreviation also yields its short form.

    In plan text an abbreviation counts only when written in capitals (so "åtar sig" is not SIG);
    in a question, where people type in lower case, any abbreviation counts, and an expansion
    typed out ("sociala insatsgrupper") stands for its abbreviation alone. An elided compound
    ("trygghets- och säkerhetsråd") also yields the word it elides ("trygghetsråd").
    """
    raw = _GLUED.sub(r"\1 ", unicodedata.normalize("NFC", text or ""))
    capitals = {fold(w) for w in re.findall(r"\b[A-ZÅÄÖ]{2,5}\b", raw)}
    folded = " ".join(_WORD.findall(fold(_ELIDED.sub(r"\1\3 \1 \2\3", raw))))
    extra = []
    for phrase, short in _EXPANSIONS:
        if f" {phrase} " in f" {folded} ":
            extra.append(short)
            if query:
                folded = f" {folded} ".replace(f" {phrase} ", " ").strip()
    out: list[str] = []
    for word in folded.split():
        if word in ABBREVIATIONS and (query or word in capitals):
            out.append(word)
        elif word not in STOPWORDS and len(word) > 1:
            out.append(stem(word))
    return out + extra
