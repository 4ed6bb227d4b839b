"""The best matches of events as arrays, and the covered model's columns for many links.

Events (:mod:`.events`) hold each passage's best two matches in every other document
of its story as a dictionary ``(unit, document) → [(score, unit), ...]``. Reading it
pair by pair (the score of a match, the best other one, the reverse rank...) was a
Python step per link and per passage: most of the linking time of a large brief.
Here the same dictionary is laid out as arrays (one row per ``(unit, document)``,
in the dictionary's order), and every lookup the row of :func:`.covered.lexical_row`
needs is done for all links at once. Every value is the same number the loops
gave: selections and subtractions only, and logarithms of counts taken with
:func:`math.log1p` (through a table).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import chain

import numpy as np

from brieftui.compare.covered import MAX_RANK

Best = dict[tuple[int, int], list[tuple[float, int]]]


def log1p_table(values: np.ndarray) -> np.ndarray:
    """``math.log1p`` of non-negative integers (exactly the floats it gives one by one)."""
    values = np.asarray(values, dtype=np.int64)
    if not len(values):
        return np.zeros(0)
    table = np.asarray([math.log1p(k) for k in range(int(values.max()) + 1)], dtype=np.float64)
    return table[values]


@dataclass
class BestRows:
    """One row per ``(unit, document)`` of a :data:`Best`, in its order: the best match
    ``(s0, v0)`` and the second ``(s1, v1)`` (``v1`` is -1 when there is none)."""

    unit: np.ndarray
    doc: np.ndarray
    s0: np.ndarray
    v0: np.ndarray
    s1: np.ndarray
    v1: np.ndarray
    n_docs: int
    _sorted: np.ndarray
    _order: np.ndarray

    @classmethod
    def of(cls, best: Best, n_docs: int) -> BestRows:
        n = len(best)
        keys = np.fromiter(chain.from_iterable(best), dtype=np.int64, count=2 * n).reshape(n, 2)
        lists = list(best.values())
        lens = np.fromiter(map(len, lists), dtype=np.int64, count=n)
        flat = np.concatenate(  # in slices: one C loop over every row held the interpreter
            [np.zeros(0)]
            + [
                np.fromiter(
                    chain.from_iterable(chain.from_iterable(lists[i : i + 20_000])),
                    dtype=np.float64,
                )
                for i in range(0, n, 20_000)
            ]
        ).reshape(-1, 2)
        start = np.cumsum(lens) - lens
        two = lens >= 2
        second = np.where(two, start + 1, start)
        return cls.of_columns(
            keys[:, 0],
            keys[:, 1],
            flat[start, 0] if n else np.zeros(0),
            flat[start, 1].astype(np.int64) if n else np.zeros(0, np.int64),
            np.where(two, flat[second, 0], 0.0) if n else np.zeros(0),
            np.where(two, flat[second, 1].astype(np.int64), -1) if n else np.zeros(0, np.int64),
            n_docs,
        )

    @classmethod
    def of_columns(
        cls,
        unit: np.ndarray,
        doc: np.ndarray,
        s0: np.ndarray,
        v0: np.ndarray,
        s1: np.ndarray,
        v1: np.ndarray,
        n_docs: int,
    ) -> BestRows:
        """The rows given as columns, one per ``(unit, doc)`` in the order a :data:`Best`
        would hold them. A key given twice is kept as a dictionary updated row by row
        keeps it: at its first place, with its last values."""
        key = unit * max(n_docs, 1) + doc
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        again = np.flatnonzero(ordered[1:] == ordered[:-1])
        if len(again):
            distinct, first, inverse = np.unique(key, return_index=True, return_inverse=True)
            last = np.zeros(len(distinct), dtype=np.int64)
            np.maximum.at(last, inverse.reshape(-1), np.arange(len(key)))
            place = np.argsort(first, kind="stable")
            at_first, at_last = first[place], last[place]
            unit, doc = unit[at_first], doc[at_first]
            s0, v0, s1, v1 = s0[at_last], v0[at_last], s1[at_last], v1[at_last]
            return cls.of_columns(unit, doc, s0, v0, s1, v1, n_docs)
        return cls(unit, doc, s0, v0, s1, v1, n_docs, ordered, order)

    def as_best(self) -> Best:
        """The same best matches as a :data:`Best` dictionary (for rows made one at a
        time: :class:`.linkdecider.Decider` builds it only when one is asked for)."""
        out: Best = {}
        for u, d, s0, v0, s1, v1 in zip(
            self.unit.tolist(),
            self.doc.tolist(),
            self.s0.tolist(),
            self.v0.tolist(),
            self.s1.tolist(),
            self.v1.tolist(),
            strict=True,
        ):
            out[(u, d)] = [(s0, v0), (s1, v1)] if v1 >= 0 else [(s0, v0)]
        return out

    def find(self, unit: np.ndarray, doc: np.ndarray) -> np.ndarray:
        """The row of each ``(unit, doc)``, -1 when there is none."""
        if not len(self._sorted):
            return np.full(len(unit), -1, dtype=np.int64)
        key = np.asarray(unit, dtype=np.int64) * max(self.n_docs, 1) + doc
        at = np.minimum(np.searchsorted(self._sorted, key), len(self._sorted) - 1)
        return np.where(self._sorted[at] == key, self._order[at], -1)

    def lookup(
        self, ui: np.ndarray, vi: np.ndarray, doc_of_vi: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For ``vi`` among ``ui``'s best in ``vi``'s document: ``(rank, its score, the
        first other score)``: rank :data:`MAX_RANK` and score 0 when it is not one of them,
        the other score 0 when there is no other (as the loops over the lists read them)."""
        g = self.find(ui, doc_of_vi)
        has = g >= 0
        gg = np.where(has, g, 0)
        s0 = np.where(has, self.s0[gg] if len(self.s0) else 0.0, 0.0)
        v0 = np.where(has, self.v0[gg] if len(self.v0) else -1, -1)
        s1 = np.where(has, self.s1[gg] if len(self.s1) else 0.0, 0.0)
        v1 = np.where(has, self.v1[gg] if len(self.v1) else -1, -1)
        is0 = has & (v0 == vi)
        is1 = has & ~is0 & (v1 == vi)
        rank = np.where(is0, 0, np.where(is1, 1, MAX_RANK))
        score = np.where(is0, s0, np.where(is1, s1, 0.0))
        other = np.where(has & ~is0, s0, np.where(is0 & (v1 >= 0), s1, 0.0))
        return rank, score, other

    def anchor_columns(
        self, n_units: int, informative: np.ndarray, position: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """:func:`.covered.anchor_stats` of every unit as columns: ``(best_top, median_top,
        terms, position, log_sources)`` from its best score in every other document."""
        count = (
            np.bincount(self.unit, minlength=n_units)
            if len(self.unit)
            else np.zeros(n_units, np.int64)
        )
        order = np.lexsort((self.s0, self.unit))
        tops = self.s0[order]
        start = np.cumsum(count) - count
        has = count > 0
        top = np.where(has, tops[np.where(has, start + count - 1, 0)] if len(tops) else 0.0, 0.0)
        best_top = np.where(top != 0.0, top, 1e-6)
        median = np.where(
            has, tops[np.where(has, start + count // 2, 0)] if len(tops) else 0.0, 0.0
        )
        return (
            best_top,
            median,
            log1p_table(informative),
            log1p_table(position),
            log1p_table(count),
        )

    def best_of_unit(self, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(unit, score, match)``: for each unit with rows in ``mask``, its best first
        match over them (higher score, then the lower unit), units in increasing order."""
        rows = np.flatnonzero(mask)
        order = rows[np.lexsort((self.v0[rows], -self.s0[rows], self.unit[rows]))]
        unit = self.unit[order]
        head = np.ones(len(order), dtype=bool)
        head[1:] = unit[1:] != unit[:-1]
        chosen = order[head]
        return self.unit[chosen], self.s0[chosen], self.v0[chosen]
