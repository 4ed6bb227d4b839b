"""Progress from worker threads, throttled so the UI is told often enough but not flooded.

A loader or event detector may report thousands of steps a second; posting a
message for each would keep the UI thread busy repainting a progress bar. This
wraps a callback so it fires at most every ``PROGRESS_INTERVAL`` seconds, and
always on the last step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

PROGRESS_INTERVAL = 0.05  # seconds between progress messages

Progress = Callable[[int, int], None]


def throttled(report: Progress, interval: float = PROGRESS_INTERVAL) -> Progress:
    """``report(done, total)``, called at most every ``interval`` seconds and at the end."""
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done == total or now - last >= interval:
            last = now
            report(done, total)

    return progress
