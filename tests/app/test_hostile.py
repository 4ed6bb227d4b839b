"""The app on a hostile brief (tests/hostile.py): every screen renders data as data,
a click on a markup-looking title does nothing, and a seeded random walk over every
binding never crashes (issue #11)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from brieftui.app import make_app

from ..hostile import MARKUP_TITLE
from .conftest import settle
from .test_stress import NEVER, SCREEN_KEYS, _assert_consistent

RAW = ("\x1b", "\x9b", "\x07", "\x9d")


def _no_raw_controls(svg: str) -> None:
    for char in RAW:
        assert char not in svg, repr(char)


@pytest.mark.parametrize("screen_name", list(SCREEN_KEYS))
async def test_every_screen_shows_the_hostile_brief_as_text(screen_name, hostile_brief: Path):
    app = make_app([str(hostile_brief)])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.brief is not None and app.brief.documents
        markup_doc = next(d for d in app.brief.documents if d.title == MARKUP_TITLE)
        app.open_document(markup_doc.id)
        await settle(pilot)
        for key in SCREEN_KEYS[screen_name]:
            await pilot.press(key)
            await settle(pilot)
        _assert_consistent(app)
        _no_raw_controls(app.export_screenshot())
        for message in app._notifications:
            _no_raw_controls(message.message)


async def test_a_markup_title_is_read_not_clicked(hostile_brief: Path, tmp_path: Path):
    app = make_app([str(hostile_brief)])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        doc = next(d for d in app.brief.documents if d.title == MARKUP_TITLE)
        app.open_document(doc.id)
        await settle(pilot)
        reader = app.main_screen.reader
        assert reader.get_option_at_index(0).prompt.plain == MARKUP_TITLE
        await pilot.click(reader, offset=(4, 1))  # on the title: "[@click=app.quit]"
        await settle(pilot)
        assert app.is_running
        await pilot.press("ctrl+p", *"Talks")
        await pilot.pause(0.5)
        _no_raw_controls(app.export_screenshot())
        await pilot.press("escape")
    assert not list(Path.cwd().glob("*.svg"))  # no [@click=app.screenshot] ran


async def test_a_random_walk_over_every_binding_on_the_hostile_brief(hostile_brief: Path):
    rng = random.Random(20261127)
    app = make_app([str(hostile_brief)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(250):
            bindings = [
                key
                for key, active in app.screen.active_bindings.items()
                if active.enabled and key not in NEVER
            ]
            key = rng.choice([*bindings, "escape", "enter", "down", "up", "tab", "j", "c", "e"])
            await pilot.press(key)
            if rng.random() < 0.15:
                await pilot.press(
                    *rng.choice(["[/]", "[bold]", "talks", "'\"x", "-nato", "source:["])
                )
            await pilot.pause()
            _assert_consistent(app)
        await settle(pilot)
        _assert_consistent(app)
