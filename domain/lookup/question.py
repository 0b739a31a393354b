"""What a short question asks: who owns something, what a role or person owns, the status of
something, the actions of an area, or the asker's own actions.

Patterns work on folded text (see text.fold), so "vem ager", "Vem äger" and "VEM ÄGER" are one.
Anything else is a plain search, so every question gets an answer.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from domain.lookup.text import fold


class Ask(enum.StrEnum):
    OWNER = "owner"  # vem äger X → the action(s) X and their owners
    HOLDINGS = "holdings"  # vad ansvarar X för → a role's or person's actions
    STATUS = "status"  # status X
    AREA = "area"  # åtgärder inom X
    MINE = "mine"  # mina åtgärder
    SEARCH = "search"  # anything else


@dataclass(frozen=True)
class Question:
    ask: Ask
    subject: str  # folded, what the question is about ("" for MINE)
    lang: str = "sv"


_ME = {"jag", "mig", "i", "me", "myself"}
_S = r"(?P<s>.+?)"
_PATTERNS: tuple[tuple[Ask, str, str], ...] = (
    (Ask.MINE, "sv", r"(mina|mitt|min)( (atgarder|atgard|ansvar|uppgifter))?"),
    (Ask.MINE, "en", r"my( (actions|action|tasks|responsibilities))?"),
    (Ask.OWNER, "sv", r"(vem|vilka|vilken) (ager|ansvarar for|ansvarar|har ansvar(et)? for|"
                      r"ar ansvarig(a)? for|skoter|driver|leder|haller i|samordnar|"
                      r"sammankallar( till)?|kallar till|har hand om|har) " + _S),
    (Ask.OWNER, "en", r"who (owns|is responsible for|are responsible for|runs|leads|handles|"
                      r"is in charge of|does) " + _S),
    (Ask.HOLDINGS, "sv", r"vad (ansvarar|ager|har|gor|skoter|driver|leder) " + _S
                         + r"( for| med| i planen)?"),
    (Ask.HOLDINGS, "sv", r"vilka atgarder (har|ager|ansvarar|skoter|driver) " + _S + r"( for)?"),
    (Ask.HOLDINGS, "en", r"what (does|do|is|are|has|have) " + _S
                         + r"( own| do| responsible for| in charge of| handle| run| lead| have)"),
    (Ask.HOLDINGS, "en", r"(what|which actions) (does|do) " + _S + r" (own|have)"),
    (Ask.STATUS, "sv", r"(status|lage|laget|hur gar det)( (for|pa|med|i|inom))? " + _S),
    (Ask.STATUS, "en", r"(status|how is|how are|progress)( (of|on|for|with))? " + _S
                       + r"( going| doing)?"),
    (Ask.AREA, "sv", r"(atgarder|atgard|omradet|omrade) (inom|i|under|for|pa) " + _S),
    (Ask.AREA, "en", r"(actions|area) (in|within|under|for|of) " + _S),
    (Ask.SEARCH, "sv", r"(sok|hitta|visa|leta) (efter |upp )?" + _S),
    (Ask.SEARCH, "en", r"(search|find|show|look up|lookup)( for)? " + _S),
)
_COMPILED = tuple((ask, lang, re.compile(rf"^{p}$")) for ask, lang, p in _PATTERNS)


def clean(text: str) -> str:
    """Folded, punctuation at the ends removed, one space."""
    flat = " ".join(re.sub(r"[?!.,;:\"'”“]+", " ", fold(text)).split())
    return flat


def parse_question(text: str, default_lang: str = "sv") -> Question:
    """The question's kind and subject; MINE when a holdings question is about the asker."""
    flat = clean(text)
    for ask, lang, pattern in _COMPILED:
        match = pattern.match(flat)
        if not match:
            continue
        subject = (match.groupdict().get("s") or "").strip()
        if ask is Ask.HOLDINGS and subject in _ME:
            return Question(Ask.MINE, "", lang)
        if ask is Ask.OWNER and lang == "en" and subject in {"i", "me"}:
            return Question(Ask.MINE, "", lang)
        return Question(ask, subject, lang)
    return Question(Ask.SEARCH, flat, default_lang)
