"""The app under stress: tiny terminals on every screen, a seeded monkey walk over
every binding, and very long passages and queries (issue: reliability)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from brieftui.app import make_app
from brieftui.app.reading.screen import MainScreen

from .conftest import SEEDS, settle

# Keys that would end the test rather than exercise the app.
NEVER = {"q", "ctrl+q", "ctrl+c"}
# Keys that open each main screen from the reader (screens that exist in this build).
SCREEN_KEYS = {
    "reader": [],
    "search": ["slash", "z", "e", "l"],
    "help": ["question_mark"],
    "compare": ["c"],
    "events": ["e"],
    "notes": ["ctrl+n"],
    "note editor": ["a", "h", "i"],
    "palette": ["ctrl+p"],
}


def _assert_consistent(app) -> None:
    assert app.is_running
    assert app.screen is not None
    main = app.screen_stack[0] if isinstance(app.screen_stack[0], MainScreen) else None
    main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), main)
    assert main is not None, "the reader screen left the stack"
    if app.brief is not None:
        passage_id = app.current_passage_id
        assert passage_id is None or app.brief.has_passage(passage_id)


@pytest.mark.parametrize("screen_name", list(SCREEN_KEYS))
async def test_every_screen_survives_40x12_and_back(screen_name: str) -> None:
    app = make_app([str(SEEDS)])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for key in SCREEN_KEYS[screen_name]:
            await pilot.press(key)
            await settle(pilot)
        screen_before = type(app.screen)
        for width, height in ((40, 12), (20, 6), (80, 24), (120, 36)):
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            _assert_consistent(app)
            assert type(app.screen) is screen_before
        assert app.export_screenshot()  # the screen renders at its final size


async def test_monkey_presses_every_binding_in_a_seeded_random_order(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    app = make_app([str(SEEDS)])
    pressed: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(300):
            bindings = [
                key
                for key, active in app.screen.active_bindings.items()
                if active.enabled and key not in NEVER
            ]
            choices = [*bindings, "escape", "enter", "down", "up", "tab", "j", "x", "a", "c"]
            key = rng.choice(choices)
            pressed.append(key)
            await pilot.press(key)
            if rng.random() < 0.15:
                await pilot.press(*rng.choice(["nato", "zel", "  ", "'oval", "source:x"]))
            await pilot.pause()
            _assert_consistent(app)
        await settle(pilot)
        _assert_consistent(app)
    assert len(set(pressed)) > 10  # the walk really visited many keys


async def test_a_very_long_passage_and_query_render(tmp_path: Path) -> None:
    words = " ".join(f"word{i % 500}" for i in range(20_000))
    (tmp_path / "long.txt").write_text(
        f"A Very Long Article\n\n{words}.\n\nA short closing paragraph.\n"
    )
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.brief is not None
        # the 140,000-character paragraph is cut into passages of at most 4,000
        passages = [ref.passage.text for ref in app.brief.passages()]
        assert len(passages) > 30 and passages[-1] == "A short closing paragraph."
        await pilot.press("j", "j", "k")
        await pilot.press("slash")
        main = app.screen
        assert isinstance(main, MainScreen)
        main.search_bar.input.value = "word42 " * 2_000  # a 14,000-character query
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        _assert_consistent(app)
