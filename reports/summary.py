"""The styrgrupp summary's words: the card template's macros, and the Markdown fallback."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from cards.summary import summary_activity, summary_card
from domain.lights import EMOJI
from domain.plaintext import message_text, shorten
from domain.summary import Summary
from reports.rendering import macros, render


def card_words(lang: str = "sv"):
    """The macros of summary_card.LANG.j2 (title, headline, status, …) for cards/summary.py."""
    return macros("summary_card", lang)


def summary_markdown(summary: Summary, lang: str = "sv", limit: int | None = 40) -> str:
    """The same content as the card, as Markdown (card fallbackText and "sammanfattning alla")."""
    return render("summary", lang, s=summary, esc=message_text, limit=limit or 10**9,
                  w=card_words(lang), light_sign={k.value: v for k, v in EMOJI.items()})


def summary_headline(summary: Summary, lang: str = "sv") -> str:
    """One line for notifications (activity.summary): plain text, no Markdown."""
    words = card_words(lang)
    return shorten(str(words.headline(summary.progress, summary.due_date)), 200)


def renderer(lang: str) -> Callable[[Summary], dict]:
    """Summary → Activity JSON: the card, its Markdown fallback and the notification line.

    The one composition, used by the summary jobs, `folja round close` and the channel commands;
    it lives here, below the edges, so that each of them can import it."""
    def render(summary: Summary) -> dict:
        card = summary_card(summary, card_words(lang), partial(summary_markdown, summary, lang))
        return summary_activity(card, summary_headline(summary, lang))
    return render
