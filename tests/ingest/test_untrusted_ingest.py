"""Everything read from a file or a file name is plain text from the moment it is read
(issue 11, items 1, 4 and 7 on the ingest side), checked on the hostile brief."""

from __future__ import annotations

import dataclasses
import os
import re
import time
from pathlib import Path

import pytest

import brieftui
from brieftui.ingest.reader import decode
from brieftui.model import Document
from tests import hostile

# What may never be in a document's text: C0 controls (newline and tab aside), DEL, C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# …and in a one-line message not even newline or tab.
CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _strings(doc: Document) -> list[str]:
    """Every string a document holds: fields, removed lines, headings and passages."""
    out: list[str] = []
    for field in dataclasses.fields(doc):
        value = getattr(doc, field.name)
        if isinstance(value, str):
            out.append(value)
    out.extend(doc.removed)
    for section in doc.sections:
        if section.heading is not None:
            out.append(section.heading)
        out.extend(p.text for p in section.passages)
        out.extend(p.id for p in section.passages)
    return out


@pytest.fixture
def loaded(hostile_brief: Path) -> brieftui.Brief:
    return brieftui.load([hostile_brief], cache=False)


def _by_title(brief: brieftui.Brief, start: str) -> Document:
    (doc,) = [d for d in brief.documents if d.title.startswith(start)]
    return doc


def test_no_document_holds_a_control_character(loaded: brieftui.Brief) -> None:
    assert len(loaded.documents) >= 12
    for doc in loaded.documents:
        for text in _strings(doc):
            if text is doc.path:
                continue  # the path the file is opened by: kept as it is, never shown raw
            assert not CONTROL.search(text), (doc.id, text[:80])
            assert "\n" not in text or text is doc.about, (doc.id, text[:80])


def test_escape_sequences_go_with_their_payload(loaded: brieftui.Brief) -> None:
    doc = _by_title(loaded, "Talks")
    assert doc.title == "Talks Resume In Geneva"  # OSC 0 and its title text removed
    assert doc.author == "Jane Roe"
    everything = "\n".join(t for d in loaded.documents for t in _strings(d))
    assert hostile.OSC52_PAYLOAD not in everything
    assert hostile.OSC0_PAYLOAD not in everything
    body = "\n".join(p.text for p in doc.passages())
    assert "The clipboard stays untouched." in body
    assert "The screen is not cleared, and an 8-bit CSI 31m stays inert." in body
    assert [s.heading for s in doc.sections if s.heading] == ["A Heading With Bold Escapes"]
    latin = _by_title(loaded, "Latin Talks")
    assert "The café owners met 31m on Monday" in next(latin.passages()).text


def test_markup_is_kept_as_text(loaded: brieftui.Brief) -> None:
    doc = _by_title(loaded, "[@click")
    assert doc.title == hostile.MARKUP_TITLE
    texts = [p.text for p in doc.passages()]
    assert "[/]" in texts
    assert any("He said [sic] it was [bold]fine[/bold]" in t for t in texts)
    assert ("The [bold]Real[/bold] Story", 1) in [(s.heading, s.level) for s in doc.sections]


def test_file_names_are_shown_safely_and_kept_for_opening(
    hostile_brief: Path, loaded: brieftui.Brief
) -> None:
    for message in loaded.messages:
        assert not CONTROL_OR_NEWLINE.search(str(message)), str(message)
    odd = [d for d in loaded.documents if d.title == "An Odd Name"]
    assert sorted(Path(d.path).name for d in odd) == sorted(
        [hostile.NEWLINE_NAME, hostile.ESCAPE_NAME]
    )
    for doc in odd:
        assert Path(doc.path).read_bytes()  # the kept path still opens the file
        assert not CONTROL.search(doc.id) and ":" not in doc.id and "~" in doc.id
    latin1_named = [d for d in loaded.documents if d.title == "Not UTF-8 Name"]
    if latin1_named:  # the file system took the name
        (doc,) = latin1_named
        assert os.fsencode(Path(doc.path).name) == hostile.NON_UTF8_NAME
        assert Path(doc.path).read_bytes()


def test_messages_name_each_skipped_file_on_one_line(loaded: brieftui.Brief) -> None:
    by_name = {Path(m.path).name: m for m in loaded.messages}
    if hasattr(os, "mkfifo"):
        assert "FIFO" in by_name["pipe.txt"].message
    # (where the file system makes no holes it is just over the 50 MB cap)
    assert any(w in by_name["sparse.txt"].message for w in ("sparse", "over the 50 MB limit"))
    assert "binary" in by_name["nul.txt"].message
    assert "empty" in by_name["only-escapes.txt"].message


def test_a_newline_in_a_name_cannot_forge_a_message_line(tmp_path: Path) -> None:
    (tmp_path / "x\nwarning: forged.txt").write_bytes(b"\x00binary")
    (tmp_path / "caf\udce9 \x1b[2J.txt").write_bytes(b"")  # a latin-1 byte and an escape
    brief = brieftui.load([tmp_path], cache=False)
    lines = [str(m) for m in brief.messages]
    assert len(lines) == 2
    assert all("\n" not in line and "\x1b" not in line for line in lines)
    assert any("x␊warning: forged.txt" in line for line in lines)
    assert any("caf\ufffd ␛[2J.txt" in line for line in lines)


def test_unicode_with_a_byte_order_mark_is_read(loaded: brieftui.Brief) -> None:
    assert "Saved by Notepad as “Unicode”." in [
        p.text for p in _by_title(loaded, "Notepad Unicode Talks").passages()
    ]
    assert "Saved as UTF-32." in [p.text for p in _by_title(loaded, "Thirty Two").passages()]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
        ("utf-8", b"\xef\xbb\xbf"),
    ],
)
def test_decode_follows_the_byte_order_mark(encoding: str, bom: bytes) -> None:
    text = "Zürich talks\n\nThe café was full. \x1b[2J\r\nA second line.\n"
    decoded, problem = decode(bom + text.encode(encoding))
    assert decoded == "Zürich talks\n\nThe café was full. \nA second line.\n"
    assert problem is None


def test_broken_utf16_is_read_with_a_warning() -> None:
    decoded, problem = decode(b"\xff\xfe" + "Talks resume".encode("utf-16-le") + b"\x00\xd8")
    assert decoded is not None and decoded.startswith("Talks resume")
    assert problem is not None and "UTF-16" in problem


def test_the_hostile_brief_loads_quickly(hostile_brief: Path) -> None:
    """The exponential byline and the cubic heading line are in it: before the fix this
    never finished. A generous bound, not a benchmark."""
    start = time.perf_counter()
    brief = brieftui.load([hostile_brief], cache=False)
    assert time.perf_counter() - start < 20
    assert _by_title(brief, "A Headline About The Byline").passage_count >= 1


def test_prompt_words_starting_prose_stay(loaded: brieftui.Brief) -> None:
    texts = [p.text for p in _by_title(loaded, "Prompts In The Prose").passages()]
    for sentence in hostile.PROSE_PROMPTS:
        assert sentence in texts


def test_the_cached_load_is_the_same(hostile_brief: Path) -> None:
    first = brieftui.load([hostile_brief])
    second = brieftui.load([hostile_brief])
    assert first.documents == second.documents
    assert [d.id for d in first.documents] == [d.id for d in second.documents]


def test_a_folder_named_in_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"br\xefef")
    try:
        os.mkdir(folder)
    except OSError:
        pytest.skip("the file system takes only UTF-8 names")
    with open(os.path.join(folder, b"caf\xe9.txt"), "w") as handle:
        handle.write("A Title\n\nSome text here.\n")
    for spelling in (folder, os.fsdecode(folder), [folder]):
        brief = brieftui.load(spelling, cache=False)
        (doc,) = brief.documents
        assert doc.id.startswith("caf~")
        assert Path(doc.path).read_text().startswith("A Title")
