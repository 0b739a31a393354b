"""The message catalogue. Every sentence a user reads comes from here or from a Jinja2 template.

Keys are English; each entry has "sv" (the default and the fallback) and "en". Placeholders use
str.format names. Dates go through Babel so weekdays and months read naturally in Swedish.

A count and its noun are written as one placeholder with the language's plural forms in
Babel's (CLDR's) order, `#` standing for the number: "{n:# person|# personer}" gives "1 person"
and "2 personer"; the same forms work in templates as `{{ n | plural("# åtgärd|# åtgärder") }}`.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from i18n import city as _city
from i18n import cityround as _cityround
from i18n import cli as _cli
from i18n import commands as _commands
from i18n import delivery as _delivery
from i18n import districts as _districts
from i18n import followup as _followup
from i18n import guards as _guards
from i18n import hardening as _hardening
from i18n import imports as _imports
from i18n import indicators as _indicators
from i18n import lookups as _lookups
from i18n import periods as _periods
from i18n import reminders as _reminders
from i18n import response_rate as _response_rate
from i18n import rounds as _rounds
from i18n import standins as _standins
from i18n import summary as _summary
from i18n import unchanged as _unchanged
from i18n.plurals import fill, plural

__all__ = ["MESSAGES", "fill", "followup_error_text", "format_day", "plural", "t"]

CORE: dict[str, dict[str, str]] = {
    "welcome": {
        "sv": "Hej! Jag är **Följa**. Jag hjälper er att följa upp den brottsförebyggande "
        "åtgärdsplanen: jag frågar var och en om läget för sina åtgärder, påminner, och "
        "sammanställer svaren till styrgruppen och årsuppföljningen. Skriv **hjälp** för att se "
        "vad du kan be mig om.",
        "en": "Hi! I am **Följa**. I help you follow up the crime-prevention action plan: I ask "
        "each owner for the status of their actions, send reminders, and compile the answers for "
        "the steering group and the year-end follow-up. Write **help** to see what I can do.",
    },
    "welcome_channel": {
        "sv": "Hej! Jag är **Följa**, som följer upp åtgärdsplanen. Nämn mig (@Följa) med "
        "**hjälp** för att se vad jag kan göra här.",
        "en": "Hi! I am **Följa**, the action-plan follow-up bot. Mention me (@Följa) with "
        "**help** to see what I can do here.",
    },
    "unknown_command": {
        "sv": "Det förstod jag inte riktigt: ”{text}”. Skriv **hjälp** för att se vad jag kan.",
        "en": "I did not quite get that: “{text}”. Write **help** to see what I can do.",
    },
    "empty_message": {
        "sv": "Skriv **hjälp** för att se vad jag kan.",
        "en": "Write **help** to see what I can do.",
    },
    "error_try_again": {
        "sv": "Något gick fel hos mig och inget sparades. Försök igen om en stund.",
        "en": "Something went wrong on my side and nothing was saved. Please try again shortly.",
    },
    "database_down": {
        "sv": "Jag når inte min databas just nu, så inget sparades. Försök igen om en stund.",
        "en": "I cannot reach my database right now, so nothing was saved. Please try again shortly.",
    },
    "tenant_not_allowed": {
        "sv": "Följa är inte öppen för din organisation.",
        "en": "Följa is not available to your organisation.",
    },
    "unknown_person": {
        "sv": "Jag känner inte igen dig ännu. Be planens koordinator att koppla din e-postadress "
        "till din roll, så kan du rapportera.",
        "en": "I do not know you yet. Ask the plan's coordinator to link your e-mail address to "
        "your role, then you can report.",
    },
    "no_plans": {
        "sv": "Det finns ingen åtgärdsplan inläst ännu.",
        "en": "No action plan has been imported yet.",
    },
}


# Feature catalogues (i18n/<feature>.py, each a MESSAGES dict) are merged here; keys never clash
# (tests/unit/test_i18n.py checks it).
_PARTS: tuple[dict[str, dict[str, str]], ...] = (
    CORE, _followup.MESSAGES, _imports.MESSAGES, _lookups.MESSAGES, _summary.MESSAGES, _delivery.MESSAGES,
    _hardening.MESSAGES, _commands.MESSAGES, _cli.MESSAGES, _guards.MESSAGES, _rounds.MESSAGES,
    _districts.MESSAGES,
    _periods.MESSAGES,
    _indicators.MESSAGES,
    _reminders.MESSAGES,
    _standins.MESSAGES, _response_rate.MESSAGES,
    _city.MESSAGES, _cityround.MESSAGES,
    _unchanged.MESSAGES,
)
MESSAGES: dict[str, dict[str, str]] = {k: v for part in _PARTS for k, v in part.items()}


def t(key: str, lang: str = "sv", /, **values: object) -> str:
    """The message `key` in `lang` (falling back to Swedish), with `values` filled in."""
    entry = MESSAGES[key]
    return fill(entry.get(lang) or entry["sv"], lang, values)


def format_day(day: date, lang: str = "sv") -> str:
    """"fredag 4 december" in Swedish, "Friday 4 December" in English."""
    locale = "sv_SE" if lang == "sv" else "en_GB"
    return format_date(day, format="EEEE d MMMM", locale=locale)


def followup_error_text(key: str, values: dict, lang: str = "sv", *, chat: bool = False) -> str:
    """A refused follow-up request in words: dates read as "fredag 4 december", and a refused
    overlapping round says how to close the open one where the user is (CLI or chat)."""
    shown = {k: format_day(v, lang) if isinstance(v, date) else v for k, v in values.items()}
    if key == "round_err_overlap":
        shown["due"] = (t("round_due_on", lang, due=shown["due"]) if values.get("due")
                        else t("round_due_none", lang))
        shown["close"] = t("round_close_chat" if chat else "round_close_cli", lang,
                           id=values["id"])
    return t(key, lang, **shown)
