"""One corpus of Swedish personal identity numbers, valid and not, as people type them.

The unit test of the detector and the end-to-end test of every free-text input read it, so an
input path that misses a form fails the same way the detector would. Valid numbers are built by
computing the check digit here, independently of the code under test.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

# Between date and serial: hyphen, plus (over 100), space, en dash, or nothing.
SEPARATORS = ("-", "+", " ", "\u2013", "")


def luhn(nine: str) -> int:
    """Skatteverket's check digit for YYMMDDNNN (weights 2,1,2,1,…), written from the rule."""
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += sum(int(d) for d in str(n))
    return (10 - total % 10) % 10


def forms(day: date, serial: str, *, coordination: bool = False) -> list[str]:
    """The number of this birth date and serial in every written form (10 and 12 digits)."""
    dd = day.day + (60 if coordination else 0)
    short = f"{day:%y%m}{dd:02d}"
    check = luhn(short + serial)
    out = [f"{short}{sep}{serial}{check}" for sep in SEPARATORS]
    out += [f"{day.year}{short[2:]}{sep}{serial}{check}" for sep in SEPARATORS if sep != "+"]
    return out


def _random_valid(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    found: list[str] = []
    for i in range(n):
        day = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 90))
        found += forms(day, f"{rng.randrange(0, 1000):03d}", coordination=i % 3 == 0)
    return found


def _wrong_check(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


# Skatteverket's published examples, samordningsnummer, a leap day, and generated ones.
KNOWN_VALID = [
    "811218-9876", "811218 9876", "811218\u20139876", "8112189876", "19811218-9876",
    "19811218 9876", "198112189876", "121212+1212", "701063-2391", "701063 2391",
    "200002292381",
]
VALID = KNOWN_VALID + _random_valid(seed=9, n=12)

INVALID = [
    *(_wrong_check(v) for v in KNOWN_VALID),            # wrong check digit, every form
    "19990230-1234", "991332-1234", "000000-0000",     # impossible dates
    "810292-1234", "811292 1234",                      # samordningsnummer day 92
    "070-123 45 67", "070–123 45 67", "0701234567", "08-508 000 00", "+46701234567",
    "2024-12-18", "2024-12-18 10:00", "20241218", "18 dec 2024",  # dates
    "556677-8899", "212000-0142x", "802481-1658",      # organisationsnummer (month ≥ 20)
    "1 000 000 kr", "12345678901234567890", "DNR 2025-1234-5678", "Ärende 811218",
    "21121212-1212",                                   # century 21
]


def in_text(number: str) -> str:
    """A sentence as a colleague might write it, with the number inside."""
    return f"Pratade med {number} om läget"

# What the end-to-end tests type into each input: every separator, 10 and 12 digits, a
# samordningsnummer; and lookalikes that must still be accepted there.
E2E_FORMS = ["811218-9876", "811218 9876", "811218\u20139876", "8112189876", "121212+1212",
             "19811218 9876", "198112189876", "701063 2391"]
E2E_LOOKALIKES = ["070-123 45 67", "2024-12-18", "556677-8899", "811218-9875"]


def digits(number: str) -> str:
    """The number without its separator, as it might sit in stored JSON."""
    return "".join(ch for ch in number if ch.isdigit())
