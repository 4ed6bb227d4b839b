"""Links of events: the learned "covered" model asked about many passage pairs at once.

Events (:mod:`.events`) link two passages when the lexical covered model
(:mod:`.covered`) finds them probably reporting one happening. The model's row for a
pair (:func:`.covered.lexical_row`) reads the pair's scores among both passages' best
matches, what they share, and the anchor's standing; :class:`Decider` builds those
rows for thousands of pairs at once from arrays (:mod:`.linkrows`,
:mod:`.unitmatrix`), with the very same values as one row at a time
(:meth:`Decider.row`, kept for single questions and as the tests' reference).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from itertools import chain

import numpy as np

from brieftui.compare import covered
from brieftui.compare.covered import Candidate
from brieftui.compare.index import PassageIndex
from brieftui.compare.linear import Logistic
from brieftui.compare.linkrows import Best, BestRows
from brieftui.compare.scoring import dot
from brieftui.compare.unitmatrix import TermClasses, UnitMatrix, shared_and_specific

PARTIAL_TO_LEX = 1.2
"""In a large brief, the partial dot product × this stands in for the lexical score the
model was trained on (on the gold briefs and three ECB+ topics the full score of a best
match is 1.0× its partial product at the median, 1.2× at the upper quartile)."""


class Decider:
    """The lexical covered model over the best matches found (see the module doc)."""

    def __init__(
        self,
        index: PassageIndex,
        best: Best | BestRows,
        story_p: Callable[[int, int], float],
        story_size: Callable[[int], int],
        model: Logistic,
        style_of: Callable[[int], bool],
        full: bool,
    ) -> None:
        self.index = index
        self.style_of = style_of
        self.full = full
        """Scores are full lexical scores (else partial products, see :func:`.events.best_in_stories`)."""
        self._pairs: dict[tuple[int, int], tuple[float, tuple]] = {}
        """Pair values made one at a time (:meth:`_parts`)."""
        self._known = PairValues()
        """Pair values made many at a time (:meth:`_fill_pairs`), as sorted arrays."""
        self._informative: list[int] | None = None
        self._doc_p: dict[tuple[int, int], float] = {}
        self.model = model
        self.story_p = story_p
        self.story_size = story_size
        if isinstance(best, BestRows):  # a large brief's, made as arrays
            self.rows = best
            self._best: Best | None = None
        else:
            self.rows = BestRows.of(best, len(index.doc_ids))
            self._best = best
        self._matrix: UnitMatrix | None = None
        self._classes: TermClasses | None = None
        self._styles: dict[int, bool] = {}
        self._story_sizes: np.ndarray | None = None
        """Document → the size of its story (:meth:`_fill_pairs`, made on first use)."""
        n_units = len(index.units)
        self.top_match = np.full(n_units, -1, dtype=np.int64)
        """Unit → its best match in any other document (higher score, then lower unit), -1."""
        units_with, _scores, matches = self.rows.best_of_unit(
            np.ones(len(self.rows.unit), dtype=bool)
        )
        self.top_match[units_with] = matches
        self._tops: dict[int, list[float]] | None = None
        self._anchor: tuple[np.ndarray, ...] | None = None
        self._stats: dict[int, covered.AnchorStats] = {}

    @property
    def best(self) -> Best:
        """The best matches as a dictionary (:data:`.linkrows.Best`), for the rows made
        one at a time; made from :attr:`rows` on first use when given as arrays."""
        if self._best is None:
            self._best = self.rows.as_best()
        return self._best

    @property
    def tops(self) -> dict[int, list[float]]:
        """Unit → its best score in every other document (for rows one at a time)."""
        if self._tops is None:
            tops: dict[int, list[float]] = defaultdict(list)
            for (ui, _d), lst in self.best.items():
                tops[ui].append(lst[0][0])
            self._tops = tops
        return self._tops

    @property
    def top_of(self) -> dict[int, tuple[float, int]]:
        """Unit → its best (score, unit) in any other document."""
        out: dict[int, tuple[float, int]] = {}
        for (ui, _d), lst in self.best.items():
            cur = out.get(ui)
            if cur is None or (lst[0][0], -lst[0][1]) > (cur[0], -cur[1]):
                out[ui] = lst[0]
        return out

    @property
    def matrix(self) -> UnitMatrix:
        """Every passage vector as one sparse matrix (built on first use)."""
        if self._matrix is None:
            self._matrix = UnitMatrix.of(self.index)
        return self._matrix

    @property
    def classes(self) -> TermClasses:
        """Per term: informative, its class, idf and document frequency (on first use)."""
        if self._classes is None:
            self._classes = TermClasses.of(self.index, self.matrix)
        return self._classes

    def _style(self, doc: int) -> bool:
        got = self._styles.get(doc)
        if got is None:
            got = self._styles[doc] = self.style_of(doc)
        return got

    def stats(self, ui: int) -> covered.AnchorStats:
        got = self._stats.get(ui)
        if got is None:
            # covered.anchor_stats, with the informative count known for every passage
            index = self.index
            doc = index.unit_doc[ui]
            tops = self.tops.get(ui, [])
            first = index.doc_units[doc][0]
            got = self._stats[ui] = covered.AnchorStats(
                ui,
                max(tops, default=0.0) or 1e-6,
                sorted(tops)[len(tops) // 2] if tops else 0.0,
                1e-6,
                math.log1p(self._terms(ui)),
                math.log1p(max(0, ui - first)),
                math.log1p(len(tops)),
                self.story_size(doc),
                self._style(doc),
            )
        return got

    def probability(self, ui: int, vi: int) -> float:
        """P that ``vi`` reports ``ui``'s event, as the covered model sees it from ``ui``."""
        return self.model.probability(self.row(ui, vi))

    def probabilities(self, directed: list[tuple[int, int]]) -> list[float]:
        """:meth:`probability` of many pairs in turn (the rows built as columns, each then
        given to the model as :meth:`probability` does: the same numbers)."""
        if not directed:
            return []
        return self.model.probability_each(self._matrix_of(directed))

    def _score(self, ui: int, vi: int) -> float:
        """``vi``'s score among ``ui``'s best matches in its document (0 when not one)."""
        for s, v in self.best.get((ui, self.index.unit_doc[vi]), ()):
            if v == vi:
                return s
        return 0.0

    def _fill_pairs(self, ui: np.ndarray, vi: np.ndarray) -> None:
        """The pair values (cosine, shared counts, specific) of the pairs not yet known,
        all at once (:func:`.unitmatrix.shared_and_specific`); each from the direction in
        which it comes first, as :meth:`_parts` would compute it."""
        if not len(ui):
            return
        units = self.index.units
        n_units = max(len(units), 1)
        if self._pairs:  # pairs made one at a time keep their values: into the arrays
            made, self._pairs = self._pairs, {}
            keys = np.asarray([a * n_units + b for a, b in made], dtype=np.int64)
            fresh = ~self._known.holds(keys)
            values = [v for v, f in zip(made.values(), fresh.tolist(), strict=True) if f]
            self._known.add(
                keys[fresh],
                np.asarray([v[0] for v in values], dtype=np.float64),
                np.asarray([v[1][0] for v in values], dtype=np.int64).reshape(-1, 4),
                np.asarray([v[1][1] for v in values], dtype=np.float64),
            )
        lo, hi = np.minimum(ui, vi), np.maximum(ui, vi)
        keys, first = np.unique(lo * n_units + hi, return_index=True)
        new = ~self._known.holds(keys)
        if not new.any():
            return
        at = np.sort(first[new])  # each new pair where it comes first, in the order given
        a, b = ui[at], vi[at]
        unit_doc = np.asarray(self.index.unit_doc, dtype=np.int64)
        if self._story_sizes is None:  # a call per document, not per pair (500,000)
            n_docs = len(self.index.doc_ids)
            self._story_sizes = np.fromiter(
                map(self.story_size, range(n_docs)), dtype=np.int64, count=n_docs
            )
        sizes = self._story_sizes[unit_doc[a]]
        shared, spec = shared_and_specific(self.matrix, self.classes, a, b, sizes)
        if self.full:
            cos = np.asarray(
                [
                    dot(units[u].vec, units[v].vec)
                    for u, v in zip(a.tolist(), b.tolist(), strict=True)
                ],
                dtype=np.float64,
            )
        else:
            cos = self.rows.lookup(a, b, unit_doc[b])[1] / PARTIAL_TO_LEX
        self._known.add(lo[at] * n_units + hi[at], cos, shared, spec)

    def links(self, pairs: list[tuple[int, int]]) -> list[float]:
        """:meth:`link` of many pairs, the model evaluated once over all their rows (built
        as columns: :func:`.covered.lexical_matrix`, the same values as :meth:`row`)."""
        if not pairs:
            return []
        directed = pairs + [(vi, ui) for ui, vi in pairs]
        p = self.model.probabilities(self._matrix_of(directed))
        n = len(pairs)
        return (0.5 * (p[:n] + p[n:])).tolist()

    def _anchor_columns(self) -> tuple[np.ndarray, ...]:
        """:meth:`stats` of every unit as columns (see :meth:`.BestRows.anchor_columns`)."""
        if self._anchor is None:
            index = self.index
            unit_doc = np.asarray(index.unit_doc, dtype=np.int64)
            firsts = np.asarray([m[0] if m else 0 for m in index.doc_units], dtype=np.int64)
            position = np.maximum(0, np.arange(len(unit_doc)) - firsts[unit_doc])
            informative = np.asarray(self._all_terms(), dtype=np.int64)
            self._anchor = (
                unit_doc,
                firsts,
                *self.rows.anchor_columns(len(unit_doc), informative, position),
            )
        return self._anchor

    def _matrix_of(self, directed: list[tuple[int, int]]) -> np.ndarray:
        """The rows of these directed pairs, as :func:`.covered.lexical_matrix` (the same
        values as :meth:`row`: every lookup of :meth:`_parts` and :meth:`stats` done with
        arrays for all pairs at once)."""
        n = len(directed)
        flat = np.fromiter(chain.from_iterable(directed), dtype=np.int64, count=2 * n)
        ui, vi = flat[0::2], flat[1::2]
        self._fill_pairs(ui, vi)
        unit_doc, firsts, best_top, median, terms, position, log_sources = self._anchor_columns()
        da, dv = unit_doc[ui], unit_doc[vi]
        _rank, score, other = self.rows.lookup(ui, vi, dv)
        rank, back_mine, back_other = self.rows.lookup(vi, ui, da)
        back_mine = np.where(rank == covered.MAX_RANK, score, back_mine)
        n_units = max(len(self.index.units), 1)
        cos, shared, spec = self._known.values(np.minimum(ui, vi) * n_units + np.maximum(ui, vi))
        n_docs = max(len(self.index.doc_ids), 1)
        doc_keys, doc_of = np.unique(da * n_docs + dv, return_inverse=True)
        doc_p = np.asarray(
            [self._doc_prob(k // n_docs, k % n_docs) for k in doc_keys.tolist()], dtype=np.float64
        )[doc_of.reshape(-1)]
        docs, doc_at = np.unique(da, return_inverse=True)  # a style per document, not pair
        style = np.fromiter((self._style(d) for d in docs.tolist()), dtype=bool, count=len(docs))[
            doc_at.reshape(-1)
        ]
        informative = np.asarray(self._all_terms(), dtype=np.int64)
        return covered.lexical_matrix(
            score,
            cos,
            score - other,
            best_top[ui],
            median[ui],
            shared,
            terms[ui],
            informative[vi],
            position[ui],
            np.maximum(0, vi - firsts[dv]),
            doc_p,
            log_sources[ui],
            rank,
            back_mine - back_other,
            spec,
            style,
        )

    def _doc_prob(self, a: int, b: int) -> float:
        docs = (a, b)
        got = self._doc_p.get(docs)
        if got is None:
            got = self._doc_p[docs] = self.story_p(a, b)
        return got

    def _parts(self, ui: int, vi: int) -> tuple:
        """What a row of ``vi`` as a match of ``ui`` needs beyond the anchor's stats:
        ``(lex, cos, margin, reverse rank, reverse margin, story probability, candidate
        terms, candidate position in its document, shared counts, specific)``."""
        units = self.index.units
        a, b = units[ui], units[vi]
        # the lists hold two entries at most: plain loops, not generators
        score = other = 0.0
        found = found_other = False
        for s, v in self.best.get((ui, b.doc), ()):
            if v == vi:
                if not found:
                    score, found = s, True
            elif not found_other:
                other, found_other = s, True
        rank, back_mine, back_other = covered.MAX_RANK, score, 0.0
        found = found_other = False
        for k, (s, v) in enumerate(self.best.get((vi, a.doc), ())):
            if v == ui:
                if not found:
                    rank, back_mine, found = k, s, True
            elif not found_other:
                back_other, found_other = s, True
        key = (ui, vi) if ui < vi else (vi, ui)
        pair = self._pairs.get(key) or self._known.get(key[0] * max(len(units), 1) + key[1])
        if pair is None:
            cos = dot(a.vec, b.vec) if self.full else score / PARTIAL_TO_LEX
            shared = covered.shared_counts(self.index, a.vec, b.vec)
            spec = covered.specific(self.index, a.vec, b.vec, self.story_size(a.doc))
            pair = self._pairs[key] = (cos, (shared, spec))
        docs = (a.doc, b.doc)
        doc_p = self._doc_p.get(docs)
        if doc_p is None:
            doc_p = self._doc_p[docs] = self.story_p(a.doc, b.doc)
        first = self.index.doc_units[b.doc][0]
        return (
            score,
            pair[0],
            score - other,
            rank,
            back_mine - back_other,
            doc_p,
            self._terms(vi),
            max(0, vi - first),
            pair[1][0],
            pair[1][1],
        )

    def row(self, ui: int, vi: int) -> list[float]:
        """The covered model's features for ``vi`` as a match of ``ui``."""
        lex, cos, margin, rank, rev_margin, doc_p, terms, _where, shared, spec = self._parts(ui, vi)
        vi_doc = self.index.units[vi].doc
        return covered.lexical_row(
            self.index,
            self.stats(ui),
            Candidate(vi, vi_doc, lex, cos),
            margin,
            doc_p,
            (rank, rev_margin),
            (shared, spec),
            terms,
        )

    def _all_terms(self) -> list[int]:
        """:func:`.covered.informative` of every passage (counted all at once)."""
        if self._informative is None:
            self._informative = self.matrix.unit_counts(self.classes.useful).tolist()
        return self._informative

    def _terms(self, ui: int) -> int:
        return self._all_terms()[ui]

    def link(self, ui: int, vi: int) -> float:
        """The pair's probability, both directions averaged."""
        return 0.5 * (self.probability(ui, vi) + self.probability(vi, ui))


class PairValues:
    """Values of passage pairs (cosine, four shared counts, specific), keyed by
    ``lo · n + hi``, as sorted arrays: filled many pairs at a time and read back for
    hundreds of thousands at once (a dict of tuples cost more than making them)."""

    def __init__(self) -> None:
        self.keys = np.zeros(0, dtype=np.int64)
        self.cos = np.zeros(0, dtype=np.float64)
        self.shared = np.zeros((0, 4), dtype=np.int64)
        self.spec = np.zeros(0, dtype=np.float64)

    def _at(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        at = np.minimum(np.searchsorted(self.keys, keys), max(len(self.keys) - 1, 0))
        found = self.keys[at] == keys if len(self.keys) else np.zeros(len(keys), dtype=bool)
        return at, found

    def holds(self, keys: np.ndarray) -> np.ndarray:
        return self._at(keys)[1]

    def add(self, keys: np.ndarray, cos: np.ndarray, shared: np.ndarray, spec: np.ndarray) -> None:
        """Add pairs not held yet (``keys`` distinct)."""
        keys = np.concatenate([self.keys, keys])
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.cos = np.concatenate([self.cos, cos])[order]
        self.shared = np.concatenate([self.shared, np.asarray(shared, dtype=np.int64)])[order]
        self.spec = np.concatenate([self.spec, np.asarray(spec, dtype=np.float64)])[order]

    def values(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(cos, shared, spec) of held pairs."""
        at, found = self._at(keys)
        if not found.all():
            raise KeyError("a pair's values were not made")
        return self.cos[at], self.shared[at], self.spec[at]

    def get(self, key: int) -> tuple[float, tuple] | None:
        """One pair's values as :meth:`Decider._parts` keeps them, or ``None``."""
        if not len(self.keys):
            return None
        at = int(np.searchsorted(self.keys, key))
        if at >= len(self.keys) or int(self.keys[at]) != key:
            return None
        return float(self.cos[at]), (tuple(self.shared[at].tolist()), float(self.spec[at]))
