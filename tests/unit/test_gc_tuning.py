"""cli/gc_tuning.py: a serving process collects less often and never walks its start-up objects."""

from __future__ import annotations

import gc

from cli.gc_tuning import THRESHOLDS, tune_gc


def test_tune_gc_freezes_start_up_objects_and_raises_the_thresholds():
    before = gc.get_threshold()
    try:
        tune_gc()
        assert gc.get_threshold() == THRESHOLDS
        assert THRESHOLDS[0] > before[0]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
