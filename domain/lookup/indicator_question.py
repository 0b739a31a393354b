"""Questions about effect indicators: "indikatorer otrygga platser", "hur går det med
tryggheten?". Pure: which words ask, and which indicators a subject names.

"indikator…" always asks about indicators (an empty subject: all of them). "hur går det med X"
asks about indicators only when X names one (by its name, area or problem); otherwise it stays
the status lookup of domain/lookup/question.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from domain.indicators import Indicator
from domain.lookup.question import clean
from domain.lookup.text import fold

_EXPLICIT = re.compile(r"^(effektindikatorer|effektindikator|indikatorerna|indikatorer|indikator|"
                       r"indicators|indicator)( (for|om|inom|i|pa|med|of|on|in|for))?(?P<s>.*)$")
_HOW = re.compile(r"^(hur gar det|hur ser det ut|how is it going|how are things|how is|how are)"
                  r"( (med|for|i|with|in|on))? (?P<s>.+)$")
_STOP = {"det", "den", "med", "for", "och", "i", "pa", "om", "the", "of", "in", "and", "with",
         "going", "ut"}


@dataclass(frozen=True)
class IndicatorQuestion:
    subject: str  # folded; "" = every indicator
    explicit: bool  # "indikatorer …": answered even when nothing matches


def indicator_question(text: str) -> IndicatorQuestion | None:
    """The indicator question in `text`, or None when it asks something else."""
    flat = clean(text)
    if m := _EXPLICIT.match(flat):
        return IndicatorQuestion(m.group("s").strip(), True)
    if m := _HOW.match(flat):
        return IndicatorQuestion(m.group("s").strip(), False)
    return None


def _stems(subject: str) -> list[str]:
    """Words of four letters or more, without a Swedish ending ("tryggheten" → "trygghet")."""
    words = [w for w in subject.split() if w not in _STOP and len(w) >= 4]
    return [w[:max(4, len(w) - 2)] for w in words]


def matching(indicators: Sequence[Indicator], subject: str) -> list[Indicator]:
    """The indicators the subject names best (most of its words in name, area or problem);
    all of them for an empty subject."""
    stems = _stems(fold(subject))
    if not stems:
        return list(indicators) if not subject.strip() else []
    scored = [(sum(s in fold(f"{i.name} {i.area_name} {i.problem}") for s in stems), i)
              for i in indicators]
    best = max((n for n, _ in scored), default=0)
    return [i for n, i in scored if n == best and n > 0]
