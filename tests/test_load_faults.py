"""Faults while loading: each bad file gives a clear one-line message or renders
correctly, and the rest of the brief always opens (issue: reliability)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import brieftui
from brieftui.model import LoadMessage

GOOD = (
    "A Clear Headline About the Summit\n\n"
    "By Jane Roe\n\n"
    "Leaders met in Brussels on Tuesday to discuss defence spending. "
    "They agreed to meet again in June.\n\n"
    "Officials said the talks were productive.\n"
)


def _write_good(folder: Path, n: int = 3) -> None:
    for i in range(n):
        (folder / f"good{i}.txt").write_text(GOOD.replace("Summit", f"Summit {i}"))


def _all_text(brief: brieftui.Brief) -> str:
    return "\n".join(ref.passage.text for ref in brief.passages())


def _one_line(messages: tuple[LoadMessage, ...], name: str) -> LoadMessage:
    found = [m for m in messages if Path(m.path).name == name]
    assert len(found) == 1, messages
    assert "\n" not in str(found[0])
    return found[0]


def test_a_file_that_vanishes_during_loading(tmp_path: Path) -> None:
    _write_good(tmp_path, 4)
    doomed = tmp_path / "good2.txt"

    def progress(done: int, total: int) -> None:
        if done == 1:
            doomed.unlink()  # gone after discovery, before it is read

    brief = brieftui.load([tmp_path], progress=progress, cache=False)
    assert len(brief.documents) == 3
    assert "cannot read" in _one_line(brief.messages, "good2.txt").message


def test_a_file_that_changes_during_loading_is_read_as_it_is_now(tmp_path: Path) -> None:
    _write_good(tmp_path, 2)
    changing = tmp_path / "good1.txt"

    def progress(done: int, total: int) -> None:
        if done == 1:
            changing.write_text("Rewritten Headline\n\nA completely different paragraph now.\n")

    brief = brieftui.load([tmp_path], progress=progress)
    assert "completely different" in _all_text(brief)
    # The cache must not keep the new text under the old file's stat.
    again = brieftui.load([tmp_path])
    assert "completely different" in _all_text(again)


def test_permission_denied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_good(tmp_path, 2)
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    real_open = os.open

    def open_(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Tests may run as root, which ignores file modes: enforce what the mode says.
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    brief = brieftui.load([tmp_path], cache=False)
    assert len(brief.documents) == 2
    assert "permission denied" in _one_line(brief.messages, "locked.txt").message


def test_a_folder_that_cannot_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_good(tmp_path, 1)
    sub = tmp_path / "sub"
    sub.mkdir()
    _write_good(sub, 1)
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == sub:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    brief = brieftui.load([tmp_path], cache=False)
    assert len(brief.documents) == 1
    assert any("cannot list folder" in m.message for m in brief.messages)


def test_symlink_loops_are_caught(tmp_path: Path) -> None:
    _write_good(tmp_path, 1)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    brief = brieftui.load([tmp_path], cache=False)
    assert len(brief.documents) == 1
    assert all("\n" not in str(m) for m in brief.messages)


def test_ten_thousand_tiny_files(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"t{i:05}.txt").write_text(f"Note {i}\n\nItem number {i} was filed today.\n")
    brief = brieftui.load([tmp_path], cache=False)
    assert len(brief.documents) == 10_000
    assert [d.id for d in brief.documents[:2]] == ["t00000", "t00001"]


def test_a_fifty_megabyte_file(tmp_path: Path) -> None:
    """Just under the default 50 MB cap: read and parsed like any other file."""
    paragraph = "The alliance met again to discuss the budget and the summit. " * 8 + "\n\n"
    big = tmp_path / "big.txt"
    with big.open("w") as handle:
        handle.write("A Very Long Report\n\n")
        while handle.tell() < 49_900_000:
            handle.write(paragraph * 100)
    assert big.stat().st_size <= 50_000_000
    _write_good(tmp_path, 1)
    brief = brieftui.load([tmp_path], cache=False)
    assert len(brief.documents) == 2
    assert brief.document("big").passage_count > 50_000


def test_nul_bytes_and_invalid_utf8(tmp_path: Path) -> None:
    _write_good(tmp_path, 1)
    (tmp_path / "nul.txt").write_bytes(b"Title\n\nSome text\x00with a NUL.\n")
    (tmp_path / "bad.txt").write_bytes(
        b"Caf\xe9 Politics\n\nThe caf\xe9 was full \xff\xfe of voters.\n"
    )
    brief = brieftui.load([tmp_path], cache=False)
    assert "binary" in _one_line(brief.messages, "nul.txt").message
    assert "UTF-8" in _one_line(brief.messages, "bad.txt").message
    assert "café" in _all_text(brief).lower() or "Café" in brief.document("bad").title


def test_rtl_emoji_and_zero_width_text_survive(tmp_path: Path) -> None:
    rtl = "مرحبا بالعالم هذا نص عربي طويل بما يكفي ليكون فقرة."
    emoji = "Leaders 🇪🇺 met 🤝 in Brussels 👍 today."
    zero_width = "Zero\u200bwidth\u200d joiners\u2060 stay put."
    (tmp_path / "mixed.txt").write_text(
        f"Mixed Scripts Report\n\n{rtl}\n\n{emoji}\n\n{zero_width}\n"
    )
    brief = brieftui.load([tmp_path], cache=False)
    text = _all_text(brief)
    assert rtl in text and emoji in text and zero_width in text
    assert not brief.messages


def test_a_hundred_thousand_character_line(tmp_path: Path) -> None:
    line = ("word " * 20_000).strip() + "."
    (tmp_path / "long.txt").write_text(f"Long Line\n\n{line}\n")
    brief = brieftui.load([tmp_path], cache=False)
    assert sum(len(ref.passage.text) for ref in brief.passages()) >= 99_000
