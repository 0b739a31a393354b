"""The `folja` command line speaks Swedish: every help text, option help and help page.

Commands, flags, metavariables, job names and setting names stay English (they are names, not
prose), so they are taken out before a text is judged. What remains must contain none of a list
of common English words that are not Swedish words."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from cli import main

ENGLISH = frozenset((
    "the", "a", "an", "and", "or", "of", "to", "for", "with", "from", "on", "at", "is", "are",
    "this", "that", "these", "which", "when", "every", "only", "not", "show", "list", "open",
    "close", "write", "print", "default", "required", "usage", "options", "commands", "message",
    "exit", "your",
))
NAMES = re.compile(r"--[\w-]+|\S*_\S*|\b[A-Z][A-Z0-9.]+\b|`[^`]*`")


def english_words(text: str) -> set[str]:
    """The words of `text` (names removed) that are common English and not Swedish."""
    words = re.findall(r"[^\W\d_]+", NAMES.sub(" ", text))
    return {w.lower() for w in words} & ENGLISH


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    yield path, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = list(_commands(main))


def test_the_heuristic_tells_english_from_swedish():
    assert english_words("Open a round: every owner gets one message with their actions' cards.")
    assert english_words("Show the audit trail, oldest first.")
    assert english_words("List the plans.") == {"list", "the"}
    assert not english_words("Öppna en uppföljning: varje ansvarig får ett meddelande med kort.")
    assert not english_words("Jobbets namn: reminders, open_round, weekly_summary (--weekly, FILE)")


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "folja"
                                                             for p, _ in COMMANDS])
def test_help_texts_are_swedish(path, command):
    ctx = click.Context(command, info_name=" ".join(("folja", *path)))
    texts = {"": command.help or ""}
    texts |= {"/".join(p.opts): p.help or "" for p in command.get_params(ctx)
              if isinstance(p, click.Option)}
    assert command.help, "every command says what it does"
    assert {where: english_words(text) for where, text in texts.items()
            if english_words(text)} == {}


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) or "folja"
                                                                for p, _ in COMMANDS])
def test_help_pages_are_swedish(path):
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="folja")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Användning: folja")
    assert "Flaggor:" in lines
    subcommands = {name for p, _ in COMMANDS if len(p) == len(path) + 1 for name in p[-1:]}
    prose = [line.strip() for line in lines[1:]]
    prose = [" ".join(w for w in line.split() if w not in subcommands) for line in prose]
    assert english_words("\n".join(prose)) == set()
