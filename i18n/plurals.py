"""Plural forms: a count and its noun chosen by the language's CLDR plural rule (Babel).

Written once for the catalogue and the templates: "{n:# person|# personer}" in a message, and
`{{ n | plural("# person|# personer", "sv") }}` in a template; the forms are in CLDR order
(Swedish and English: one, other) and `#` stands for the number.
"""

from __future__ import annotations

import string
from functools import cache

from babel import Locale


def fill(text: str, lang: str, values: dict[str, object]) -> str:
    """`text` with `values` filled in, a "{n:# form|# forms}" placeholder by plural rule."""
    if not values:
        return text
    if "|" not in text:  # no plural forms: plain str.format, the common and cheaper case
        return text.format(**values)
    return _PluralFormatter(lang).vformat(text, (), values)


def plural(count: int, forms: str, lang: str = "sv") -> str:
    """The form of "one|other" (CLDR order for `lang`) that `count` takes, `#` = the count."""
    choices = forms.split("|")
    categories = _categories(lang)
    wanted = _rule(lang)(abs(count))
    index = categories.index(wanted) if wanted in categories else len(categories) - 1
    return choices[min(index, len(choices) - 1)].replace("#", str(count))


class _PluralFormatter(string.Formatter):
    """str.format, except that an integer with a "|" format spec picks its plural form."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec and isinstance(value, int):
            return plural(value, format_spec, self.lang)
        return super().format_field(value, format_spec)


_CLDR_ORDER = ("zero", "one", "two", "few", "many")


@cache
def _rule(lang: str):
    return Locale.parse("sv" if lang not in ("sv", "en") else lang).plural_form


@cache
def _categories(lang: str) -> tuple[str, ...]:
    """The language's plural categories in CLDR order; "other" always last."""
    tags = _rule(lang).tags
    return (*(c for c in _CLDR_ORDER if c in tags), "other")
