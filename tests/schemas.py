"""Validation against the official schemas in schemas/ (see schemas/README.md for the quirks).

Every card a test sees goes through `assert_valid_card`; the Teams manifest through
`assert_valid_manifest`.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, Draft6Validator
from jsonschema.exceptions import best_match

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
MAX_CARD_BYTES = 28 * 1024


@cache
def _card_validator() -> Draft6Validator:
    return Draft6Validator(json.loads((SCHEMAS / "adaptive-card-1.5.json").read_text()))


@cache
def _manifest_validator() -> Draft4Validator:
    # Built directly: the schema's \p{L} pattern does not compile in Python's re (README caveat 1).
    return Draft4Validator(json.loads((SCHEMAS / "teams-manifest-1.29.json").read_text()))


def card_errors(card: dict[str, Any]) -> list[str]:
    """Schema errors of an Adaptive Card (the Teams-only `msteams` root key is allowed)."""
    content = copy.deepcopy(card)
    content.pop("msteams", None)
    errors = list(_card_validator().iter_errors(content))
    if not errors:
        return []
    best = best_match(errors)
    deepest = best
    while deepest.context:
        deepest = best_match(deepest.context)
    return [f"{list(deepest.absolute_path)}: {deepest.message}"]


def assert_valid_card(card: dict[str, Any]) -> None:
    assert card.get("type") == "AdaptiveCard", card.get("type")
    assert str(card.get("version")) in ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5"), card.get("version")
    errors = card_errors(card)
    assert not errors, errors
    size = len(json.dumps(card, ensure_ascii=False).encode())
    assert size < MAX_CARD_BYTES, f"card is {size} bytes"


def assert_valid_manifest(manifest: dict[str, Any]) -> None:
    errors = sorted(_manifest_validator().iter_errors(manifest), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:10]]
