"""Which messages ask about effect indicators, and which indicators a subject names."""

from __future__ import annotations

from domain.indicators import Direction, Indicator, Source
from domain.lookup.indicator_question import indicator_question, matching

PLACES = "Otrygga och brottsutsatta platser"


def _indicator(i: int, name: str, area: str) -> Indicator:
    return Indicator(i, 1, 1, area, name, Source.NTU, Direction.LOWER)


INDICATORS = [_indicator(1, "Otrygghet i området", PLACES),
              _indicator(2, "Anmälda rån mot unga", "Unga i riskzon"),
              _indicator(3, "Anmälda skadegörelsebrott", PLACES)]


def test_the_words_that_ask():
    assert indicator_question("Hur går det med tryggheten?").subject == "tryggheten"
    assert not indicator_question("hur går det med tryggheten").explicit
    assert indicator_question("Indikatorer otrygga platser").subject == "otrygga platser"
    assert indicator_question("indikatorer").subject == ""
    assert indicator_question("indikatorer").explicit
    assert indicator_question("vem äger trygghetsvandringar") is None
    assert indicator_question("status medborgardialog") is None


def test_a_subject_names_its_indicators():
    assert [i.id for i in matching(INDICATORS, "tryggheten")] == [1]
    assert [i.id for i in matching(INDICATORS, "otrygga platser")] == [1, 3]
    assert [i.id for i in matching(INDICATORS, "")] == [1, 2, 3]
    assert matching(INDICATORS, "samverkan") == []
    assert matching(INDICATORS, "det") == []
