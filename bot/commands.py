"""Reading a typed message: which command it starts with, the rest of the text, and the language.

Pure text work (no SDK) so it is easy to test. The commands themselves, their trigger words and
their order, are rows of the routing table (bot/routes.py::COMMANDS); `parse` walks that table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """A typed command: its name, the handler it leads to, and its trigger words.

    `sv` and `en` are whole words or prefixes (the rest of the text is the argument), tried in
    the table's order, Swedish before English; the first match wins. The help list shows the
    command with the catalogue's `cmd.<name>.usage` and `cmd.<name>.help`.
    """

    name: str
    handler: Callable
    sv: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class Intent:
    """A parsed message: which command, the rest of the text, and the language it was said in."""

    name: str
    argument: str
    lang: str


def normalise(text: str) -> str:
    """Lower case, one space, no trailing punctuation; keeps å, ä, ö."""
    text = unicodedata.normalize("NFC", text or "").replace("\u00a0", " ")
    text = re.sub(r"<at>.*?</at>", " ", text, flags=re.IGNORECASE | re.DOTALL)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.rstrip("?!.").strip()


def parse(text: str, commands: Sequence[Command]) -> Intent | None:
    """The command the text starts with, or None when it matches no command."""
    clean = normalise(text)
    if not clean:
        return None
    for command in commands:
        for lang, words in (("sv", command.sv), ("en", command.en)):
            for word in words:
                if clean == word or clean.startswith(word + " "):
                    return Intent(command.name, clean[len(word):].strip(), lang)
    return None
