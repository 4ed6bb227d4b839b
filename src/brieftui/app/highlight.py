"""Turning passages and search hits into styled Content: match highlighting.

Snippets and shortening are in :mod:`brieftui.spans`, shared with the CLI."""

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
