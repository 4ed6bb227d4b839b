"""Every line of a passage is shown after the reader's scrollbar appears (new-user trial).

Moving from a short document (no scrollbar) to a long one (a scrollbar) used to
hide the last line of some passages and of a long title: the OptionList measured
each option's height at the width without the scrollbar, then drew it wrapped
at the narrower width, one line longer than its measured height. Each test here
reads the reader's rendered lines and checks that every passage between two
blank lines is shown whole.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from brieftui.app import make_app
from brieftui.app.reading.reader import Reader
from brieftui.app.reading.screen import MainScreen

from .conftest import settle

WORDS = (
    "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
    "november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu"
).split()
TITLE = "A long title about numbered words: one line wide, without the scrollbar bar"


def _paragraphs(count: int = 40) -> list[str]:
    """Paragraphs of 15-25 numbered words (each word unique, so a lost line shows)."""
    rng = random.Random(4)
    n = 0
    paragraphs = []
    for _ in range(count):
        words = []
        for _ in range(rng.randint(15, 25)):
            n += 1
            words.append(f"{WORDS[n % len(WORDS)]}{n}")
        paragraphs.append(" ".join(words).capitalize() + ".")
    return paragraphs


@pytest.fixture
def wrap_brief(tmp_path: Path) -> Path:
    folder = tmp_path / "trial-wrap"
    folder.mkdir()
    (folder / "a-short.txt").write_text("A short note.\n\nOne short paragraph here.\n")
    text = TITLE + "\n\n" + "\n\n".join(_paragraphs()) + "\n"
    (folder / "b-wrap.txt").write_text(text, encoding="utf-8")
    return folder


def _shown_blocks(reader: Reader) -> tuple[list[str], bool]:
    """The reader's rendered text as blocks between blank lines (each block's lines
    joined with spaces), and whether the first block starts at the top of the article."""
    blocks: list[list[str]] = [[]]
    for y in range(reader.scrollable_content_region.height):
        line = reader.render_line(y).text.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [" ".join(b) for b in blocks if b], reader.scroll_offset.y == 0


def _assert_whole(reader: Reader, texts: set[str], where: str) -> None:
    blocks, at_top = _shown_blocks(reader)
    assert blocks, where
    # the last block may run off the bottom, the first off the top (unless at the top)
    whole = blocks[:-1] if at_top else blocks[1:-1]
    for block in whole:
        assert block in texts, f"{where}: a passage shown cut: {block!r}"


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_every_line_shows_after_moving_to_a_long_document(wrap_brief: Path, size):
    app = make_app([str(wrap_brief)])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        reader = screen.reader
        assert not reader.show_vertical_scrollbar  # the short document fits
        await pilot.press("]")
        await settle(pilot)
        assert reader.show_vertical_scrollbar
        doc = app.brief.document(screen.doc_id)
        texts = {doc.title} | {p.text for s in doc.sections for p in s.passages}
        assert len(texts) > 30
        _assert_whole(reader, texts, "opened")
        assert _shown_blocks(reader)[0][0] == doc.title  # the title, both of its lines
        await pilot.press("j", "j", "j")  # the trial's keys
        await pilot.pause()
        _assert_whole(reader, texts, "after j j j")
        # then the whole article, a screenful at a time
        step = max(1, reader.scrollable_content_region.height - 4)
        for y in range(0, reader.max_scroll_y + step, step):
            reader.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            _assert_whole(reader, texts, f"at line {reader.scroll_offset.y}")
