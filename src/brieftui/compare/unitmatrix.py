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

from brieftui.compare.columns import Columns
from brieftui.compare.firstseen import in_order_of_first
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
    _keys: np.ndarray | None = None

    @classmethod
    def of(cls, index: PassageIndex) -> UnitMatrix:
        """The matrix of ``index``'s passage vectors (C iteration: no Python step per entry).

        An index over columns gives it from them, without making every passage's
        vector dictionary first (those took a third of the time); the result is the
        same matrix either way: terms numbered in order of first appearance.
        """
        cols = getattr(index, "_columns", None)
        if cols is not None and len(cols.vec_off) == len(index.units) + 1:
            return cls._of_columns(cols)
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

    @classmethod
    def _of_columns(cls, cols: Columns) -> UnitMatrix:
        """:meth:`of` from the index's columns: the columns number terms by the index's
        vocabulary, renumbered here by first appearance as :meth:`of` numbers them."""
        col_term = cols.vec_term.astype(np.int64)
        by_first = in_order_of_first(col_term, len(cols.vocab))
        renumber = np.empty(len(cols.vocab), dtype=np.int64)
        renumber[by_first] = np.arange(len(by_first), dtype=np.int64)
        vocabulary = [cols.vocab[t] for t in by_first.tolist()]
        ids = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
        indptr = np.asarray(cols.vec_off, dtype=np.int64)
        weight = np.asarray(cols.vec_w, dtype=np.float64)
        return cls(vocabulary, ids, indptr, renumber[col_term], weight)

    def sorted_keys(self) -> np.ndarray:
        """Every entry as ``unit · vocabulary size + term``, sorted (membership tests)."""
        if self._keys is None:
            lens = self.lengths()
            keys = np.repeat(np.arange(len(lens)), lens) * max(len(self.vocabulary), 1) + self.term
            keys.sort()
            self._keys = keys
        return self._keys

    def unit_counts(self, mask: np.ndarray) -> np.ndarray:
        """For each unit, how many of its terms ``mask`` (a boolean per term id) holds."""
        lens = self.lengths()
        owner = np.repeat(np.arange(len(lens)), lens)
        return np.bincount(owner, weights=mask[self.term], minlength=len(lens)).astype(np.int64)

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


@dataclass
class TermClasses:
    """What :func:`.covered.shared_counts` and :func:`.covered.specific` ask of a term, per
    term id: informative or not, its class (0 name, 1 figure, 2 date, 3 other word), its
    idf and how many documents use it."""

    useful: np.ndarray
    kind: np.ndarray
    idf: np.ndarray
    ddf: np.ndarray

    @classmethod
    def of(cls, index: PassageIndex, matrix: UnitMatrix) -> TermClasses:
        vocabulary = matrix.vocabulary
        names = index.names
        kind = np.fromiter(
            (
                2 if t[0] == "@" else 1 if t[0] == "#" else 0 if t in names else 3
                for t in vocabulary
            ),
            dtype=np.int64,
            count=len(vocabulary),
        )
        idf, ddf = index.idf, index.ddf
        return cls(
            matrix.term_mask(index.informative_terms),
            kind,
            np.fromiter(map(idf.__getitem__, vocabulary), dtype=np.float64, count=len(vocabulary)),
            np.fromiter(map(ddf.__getitem__, vocabulary), dtype=np.int64, count=len(vocabulary)),
        )


def shared_and_specific(
    matrix: UnitMatrix,
    classes: TermClasses,
    a: np.ndarray,
    b: np.ndarray,
    docs: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`.covered.shared_counts` ``(pairs, 4)`` and :func:`.covered.specific` of the
    passage pairs ``a[k], b[k]`` (``docs[k]``: the scope's documents), for all at once.

    Like those, each pair runs over the shorter vector (``a``'s on a tie) in its own
    order, so that the idf sum of ``specific`` adds the same numbers in the same order
    (a term that does not count adds 0.0, which changes no sum of positive numbers).
    """
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    n = len(a)
    if not n:
        return np.zeros((0, 4), dtype=np.int64), np.zeros(0)
    lens = matrix.lengths()
    swap = lens[a] > lens[b]
    short = np.where(swap, b, a)
    other = np.where(swap, a, b)
    pos, owner = matrix.entries(short)
    term = matrix.term[pos]
    width = max(len(matrix.vocabulary), 1)
    keys = matrix.sorted_keys()
    wanted = other[owner] * width + term
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    found = (keys[at] == wanted) & classes.useful[term]
    kind = classes.kind[term]
    shared = np.bincount(owner[found] * 4 + kind[found], minlength=4 * n).reshape(n, 4)
    limit = np.maximum(2.0, 0.3 * np.asarray(docs, dtype=np.float64))
    counts = found & (classes.ddf[term] <= limit[owner])
    spec = np.bincount(owner, weights=np.where(counts, classes.idf[term], 0.0), minlength=n)
    return shared, spec
