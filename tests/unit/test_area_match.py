"""Priority areas are one area across the districts' plans despite small spelling differences,
and the real plans' distinct areas stay apart."""

from __future__ import annotations

import itertools

from domain.area_match import MATCH_SCORE, AreaName, match_areas, normalise, similarity
from tests.fixtures.seed_plans import PLAN_2025


def test_names_are_compared_without_case_numbering_punctuation_and_small_words():
    assert normalise("2. Otrygga och brottsutsatta platser.") == "otrygga brottsutsatta platser"
    assert normalise("1) UNGA  i riskzon") == "unga riskzon"


def test_spellings_of_one_area_match():
    for a, b in [("Otrygga platser", "Otrygga platser och miljöer"),
                 ("2. Otrygga platser", "Otrygga och brottsutsatta platser"),
                 ("Otrygga platser och miljöer", "Otrygga och brottsutsatta platser"),
                 ("Systemhotad brottslighet", "Systemhotade brottslighet"),
                 ("1. UNGA I RISKZON", "Unga i riskzon för destruktivt beteende")]:
        assert similarity(a, b) >= MATCH_SCORE, (a, b)


def test_the_real_plans_areas_stay_apart():
    names = [s.area_name for s in PLAN_2025.sheets]
    for a, b in itertools.combinations(names, 2):
        assert similarity(a, b) < MATCH_SCORE, (a, b, similarity(a, b))


def test_areas_are_grouped_under_the_most_common_spelling_and_never_within_a_plan():
    areas = [AreaName("A", "Otrygga platser", 1), AreaName("A", "Otrygga platser och miljöer", 2),
             AreaName("B", "2. Otrygga och brottsutsatta platser", 1),
             AreaName("C", "Otrygga och brottsutsatta platser", 1),
             AreaName("C", "Trygg kollektivtrafik", 6)]
    matched = match_areas(areas)
    assert matched[areas[0]] == matched[areas[2]] == matched[areas[3]]
    assert matched[areas[0]] == "Otrygga och brottsutsatta platser"  # B and C, numbering gone
    assert matched[areas[1]] == "Otrygga platser och miljöer"  # A's second area: its own
    assert matched[areas[4]] == "Trygg kollektivtrafik"
