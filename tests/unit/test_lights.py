"""The traffic-light rules of docs/traffic-lights.md, held at their boundaries."""

from __future__ import annotations

import pytest

from domain.lights import (
    CARD_COLOUR,
    EMOJI,
    Light,
    action_light,
    answer_light,
    card_colour,
    emoji,
    group_light,
)
from domain.status import Status

G, Y, R, N = Light.GREEN, Light.YELLOW, Light.RED, Light.GREY


@pytest.mark.parametrize(("status", "light"), [
    (Status.DONE, G), (Status.ON_TRACK, G), (Status.PARTIAL, Y), (Status.DELAYED, Y),
    (Status.NOT_STARTED, R), (Status.DISCONTINUED, R), (None, N), ("unknown", N)])
def test_an_answer_takes_its_status_colour(status, light):
    assert answer_light(status) is light


def test_needs_support_makes_any_answer_red():
    assert {answer_light(s, True) for s in Status} == {R}


def test_an_action_takes_the_worst_colour_among_its_parties():
    assert action_light([]) is N
    assert action_light([("done", False), ("partial", False)]) is Y
    assert action_light([("done", False), ("on_track", True)]) is R
    assert action_light([("done", False), ("on_track", False)]) is G


def test_a_group_is_grey_when_fewer_than_half_answered():
    assert group_light([]) is N
    assert group_light([G] * 4 + [N] * 5) is N  # 4 of 9: under half
    assert group_light([G] * 5 + [N] * 5) is G  # exactly half: coloured
    assert group_light([R] * 2 + [N] * 3) is N


def test_a_group_is_red_from_a_quarter_of_its_answered_actions():
    assert group_light([R] + [G] * 3) is R  # 25 %
    assert group_light([R] + [G] * 4) is Y  # 20 %: not red, but over a tenth
    assert group_light([R] + [G] * 3 + [N] * 4) is R  # grey ones do not dilute it


def test_a_group_is_yellow_from_a_quarter_red_or_yellow():
    assert group_light([Y] + [G] * 3) is Y  # 25 %
    assert group_light([Y] + [G] * 4) is G  # 20 %
    assert group_light([R, Y] + [G] * 6) is Y  # 1 red + 1 yellow = 25 %
    assert group_light([R] + [G] * 9) is Y  # a tenth red is yellow
    assert group_light([R] + [G] * 10) is G  # under a tenth red, nothing yellow
    assert group_light([R, Y] + [G] * 10) is G  # 1/12 red, 2/12 red or yellow
    assert group_light([G] * 8) is G


def test_every_light_has_an_emoji_and_a_card_colour():
    assert set(EMOJI) == set(CARD_COLOUR) == set(Light)
    assert {card_colour(x) for x in Light} == {"Good", "Warning", "Attention", "Default"}
    assert emoji("red") == "🔴" and emoji(G) == "🟢"
