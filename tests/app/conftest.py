"""Helpers for the app's Pilot and snapshot tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT / "seeds"


async def settle(pilot: Pilot) -> None:
    """Wait until loading/search workers are done and the screen has caught up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def seeds() -> list[str]:
    return [str(SEEDS)]
