"""The garbage collector's settings for a serving process.

A card save allocates thousands of container objects (the SDK's pydantic models and their deep
copies, rows, the card), so with Python's default threshold (700 new objects) the collector ran
several times per turn. Freezing what exists after start-up (the app, the SDK, the templates:
never garbage) spares every collection from walking it, and collecting less often spares most
collections altogether (see BENCHMARKS.md, 'card save', the 2×2 with `RepoBase.core`). Memory
stays bounded: a collection still runs every 10,000 new objects.
"""

from __future__ import annotations

import gc

#: (young, middle, old): Python's defaults are (700, 10, 10).
THRESHOLDS = (10_000, 50, 1_000)


def tune_gc() -> None:
    """Call once the app is built, just before serving."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
