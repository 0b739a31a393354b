"""click's own words on a help page, in Swedish: the operators are the municipality's staff.

Commands and flags keep their English names; what click writes around them (the usage line,
the section headings, the help flag's text, "[default: …]" and "[required]") is Swedish. Every
command and group of `folja` is made from these classes (`main` passes them on to its children).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import click

SECTIONS = {"Options": "Flaggor", "Commands": "Kommandon", "Arguments": "Argument"}
#: click's words in an option's bracketed suffix, e.g. "[default: 200; required]".
EXTRAS = (("default: ", "standard: "), ("required", "krävs"), ("env var: ", "miljövariabel: "))


def swedish_extras(text: str) -> str:
    """`text` with click's bracketed suffix in Swedish (the help text itself is left alone)."""
    start = text.rfind("[")
    if start < 0 or not text.endswith("]"):
        return text
    suffix = text[start:]
    for english, swedish in EXTRAS:
        suffix = suffix.replace(english, swedish)
    return text[:start] + suffix


class SwedishFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Användning: " if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(SECTIONS.get(name, name)):
            yield

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        super().write_dl([(term, swedish_extras(text)) for term, text in rows], col_max,
                         col_spacing)


class SwedishContext(click.Context):
    formatter_class = SwedishFormatter


class _Swedish(click.Command):
    context_class: type[click.Context] = SwedishContext

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Visa den här hjälpen och avsluta."
        return option


class Command(_Swedish, click.Command):
    """A `folja` command with a Swedish help page."""


class Group(_Swedish, click.Group):
    """A `folja` group; its subcommands and subgroups get the same Swedish help page."""

    command_class = Command
    group_class = type

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENT]...")
        super().__init__(*args, **kwargs)
