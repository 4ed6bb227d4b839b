"""Web pages: structure and metadata through trafilatura, bounded, offline, safe."""

from __future__ import annotations

import gzip
import socket
import time
from pathlib import Path

import pytest

import brieftui
from brieftui.ingest.html import MAX_HTML_BYTES, PageTooLarge, gunzip_bounded
from brieftui.ingest.metadata import clean_url
from brieftui.ingest.parallel import parse_html_file
from brieftui.ingest.reader import discover

WEB = Path(__file__).parent / "fixtures" / "web"
HARBOUR = WEB / "harbour.html"


def _doc(path: Path, data: bytes | None = None):
    doc, messages = parse_html_file(path, HARBOUR.read_bytes() if data is None else data, "doc")
    return doc, messages


def test_structure_and_metadata() -> None:
    doc, messages = _doc(HARBOUR)
    assert messages == []
    assert doc.title == "Harbour dredging plan approved after two-year fight"
    assert not doc.title_is_fallback
    assert doc.author == "Ann Lee"
    assert doc.date == "2025-04-02"
    assert doc.publisher == "The Port Ellery Post"
    assert doc.url == "https://post.example/news/harbour-dredging"
    assert doc.description.startswith("Councillors end a dispute")
    assert [(s.heading, s.level) for s in doc.sections] == [
        (None, 0),
        ("Who pays", 1),
        ("What comes next", 1),
    ]
    texts = [p.text for p in doc.passages()]
    assert texts[0].startswith("The council voted on Tuesday")
    assert "• Port authority: 2.4 million pounds" in texts
    assert any(t.startswith("We have waited long enough") for t in texts)
    body = "\n".join(texts)
    for chrome in ("Home", "Privacy", "All rights reserved", "Harbour dredging plan approved"):
        assert chrome not in body
    assert [p.id for p in doc.passages()] == [f"doc:{n}" for n in range(1, len(texts) + 1)]


def test_brief_reads_html_htm_xhtml_and_gz(tmp_path: Path) -> None:
    data = HARBOUR.read_bytes()
    (tmp_path / "a.html").write_bytes(data)
    (tmp_path / "b.htm").write_bytes(data)
    (tmp_path / "c.xhtml").write_bytes(data)
    (tmp_path / "d.html.gz").write_bytes(gzip.compress(data))
    (tmp_path / "e.pdf").write_bytes(b"%PDF-1.4")
    files, messages = discover([tmp_path])
    assert [f.path.name for f in files] == ["a.html", "b.htm", "c.xhtml", "d.html.gz"]
    assert any("e.pdf" in m.path for m in messages)
    brief = brieftui.load([tmp_path], cache=False)
    # a plain name keeps a suffix other than .txt in its id, so "a.html" and "a.txt" never clash
    assert [d.id for d in brief.documents] == ["a.html", "b.htm", "c.xhtml", "d.html.gz"]
    assert len({d.fingerprint for d in brief.documents}) == 1
    assert all(d.url == "https://post.example/news/harbour-dredging" for d in brief.documents)


def test_gzip_bomb_is_one_message(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * (MAX_HTML_BYTES + 10))
    assert len(bomb) < 100_000
    with pytest.raises(PageTooLarge):
        gunzip_bounded(bomb)
    doc, messages = parse_html_file(Path("bomb.html.gz"), bomb, "bomb")
    assert doc is None
    assert len(messages) == 1 and "decompresses to more than" in messages[0].message


def test_corrupt_gzip_and_empty_page_are_messages() -> None:
    doc, messages = parse_html_file(Path("x.html.gz"), b"not gzip at all", "x")
    assert doc is None and "gzip" in messages[0].message
    doc, messages = parse_html_file(
        Path("y.html"), b"<html><body><nav>Home</nav></body></html>", "y"
    )
    assert doc is None and "no article text" in messages[0].message


def test_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("network used while reading a page")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    doc, _ = _doc(HARBOUR)
    assert doc is not None and doc.passage_count >= 5


def test_controls_stripped_and_unsafe_urls_dropped() -> None:
    data = HARBOUR.read_bytes()
    data = data.replace(
        b"The work will start", b"The work \x1b]52;c;ZXZpbA==\x07will \xc2\x9bstart"
    )
    data = data.replace(b"https://post.example/news/harbour-dredging", b"javascript:alert(1)")
    doc, _ = _doc(HARBOUR, data)
    body = "\n".join(p.text for p in doc.passages())
    assert "\x1b" not in body and "\x9b" not in body and "ZXZpbA" not in body
    assert "The work will start in September" in body
    assert doc.url is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("HTTP://example.com", "http://example.com"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("ftp://example.com/x", None),
        ("/relative/path", None),
        ("https://", None),
        ("https://exa mple.com", None),
        ("https://example.com/\x1b[2J", None),
    ],
)
def test_clean_url(raw: str, expected: str | None) -> None:
    assert clean_url(raw) == expected


def test_big_flat_page_is_fast() -> None:
    para = "<p>" + "word " * 60 + "ends here.</p>\n"
    page = ("<html><body><article>" + para * 3000 + "</article></body></html>").encode()
    start = time.perf_counter()
    doc, _ = parse_html_file(Path("big.html"), page, "big")
    assert time.perf_counter() - start < 20  # ~1 MB: linear (about 1 s here)
    assert doc is not None


def test_deeply_nested_page_does_not_crash() -> None:
    page = (
        "<html><body>"
        + "<div>" * 50_000
        + "<p>Deep text that is a sentence.</p>"
        + "</div>" * 50_000
        + "</body></html>"
    ).encode()
    start = time.perf_counter()
    parse_html_file(Path("deep.html"), page, "deep")  # a document or a message, never an exception
    assert time.perf_counter() - start < 20


def test_a_site_heading_is_not_the_title_when_the_page_title_names_the_article() -> None:
    """From a trial: two pages of one site were titled by its logo heading (an
    ``<h1 id="site-title">``) while each page's ``<title>`` held its headline."""
    data = HARBOUR.read_bytes()
    for old, new in (
        (
            b'<meta property="og:title" content="Harbour dredging plan approved after two-year fight">\n',
            b"",
        ),
        (b'<meta property="og:site_name" content="The Port Ellery Post">\n', b""),
        (
            b'<header><div class="masthead">The Port Ellery Post</div></header>',
            b'<header><h1 id="site-title">Quay Media</h1></header>',
        ),
        (
            b"<h1>Harbour dredging plan approved after two-year fight</h1>",
            b"<h3>Harbour dredging plan approved after two-year fight</h3>",
        ),
    ):
        assert old in data
        data = data.replace(old, new)
    doc, _ = _doc(HARBOUR, data)
    assert doc.title.startswith("Harbour dredging plan approved after two-year fight")
