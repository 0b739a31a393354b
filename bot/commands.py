"""What a typed message asks for: a small table of commands, Swedish words first.

Pure text work (no SDK) so it is easy to test and to extend: add a row to COMMANDS and a handler
for its name in bot/handlers.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    sv: str
    en: str
    help_sv: str
    help_en: str
    words_sv: tuple[str, ...]
    words_en: tuple[str, ...]


@dataclass(frozen=True)
class Intent:
    """A parsed message: which command, the rest of the text, and the language it was said in."""

    name: str
    argument: str
    lang: str


COMMANDS: tuple[Command, ...] = (
    Command(
        "help", "hjälp", "help",
        "visar den här listan", "shows this list",
        ("hjälp", "hjalp", "vad kan du", "kommandon", "meny"),
        ("help", "commands", "menu", "what can you do"),
    ),
    # Follow-up (issue 4): before "lookup", so "mina åtgärder" opens the report list.
    Command(
        "my_actions", "mina åtgärder", "my actions",
        "dina åtgärder med status, och en knapp för att rapportera",
        "your actions with their status, and a button to report",
        ("mina åtgärder", "mina atgarder"), ("my actions",),
    ),
    Command(
        "report", "rapportera", "report",
        "korten för det du ännu inte har rapporterat (rapportera text: utan kort)",
        "the cards of what you have not reported yet (report text: without cards)",
        ("rapportera", "rapport"), ("report",),
    ),
    Command(
        "away", "borta till ÅÅÅÅ-MM-DD", "away until YYYY-MM-DD",
        "inga frågor eller påminnelser till dess", "no prompts or reminders until then",
        ("borta till", "borta", "ledig till", "semester till"), ("away until", "away"),
    ),
    Command(
        "back", "tillbaka", "back",
        "du får frågor och påminnelser igen", "you get prompts and reminders again",
        ("tillbaka", "jag är tillbaka"), ("back", "i am back"),
    ),
    Command(
        "start_round", "starta uppföljning NAMN till ÅÅÅÅ-MM-DD", "start follow-up NAME until …",
        "(samordnare) frågar alla ansvariga om läget", "(coordinators) asks every owner for a status",
        ("starta uppföljning", "starta uppfoljning", "ny uppföljning"),
        ("start follow-up", "start follow up", "start round"),
    ),
    Command(
        "close_round", "avsluta uppföljning ID", "close follow-up ID",
        "(samordnare) avslutar en uppföljning", "(coordinators) closes a follow-up round",
        ("avsluta uppföljning", "avsluta uppfoljning", "stäng uppföljning"),
        ("close follow-up", "close follow up", "close round"),
    ),
    Command(
        "steering", "styrgrupp [plan]", "steering group [plan]",
        "(samordnare, i en kanal) gör kanalen till styrgruppens kanal för planen",
        "(coordinators, in a channel) makes the channel the plan's steering group channel",
        ("styrgrupp", "styrgruppen", "styrgruppskanal"), ("steering group", "steering"),
    ),
    Command(
        "summary", "sammanfattning [alla]", "summary [all]",
        "visar styrgruppens lägesbild i styrgruppens kanal",
        "shows the steering group's overview in its channel",
        ("sammanfattning", "sammanfatta", "lägesbild", "lagesbild"), ("summary", "overview"),
    ),
    Command(
        "lookup", "vem äger …", "who owns …",
        "vem äger SSP? · vad ansvarar kommunpolisen för? · status platssamverkan · "
        "åtgärder inom otrygga platser · mina åtgärder",
        "who owns SSP? · what does kommunpolis own? · status platssamverkan · "
        "actions in otrygga platser · my actions",
        ("vem", "vilka", "vilken", "vad", "status", "läget", "läge", "lage", "laget",
         "hur går det", "hur gar det", "åtgärder", "atgarder", "åtgärd", "atgard", "mina",
         "mitt", "sök", "sok", "hitta"),
        ("who", "what", "which", "my", "search", "find", "show", "actions", "how is", "how are"),
    ),
)


def normalise(text: str) -> str:
    """Lower case, one space, no trailing punctuation; keeps å, ä, ö."""
    text = unicodedata.normalize("NFC", text or "").replace("\u00a0", " ")
    text = re.sub(r"<at>.*?</at>", " ", text, flags=re.IGNORECASE | re.DOTALL)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.rstrip("?!.").strip()


def parse(text: str, default_lang: str = "sv") -> Intent | None:
    """The command the text starts with, or None when it matches no command."""
    clean = normalise(text)
    if not clean:
        return None
    for command in COMMANDS:
        for lang, words in (("sv", command.words_sv), ("en", command.words_en)):
            for word in words:
                if clean == word or clean.startswith(word + " "):
                    return Intent(command.name, clean[len(word):].strip(), lang)
    return None
