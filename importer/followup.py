"""The Uppföljning column both ways: an imported text's status, and compiling statements back.

`compile_follow_up` is the one place that turns statements into the cell's text, so the year-end
report can reuse it. Pure: labels for statuses are passed in from the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.status import Status
from importer.text import loose

# Order matters: "delvis genomförts" is partial before "genomförts" is done.
_RULES: tuple[tuple[re.Pattern, Status], ...] = (
    (re.compile(r"\b(ej|inte|aldrig) (har )?(genomforts|genomforde|paborjats|startats)"),
     Status.NOT_STARTED),
    (re.compile(r"\bavbrut|\bavslutats i fortid|\bstrukits|\butgatt"), Status.DISCONTINUED),
    (re.compile(r"\bdelvis\b"), Status.PARTIAL),
    (re.compile(r"\bforsen|\bsenarelagd|\bskjutits upp"), Status.DELAYED),
    (re.compile(r"genomforts|genomfordes|uppfyllt|implementerades|har implementerats|"
                r"har skett enligt plan|har upprattats|har utvecklat"), Status.DONE),
)


def imported_status(text: str) -> Status:
    """Best reading of a filled-in Uppföljning cell; "pågår" (on track) when it says no more."""
    key = loose(text)
    for pattern, status in _RULES:
        if pattern.search(key):
            return status
    return Status.ON_TRACK


@dataclass(frozen=True)
class FollowUpEntry:
    """One party's latest statement on one action."""

    party: str  # the role (or person) it is attributed to; "imported" for the file's own text
    status: Status | None
    text: str
    attributed_to: str = ""
    at: datetime | None = None
    source: str = "teams"


def compile_follow_up(entries: Sequence[FollowUpEntry], labels: Mapping[str, str]) -> str:
    """The Uppföljning cell: one paragraph per party, "Party (status): text"; '' when none.

    An imported text (source "import") is written back as it was, so import → export → import
    keeps the cell unchanged; beside other parties it is headed by `labels["imported"]`.
    """
    if len(entries) == 1 and entries[0].source == "import":
        return entries[0].text
    parts = []
    for entry in entries:
        status = labels.get(entry.status.value, entry.status.value) if entry.status else ""
        who = _who(entry, labels)
        head = f"{who} ({status})" if status else who
        parts.append(f"{head}: {entry.text}".rstrip(": ") if entry.text else head)
    return "\n\n".join(parts)


def _who(entry: FollowUpEntry, labels: Mapping[str, str]) -> str:
    """The paragraph's head: the party, and the person when it is not the party itself."""
    if entry.source == "import":
        return labels.get("imported", entry.party)
    return entry.party + (f", {entry.attributed_to}" if entry.attributed_to
                          and entry.attributed_to != entry.party else "")
