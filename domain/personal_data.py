"""Swedish personal identity numbers do not belong in a follow-up: find them so we can refuse.

Personnummer and samordningsnummer (day + 60), 10 or 12 digits, written as people type them:
"-", "+" (people over 100), a space, an en dash (word processors turn "-" into one) or nothing
between date and serial; only with a valid Luhn check digit and a real calendar date, so phone
numbers, dates and organisation numbers pass. Pure and reusable: everything that stores free
text calls `contains_personal_number` (or `has_personal_number` for several fields at once).
"""

from __future__ import annotations

import re
from datetime import date

_CANDIDATE = re.compile(
    r"(?<!\d)(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"(?P<sep>[-+ \u00a0\u2013]?)(?P<serial>\d{3})(?P<check>\d)(?!\d)"
)


def luhn_check_digit(nine_digits: str) -> int:
    """The check digit Skatteverket appends to YYMMDDNNN (weights 2,1,2,1,…)."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def _real_day(century: str | None, yy: str, mm: str, dd: str) -> bool:
    """A calendar date (samordningsnummer: day + 60); without century any century will do."""
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    centuries = [int(century)] if century else [18, 19, 20]
    for cent in centuries:
        try:
            date(cent * 100 + int(yy), int(mm), day)
            return True
        except ValueError:
            continue
    return False


def find_personal_numbers(text: str) -> list[str]:
    """Every personnummer/samordningsnummer in `text`, as written."""
    found = []
    for match in _CANDIDATE.finditer(text or ""):
        century, yy, mm, dd = match["century"], match["yy"], match["mm"], match["dd"]
        if century and century not in ("18", "19", "20"):
            continue
        if not _real_day(century, yy, mm, dd):
            continue
        if luhn_check_digit(yy + mm + dd + match["serial"]) == int(match["check"]):
            found.append(match.group(0))
    return found


def contains_personal_number(text: str) -> bool:
    """True when the text holds at least one valid Swedish personal identity number."""
    return bool(find_personal_numbers(text))


def has_personal_number(*texts: object) -> bool:
    """True when any of the values, read as text, holds a personal identity number."""
    return any(contains_personal_number(str(text)) for text in texts if text is not None)
