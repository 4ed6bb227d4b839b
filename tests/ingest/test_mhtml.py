"""Single-file saved pages (``.mhtml``, ``.mht``, Chrome and Edge's "Webpage, Single File")."""

from __future__ import annotations

import base64
import quopri
import time
from pathlib import Path

import pytest

import brieftui
from brieftui.ingest import html as html_module
from brieftui.ingest.mhtml import NotMhtml, html_of_mhtml
from brieftui.ingest.parallel import parse_html_file
from brieftui.ingest.reader import discover

WEB = Path(__file__).parent / "fixtures" / "web"
HARBOUR = (WEB / "harbour.html").read_bytes()
BOUNDARY = "----MultipartBoundary--Xb3fQ1xHn4----"
URL = "https://post.example/saved/harbour"


def mhtml(
    html: bytes = HARBOUR,
    *,
    encoding: str = "quoted-printable",
    part_type: str = "text/html",
    url: str | None = URL,
    newline: str = "\r\n",
) -> bytes:
    """A page saved as Chrome writes it: the page first, then an image part."""
    body = (
        quopri.encodestring(html)
        if encoding == "quoted-printable"
        else base64.encodebytes(html)
        if encoding == "base64"
        else html
    )
    top = [
        "From: <Saved by Blink>",
        *([f"Snapshot-Content-Location: {url}"] if url else []),
        "Subject: Harbour dredging plan approved",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{BOUNDARY}"',
        "",
        "",
        f"--{BOUNDARY}",
        f"Content-Type: {part_type}",
        "Content-ID: <frame-1@mhtml.blink>",
        f"Content-Transfer-Encoding: {encoding}",
        "Content-Location: https://post.example/part-location",
        "",
        "",
    ]
    image = [
        "",
        f"--{BOUNDARY}",
        "Content-Type: image/png",
        "Content-Transfer-Encoding: base64",
        "Content-Location: https://post.example/logo.png",
        "",
        base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode(),
        f"--{BOUNDARY}--",
        "",
    ]
    return (
        newline.join(top).encode()
        + body.replace(b"\n", newline.encode())
        + newline.join(image).encode()
    )


def test_a_saved_single_file_page_reads_as_its_article() -> None:
    doc, messages = parse_html_file(Path("harbour.mhtml"), mhtml(), "doc")
    assert messages == []
    assert doc.title == "Harbour dredging plan approved after two-year fight"
    assert doc.author == "Ann Lee" and doc.date == "2025-04-02"
    texts = [p.text for p in doc.passages()]
    assert texts[0].startswith("The council voted on Tuesday")
    assert "• Port authority: 2.4 million pounds" in texts
    assert not any("PNG" in t or "MultipartBoundary" in t for t in texts)


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64", "8bit"])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_every_transfer_encoding_and_line_ending(encoding: str, newline: str) -> None:
    html = html_of_mhtml(mhtml(encoding=encoding, newline=newline), 10_000_000)
    assert b"The council voted on Tuesday" in html
    assert b"=3D" not in html and b"MultipartBoundary" not in html


def test_the_address_it_was_saved_from_is_the_url() -> None:
    """The page's own canonical link wins (as for any page); without one, the address
    the browser saved it from."""
    no_canonical = HARBOUR.replace(b'<link rel="canonical"', b'<link rel="alternate"')
    doc, _ = parse_html_file(Path("p.mhtml"), mhtml(no_canonical), "doc")
    assert doc.url == URL
    doc, _ = parse_html_file(Path("p.mhtml"), mhtml(no_canonical, url=None), "doc")
    assert doc.url == "https://post.example/part-location"
    hostile = mhtml(no_canonical, url="javascript:alert(1) --> <script>x</script>")
    doc, _ = parse_html_file(Path("p.mhtml"), hostile, "doc")
    assert doc.url is None


def test_a_part_charset_other_than_utf8_is_honoured() -> None:
    page = "<html><body><article><p>{}</p></article></body></html>".format(
        "Überschwemmung in München: die Stadt räumt auf. " * 8
    )
    data = mhtml(page.encode("latin-1"), part_type='text/html; charset="iso-8859-1"')
    html = html_of_mhtml(data, 10_000_000)
    assert "Überschwemmung in München".encode() in html


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"just some text, no headers at all", "no MIME headers"),
        (b"Content-Type: text/html\r\n\r\n<html></html>", "no multipart boundary"),
        (mhtml(part_type="image/png"), "no HTML page inside"),
    ],
)
def test_not_a_single_file_page_is_a_one_line_message(data: bytes, reason: str) -> None:
    with pytest.raises(NotMhtml, match=reason):
        html_of_mhtml(data, 10_000_000)
    doc, messages = parse_html_file(Path("odd.mhtml"), data, "doc")
    assert doc is None
    (message,) = messages
    assert (
        reason in message.message and "\n" not in message.message and "skipped" in message.message
    )


def test_too_large_a_page_is_skipped_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_module, "MAX_HTML_BYTES", 1_000_000)
    big = b"<html><body>" + b"<p>word word word</p>" * 60_000 + b"</body></html>"
    for encoding in ("quoted-printable", "base64", "8bit"):
        doc, messages = parse_html_file(Path("big.mhtml"), mhtml(big, encoding=encoding), "doc")
        assert doc is None and "larger than 1 MB" in messages[0].message


def test_brief_reads_mhtml_and_mht(tmp_path: Path) -> None:
    (tmp_path / "a.mhtml").write_bytes(mhtml())
    (tmp_path / "b.MHT").write_bytes(mhtml())
    (tmp_path / "c.mhtml.txt.bak").write_bytes(b"x")
    files, _ = discover([tmp_path])
    assert [f.path.name for f in files] == ["a.mhtml", "b.MHT"]
    brief = brieftui.load([tmp_path], cache=False)
    assert [d.id[:2] for d in brief.documents] == ["a.", "b~"]  # an upper-case suffix: hashed
    assert all(d.title.startswith("Harbour dredging") for d in brief.documents)


def test_hostile_boundaries_and_headers_take_linear_time() -> None:
    """Many parts, long header runs, a boundary that nearly repeats: bounded work."""
    parts = b"".join(b"--B\r\nContent-Type: image/png\r\n\r\nAAAA\r\n" for _ in range(200_000))
    data = b'Content-Type: multipart/related; boundary="B"\r\n\r\n' + parts + b"--B--"
    started = time.perf_counter()
    with pytest.raises(NotMhtml):
        html_of_mhtml(data, 10_000_000)
    spaces = b"Content-Type: multipart/related; boundary=" + b" " * 60_000 + b"\r\n\r\n"
    with pytest.raises(NotMhtml):
        html_of_mhtml(spaces + b"-" * 1_000_000, 10_000_000)
    assert time.perf_counter() - started < 5.0  # linear: about 0.2 s; quadratic: minutes
