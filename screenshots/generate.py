"""Write SVG screenshots of brieftui's screens from the real app, driven headless by Pilot.

Run from the repo root:  .venv/bin/python screenshots/generate.py [NAME...]

Each row of SHOTS is (file name, keys to press after the brief has loaded), and
optionally the brief (a folder below the repo root; the bundled seeds otherwise).
Adding a screen is one line: e.g. ("compare.svg", ["c"]). Keys are Textual key names
("slash", "question_mark", "ctrl+p"); "type:TEXT" types TEXT.
The app runs against the bundled brief with a throwaway data dir, so the shots
never depend on (or change) what the app remembers for you.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZE = (120, 36)

Keys = list[str]
WAREHOUSE = "tests/divergence/fixtures/warehouse"
"""Three outlets on one fire that disagree on the dead, the injured and the hour."""
SHOTS: list[tuple[str, Keys] | tuple[str, Keys, str]] = [
    ("main.svg", ["j", "j"]),
    ("search.svg", ["slash", "type:zelenksy"]),
    ("help.svg", ["question_mark"]),
    ("compare.svg", ["slash", "type:oval office", "enter", "c"]),
    ("events.svg", ["e"]),
    (
        "note-editor.svg",
        [
            "j",
            "j",
            "a",
            "type:Frames it as a realignment, not a one-off.",
            "tab",
            "type:framing, check",
        ],
    ),
    (
        "notes.svg",
        [
            "j",
            "j",
            "a",
            "type:Frames it as a realignment, not a one-off.",
            "tab",
            "type:framing, check",
            "ctrl+s",
            "right_square_bracket",
            "j",
            "j",
            "a",
            "type:Compare with the wire copy on the date.",
            "tab",
            "type:dates",
            "ctrl+s",
            "right_square_bracket",
            "j",
            "a",
            "type:Strongest claim in the brief; no source.",
            "ctrl+s",
            "ctrl+n",
        ],
    ),
    ("differs-compare.svg", ["c"], WAREHOUSE),
    ("differs-events.svg", ["e"], WAREHOUSE),
]


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shoot(name: str, keys: Keys, brief: str = "seeds") -> Path:
    from brieftui.app import make_app

    app = make_app([str(ROOT / brief)])
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        for key in keys:
            for widget in app.screen.query("Input, TextArea"):
                widget.cursor_blink = False
            if key.startswith("type:"):
                await pilot.press(*key.removeprefix("type:"))
            else:
                await pilot.press(key)
            await _settle(pilot)
        app.clear_notifications()  # transient toasts ("Note saved") are not the screen
        await pilot.pause()
        out = HERE / name
        app.save_screenshot(filename=out.name, path=str(out.parent))
    return out


def main(argv: list[str]) -> int:
    wanted = set(argv)
    with tempfile.TemporaryDirectory(prefix="brieftui-shots-") as data:
        os.environ["BRIEFTUI_DATA_DIR"] = data
        for name, keys, *brief in SHOTS:
            if wanted and name not in wanted and name.removesuffix(".svg") not in wanted:
                continue
            path = asyncio.run(shoot(name, keys, *brief))
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1:]))
