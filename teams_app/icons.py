"""The two icons Teams wants, drawn in code: a check mark in a ring (the plan followed up).

color.png is 192×192 on the accent colour; outline.png is 32×32, white on transparent, as Teams
requires. Edges are anti-aliased by pixel coverage of the distance to each stroke.
"""

from __future__ import annotations

import math

from teams_app.png import Pixel, encode_rgba

ACCENT = "#1F5C99"
WHITE = (255, 255, 255)

# Shapes in unit coordinates (0..1): a ring and a check mark through three points.
RING_CENTRE, RING_RADIUS = (0.5, 0.5), 0.36
CHECK = ((0.33, 0.52), (0.45, 0.64), (0.68, 0.38))


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def coverage(size: int, stroke: float) -> list[list[float]]:
    """How much of each pixel the ring and check mark cover (0..1), `stroke` in unit width."""
    half = stroke / 2
    grid = []
    for y in range(size):
        row = []
        for x in range(size):
            p = ((x + 0.5) / size, (y + 0.5) / size)
            ring = abs(math.hypot(p[0] - RING_CENTRE[0], p[1] - RING_CENTRE[1]) - RING_RADIUS)
            check = min(_segment_distance(p, CHECK[i], CHECK[i + 1]) for i in range(len(CHECK) - 1))
            inside = (half - min(ring, check)) * size + 0.5  # signed distance in pixels
            row.append(max(0.0, min(1.0, inside)))
        grid.append(row)
    return grid


def _towards_white(base: tuple[int, int, int], c: float) -> Pixel:
    """`base` blended towards white by the coverage `c` (0..1), opaque."""
    r, g, b = (round(x + (w - x) * c) for x, w in zip(base, WHITE, strict=True))
    return r, g, b, 255


def color_icon(accent: str = ACCENT, size: int = 192) -> bytes:
    """The full-colour icon: white strokes blended onto the accent colour."""
    base = hex_rgb(accent)
    rows: list[list[Pixel]] = []
    for line in coverage(size, stroke=0.07):
        rows.append([_towards_white(base, c) for c in line])
    return encode_rgba(rows)


def outline_icon(size: int = 32) -> bytes:
    """The outline icon: pure white, shape only in the alpha channel, background transparent."""
    rows = [[(255, 255, 255, round(255 * c)) for c in line] for line in coverage(size, stroke=0.11)]
    return encode_rgba(rows)
