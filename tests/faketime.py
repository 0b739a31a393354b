"""Running the suite under libfaketime (`make test-moved-clock`): one repair it needs.

libfaketime 0.9.10 (Debian's) with FAKETIME_DONT_FAKE_MONOTONIC=1 mangles the absolute
monotonic deadline of `clock_nanosleep`, which Python 3.11's `time.sleep` uses, so every sleep
fails with EINVAL (libfaketime issue 426; subprocess's waits sleep too). A relative `select`
timeout is not touched by it; the repair is made only when sleeping really fails.
"""

from __future__ import annotations

import os
import select
import time


def _sleep(seconds: float) -> None:
    select.select([], [], [], seconds)


def repair_sleep() -> bool:
    """Replace `time.sleep` when libfaketime broke it; True when it did."""
    if "faketime" not in os.environ.get("LD_PRELOAD", ""):
        return False
    try:
        time.sleep(0.001)
    except OSError:
        time.sleep = _sleep
        return True
    return False
