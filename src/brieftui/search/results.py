"""What a search answers: hits, and a result holding the best of them and the total."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Hit", "SearchResult"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One passage that matched: where it is, its text, how well, and what to highlight."""

    passage_id: str
    doc_id: str
    heading: str | None
    text: str
    score: float
    spans: list[tuple[int, int]]  # character spans in `text` that matched: sorted, disjoint
    fuzzy: bool = False
    """A query word was found here only as a typo-neighbour ("iraq" finding "Iran")."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The best hits of a query, how many passages match in all, and what to tell the user."""

    query: str
    hits: list[Hit]
    total: int
    """Every passage that matches (the hits are the best ``limit`` of them)."""
    notes: tuple[str, ...] = ()
    """Parts of the query that could not be used, one line each ("No source matches …")."""
