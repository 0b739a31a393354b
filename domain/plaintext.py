"""User-written text made safe to show: shortened, and with no markdown, mention, link or HTML.

Why here (pure, domain): cards, the Markdown fallback and the reports all show what owners wrote,
and the same text must look the same and be equally harmless everywhere. Adaptive Card TextBlocks
and Teams messages render a Markdown subset, so every character that starts Markdown syntax gets
a backslash (CommonMark escapes); in message text "<", ">" and "&" also become HTML entities so
"<at>x</at>" and "<b>" stay visible text.
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~<>-])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_SPACE = re.compile(r"\s+")


def shorten(text: str | None, limit: int | None = None) -> str:
    """One line (all whitespace collapsed), cut at `limit` characters with "…"."""
    clean = _SPACE.sub(" ", (text or "").replace("\u00a0", " ")).strip()
    if limit is not None and len(clean) > limit:
        clean = clean[: max(limit - 1, 0)].rstrip() + "…"
    return clean


def card_text(text: str | None, limit: int | None = None) -> str:
    """For an Adaptive Card TextBlock: shortened, every Markdown character escaped."""
    clean = _MARKDOWN.sub(r"\\\1", shorten(text, limit))
    return _ORDERED.sub(r"\1\\\2", clean)


def message_text(text: str | None, limit: int | None = None) -> str:
    """For a Teams message (Markdown + HTML): entities for & < >, then Markdown escapes."""
    clean = shorten(text, limit)
    clean = clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _ORDERED.sub(r"\1\\\2", _MARKDOWN.sub(r"\\\1", clean))


def unescape(text: str) -> str:
    """What a Markdown renderer shows for `card_text`/`message_text` output (used by tests)."""
    shown = re.sub(r"\\(.)", r"\1", text)
    return shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
