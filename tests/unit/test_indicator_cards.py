"""The owner's indicator cards: Swedish numbers read, and a prompt with many indicators still
within Teams' 28 KB (rows lose their forms, then are counted)."""

from __future__ import annotations

import json

import pytest

from cards.followup_messages import COMPOSER, attachment
from cards.indicators import NO_DATA, OPEN, SAVE, indicator_card, number, parse_entry
from domain.indicators import Direction, Indicator, Owed, Source
from domain.plaintext import card_text
from tests.schemas import assert_valid_card


@pytest.mark.parametrize(("raw", "value"), [
    ("2,4", 2.4), (" 1 200 ", 1200.0), ("12", 12.0), ("0.5", 0.5), ("−3", -3.0),
    ("1\u00a0200,5", 1200.5), ("två", None), ("", None), ("1,2,3", None), ("1e400", None),
    ("nan", None),
])
def test_a_number_as_swedes_write_it(raw, value):
    assert number(raw) == value


def test_an_entry_reads_the_inputs_of_its_row():
    data = {"indicator_id": 4, "period": "2026-T3", "value.4": "2,5", "note.4": " ok ",
            "value": "9"}
    entry = parse_entry(data, no_data=False)
    assert entry is not None and (entry.value, entry.note, entry.error) == (2.5, "ok", "")
    assert parse_entry({**data, "value.4": "x"}, no_data=False).error == "indicators.err.value"
    assert parse_entry({**data, "indicator_id": "1; drop"}, no_data=False) is None
    assert parse_entry({**data, "indicator_id": 2**40}, no_data=True) is None


def _indicators(n: int) -> tuple[Indicator, ...]:
    return tuple(Indicator(i, 1, 1, "Otrygga och brottsutsatta platser i centrum",
                           f"Andel som upplever otrygghet i området kvällstid {i}",
                           Source.NTU, Direction.LOWER, unit="procent") for i in range(1, n + 1))


def verbs(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["verb"]] if node.get("type") == "Action.Execute" else []
        return own + [v for value in node.values() for v in verbs(value)]
    if isinstance(node, list):
        return [v for value in node for v in verbs(value)]
    return []


@pytest.mark.parametrize("padding", [0, 12_000, 24_000])
def test_a_prompt_with_many_indicators_stays_under_28_kb(padding):
    list_card = {"type": "AdaptiveCard", "version": "1.5", "body": [
        {"type": "TextBlock", "text": "x" * padding, "wrap": True}]}
    prompt = {"type": "message", "text": "Du har åtgärder", "attachments": [attachment(list_card)]}
    activity = COMPOSER.with_indicators(prompt, Owed("2026-T3", _indicators(30)), "sv")
    assert len(json.dumps(activity, ensure_ascii=False).encode()) < 28 * 1024
    card = activity["attachments"][-1]["content"]
    assert_valid_card(card)
    found = verbs(card)
    if padding == 0:
        assert found.count(SAVE) >= 10 and found.count(NO_DATA) == found.count(SAVE)
    else:
        assert "till" in json.dumps(card, ensure_ascii=False)  # the rest counted
    assert found.count(SAVE) + found.count(OPEN) >= 1


def test_a_period_from_card_data_is_shown_inert():
    """The period comes back from the card's data, which a client can write: never live."""
    hostile = "[x](http://evil.example)"
    content = json.dumps(indicator_card(_indicators(1)[0], hostile, "sv"), ensure_ascii=False)
    assert json.dumps(card_text(hostile, 20), ensure_ascii=False)[1:-1] in content
    assert f"för {hostile}" not in content
