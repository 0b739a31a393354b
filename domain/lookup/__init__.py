"""Quick lookups: who owns what, matched loosely over one plan. Pure, no I/O."""

from domain.lookup.answer import Answer, Show, answer, groups_for
from domain.lookup.index import Hit, Kind, LatestStatus, LookupIndex, action_label, build_index
from domain.lookup.question import Ask, Question, parse_question

__all__ = [
    "Answer", "Ask", "Hit", "Kind", "LatestStatus", "LookupIndex", "Question", "Show",
    "action_label", "answer", "build_index", "groups_for", "parse_question",
]
