"""What a file says about itself before its text is read: one record for every input.

A web page's metadata (trafilatura), a markdown file's front matter and a
"Source: URL" line all fill the same six fields, and the structure step lets
them win over what it would guess from the head of the text. ``None`` where the
file says nothing: nothing is ever invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Known:
    """Metadata known before the text is read; ``None`` where the file says nothing."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    description: str | None = None
