"""The beredningsgrupp's card of a city round: 13 districts with the seed plans' real area names
stay under Teams' 28 KB, with a light per district and per area, as a valid Adaptive Card 1.5."""

from __future__ import annotations

import json
from datetime import date
from itertools import cycle

from cards.city_round import city_round_activity, city_round_card
from domain.city import CityAction, CityAnswer, DistrictPlan, build_city
from domain.city_round import CityRoundView
from domain.lights import EMOJI, Light
from domain.plaintext import unescape
from domain.status import Status
from tests.fixtures.seed_plans import PLAN_2024, PLAN_2025
from tests.schemas import assert_valid_card

# Stockholm's 13 stadsdelsområden (the longest names a real city has).
DISTRICTS = ("Bromma", "Enskede-Årsta-Vantör", "Farsta", "Hägersten-Älvsjö", "Hässelby-Vällingby",
             "Kungsholmen", "Norrmalm", "Rinkeby-Kista", "Skarpnäck", "Skärholmen",
             "Spånga-Tensta", "Södermalm", "Östermalm")
LIMIT = 28 * 1024


def _view(districts: tuple[str, ...] = DISTRICTS, *, extra_area: str = "") -> CityRoundView:
    """Every district with both seed plans' areas and actions (2025's, then 2024's under a
    custom name), every second action answered, some asking for support."""
    plans, actions, answers = [], [], []
    statuses = cycle([s.value for s in Status])
    next_id = 1
    for n, name in enumerate(districts, start=1):
        plans.append(DistrictPlan(n, name, 2026))
        sheets = [(s.area_name, len(s.rows)) for s in PLAN_2025.sheets]
        sheets += [(f"{s.area_name} {extra_area}".strip(), len(s.rows)) for s in PLAN_2024.sheets]
        for position, (area, count) in enumerate(sheets, start=1):
            for k in range(count):
                actions.append(CityAction(next_id, n, area, position, f"Åtgärd {k}"))
                if next_id % 2:
                    answers.append(CityAnswer(next_id, next(statuses), next_id % 7 == 0,
                                              "Behöver fler vuxna på plats kvällstid."))
                next_id += 1
    return CityRoundView(1, "Tertial 3 – stadsövergripande uppföljning", date(2026, 12, 18),
                         build_city(None, None, plans, actions, answers))


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "TextBlock" else []
        return own + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def _bytes(card: dict) -> int:
    return len(json.dumps(card, ensure_ascii=False).encode())


def test_thirteen_districts_fit_with_a_light_per_district_and_area():
    view = _view(extra_area="(fortsättning från 2024 års plan, med egna mål)")
    card = city_round_card(view, "sv")
    assert_valid_card(card)  # schema 1.5 and under 28 KB
    size = _bytes(city_round_activity(view, "sv"))
    assert size < LIMIT, size
    shown = unescape(" ".join(_texts(card)))
    for district in DISTRICTS:
        assert district in shown
    assert len(view.status.districts) == 13
    blocks = [c for c in card["body"] if c.get("type") == "Container"]
    assert len(blocks) == 13
    for block in blocks:  # the district's light first, then one light per area line
        head, *rest = block["items"]
        assert head["text"][0] in "".join(EMOJI.values())
        area_lines = rest[-1]["text"].split("\n\n")
        assert len(area_lines) >= 5
        assert all(line[0] in "".join(EMOJI.values()) for line in area_lines)


def test_lights_follow_the_answers():
    view = _view(("Kungsholmen", "Södermalm"))
    lights = {d.district: d.light for d in view.status.districts}
    assert set(lights) == {"Kungsholmen", "Södermalm"}
    assert all(light is not Light.GREY for light in lights.values())  # half answered
    card = city_round_card(view, "sv")
    assert "18 december" in card["body"][0]["text"]
    assert "Beredningsgruppens lägesbild" in card["body"][0]["text"]


def test_the_english_card_is_valid_too():
    assert_valid_card(city_round_card(_view(), "en"))
