"""The inverted lists of candidate search, made from the index's columns per term.

:class:`Postings` maps a term to ``(unit number, weight in its vector)`` of the units
using it, as the dict the index used to build (2 million tuples at 5,000 articles)
gave, but makes a term's list only when a compare asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from threading import Lock
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from brieftui.compare.columns import Columns


def _stable_order(ids: np.ndarray) -> np.ndarray:
    """``np.argsort(ids, kind="stable")`` of non-negative 32-bit ids, as radix sorts of
    16-bit halves (numpy's stable sort of 16-bit keys is a radix sort: 0.25 s for the 4
    million vector entries of 5,000 articles, where a stable sort of 32-bit keys takes
    0.45 s, on the first compare after a cached opening)."""
    low = (ids & 0xFFFF).astype(np.uint16)
    order = np.argsort(low, kind="stable")
    if len(ids) and int(ids.max()) > 0xFFFF:
        high = (ids >> 16).astype(np.uint16)[order]
        order = order[np.argsort(high, kind="stable")]
    return order


class Postings(Mapping[str, tuple[tuple[int, float], ...]]):
    """Term → ``(unit number, weight in its vector)`` of the units using it, in unit order:
    the inverted lists of candidate search, made per term on first ``get`` from the
    columns and their :meth:`order` (the vector entries sorted by term, stable: computed
    once, or read from the cache)."""

    def __init__(self, cols: Columns, order: np.ndarray | None = None) -> None:
        self._cols = cols
        self._got: dict[str, tuple[tuple[int, float], ...]] = {}
        self._order = order
        self._made: tuple[dict[str, int], np.ndarray, list[int], np.ndarray] | None = None
        self._lock = Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"_cols": self._cols, "_got": self._got}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["_cols"])  # type: ignore[misc]
        self._got = state["_got"]

    def order(self) -> np.ndarray:
        """Vector entry numbers grouped by term, in unit order within a term."""
        order = self._order
        if order is None:
            order = self._order = _stable_order(self._cols.vec_term)
        return order

    def _tables(self) -> tuple[dict[str, int], np.ndarray, list[int], np.ndarray]:
        made = self._made
        if made is None:
            with self._lock:
                made = self._made
                if made is None:
                    cols = self._cols
                    starts = np.zeros(len(cols.vocab) + 1, dtype=np.int64)
                    np.cumsum(np.bincount(cols.vec_term, minlength=len(cols.vocab)), out=starts[1:])
                    ids = dict(zip(cols.vocab, range(len(cols.vocab)), strict=True))
                    off = np.asarray(cols.vec_off, dtype=np.int64)
                    made = self._made = (ids, self.order(), starts.tolist(), off)
        return made

    def get(self, term: str, default: Any = None) -> Any:
        got = self._got.get(term)
        if got is not None:
            return got
        ids, order, starts, off = self._tables()
        t = ids.get(term)
        if t is None or starts[t] == starts[t + 1]:
            return default
        rows = order[starts[t] : starts[t + 1]]
        unit = np.searchsorted(off, rows, side="right") - 1
        got = self._got[term] = tuple(
            zip(unit.tolist(), self._cols.vec_w[rows].tolist(), strict=True)
        )
        return got

    def __getitem__(self, term: str) -> tuple[tuple[int, float], ...]:
        got = self.get(term)
        if got is None:
            raise KeyError(term)
        return got

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self.get(term) is not None

    def __iter__(self) -> Iterator[str]:
        """Terms in order of first appearance among the vectors (as the dict had them)."""
        cols = self._cols
        if not len(cols.vec_term):
            return iter(())
        used, first = np.unique(cols.vec_term, return_index=True)
        return iter(map(cols.vocab.__getitem__, used[np.argsort(first)].tolist()))

    def __len__(self) -> int:
        return len(np.unique(self._cols.vec_term))
