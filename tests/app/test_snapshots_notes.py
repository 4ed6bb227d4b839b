"""Snapshot tests for the note editor and the Notes screen at 80×24 and 120×36.

Deterministic: a fresh data dir; notes added through the store with a fixed
clock (the Notes screen shows dates); workers waited for; cursor blink off.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from brieftui.app import make_app
from brieftui.notes import NoteStore

from .conftest import SEEDS, settle

SIZES = [(80, 24), (120, 36)]
FIXED_NOW = "2026-03-05T09:30:00.000+00:00"


def app():
    return make_app([str(SEEDS)])


async def no_blink(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for widget in pilot.app.screen.query(TextArea):
        widget.cursor_blink = False
    await pilot.pause()


def seed_notes(app) -> None:
    passages = [ref.passage.id for ref in app.brief.passages()]
    brief = app.brief
    with NoteStore() as store:
        store.add(
            brief,
            passages[0],
            "The piece frames this as a realignment, not a one-off. Check the Politico figures.",
            quote="potential realignment of U.S. foreign policy",
            tags=("framing", "check"),
        )
        store.add(
            brief, passages[40], "Compare with the wire copy on the summit date.", tags=("dates",)
        )
        store.add(brief, passages[75], "Strongest claim in the brief; no source given.")


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr("brieftui.notes.store._now", lambda: FIXED_NOW)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_note_editor(snap_compare, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "j", "a")
        await settle(pilot)
        await pilot.press(*"Framing: realignment, not a one-off.")
        await pilot.press("tab", *"framing, check")
        await no_blink(pilot)
        await settle(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_notes_screen(snap_compare, size, fixed_clock):
    async def run_before(pilot) -> None:
        await settle(pilot)
        seed_notes(pilot.app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await no_blink(pilot)
        await settle(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=run_before)
