"""Reading "påminn mig på tisdagar kl 9" (or "remind me on tuesdays at 9") into a preference.

Only a weekday in the plural ("tisdagar", "varje tisdag", "tuesdays") is a standing
preference; "påminn mig på tisdag" (one day) is left to snoozing. Hours are whole hours on
Stockholm's clock within the working day, so a preference cannot push a reminder into the night.
"""

from __future__ import annotations

import re

from domain.reminders import Preference

SV_DAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag")
SV_ASCII = ("mandag", "tisdag", "onsdag", "torsdag", "fredag")
EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
EARLIEST, LATEST = 7, 18

_SV_PLURAL = re.compile(r"\b(?:varje\s+(\w+?)|(\w+?)(?:arna|ar))\b")
_EN_PLURAL = re.compile(r"\b(?:every\s+(\w+?)|(\w+?)s)\b")
_HOUR = re.compile(r"\b(?:kl\.?|klockan|at)\s*(\d{1,2})(?:[:.]00)?\b")


def _weekday(text: str) -> int | None:
    for pattern, names in ((_SV_PLURAL, (SV_DAYS, SV_ASCII)), (_EN_PLURAL, (EN_DAYS,))):
        for match in pattern.finditer(text):
            word = match.group(1) or match.group(2)
            for days in names:
                if word in days:
                    return days.index(word)
    return None


def parse_preference(text: str) -> Preference | None:
    """The weekday and/or hour the (normalised, lower-case) text asks for; None when it names
    neither or names an hour outside EARLIEST–LATEST."""
    weekday = _weekday(text)
    hour_match = _HOUR.search(text)
    hour = int(hour_match.group(1)) if hour_match else None
    if hour is not None and not EARLIEST <= hour <= LATEST:
        return None
    preference = Preference(weekday, hour)
    return None if preference.empty else preference


def triggers(stem: str, days: tuple[str, ...], plural: str, *extra: str) -> tuple[str, ...]:
    """The command's trigger words: "påminn mig på måndagar" … and the hour forms."""
    return (*(f"{stem}{d}{plural}" for d in days), *extra)
