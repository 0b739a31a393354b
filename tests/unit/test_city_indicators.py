"""Matching the districts' indicators per city area (pure): by name after normalisation, areas
by the city's name for them, districts and the sheet's order kept."""

from __future__ import annotations

from domain.city_indicators import match_indicators
from domain.indicator_results import judge
from domain.indicators import Direction, Indicator, Source


def _result(id_: int, plan_id: int, area: str, name: str, position: int = 0,
            area_position: int = 0):
    indicator = Indicator(id_, plan_id, 1, area, name, Source.NTU, Direction.LOWER,
                          position=position, area_position=area_position)
    return judge(indicator, ())


def test_one_indicator_spelt_two_ways_is_one_row_group():
    results = {1: [_result(1, 1, "Otrygga platser", "Otrygghet i området"),
                   _result(2, 1, "Otrygga platser", "Anmälda brott", position=1)],
               2: [_result(3, 2, "2. Otrygga platser och miljöer", " OTRYGGHET i området.")]}
    names = {(1, "Otrygga platser"): "Otrygga platser",
             (2, "2. Otrygga platser och miljöer"): "Otrygga platser"}
    (area,) = match_indicators([(1, "Kungsholmen"), (2, "Norrmalm")], results, names)
    assert area.name == "Otrygga platser"
    assert [(m.name, [r.district for r in m.rows]) for m in area.indicators] == [
        ("Otrygghet i området", ["Kungsholmen", "Norrmalm"]), ("Anmälda brott", ["Kungsholmen"])]


def test_areas_keep_plan_order_and_an_unmatched_area_its_own_name():
    results = {1: [_result(1, 1, "B", "x", area_position=1), _result(2, 1, "A", "y")],
               2: [_result(3, 2, "3. Ett eget område", "z", area_position=2)]}
    areas = match_indicators([(1, "K"), (2, "N")], results, {})
    assert [a.name for a in areas] == ["A", "B", "Ett eget område"]
    assert match_indicators([(1, "K")], {}, {}) == ()
