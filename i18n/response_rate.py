"""The response rate in words and numbers (domain/response_rate.py): share, hours, per answer.

Numbers go through Babel, so Swedish reads "66,7 %" and "3,5 h"; a value that cannot be
computed yet (nothing asked, nothing answered) reads "–".
"""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

from domain.response_rate import Rate

MESSAGES: dict[str, dict[str, str]] = {
    "rate_line": {
        "sv": "Svarsfrekvens {share} ({answered} av {asked}) · median {hours} till första svaret "
        "· {per_answer} påminnelser per svar",
        "en": "Response rate {share} ({answered} of {asked}) · median {hours} to the first answer "
        "· {per_answer} reminders per answer",
    },
    "rate_role_line": {
        "sv": "{role}: {share} ({answered} av {asked}) · median {hours}",
        "en": "{role}: {share} ({answered} of {asked}) · median {hours}",
    },
    "rate_heading": {"sv": "Svarsfrekvens", "en": "Response rate"},
}


def _locale(lang: str) -> str:
    return "sv_SE" if lang == "sv" else "en_GB"


def format_share(value: float | None, lang: str = "sv") -> str:
    """0.6667 → "66,7 %" (sv) / "66.7%" (en); None → "–"."""
    if value is None:
        return "–"
    return format_percent(value, format="#,##0.# %" if lang == "sv" else "#,##0.#%",
                          locale=_locale(lang))


def format_number(value: float | None, lang: str = "sv") -> str:
    """1.5 → "1,5"; at most one decimal; None → "–"."""
    return "–" if value is None else format_decimal(round(value, 1), locale=_locale(lang))


def format_hours(value: float | None, lang: str = "sv") -> str:
    """3.5 → "3,5 h"; None → "–"."""
    return "–" if value is None else f"{format_number(value, lang)} h"


def rate_values(rate: Rate, lang: str = "sv") -> dict[str, object]:
    """The placeholders of "rate_line" / "rate_role_line" for one `Rate`."""
    return {"share": format_share(rate.share, lang), "answered": rate.answered,
            "asked": rate.asked, "hours": format_hours(rate.median_hours, lang),
            "per_answer": format_number(rate.reminders_per_answer, lang)}
