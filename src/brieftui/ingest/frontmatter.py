"""Metadata a text file states outright: YAML front matter and a "Source: URL" line.

Markdown notes and clipped articles (Obsidian, Jekyll, Hugo, read-later exports)
start with YAML front matter; scraped text often names its page on the first or
last line ("Source: https://…", or the URL alone). Both are metadata, never body.

Only the small subset of YAML such headers use is read, here, by hand: ``key:
value`` lines with plain, single- or double-quoted scalars, ``[a, b]`` inline lists
and ``- item`` block lists. Nothing is ever evaluated (no tags, no anchors, no
``yaml.load``), nested maps and anything else are skipped, and a header without its
closing ``---`` is not front matter (the text is left as it is).
"""

from __future__ import annotations

import re
from dataclasses import replace

from brieftui.ingest.known import Known
from brieftui.ingest.metadata import clean_url, parse_date
from brieftui.ingest.text import squeeze

MAX_LINES = 80
"""Front matter longer than this is not what a clipped article carries."""

_KEY = re.compile(r"([A-Za-z_][\w-]{0,40})[ \t]{0,8}:(?:[ \t]{1,8}(.{0,2000}))?")
_ITEM = re.compile(r"[ \t]{0,8}-[ \t]{1,8}(.{1,500})")

_TITLE = ("title", "headline", "name")
_AUTHOR = ("author", "authors", "byline", "creator", "creators", "by")
_DATE = (
    "date",
    "published",
    "pubdate",
    "date_published",
    "published_at",
    "created",
    "publish_date",
)
_URL = ("url", "link", "canonical", "canonical_url", "source_url", "permalink", "original_url")
_PUBLISHER = ("publisher", "source", "site", "site_name", "sitename", "outlet", "publication")
_DESCRIPTION = ("description", "summary", "excerpt", "subtitle")


def _scalar(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        inner = raw[1:-1]
        return inner.replace("''", "'") if raw[0] == "'" else inner.replace('\\"', '"')
    if " #" in raw:  # a trailing comment
        raw = raw.split(" #", 1)[0].rstrip()
    return raw


def _value(raw: str | None, items: list[str]) -> list[str]:
    if raw:
        raw = raw.strip()
        if raw.startswith("[") and raw.endswith("]"):
            return [v for v in (_scalar(x) for x in raw[1:-1].split(",")) if v]
        if raw in ("|", ">", "|-", ">-"):  # a block scalar: its lines follow as items
            return [" ".join(items)] if items else []
        value = _scalar(raw)
        return [value] if value else []
    return items


def parse_front_matter(text: str) -> tuple[dict[str, list[str]], str] | None:
    """``(fields, rest)`` when ``text`` starts with ``---`` front matter, else None.

    ``fields`` maps lower-cased keys to their values (a list, even for one value).
    """
    if not text.startswith("---"):
        return None
    lines = text.split("\n", MAX_LINES + 2)
    if lines[0].rstrip() != "---":
        return None
    end = next(
        (
            i
            for i, line in enumerate(lines[1 : MAX_LINES + 1], 1)
            if line.rstrip() in ("---", "...")
        ),
        None,
    )
    if end is None:
        return None
    fields: dict[str, list[str]] = {}
    key: str | None = None
    raw: str | None = None
    items: list[str] = []

    def flush() -> None:
        if key is not None:
            fields.setdefault(key, _value(raw, items))

    for line in lines[1:end]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.fullmatch(line)
        if item is not None and key is not None:
            items.append(_scalar(item.group(1)))
            continue
        if line[:1] in " \t" and key is not None:  # continuation of a block scalar
            items.append(line.strip())
            continue
        m = _KEY.fullmatch(line.rstrip())
        if m is None:
            continue
        flush()
        key, raw, items = m.group(1).lower(), m.group(2), []
    flush()
    rest = "\n".join(lines[end + 1 :])
    return fields, rest


def _first(fields: dict[str, list[str]], names: tuple[str, ...]) -> list[str]:
    for name in names:
        values = [squeeze(v) for v in fields.get(name, []) if isinstance(v, str) and v.strip()]
        if values:
            return values
    return []


def stated_from_front_matter(fields: dict[str, list[str]]) -> Known:
    """The fields a reader needs, from front matter keys (several spellings each)."""
    title = _first(fields, _TITLE)
    authors = _first(fields, _AUTHOR)
    dates = _first(fields, _DATE)
    urls = [u for u in map(clean_url, _first(fields, _URL)) if u]
    publisher = None
    for value in _first(fields, _PUBLISHER):
        as_url = clean_url(value)
        if as_url is not None:
            urls = urls or [as_url]
        elif publisher is None:
            publisher = value
    description = _first(fields, _DESCRIPTION)
    return Known(
        title=title[0][:300] if title else None,
        author=", ".join(authors)[:200] if authors else None,
        date=parse_date(dates[0]) if dates else None,
        publisher=publisher[:120] if publisher else None,
        url=urls[0] if urls else None,
        description=description[0][:1000] if description else None,
    )


# "Source: https://…", "Originally published at https://…", "<https://…>", a bare URL,
# or "Source: [Outlet](https://…)".
_SOURCE_LINE = re.compile(
    r"(?:(?:source|url|link|canonical(?: url)?|original(?: article| url)?|read (?:the )?original"
    r"(?: article)?(?: at| here)?|originally (?:published|appeared) (?:at|on|in)|via|from)"
    r"[ \t]{0,4}(?::[ \t]{0,4})?)?"
    # a URL may hold balanced parentheses ("…/wiki/Mercury_(planet)"); one alternative
    # per first character, so matching stays linear
    r"(?:\[[^\[\]\n]{0,200}\]\()?<?(?P<url>https?://(?:[^\s<>()]|\([^\s<>()]{0,200}\)){1,2000})"
    r">?\)?",
    re.IGNORECASE,
)
EDGE_LINES = 3
"""How many non-empty lines at the top and at the bottom may name the source URL."""


def take_source_url(text: str) -> tuple[str | None, str]:
    """``(url, text without that line)`` for a source-URL line at the top or the bottom."""
    if "://" not in text[:3000] and "://" not in text[-3000:]:
        return None, text
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    candidates = filled[:EDGE_LINES] + filled[-EDGE_LINES:][::-1]
    for i in candidates:
        line = lines[i].strip()
        if len(line) > 2100 or "://" not in line:
            continue
        m = _SOURCE_LINE.fullmatch(line)
        url = clean_url(m.group("url")) if m is not None else None
        if url is not None:
            return url, "\n".join(lines[:i] + lines[i + 1 :])
    return None, text


def stated_metadata(text: str) -> tuple[Known, str]:
    """Front matter and a source-URL line, read and taken out of ``text``."""
    parsed = parse_front_matter(text)
    stated = Known()
    if parsed is not None:
        fields, text = parsed
        stated = stated_from_front_matter(fields)
    if stated.url is None:
        url, text = take_source_url(text)
        if url is not None:
            stated = replace(stated, url=url)
    return stated, text
