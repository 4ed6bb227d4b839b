"""Snapshot tests (pytest-textual-snapshot): main screen, search results, help; 80×24 and 120×36.

Deterministic: a fresh data dir (so the default theme and the first document),
workers waited for, the input's cursor blink off. Regenerate after a deliberate
UI or ingestion change with ``pytest tests/app --snapshot-update`` and look at
the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from brieftui.app import make_app

from .conftest import SEEDS, settle

SIZES = [(80, 24), (120, 36)]


def app():
    return make_app([str(SEEDS)])


async def _ready(pilot) -> None:
    # loaded first: the main screen (and its search box) may not be up yet on a busy
    # machine, and a box left blinking is caught with its cursor on or off
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_main_screen(snap_compare, size):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("j", "j")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_search_results(snap_compare, size):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("slash", *"zelenksy")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_help_screen(snap_compare, size):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=run_before)
