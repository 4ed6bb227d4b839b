"""Saved web pages (``.html``, ``.htm``, ``.xhtml``, ``.html.gz``, ``.mhtml``) → article blocks and metadata.

Why trafilatura: on the article-extraction benchmark it is the best open-source
extractor (F1 0.96 on the whole benchmark; see ``bench/bench_extraction.py`` for this
project's own figure), it keeps the page's structure in its XML tree and it reads the
page's metadata (title, author, date, site name, canonical URL, description). Writing
a DOM-scoring extractor of that quality here would take far longer than using it.

What this module guarantees around it:

* **No network.** The page is handed to trafilatura as bytes; nothing is fetched, no
  language detection runs (``target_language`` is never set), and the canonical URL
  is only read from the page, never visited.
* **Bounded work.** A page is at most :data:`MAX_HTML_BYTES` (a ``.html.gz`` is
  decompressed in steps and refused, as a one-line message, once it would exceed
  that: a gzip bomb costs nothing); lxml parses in linear time.
* **Text is data.** Every string taken from the page goes through
  :func:`brieftui.safe_text.strip_controls`, as text files do.

The result is a list of :class:`Block` (headings with their depth, paragraphs, list
items, quotes, table rows) that :func:`brieftui.ingest.structure.parse_html` turns
into sections and passages exactly as the text path does.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from brieftui.ingest.files import HTML_SUFFIXES as HTML_SUFFIXES  # re-exported
from brieftui.ingest.files import MHTML_SUFFIXES
from brieftui.ingest.files import is_html_name as is_html_name  # re-exported
from brieftui.ingest.known import Known
from brieftui.ingest.metadata import clean_url
from brieftui.ingest.pagemeta import author_names, site_free_title, site_name, without_owner
from brieftui.ingest.text import squeeze
from brieftui.safe_text import strip_controls

MAX_HTML_BYTES = 16_000_000
"""The largest page (decompressed) read: a saved article page is rarely over 2 MB."""
_CHUNK = 1 << 16


class PageTooLarge(ValueError):
    """The page (or what a ``.gz`` decompresses to) is larger than :data:`MAX_HTML_BYTES`."""


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the article: ``depth`` 1-6 for a heading (``<h1>``…``<h6>``), else 0."""

    text: str
    depth: int = 0


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What was extracted from one page: its blocks, and the metadata it states."""

    blocks: list[Block] = field(default_factory=list)
    meta: Known = field(default_factory=Known)


def gunzip_bounded(data: bytes, limit: int = MAX_HTML_BYTES) -> bytes:
    """Decompress gzip ``data``, refusing (``PageTooLarge``) past ``limit`` bytes of output.

    Decompression is done in bounded steps, so a small file that would expand to
    gigabytes stops after ``limit`` bytes. Concatenated gzip members are read too.
    Raises ``ValueError`` for data that is not gzip.
    """
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = inflater.decompress(rest, _CHUNK)
            while True:
                total += len(chunk)
                if total > limit:
                    raise PageTooLarge(f"decompresses to more than {limit // 1_000_000} MB")
                out.append(chunk)
                if inflater.eof or not (chunk or inflater.unconsumed_tail):
                    break
                chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        except zlib.error as exc:
            if out:  # trailing garbage after a complete member: keep what was read
                break
            raise ValueError(f"not a valid gzip file ({exc})") from None
        if not inflater.eof:
            if out:
                break  # truncated: keep what was read
            raise ValueError("not a valid gzip file (truncated)")
        rest = inflater.unused_data.lstrip(b"\0")
    return b"".join(out)


def page_bytes(name: str, data: bytes) -> bytes:
    """The HTML bytes of a file: decompressed (bounded) for ``.gz``, taken out of a
    single-file page (``.mhtml``), size-checked for the rest."""
    if name.lower().endswith(".gz"):
        return gunzip_bounded(data)
    if name.lower().endswith(MHTML_SUFFIXES):
        from brieftui.ingest.mhtml import html_of_mhtml

        try:
            return html_of_mhtml(data, MAX_HTML_BYTES)
        except OverflowError as exc:
            raise PageTooLarge(str(exc)) from None
    if len(data) > MAX_HTML_BYTES:
        raise PageTooLarge(f"larger than {MAX_HTML_BYTES // 1_000_000} MB")
    return data


def _declared_charset(head: bytes) -> str | None:
    """The ``charset=`` a page declares in its first bytes (``<meta charset>``), if any."""
    low = head.lower()
    at = low.find(b"charset=")
    if at == -1:
        return None
    value = low[at + 8 : at + 60].lstrip(b"\"' ")
    name = bytearray()
    for byte in value:
        if not (chr(byte).isalnum() or byte in b"-_:."):
            break
        name.append(byte)
    return name.decode("ascii") or None


def decode_page(html: bytes) -> str:
    """The page as text, with escape sequences and control characters removed.

    Decoded here, not by trafilatura, so that :func:`strip_controls` sees the raw
    text: lxml silently drops an ESC but keeps the payload after it. UTF-8 (with or
    without BOM) first, since valid UTF-8 is UTF-8 whatever a page declares
    (trafilatura's own guess misreads some such pages); then a UTF-16 BOM, the
    declared charset, and cp1252.
    """
    if html.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = html.decode("utf-16", errors="replace")
    else:
        try:
            text = html.decode("utf-8-sig")
        except UnicodeDecodeError:
            charset = _declared_charset(html[:4096]) or "cp1252"
            try:
                text = html.decode(charset, errors="replace")
            except LookupError:
                text = html.decode("cp1252", errors="replace")
    return strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))


def _quiet_logs() -> None:
    """trafilatura and its helpers log a warning for a page without an article; the
    caller reports that as one message, so their loggers must not print to stderr."""
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


_TITLE_ELEMENT = re.compile(r"(?i)<title(?:\s[^>]{0,200})?>([^<]{1,500})</title>")
_WORDS = re.compile(r"\w+")


def _headline(title: str | None, source: str, publisher: str | None, url: str | None) -> str | None:
    """trafilatura's title, unless it is plainly the site's name and the page's own
    ``<title>`` names the article: a short title sharing no word with a longer
    ``<title>`` (from a trial: two pages of one site were both titled by the site's
    logo heading, "엔터 미디어", while each ``<title>`` held its headline)."""
    found = _TITLE_ELEMENT.search(source, 0, 200_000)
    if found is None:
        return title
    element = site_free_title(squeeze(html_lib.unescape(found.group(1))), publisher, url)
    if not title:
        return element or None
    ours = {w.casefold() for w in _WORDS.findall(title)}
    theirs = {w.casefold() for w in _WORDS.findall(element)}
    if len(title) <= 20 and len(element) >= 2 * len(title) and not ours & theirs:
        return element
    return title


def extract(html: bytes) -> HtmlPage | None:
    """The article of one page, or None when trafilatura finds no article text.

    ``html`` is the page's bytes (decoded by :func:`decode_page`).
    """
    import trafilatura  # imported here: 0.25 s, paid only by briefs that hold web pages

    _quiet_logs()
    source = decode_page(html)
    doc = trafilatura.bare_extraction(
        source,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=True,
        deduplicate=False,
        output_format="python",
    )
    if doc is None or getattr(doc, "body", None) is None:
        return None
    title, author = _field(doc, "title", 300), _field(doc, "author", 200)
    url = clean_url(_field(doc, "url", 2000)) or saved_from(source)
    publisher = site_name(_field(doc, "sitename", 120), url)
    title = _headline(title, source, publisher, url)
    meta = Known(
        title=site_free_title(title, publisher, url) if title else None,
        author=(without_owner(author_names(author, publisher), source) or None) if author else None,
        date=_field(doc, "date", 40),
        publisher=publisher,
        url=url,
        description=_field(doc, "description", 1000),
    )
    page = HtmlPage(blocks=list(_blocks(doc.body)), meta=meta)
    return page


_SAVED_FROM = "saved from url=("


def saved_from(source: str) -> str | None:
    """The URL of a browser's (or ``brieftui add``'s) ``<!-- saved from url=(0042)URL -->``."""
    head = source[:4096]
    at = head.find(_SAVED_FROM)
    if at == -1:
        return None
    rest = head[at + len(_SAVED_FROM) :]
    close = rest.find(")")
    end = rest.find("-->")
    if close == -1 or end == -1 or close > end:
        return None
    return clean_url(rest[close + 1 : end].strip())


def _field(doc: Any, name: str, limit: int) -> str | None:
    value = getattr(doc, name, None)
    if not isinstance(value, str):
        return None
    value = squeeze(strip_controls(value))
    if not value or len(value) > limit:
        return None
    return value


_HEADING_DEPTH = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def _blocks(body: Any) -> Any:
    """Yield the blocks of trafilatura's ``<body>``: its direct children in order."""
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            depth = _HEADING_DEPTH.get(str(element.get("rend", "")).lower(), 2)
            text = " ".join(_segments(element))
            if text:
                yield Block(text, depth)
        elif tag == "list":
            yield from _list_items(element)
        elif tag == "table":
            for row in element.iter("row"):
                cells = [" ".join(_segments(cell)) for cell in row.iter("cell")]
                line = " | ".join(c for c in cells if c)
                if line:
                    yield Block(line)
        elif tag == "quote" and any(child.tag in ("p", "list") for child in element):
            yield from _blocks(element)
        else:  # p, quote, code, and anything unknown: its lines
            for text in _segments(element):
                yield Block(text)


def _list_items(element: Any) -> Any:
    """One block per list item ("• item"), nested lists flattened in order."""
    for item in element.iter("item"):
        text = " ".join(_segments(item, skip="list"))
        if text:
            yield Block("• " + text)


def _segments(element: Any, skip: str | None = None) -> list[str]:
    """The text of ``element`` cut at its line breaks (``<lb/>``), whitespace squeezed.

    Walked with start/end events, not recursion, so a deeply nested tree cannot
    overflow the stack. ``skip`` leaves out the text of descendants with that tag
    (a nested list is yielded as items of its own).
    """
    from lxml import etree

    parts: list[list[str]] = [[]]
    skipping = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if node is element:
            if event == "start" and node.text:
                parts[-1].append(node.text)
            continue
        is_skipped = skip is not None and node.tag == skip
        if event == "start":
            if is_skipped:
                skipping += 1
            elif not skipping:
                if node.tag == "lb":
                    parts.append([])
                elif node.text:
                    parts[-1].append(node.text)
        else:
            if is_skipped:
                skipping -= 1
            if not skipping and node.tail:
                parts[-1].append(node.tail)
    out: list[str] = []
    for pieces in parts:
        text = squeeze(strip_controls("".join(pieces)))
        if text:
            out.append(text)
    return out
