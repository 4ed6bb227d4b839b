"""Fixtures for the app's Pilot and snapshot tests.

``pilot`` is the app on the bundled brief at 120×36, loaded and settled, so a
test starts at the first passage of the first document; ``make`` builds the app
on other paths for the tests that need them. ``settle`` waits for every worker
(load, search, compare, notes) and the repaint after it, Harlequin's
``wait_for_workers``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from textual.pilot import Pilot

from brieftui.app import make_app

from ..conftest import SEEDS_DIR

SEEDS = SEEDS_DIR
SIZE = (120, 36)


async def settle(pilot: Pilot) -> None:
    """Wait until loading/search workers are done and the screen has caught up.

    A worker's answer is a chain of messages (the search bar's answer, then the
    screen's hits, then a refresh), and one may start another worker: three rounds,
    so that a busy machine (a snapshot once caught the search bar before its answer
    at load 6) does not catch the screen half-way.
    """
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def seeds() -> list[str]:
    return [str(SEEDS)]


@pytest.fixture
async def pilot(seeds: list[str]) -> AsyncIterator[Pilot]:
    """The app on the bundled brief at 120×36, loaded and settled."""
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as running:
        await settle(running)
        yield running
