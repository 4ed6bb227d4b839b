"""Events: passages of different sources, within one story, that report one happening.

The seventh stage of compare, built from the alignment within each story
(:mod:`.stories`): a passage is only ever linked to passages of its own story.

1. **Best matches.** For every passage, its best two passages in each other document
   of its story (:func:`best_in_stories`, :mod:`.neighbours`): over postings of the
   story's own passages (their heaviest terms; the story's everyday vocabulary
   skipped). In a small brief (up to :data:`EVENT_LARGE` passages) the candidates
   get the full lexical score; in a large one their partial dot product stands in.
2. **Links, decided by the learned "covered" model.** Two passages that are each
   other's best match in their documents (mutual best match) are linked when the
   lexical covered model (:mod:`.covered`) gives the pair, in both directions on
   average, at least its ``touches`` probability. The semantic stage is not used
   here: sentence embeddings for every passage of a large brief would cost more than
   the whole rest of the build.
3. **Grouping.** Linked passages form the event cores, most probable links first
   (one union-find, :mod:`.unionfind`), and a core never holds two passages of one
   document. A passage that is no mutual best match joins the core of its best
   match when that pair is probable enough, without linking further, so events do
   not chain into one giant event.
4. **Single-source events.** In a story of several documents, a passage no other
   source reports becomes a single-source event only when it carries specific facts
   a reader would want flagged (a date, a figure, names found in no other document,
   or :data:`OWN_WORDS` words found in no other passage).
5. **Labels** (:mod:`.labels`): the event's most central sentence, shortened, and
   its date.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np

from brieftui.compare import covered, labels
from brieftui.compare.covered import Candidate
from brieftui.compare.index import PassageIndex, Unit
from brieftui.compare.linear import Logistic
from brieftui.compare.linkrows import BestRows
from brieftui.compare.neighbours import Rows, best_match_rows, best_matches
from brieftui.compare.results import Event, EventPassage
from brieftui.compare.scoring import PASSAGE_FLOOR, dot, raw_score
from brieftui.compare.unionfind import DisjointSets
from brieftui.compare.unitmatrix import TermClasses, UnitMatrix, shared_and_specific

EVENT_LARGE = 1000
"""Above this many passages, the partial dot product stands in for the full score."""
OWN_WORDS = 8
"""A passage no other source matches is a single-source event when it carries a date, a
figure, names no other source uses, or at least this many words found nowhere else."""
PARTIAL_TO_LEX = 1.2
"""In a large brief, the partial dot product × this stands in for the lexical score the
model was trained on (on the gold briefs and three ECB+ topics the full score of a best
match is 1.0× its partial product at the median, 1.2× at the upper quartile)."""

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while pairs are scored."""
Labeller = Callable[[PassageIndex, list[int]], "labels.Label"]
"""Names an event from its unit numbers."""
Best = dict[tuple[int, int], list[tuple[float, int]]]
"""(unit, other document) → its best two (score, unit) there, best first."""


def _keep(best: Best, key: tuple[int, int], score: float, vi: int) -> None:
    lst = best.get(key)
    if lst is None:
        best[key] = [(score, vi)]
        return
    if any(v == vi for _s, v in lst):
        return
    lst.append((score, vi))
    lst.sort(key=lambda x: (-x[0], x[1]))
    del lst[2:]


def best_in_stories(
    index: PassageIndex,
    story_docs: Sequence[Sequence[int]],
    full: bool,
    progress: Progress | None,
    matrix: UnitMatrix | None = None,
) -> Best:
    """Each passage's best two passages in every other document of its story.

    The partial dot product over the story's own postings picks the candidates
    (:mod:`.neighbours`); with ``full`` (a small brief) they get the full lexical
    score, else the partial product (× :data:`PARTIAL_TO_LEX`) stands in for it.
    """
    units = index.units
    best: Best = {}
    if not full:
        for rows in best_match_rows(index, story_docs, progress, matrix):
            _add_partial_rows(best, rows)
        return best
    cache: dict[tuple[int, int], float] = {}
    for ui, d, cands in best_matches(index, story_docs, progress):
        unit = units[ui]
        for _partial, vi in cands:
            key = (ui, vi) if ui < vi else (vi, ui)
            raw = cache.get(key)
            if raw is None:
                other = units[vi]
                cos = dot(unit.vec, other.vec)
                raw = 0.0 if cos < PASSAGE_FLOOR else raw_score(index, unit, other, cos)
                cache[key] = raw
            if raw > 0:
                _keep(best, (ui, d), raw, vi)
    return best


def _add_partial_rows(best: Best, rows: Rows) -> None:
    """The best two of each (unit, document) of ``rows``, the partial product × :data:`PARTIAL_TO_LEX`
    standing in for the score: positive ones only, best first, a tie to the lower unit (two
    partials can become one score)."""
    ua, db, rank, partial, ub = rows
    score = partial * PARTIAL_TO_LEX
    where = np.cumsum(rank == 0)  # the rows come grouped by (unit, document), in their order
    keep = score > 0
    ua, db, score, ub, where = ua[keep], db[keep], score[keep], ub[keep], where[keep]
    order = np.lexsort((ub, -score, where))
    ua, db, score, ub = ua[order], db[order], score[order], ub[order]
    head = np.ones(len(ua), dtype=bool)
    head[1:] = (ua[1:] != ua[:-1]) | (db[1:] != db[:-1])
    heads = np.flatnonzero(head)
    firsts = [[x] for x in zip(score[heads].tolist(), ub[heads].tolist(), strict=True)]
    best.update(zip(zip(ua[heads].tolist(), db[heads].tolist(), strict=True), firsts, strict=True))
    seconds = np.flatnonzero(~head)
    for lst, x in zip(
        [firsts[k] for k in (np.searchsorted(heads, seconds, side="right") - 1).tolist()],
        zip(score[seconds].tolist(), ub[seconds].tolist(), strict=True),
        strict=True,
    ):
        lst.append(x)


class _Decider:
    """The lexical covered model over the best matches found (see :func:`link_probability`)."""

    def __init__(
        self,
        index: PassageIndex,
        best: Best,
        story_p: Callable[[int, int], float],
        story_size: Callable[[int], int],
        model: Logistic,
        style_of: Callable[[int], bool],
        full: bool,
    ) -> None:
        self.index = index
        self.style_of = style_of
        self.full = full
        """Scores are full lexical scores (else partial products, see :func:`best_in_stories`)."""
        self._pairs: dict[tuple[int, int], tuple[float, tuple]] = {}
        self._informative: list[int] | None = None
        self._doc_p: dict[tuple[int, int], float] = {}
        self.model = model
        self.story_p = story_p
        self.story_size = story_size
        self.best = best
        self._matrix: UnitMatrix | None = None
        self._classes: TermClasses | None = None
        self._styles: dict[int, bool] = {}
        self.rows = BestRows.of(best, len(index.doc_ids))
        """The same best matches as arrays (:mod:`.linkrows`)."""
        n_units = len(index.units)
        self.top_match = np.full(n_units, -1, dtype=np.int64)
        """Unit → its best match in any other document (higher score, then lower unit), -1."""
        units_with, _scores, matches = self.rows.best_of_unit(np.ones(len(best), dtype=bool))
        self.top_match[units_with] = matches
        self._tops: dict[int, list[float]] | None = None
        self._anchor: tuple[np.ndarray, ...] | None = None
        self._stats: dict[int, covered.AnchorStats] = {}

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
        probability = self.model.probability
        return [probability(row) for row in self._matrix_of(directed).tolist()]

    def _score(self, ui: int, vi: int) -> float:
        """``vi``'s score among ``ui``'s best matches in its document (0 when not one)."""
        for s, v in self.best.get((ui, self.index.unit_doc[vi]), ()):
            if v == vi:
                return s
        return 0.0

    def _fill_pairs(self, directed: list[tuple[int, int]]) -> None:
        """The pair values (cosine, shared counts, specific) of the pairs not yet known,
        all at once (:func:`.unitmatrix.shared_and_specific`); each from the direction in
        which it comes first, as :meth:`_parts` would compute it."""
        if not directed:
            return
        known = self._pairs
        units = self.index.units
        n = len(directed)
        ui = np.fromiter((u for u, _v in directed), dtype=np.int64, count=n)
        vi = np.fromiter((v for _u, v in directed), dtype=np.int64, count=n)
        lo, hi = np.minimum(ui, vi), np.maximum(ui, vi)
        _keys, first = np.unique(lo * max(len(units), 1) + hi, return_index=True)
        first.sort()  # each pair where it comes first, in the order given
        keys = list(zip(lo[first].tolist(), hi[first].tolist(), strict=True))
        new = np.fromiter((k not in known for k in keys), dtype=bool, count=len(keys))
        if not new.any():
            return
        at = first[new]
        a, b = ui[at], vi[at]
        unit_doc = np.asarray(self.index.unit_doc, dtype=np.int64)
        sizes = np.fromiter(
            (self.story_size(d) for d in unit_doc[a].tolist()), dtype=np.int64, count=len(a)
        )
        shared, spec = shared_and_specific(self.matrix, self.classes, a, b, sizes)
        if self.full:
            cos = [
                dot(units[u].vec, units[v].vec) for u, v in zip(a.tolist(), b.tolist(), strict=True)
            ]
        else:
            cos = (self.rows.lookup(a, b, unit_doc[b])[1] / PARTIAL_TO_LEX).tolist()
        known.update(
            zip(
                [k for k, fresh in zip(keys, new.tolist(), strict=True) if fresh],
                zip(cos, zip(map(tuple, shared.tolist()), spec.tolist(), strict=True), strict=True),
                strict=True,
            )
        )

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
        self._fill_pairs(directed)
        unit_doc, firsts, best_top, median, terms, position, log_sources = self._anchor_columns()
        n = len(directed)
        ui = np.fromiter((u for u, _v in directed), dtype=np.int64, count=n)
        vi = np.fromiter((v for _u, v in directed), dtype=np.int64, count=n)
        da, dv = unit_doc[ui], unit_doc[vi]
        _rank, score, other = self.rows.lookup(ui, vi, dv)
        rank, back_mine, back_other = self.rows.lookup(vi, ui, da)
        back_mine = np.where(rank == covered.MAX_RANK, score, back_mine)
        pairs = self._pairs
        known = [pairs[(u, v) if u < v else (v, u)] for u, v in directed]
        cos = np.fromiter((k[0] for k in known), dtype=np.float64, count=n)
        shared = np.fromiter(
            chain.from_iterable(k[1][0] for k in known), dtype=np.int64, count=4 * n
        ).reshape(n, 4)
        spec = np.fromiter((k[1][1] for k in known), dtype=np.float64, count=n)
        n_docs = max(len(self.index.doc_ids), 1)
        doc_keys, doc_of = np.unique(da * n_docs + dv, return_inverse=True)
        doc_p = np.asarray(
            [self._doc_prob(k // n_docs, k % n_docs) for k in doc_keys.tolist()], dtype=np.float64
        )[doc_of.reshape(-1)]
        style = np.fromiter((self._style(d) for d in da.tolist()), dtype=bool, count=n)
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
        pair = self._pairs.get(key)
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


def detect_events(
    index: PassageIndex,
    story_docs: Sequence[Sequence[int]],
    story_of: Sequence[int],
    story_p: Callable[[int, int], float],
    model: Logistic,
    touches_of: Callable[[int], float],
    style_of: Callable[[int], bool] = lambda _d: False,
    progress: Progress | None = None,
    label: Labeller = labels.sentence_label,
) -> list[Event]:
    """The events of the brief, most widely covered first, numbered ``e1``, ``e2``…

    ``touches_of(doc)``: the probability a link needs in document ``doc``'s story;
    ``style_of(doc)``: whether that story's passages are single sentences.
    """
    units = index.units
    total = len(units)
    full = total <= EVENT_LARGE
    matrix = UnitMatrix.of(index)
    best = best_in_stories(index, story_docs, full, progress, matrix)
    decider = _Decider(
        index, best, story_p, lambda d: len(story_docs[story_of[d]]), model, style_of, full
    )
    decider._matrix = matrix
    touches: dict[int, float] = {}

    def cut(ui: int) -> float:
        d = units[ui].doc
        if d not in touches:
            touches[d] = touches_of(d)
        return touches[d]

    groups = group_passages(index, best, decider, cut)
    in_event: set[int] = set()
    for members in groups:
        in_event.update(members)
    # single-source events: in a story of several documents, passages with specific
    # facts that no other source reports
    flagged = [
        ui
        for ui, unit in enumerate(units)
        if ui not in in_event
        and unit.eligible
        and len(story_docs[story_of[unit.doc]]) >= 2
        and reports_specific_facts(index, unit)
    ]
    # reported elsewhere: some other source has a passage probably reporting its event
    top = decider.top_match.tolist()
    asked = [(ui, top[ui]) for ui in flagged if top[ui] >= 0]
    reported = {
        ui for (ui, _vi), p in zip(asked, decider.probabilities(asked), strict=True) if p >= cut(ui)
    }
    groups.extend([ui] for ui in flagged if ui not in reported)
    if label is labels.sentence_label:  # the same labels, formed for all events at once
        named = labels.sentence_labels(index, groups, decider.matrix)
    else:
        named = [label(index, members) for members in groups]
    events = [
        _make_event(index, members, one, story_of)
        for members, one in zip(groups, named, strict=True)
    ]
    if progress is not None:
        progress(total, total)
    events.sort(key=lambda x: x[0])
    return [
        Event(
            f"e{n}",
            ev.label,
            ev.passages,
            ev.doc_ids,
            ev.story,
            ev.label_sentence,
            ev.date,
            ev.when,
        )
        for n, (_key, ev) in enumerate(events, start=1)
    ]


def _reported_elsewhere(ui: int, decider: _Decider, touches: float) -> bool:
    """True when some other source has a passage probably reporting ``ui``'s event."""
    top = int(decider.top_match[ui])
    return top >= 0 and decider.probability(ui, top) >= touches


def group_passages(
    index: PassageIndex, best: Best, decider: _Decider, touches: Callable[[int], float]
) -> list[list[int]]:
    """Cores of probable mutual best matches, then the passages that join a core.

    Most probable links first; a core never holds two passages of one document, which
    is what stops events from chaining into one giant event. A passage that is no
    mutual best match joins the core of its best match when that pair's probability
    (seen from the passage) reaches ``touches(passage)`` (one hop, no chaining).
    """
    units = index.units
    sets: DisjointSets[int] = DisjointSets()
    find = sets.find
    # mutual best matches, in the order of ``best`` (arrays: :class:`.BestRows`)
    rows = decider.rows
    unit_doc = np.asarray(index.unit_doc, dtype=np.int64)
    forward = np.flatnonzero(rows.unit < rows.v0)
    back = rows.find(rows.v0[forward], unit_doc[rows.unit[forward]])
    mutual_rows = forward[(back >= 0) & (rows.v0[np.maximum(back, 0)] == rows.unit[forward])]
    pairs = list(zip(rows.unit[mutual_rows].tolist(), rows.v0[mutual_rows].tolist(), strict=True))
    mutual = [
        (-p, ui, vi)
        for (ui, vi), p in zip(pairs, decider.links(pairs), strict=True)
        if p >= touches(ui)
    ]
    mutual.sort()
    docs_of: dict[int, set[int]] = {}
    linked: set[int] = set()
    for _neg, ui, vi in mutual:
        ra, rb = find(ui), find(vi)
        if ra == rb:
            continue
        da = docs_of.get(ra, {units[ui].doc})
        db = docs_of.get(rb, {units[vi].doc})
        if da & db:
            continue
        linked.update((ui, vi))
        root = sets.union(ra, rb)
        docs_of[root] = da | db
        docs_of.pop(rb if root == ra else ra, None)
    groups: dict[int, set[int]] = defaultdict(set)
    for ui in sorted(linked):
        groups[find(ui)].add(ui)
    # each passage outside the cores whose best match is in one: the best such match
    is_linked = np.zeros(len(units), dtype=bool)
    is_linked[list(linked)] = True
    joining, _scores, to = rows.best_of_unit(~is_linked[rows.unit] & is_linked[rows.v0])
    chosen = list(zip(joining.tolist(), to.tolist(), strict=True))
    for (ui, vi), p in zip(chosen, decider.probabilities(chosen), strict=True):
        if p >= touches(ui):
            groups[find(vi)].add(ui)
    return [sorted(members) for members in groups.values()]


def reports_specific_facts(index: PassageIndex, unit: Unit) -> bool:
    """True for a passage worth flagging though no other source reports it.

    It carries a date, or two specific facts (a figure, a name no other source
    uses), or a happening told in words no other source uses ("Police detained
    seven people ... blockade ... scuffles"): :data:`OWN_WORDS` terms found in this
    passage only.
    """
    names = index.names
    ddf = index.ddf
    idf = index.idf
    specific = [
        t
        for t in unit.vec
        if (t[0] == "@" or (t[0] == "#" and len(t) >= 3) or (t in names and ddf[t] == 1))
        and idf[t] > 1.5
    ]
    own = sum(1 for t in unit.vec if index.df[t] == 1 and t not in names)
    return len(specific) >= 2 or any(t[0] == "@" for t in specific) or own >= OWN_WORDS


def _make_event(
    index: PassageIndex, members: list[int], named: labels.Label, story_of: Sequence[int]
) -> tuple[tuple, Event]:
    """An event of ``members`` (unit numbers), with its sort key: widest coverage first."""
    units = index.units
    doc_ids = index.doc_ids
    docs = sorted({units[ui].doc for ui in members})
    passages = [EventPassage(units[ui].pid, doc_ids[units[ui].doc]) for ui in members]
    key = (-len(docs), -len(members), members[0])
    story = f"s{story_of[docs[0]] + 1}"
    return key, Event(
        "",
        named.text,
        passages,
        [doc_ids[d] for d in docs],
        story,
        named.sentence,
        named.date,
        named.when,
    )
