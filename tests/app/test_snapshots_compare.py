"""Snapshot tests for Compare and Events at 80×24 and 120×36 (see test_snapshots.py for the rules).

Deterministic: a fresh data dir, every worker (load, compare, events, divergences) waited
for. The bundled brief has no divergence; the warehouse brief has planted ones ("12
people" / "At least 15 people" dead), shown in Compare and Events.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brieftui.app import make_app

from .conftest import SEEDS, settle

SIZES = [(80, 24), (120, 36)]
WAREHOUSE = Path(__file__).parents[1] / "divergence" / "fixtures" / "warehouse"


def app(path: Path = SEEDS):
    return make_app([str(path)])


def oval_office(app) -> str:
    return next(
        ref.passage.id
        for ref in app.brief.passages()
        if ref.document.id.startswith("000") and "Oval Office" in ref.passage.text
    )


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_compare_screen(snap_compare, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_passage(oval_office(pilot.app))
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_events_screen(snap_compare, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_compare_screen_where_sources_differ(snap_compare, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_passage("a_wire:1")
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app(WAREHOUSE), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_events_screen_where_sources_differ(snap_compare, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app(WAREHOUSE), terminal_size=size, run_before=run_before)
