"""Turning passages and search hits into styled Content: match highlighting and snippets."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

MATCH_STYLE = "bold $text-warning on $warning 20%"
"""How matched words look, in the reader and in the results list."""


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str = MATCH_STYLE) -> Content:
    """``text`` with every ``(start, end)`` span styled as a match (bad spans are ignored)."""
    content = Content(text)
    n = len(text)
    for start, end in spans:
        start, end = max(0, start), min(n, end)
        if start < end:
            content = content.stylize(style, start, end)
    return content


def snippet(
    text: str, spans: Sequence[tuple[int, int]], width: int = 150, before: int = 50
) -> tuple[str, list[tuple[int, int]]]:
    """A window of about ``width`` characters of ``text`` around its first match.

    Returns the snippet (with ``…`` where it was cut) and the spans shifted into it.
    Cuts at word boundaries where it can, so a snippet never starts mid-word.
    """
    text = " ".join(text.split()) if "\n" in text else text
    if len(text) <= width:
        return text, [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    first = min((s for s, _ in spans), default=0)
    start = max(0, first - before)
    if start > 0:
        space = text.find(" ", start)
        if space != -1 and space < first:
            start = space + 1
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start + width // 2:
            end = space
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    out = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end]
    return prefix + text[start:end] + suffix, out
