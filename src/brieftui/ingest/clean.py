"""Removing what a scraper drags in with an article (first version: placeholder rules).

``clean(lines)`` returns the kept lines, the removed fragments and an optional
author-bio block. The ingest work replaces these rules with general patterns.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cleaned:
    lines: list[str]
    removed: list[str] = field(default_factory=list)
    about: str | None = None


def clean(lines: list[str]) -> Cleaned:
    return Cleaned(lines=[line.strip() for line in lines])
