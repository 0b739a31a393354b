"""Reading back an Uppföljning cell that Följa wrote: "Party (status): text" paragraphs.

The export (importer/followup.compile_follow_up) and the year-end workbook write one paragraph
per party, separated by a blank line. Reading that form back lets a re-import tell its own
export from a hand-written text, and lets the card show each party's line instead of the whole
cell as one statement. Pure; the status labels are read as written, never translated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# "Kommunpolis, Tove Polis (Genomförd): text" or a head alone ("Trygghetssamordnare (Försenad)").
_HEAD = re.compile(r"(?P<who>[^\n()]+?) \((?P<status>[^()\n]+)\)(?:: (?P<text>.*))?", re.S)
# The year-end's closing line, "Tillfällen: 2 av 4 planerade": one short line, two numbers.
_CLOSING = re.compile(r"[^\n\d]{0,40}\d+[^\n\d]{1,20}\d+[^\n\d]{0,40}")


@dataclass(frozen=True)
class CellEntry:
    """One party's paragraph: who spoke, the status label as written, and what they said."""

    who: str
    status: str
    text: str


def split_cell(cell: str) -> tuple[CellEntry, ...]:
    """The cell's party paragraphs; () when it does not start like one (a hand-written text).

    A paragraph without a head continues the previous party's text (an answer with a blank
    line in it, or the year-end's closing "Tillfällen: …" line).
    """
    entries: list[CellEntry] = []
    for paragraph in (cell or "").strip().split("\n\n"):
        head = _HEAD.fullmatch(paragraph.strip())
        if head:
            entries.append(CellEntry(head["who"].strip(), head["status"].strip(),
                                     (head["text"] or "").strip()))
        elif entries:
            last = entries[-1]
            entries[-1] = CellEntry(last.who, last.status, f"{last.text}\n\n{paragraph}")
        else:
            return ()
    return tuple(entries)


def written_from(cell: str, texts: Sequence[str]) -> bool:
    """True when `cell` is Följa's rendering of statements whose texts are `texts`.

    Every paragraph must say one of the stored texts (the last one may end with one closing
    line, the year-end's occasions), and there are no more paragraphs than statements: a cell
    a person wrote or edited by hand does not pass, so it is still read as the file's own text.
    """
    entries = split_cell(cell)
    known = {_flat(t) for t in texts}
    if not entries or len(entries) > len(texts):
        return False
    *body, last = entries
    if any(_flat(e.text) not in known for e in body):
        return False
    said, _, closing = last.text.rpartition("\n\n")
    return _flat(last.text) in known or (
        _flat(said) in known and _CLOSING.fullmatch(closing.strip()) is not None)


def _flat(text: str) -> str:
    """Whitespace folded: Excel and the cell writer may turn line breaks into spaces."""
    return " ".join((text or "").split())
