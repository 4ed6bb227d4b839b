"""Every passage vector of a brief as one sparse matrix (flat arrays), for batch work.

Events and their labels ask the same questions of tens of thousands of passages
(their heaviest terms, sums of an event's vectors, the terms two passages share);
asked one dictionary at a time they were most of an events build. Here every
passage's vector is laid out once as flat columns, *in each vector's own term
order* (float sums that follow that order stay the very same floats), so that
numpy can answer them for all passages at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np

from brieftui.compare.index import PassageIndex


@dataclass
class UnitMatrix:
    """Passage vectors as CSR: unit ``u``'s entries are ``indptr[u]:indptr[u + 1]``."""

    vocabulary: list[str]
    """Term id → term (ids in order of first appearance)."""
    ids: dict[str, int]
    indptr: np.ndarray
    term: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, index: PassageIndex) -> UnitMatrix:
        """The matrix of ``index``'s passage vectors (C iteration: no Python step per entry)."""
        vecs = [u.vec for u in index.units]
        lens = np.fromiter(map(len, vecs), dtype=np.int64, count=len(vecs))
        indptr = np.zeros(len(vecs) + 1, dtype=np.int64)
        np.cumsum(lens, out=indptr[1:])
        total = int(indptr[-1])
        keys = list(chain.from_iterable(vecs))
        ids = dict.fromkeys(keys)
        vocabulary = list(ids)
        ids = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
        term = np.fromiter(map(ids.__getitem__, keys), dtype=np.int64, count=total)
        weight = np.fromiter(
            chain.from_iterable(v.values() for v in vecs), dtype=np.float64, count=total
        )
        return cls(vocabulary, ids, indptr, term, weight)

    def lengths(self) -> np.ndarray:
        """Each unit's number of terms."""
        return np.diff(self.indptr)

    def entries(self, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(positions, owner)``: the entry positions of ``units`` in order (each unit's
        terms in its vector's order), and for each the index into ``units`` it belongs to."""
        units = np.asarray(units, dtype=np.int64)
        starts = self.indptr[units]
        lens = self.indptr[units + 1] - starts
        owner = np.repeat(np.arange(len(units)), lens)
        offset = np.arange(len(owner)) - np.repeat(np.cumsum(lens) - lens, lens)
        return np.repeat(starts, lens) + offset, owner

    def term_mask(self, terms: object) -> np.ndarray:
        """A boolean per term id: is the term in ``terms`` (any container of strings)?"""
        return np.fromiter(
            (t in terms for t in self.vocabulary),  # type: ignore[operator]
            dtype=bool,
            count=len(self.vocabulary),
        )
