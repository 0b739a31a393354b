"""Traffic lights: green, yellow, red or grey for an action, an area, a district.

Why one module: the styrgrupp card, the year-end report, `folja city status` and the city report
must colour the same answers the same way, and the rules must be short enough to print for a
styrgrupp (docs/traffic-lights.md says them in words; tests/unit/test_lights.py holds them at
their boundaries).

- An action takes the colour of its latest answer: done/on track → green; partly done/delayed →
  yellow; not started/discontinued, or "needs support" ticked → red; no answer → grey. When
  several parties answer for one action, the worst colour among their answers counts.
- An area or a district (a group of actions): grey when fewer than half of its actions have an
  answer; otherwise red when at least a quarter of the answered actions are red; yellow when at
  least a tenth are red, or at least a quarter are red or yellow together; green otherwise.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from domain.status import Status


class Light(enum.StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


GROUP_MIN_ANSWERED = 0.5  # below this share of answered actions a group is grey
GROUP_RED_SHARE = 0.25  # red actions among the answered ones that make a group red
GROUP_YELLOW_RED_SHARE = 0.10  # red actions among the answered ones that make it yellow
GROUP_YELLOW_SHARE = 0.25  # red + yellow actions among the answered ones that make it yellow

STATUS_LIGHT: dict[str, Light] = {
    Status.DONE.value: Light.GREEN,
    Status.ON_TRACK.value: Light.GREEN,
    Status.PARTIAL.value: Light.YELLOW,
    Status.DELAYED.value: Light.YELLOW,
    Status.NOT_STARTED.value: Light.RED,
    Status.DISCONTINUED.value: Light.RED,
}
_RANK: dict[Light, int] = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2, Light.GREY: 3}

# How a light is shown. Emoji keep their colour on light and dark Teams themes; the Adaptive
# Card TextBlock colours name the host's own palette; the hex colours are for reports.
EMOJI: dict[Light, str] = {Light.GREEN: "🟢", Light.YELLOW: "🟡", Light.RED: "🔴",
                           Light.GREY: "⚪"}
CARD_COLOUR: dict[Light, str] = {Light.GREEN: "Good", Light.YELLOW: "Warning",
                                 Light.RED: "Attention", Light.GREY: "Default"}
HEX: dict[Light, str] = {Light.GREEN: "#107c10", Light.YELLOW: "#fce100", Light.RED: "#d13438",
                         Light.GREY: "#d2d0ce"}


def answer_light(status: str | None, needs_support: bool = False) -> Light:
    """The colour of one answer; no answer (or an unknown status) is grey."""
    if needs_support:
        return Light.RED
    return STATUS_LIGHT.get(status or "", Light.GREY)


def worst(lights: Iterable[Light]) -> Light:
    """The colour that needs the most attention: red, yellow, green, then grey (none)."""
    return min(lights, key=_RANK.__getitem__, default=Light.GREY)


def action_light(answers: Iterable[tuple[str, bool]]) -> Light:
    """An action's colour from its parties' latest answers, (status, needs support) each."""
    return worst(answer_light(status, support) for status, support in answers)


def group_light(lights: Iterable[Light]) -> Light:
    """An area's or a district's colour from its actions' colours (module docstring)."""
    counted = list(lights)
    answered = [light for light in counted if light is not Light.GREY]
    if not counted or len(answered) < GROUP_MIN_ANSWERED * len(counted):
        return Light.GREY
    red = answered.count(Light.RED)
    if red >= GROUP_RED_SHARE * len(answered):
        return Light.RED
    if (red >= GROUP_YELLOW_RED_SHARE * len(answered)
            or red + answered.count(Light.YELLOW) >= GROUP_YELLOW_SHARE * len(answered)):
        return Light.YELLOW
    return Light.GREEN


def emoji(light: Light | str) -> str:
    return EMOJI[Light(light)]


def card_colour(light: Light | str) -> str:
    """The Adaptive Card TextBlock `color` for a light (good, warning, attention, default)."""
    return CARD_COLOUR[Light(light)]
