"""The passages of a brief by number, read without gathering (or decoding) them all.

Split from :mod:`brieftui.search.index`, whose tables number passages in reading order.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, chain
from operator import attrgetter
from typing import Any

from brieftui.lazydocs import LazyDocument
from brieftui.model import Document, Passage

__all__ = ["PassageView", "passages_of", "starts_of"]


def passages_of(documents: Sequence[Document]) -> list[Passage]:
    """Every passage of ``documents`` in reading order, gathered by C calls (no Python
    step per passage: a cached brief of 10,000 articles has 200,000)."""
    sections = chain.from_iterable(map(attrgetter("sections"), documents))
    return list(chain.from_iterable(map(attrgetter("passages"), sections)))


class PassageView(Sequence[Passage]):
    """The passages of ``documents`` in reading order, by number, without gathering them.

    Why: documents from the cache decode their passages on first use
    (:mod:`brieftui.lazydocs`); a list of every passage would decode all 200,000 of a big
    brief before the index could answer. A search reads the texts of its hits only
    (and of a phrase's candidates), so only their documents are decoded. Passage ``p``
    is found by bisection of ``starts`` (each document's first passage number), then
    in its document's passages, kept per document once asked for.
    """

    def __init__(self, documents: Sequence[Document], starts: Sequence[int]) -> None:
        self._documents = documents
        self._starts = starts
        self._count = starts[-1] if len(starts) else 0
        self._flat: list[tuple[Passage, ...] | None] = [None] * len(documents)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, p: Any) -> Any:
        if isinstance(p, slice):
            return [self[i] for i in range(*p.indices(self._count))]
        if p < 0:
            p += self._count
        if not 0 <= p < self._count:
            raise IndexError("passage number out of range")
        d = bisect_right(self._starts, p) - 1
        flat = self._flat[d]
        if flat is None:
            flat = self._flat[d] = tuple(self._documents[d].passages())
        return flat[p - self._starts[d]]

    def __iter__(self) -> Iterator[Passage]:
        for doc in self._documents:
            yield from doc.passages()

    def _where(self, p: int) -> tuple[int, int]:
        if not 0 <= p < self._count:
            raise IndexError("passage number out of range")
        d = bisect_right(self._starts, p) - 1
        return d, p - self._starts[d]

    def text(self, p: int) -> str:
        """Passage ``p``'s text; a cached document's without making it whole (ranking
        reads the words of hundreds of candidates: decoding each one's document, all its
        passages and sections, made the first keystrokes after opening twice as slow)."""
        d, j = self._where(p)
        flat = self._flat[d]
        if flat is None:
            doc = self._documents[d]
            texts = doc.peek_texts() if isinstance(doc, LazyDocument) else None
            if texts is not None:
                return texts[j]
            return self[p].text
        return flat[j].text

    def passage_id(self, p: int) -> str:
        """Passage ``p``'s id (a cached document's passages are ``<doc-id>:<n>`` by
        construction: no need to make it whole)."""
        d, j = self._where(p)
        doc = self._documents[d]
        if self._flat[d] is None and isinstance(doc, LazyDocument) and not doc.decoded:
            return f"{doc.id}:{j + 1}"
        return self[p].id


def starts_of(documents: Sequence[Document]) -> array:
    """Each document's first passage number, and the total last (from the passage counts,
    which a cached document knows without decoding its passages)."""
    return array("I", accumulate(map(attrgetter("passage_count"), documents), initial=0))
