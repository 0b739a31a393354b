"""The eraser behind `folja person forget`: every form a stored copy of an identifier takes."""

from __future__ import annotations

import json

from storage.repos.erasure import Eraser

ERASER = Eraser(("Örjan Åström", "orjan@stad.se", "29:orjan", "aad-orjan", ""), "borttagen person 7")


def test_names_in_text_json_and_escaped_json_are_replaced():
    assert ERASER.text("Ansvarig: ÖRJAN ÅSTRÖM (Kommunpolis)") == (
        "Ansvarig: borttagen person 7 (Kommunpolis)")
    escaped = json.dumps({"from": {"name": "Örjan Åström", "aadObjectId": "aad-orjan"}})
    assert "\\u00d6rjan" in escaped  # how jsonpickle/json store it by default
    assert "rjan" not in ERASER.stored_text(escaped).replace("borttagen", "")
    assert ERASER.needles() >= {"örjan åström", "\\u00f6rjan \\u00e5str\\u00f6m"}


def test_an_id_that_is_a_list_element_is_dropped_and_keys_are_rewritten():
    card = {"refresh": {"userIds": ["29:orjan", "29:samir"]}, "29:orjan": {"to": "orjan@stad.se"}}
    assert ERASER.document(card) == {"refresh": {"userIds": ["29:samir"]},
                                     "borttagen person 7": {"to": "borttagen person 7"}}


def test_empty_and_very_short_identifiers_match_nothing():
    short = Eraser(("Al", ""), "x")
    assert short.text("Alla vuxna") == "Alla vuxna" and short.needles() == set()
