"""The "mina åtgärder" card over several districts (cards/lookup_mine.py) and its words when
there is nothing to show: pure, over the 2025 seed plan as two districts' plans."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from cards.lookup_mine import DistrictPart, mine_card, shares
from domain.lookup import build_index
from domain.plaintext import unescape
from i18n import format_day, t
from reports import render
from tests.lookup_fixtures import TOVE, domain_plan_2025
from tests.schemas import assert_valid_card


def _say(key: str, **values: object) -> str:
    return t(key, "sv", **values)


DAY = partial(format_day, lang="sv")


def _parts() -> list[DistrictPart]:
    """Tove's actions in Kungsholmen (all five) and in Rinkeby those of the first two areas
    (four), as the bot hands them over."""
    plan = domain_plan_2025()
    index = build_index(plan, {})
    mine = tuple((area, tuple(a for a in area.actions if any(
        p.id == TOVE.id for r in a.responsibilities for p in r.people))) for area in plan.areas)
    mine = tuple((area, actions) for area, actions in mine if actions)
    other = build_index(replace(plan, district="Rinkeby"), {})
    return [DistrictPart("Kungsholmen", index, mine), DistrictPart("Rinkeby", other, mine[:2])]


def _texts(card: dict) -> list[str]:
    return [unescape(b["text"]) for b in card["body"] if b.get("type") == "TextBlock"]


def test_each_district_gets_a_heading_with_its_count():
    parts = _parts()
    card = mine_card("Dina åtgärder (9)", parts, _say, DAY, person_id=TOVE.id)
    assert_valid_card(card)
    texts = _texts(card)
    assert [parts[0].count, parts[1].count] == [5, 4]
    assert texts.index("Kungsholmen: 5 åtgärder") < texts.index("Rinkeby: 4 åtgärder")


def test_an_unnamed_district_has_no_heading():
    part = _parts()[0]
    card = mine_card("Dina åtgärder (5)", [replace(part, district="")], _say, DAY)
    assert not any("åtgärder" in text for text in _texts(card)[1:])


def test_a_full_card_still_shows_every_district():
    card = mine_card("Dina åtgärder (9)", _parts(), _say, DAY, person_id=TOVE.id, room=4)
    assert_valid_card(card)
    texts = _texts(card)
    assert "Rinkeby: 4 åtgärder" in texts  # not crowded out by the first district
    assert texts.count("… och 3 till.") == 1 and texts.count("… och 2 till.") == 1
    rows = [b for b in card["body"] if b.get("type") == "Container"]
    assert len(rows) == 4


def test_shares_give_small_districts_all_and_split_the_rest():
    assert shares([5, 3], 30) == [5, 3]
    assert shares([40, 2], 30) == [28, 2]
    assert shares([40, 40, 1], 30) == [14, 15, 1]
    assert sum(shares([9] * 14, 30)) <= 30 and min(shares([9] * 14, 30)) == 2
    assert shares([], 30) == []


def test_nothing_of_mine_names_every_plan_read():
    sv = render("lookup_mine_none", "sv", plans=["Kungsholmen 2025", "Rinkeby 2024"], known=True)
    assert sv.startswith("Jag hittar inga åtgärder som är dina i Kungsholmen 2025 eller "
                         "Rinkeby 2024.")
    en = render("lookup_mine_none", "en", plans=["Kungsholmen 2025"], known=False)
    assert en.startswith("I find no actions of yours in Kungsholmen 2025.")
