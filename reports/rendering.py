"""One Jinja2 environment; a template per output and language: `templates/NAME.LANG.j2`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from i18n.catalogue import format_day, plural
from i18n.response_rate import format_hours, format_number, format_share

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    """Strict: a missing value is a bug to see in tests, not an empty hole in a message."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    env.filters["day"] = format_day
    env.filters["plural"] = plural  # {{ n | plural("# åtgärd|# åtgärder", "sv") }}
    env.filters["share"] = format_share  # {{ rate.share | share("sv") }} → "66,7 %"
    env.filters["hours"] = format_hours  # {{ rate.median_hours | hours("sv") }} → "3,5 h"
    env.filters["number"] = format_number
    return env


def template(name: str, lang: str = "sv"):
    """The template `name` in `lang`, falling back to the Swedish one."""
    env = environment()
    try:
        return env.get_template(f"{name}.{lang}.j2")
    except TemplateNotFound:
        return env.get_template(f"{name}.sv.j2")


def macros(name: str, lang: str = "sv"):
    """The macros of a words template (`yearend_words`, `city_words`, …) in `lang`."""
    return template(name, lang).module


def render(name: str, lang: str = "sv", /, **context: object) -> str:
    """Render `name` in `lang`, falling back to the Swedish template."""
    return template(name, lang).render(lang=lang, **context).strip()
