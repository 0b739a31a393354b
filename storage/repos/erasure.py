"""Erasing a person's identifiers from free-form values: text, JSON documents, JSON as text.

Forgetting a person (storage/repos/privacy.py) must reach every copy of their name, e-mail, Teams
id and AAD id, also those inside documents Följa did not write field by field: conversation
references, the SDK's dialog state (the last activity, with `from.name` and `aadObjectId`), and
outbox copies of cards sent to OTHER people (the styrgrupp card lists owners by name; a card's
refresh `userIds` lists Teams ids). `Eraser` rewrites any such value: an id that is a whole list
element is dropped (refresh `userIds`), every other occurrence becomes the pseudonym.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

MIN_NAME = 3  # a shorter display name would match inside unrelated words


def json_escaped(text: str) -> str:
    """How `text` looks inside a JSON document written with ASCII escapes (the default)."""
    return json.dumps(text)[1:-1]


def forms(identifier: str) -> set[str]:
    """The identifier as stored: itself, and JSON-escaped as written, in lower and upper case
    (an escape's hex digits differ by case: "\\u00d6" is Ö, "\\u00f6" is ö)."""
    return {identifier, *(json_escaped(x) for x in (identifier, identifier.lower(),
                                                      identifier.upper()))}


@dataclass
class Eraser:
    """Replaces the identifiers of one person wherever they occur in a value."""

    identifiers: tuple[str, ...]
    pseudonym: str
    _pattern: re.Pattern[str] | None = field(init=False, default=None)
    _whole: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        wanted = {i.strip() for i in self.identifiers if i and len(i.strip()) >= MIN_NAME}
        self.identifiers = tuple(sorted(wanted, key=len, reverse=True))
        variants = sorted({v for i in self.identifiers for v in forms(i)}, key=len, reverse=True)
        if variants:
            self._pattern = re.compile("|".join(map(re.escape, variants)), re.IGNORECASE)
        self._whole = frozenset(i.lower() for i in self.identifiers)

    def needles(self) -> set[str]:
        """Lower-case fragments whose presence in a column's text means the row needs a look."""
        return {v.lower() for i in self.identifiers for v in forms(i)}

    def text(self, value: str) -> str:
        if self._pattern is None:
            return value
        return self._pattern.sub(self.pseudonym, value)

    def document(self, value: Any) -> Any:
        """A JSON value with the identifiers gone (keys too); whole-id list elements dropped."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.document(v) for v in value
                    if not (isinstance(v, str) and v.strip().lower() in self._whole)]
        if isinstance(value, dict):
            return {self.text(k) if isinstance(k, str) else k: self.document(v)
                    for k, v in value.items()}
        return value

    def stored_text(self, value: str) -> str:
        """A text column: JSON kept as JSON (the SDK's state is jsonpickle text), else text."""
        if value[:1] in ("{", "["):
            try:
                return json.dumps(self.document(json.loads(value)))
            except ValueError:
                pass
        return self.text(value)

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.stored_text(value)
        if isinstance(value, dict | list):
            return self.document(value)
        return value
