"""Edge cases of reading and parsing: odd files never stop a brief from loading."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import brieftui
from brieftui.ingest import BriefPathError
from brieftui.ingest.structure import doc_id_for, parse_document

ARTICLE = (
    "A Plain Test Headline\n\n"
    "The first paragraph says something long enough to count as prose in an article, "
    "with a sentence that ends properly and another that follows it closely.\n\n"
    "A Heading In The Middle\n\n"
    "The second paragraph is also prose, and it carries on for a while so that the "
    "cleaning rules treat it as article text and never as page chrome.\n"
)


def _load(*paths: Path) -> brieftui.Brief:
    return brieftui.load(list(paths), cache=False)


def _messages(brief: brieftui.Brief) -> str:
    return "\n".join(str(m) for m in brief.messages)


def test_empty_file_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t\n")
    (tmp_path / "ok.txt").write_text(ARTICLE)
    brief = _load(tmp_path)
    assert [d.id for d in brief.documents] == ["ok"]
    assert "empty" in _messages(brief)


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "ok.txt").write_text(ARTICLE)
    brief = _load(tmp_path)
    assert [d.id for d in brief.documents] == ["ok"]
    assert "binary" in _messages(brief)


def test_latin1_file(tmp_path: Path) -> None:
    text = ARTICLE.replace("The first paragraph", "Le café de Zürich: the first paragraph")
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    brief = _load(tmp_path)
    (doc,) = brief.documents
    assert "Le café de Zürich" in next(doc.passages()).text
    assert "UTF-8" in _messages(brief)


def test_crlf_and_cr_files(tmp_path: Path) -> None:
    (tmp_path / "crlf.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    (tmp_path / "cr.txt").write_bytes(ARTICLE.replace("\n", "\r").encode())
    (tmp_path / "lf.txt").write_text(ARTICLE)
    docs = {d.id: d for d in _load(tmp_path).documents}
    reference = [p.text for p in docs["lf"].passages()]
    for key in ("crlf", "cr"):
        doc = docs[key]
        assert [p.text for p in doc.passages()] == reference
        assert doc.title == "A Plain Test Headline"
        assert [s.heading for s in doc.sections] == [None, "A Heading In The Middle"]
        assert not any("\r" in p.text for p in doc.passages())


def test_five_megabyte_single_line_is_fast(tmp_path: Path) -> None:
    sentence = "The alliance met again on Tuesday and agreed on nothing at all, said officials. "
    line = (sentence * (5_000_000 // len(sentence) + 1))[:5_000_000]
    (tmp_path / "huge.txt").write_text(line)
    start = time.perf_counter()
    brief = _load(tmp_path)
    elapsed = time.perf_counter() - start
    (doc,) = brief.documents
    assert doc.title_is_fallback
    # one line, no blank lines: cut into passages a reader can step through, losing nothing
    assert doc.passage_count > 1000
    assert sum(len(p.text) + 1 for p in doc.passages()) >= 4_990_000
    assert elapsed < 10.0


def test_folder_with_no_text(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    (tmp_path / "sub").mkdir()
    brief = _load(tmp_path)
    assert brief.documents == ()
    assert "skipped" in _messages(brief)


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(BriefPathError):
        _load(tmp_path / "no-such-folder")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text(ARTICLE)
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    brief = _load(tmp_path)
    assert [d.id for d in brief.documents] == ["a/story"]  # the id holds its folder


def test_markdown_headings(tmp_path: Path) -> None:
    (tmp_path / "piece.md").write_text(
        "# The Title\n\nIntro paragraph that runs for a while and ends here.\n\n"
        "## First part\n\nBody one.\n\n### A detail\n\nBody two with *emphasis*.\n\n"
        "## Second part ##\n\nBody three.\n"
    )
    (doc,) = _load(tmp_path).documents
    assert doc.title == "The Title" and not doc.title_is_fallback
    assert [(s.heading, s.level) for s in doc.sections] == [
        (None, 0),
        ("First part", 1),
        ("A detail", 2),
        ("Second part", 1),
    ]
    assert [p.text for p in doc.passages()][-2] == "Body two with emphasis."


def test_hash_headings_in_a_txt_file(tmp_path: Path) -> None:
    (tmp_path / "scraped.txt").write_text(
        "## Only Subheads Here\n\nA paragraph of text.\n\n## Another One\n\nMore text.\n"
    )
    (doc,) = _load(tmp_path).documents
    assert [(s.heading, s.level) for s in doc.sections] == [
        ("Only Subheads Here", 1),
        ("Another One", 1),
    ]


def test_file_named_with_spaces_and_unicode(tmp_path: Path) -> None:
    name = "Ünïcode report – März 2025 (final).txt"
    (tmp_path / name).write_text(ARTICLE)
    (doc,) = _load(tmp_path).documents
    # Not a plain name (spaces, parentheses): a readable slug plus a hash of the name.
    assert doc.id == doc_id_for(Path(name))
    assert doc.id.startswith("Ünïcode-report-März-2025-final~") and len(doc.id) == 37
    assert ":" not in doc.id and " " not in doc.id
    assert next(doc.passages()).id == f"{doc.id}:1"


def test_parse_document_without_a_file_on_disk() -> None:
    doc = parse_document(Path("/nowhere/x.txt"), ARTICLE)
    assert doc.size == len(ARTICLE.encode())
    assert doc.id == "x"


def test_only_boilerplate_gives_no_passages() -> None:
    doc = parse_document(Path("chrome.txt"), "Leave a Reply\n\nShare this article\n")
    assert doc.passage_count == 0
    assert doc.title_is_fallback and doc.title == "chrome"
    assert list(doc.removed) == ["Leave a Reply", "Share this article"]


@pytest.mark.parametrize(
    "unit",
    ["__a ", "** a ", "**a ", "*a ", "[a](", "![x](", "`a ", "#a", "Join our WhatsApp", "By A "],
)
def test_pathological_lines_stay_linear(unit: str) -> None:
    """Markdown-ish fragments repeated 100,000 times: no regex may go quadratic."""
    text = unit * 100_000
    start = time.perf_counter()
    parse_document(Path("p.txt"), text, size=len(text))
    parse_document(Path("p.md"), "# " + text, markdown=True, size=len(text))
    assert time.perf_counter() - start < 2.0


def test_one_paragraph_per_line_without_blank_lines_is_not_hard_wrapped() -> None:
    """Found by hypothesis: six or more lines of 40-110 characters and no blank line between
    them were read as one hard-wrapped paragraph (the final newline looked like a blank
    line), so the title was glued to the first paragraph."""
    line = "Alliance met the alliance in Brussels. Talks met the border in Kyiv."
    text = (
        "A Headline For The Property Test\n"
        + "\n".join([line, line, "Advertisement", line, line])
        + "\n"
    )
    doc = parse_document(Path("p.txt"), text)
    assert doc.title == "A Headline For The Property Test"
    assert [p.text for p in doc.passages()] == [line] * 4
    assert doc.removed == ("Advertisement",)
