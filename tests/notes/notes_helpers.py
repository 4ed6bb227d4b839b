"""Helpers shared by the notes tests (importable: pytest puts this folder on sys.path)."""

from __future__ import annotations

from brieftui.brief import Brief


def long_passages(brief: Brief, min_len: int = 120) -> list:
    """Passage refs long enough to quote from, in reading order."""
    return [ref for ref in brief.passages() if len(ref.passage.text) >= min_len]
