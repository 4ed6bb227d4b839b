"""The facade of compare: one object that answers stories, compare, compare_text, score and events.

It holds the built :class:`~.index.PassageIndex`, the stories once grouped, the
passage embeddings when the semantic stage is on, and the events once computed,
and turns what the stages find (unit numbers, scores, probabilities) into the plain
results of :mod:`.results`. The method and its stages are described in
:mod:`brieftui.compare`; callers outside the package use this class (or the
:class:`~brieftui.brief.Brief` methods over it), never the stages.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from brieftui import heap
from brieftui.compare import comparerstate, covered, linear, semantic, stories
from brieftui.compare.align import MAX_MATCHES, gather, known_share, matches_for_query
from brieftui.compare.covered import Candidate
from brieftui.compare.events import detect_events
from brieftui.compare.evidence import anchor_spans, display_terms, explainer
from brieftui.compare.index import PassageIndex
from brieftui.compare.results import (
    CompareResult,
    Event,
    Match,
    SourceCoverage,
    Story,
)
from brieftui.compare.scoring import MIN_SHARED, THRESHOLD, calibrate, raw_score
from brieftui.model import Document
from brieftui.workers import gc_paused

__all__ = ["MIN_SHARED", "THRESHOLD", "Comparer"]

_PairColumns = tuple[list[int], list[int], list[float]]
"""Scored document pairs as columns: first document, second, story probability."""


class Comparer:
    """Stories, passage alignment with a learned "covered", and events over a brief."""

    def __init__(
        self,
        documents: Sequence[Document],
        *,
        threshold: float = THRESHOLD,
        semantic_stage: bool | None = None,
    ) -> None:
        """Build the index; ``semantic_stage``: ``None`` uses embeddings when available,
        ``False`` never (the lexical models), ``True`` when available (same as ``None``)."""
        self.threshold = threshold
        """Raw score mapped to a calibrated 0.5 (:attr:`Match.score`), and the link
        threshold of events in large briefs."""
        self._start(documents, semantic_stage)
        self._index_obj = PassageIndex.build(documents)

    def _start(self, documents: Sequence[Document], semantic_stage: bool | None) -> None:
        """The fields every comparer starts with, built or read from the cache: no
        index yet, no stories, no events (one place, so neither path misses a lock)."""
        self._documents = list(documents)
        self._doc_ids = [d.id for d in documents]
        self._index_obj: PassageIndex | None = None
        self._index_loader: Callable[[], PassageIndex] | None = None
        self.hybrid = semantic_stage is not False and semantic.available()
        """True when the semantic stage is used (embeddings and the ``hybrid`` models);
        the embedder itself is loaded on first use (:attr:`_vectors`)."""
        self._vectors_obj: semantic.PassageVectors | None = None
        self._vectors_lock = threading.Lock()
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._groups: stories.StoryGroups | None = None
        self._story_of: list[int] = []
        self._pair_columns: _PairColumns = ([], [], [])
        self._pair_dict: dict[int, float] | None = None
        self._styles: dict[int, bool] = {}
        self._events: list[Event] | None = None

    @property
    def _index(self) -> PassageIndex:
        """The passage index; from the cache it is rebuilt on first use (stories and events
        come back without it, so a cached brief shows them at once)."""
        index = self._index_obj
        if index is None:
            with self._index_lock:
                index = self._index_obj
                if index is None:
                    loader = self._index_loader
                    index = loader() if loader is not None else PassageIndex.build(self._documents)
                    self._index_obj = index
                    self._index_loader = None
        return index

    def __getstate__(self) -> dict[str, Any]:
        """Picklable: locks and the embedder are left out (and the index loaded first)."""
        _ = self._index
        state = dict(self.__dict__)
        for key in ("_lock", "_index_lock", "_vectors_lock", "_vectors_obj", "_index_loader"):
            state.pop(key, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._index_loader = None
        self._vectors_obj = None
        self._vectors_lock = threading.Lock()

    @property
    def index_loaded(self) -> bool:
        """True once the passage index is in memory (built, or rebuilt from the cache)."""
        return self._index_obj is not None

    @property
    def _vectors(self) -> semantic.PassageVectors | None:
        """The passages' embeddings (``None`` without the semantic stage), the embedder
        loaded on first use; an embedder that will not load turns the stage off."""
        if not self.hybrid:
            return None
        vectors = self._vectors_obj
        if vectors is None:
            with self._vectors_lock:
                vectors = self._vectors_obj
                if vectors is None:
                    vectors = self._vectors_obj = self._make_vectors(semantic.load())
                    if vectors is None:
                        self.hybrid = False  # a broken install: the lexical models
        return vectors

    def _make_vectors(self, embedder: semantic.Embedder | None) -> semantic.PassageVectors | None:
        if embedder is None:
            return None
        texts = [p.text for doc in self._documents for p in doc.passages()]
        doc_units: list[range] = []
        start = 0
        for doc in self._documents:
            doc_units.append(range(start, start + doc.passage_count))
            start += doc.passage_count
        return semantic.PassageVectors(embedder, texts, doc_units)

    # -- stories --------------------------------------------------------------------
    def _story_groups(self) -> stories.StoryGroups:
        groups = self._groups
        if groups is not None:
            return groups
        with self._lock:
            if self._groups is None:
                self._set_groups(*self._build_groups())
            assert self._groups is not None
            return self._groups

    def _document_embeddings(self) -> np.ndarray | None:
        if self._vectors is None:
            return None
        index = self._index
        texts = []
        for d, members in enumerate(index.doc_units):
            lead = " ".join(index.units[ui].text for ui in members[: stories.LEAD])
            texts.append(f"{index.titles[d]}\n{lead}")
        return self._vectors.embedder.embed(texts)

    def _build_groups(self) -> tuple[stories.StoryGroups, _PairColumns]:
        index = self._index
        embeddings = self._document_embeddings()
        model = linear.model("stories", embeddings is not None)
        # no collections meanwhile: with the index built, a full one walks millions of
        # objects for a second, holding the lock the app's thread needs for each key
        with gc_paused(), heap.held():
            a, b, x, _names = stories.pair_features(index, embeddings)
            p = model.probabilities(x)
            groups = stories.cluster(index, a, b, p, model)
            return groups, (a.tolist(), b.tolist(), p.tolist())

    def _set_groups(self, groups: stories.StoryGroups, pairs: _PairColumns) -> None:
        self._story_of = groups.story_of()
        self._pair_columns = pairs
        self._pair_dict = None
        self._groups = groups

    @property
    def _pair_p(self) -> dict[int, float]:
        """``min · n + max`` → the story probability of every scored document pair (made
        on first use: a cached brief that only shows its stories and events never needs it)."""
        got = self._pair_dict
        if got is None:
            n = len(self._doc_ids)
            a, b, p = self._pair_columns
            got = self._pair_dict = {
                min(i, j) * n + max(i, j): v for i, j, v in zip(a, b, p, strict=True)
            }
        return got

    def _story_p(self, a: int, b: int) -> float:
        """The probability that documents ``a`` and ``b`` tell one story (0 when never scored)."""
        if a == b:
            return 1.0
        n = len(self._doc_ids)
        return self._pair_p.get(min(a, b) * n + max(a, b), 0.0)

    def stories(self) -> list[Story]:
        """The stories of the brief, largest first (``s1``, ``s2``…)."""
        groups = self._story_groups()
        ids = self._doc_ids
        return [
            Story(f"s{k + 1}", label, [ids[d] for d in members])
            for k, (members, label) in enumerate(zip(groups.groups, groups.labels, strict=True))
        ]

    def story_of(self, doc_id: str) -> str:
        """The id of the story ``doc_id`` belongs to (``KeyError`` if unknown)."""
        if doc_id not in self._doc_ids:
            raise KeyError(doc_id)
        d = self._doc_ids.index(doc_id)
        self._story_groups()
        return f"s{self._story_of[d] + 1}"

    # -- compare ----------------------------------------------------------------------
    def candidates(self, passage_id: str, widen: bool = False) -> dict[int, list[Candidate]]:
        """The scored candidates of every source in scope, with their "covered" features.

        For training and benchmarks (``train/train_compare.py``): keys are document
        numbers, candidates carry unit numbers (``index.units[c.unit].pid``).
        """
        ai = self._index.by_pid[passage_id]
        return self._gather(ai, self.scope(self._index.units[ai].doc, widen), widen)

    def _gather(
        self, anchor_ui: int, docs: Sequence[int] | None, widen: bool = False
    ) -> dict[int, list[Candidate]]:
        index = self._index
        by_doc = gather(index, anchor_ui, docs, self._vectors)
        if not by_doc:
            return by_doc
        vectors = self._vectors
        sentence = vectors.best_sentence if vectors is not None else None
        size = len(index.doc_ids) if docs is None else len(docs)
        if vectors is not None:
            anchor_doc = index.units[anchor_ui].doc
            key = -1 if docs is None or not self._story_of else self._story_of[anchor_doc]
            scope = range(len(index.doc_ids)) if docs is None else docs
            vectors.set_centred(anchor_ui, by_doc.values(), vectors.centre(key, scope))
        style = self._style_of(index.units[anchor_ui].doc, widen)
        covered.add_features(
            index, anchor_ui, by_doc, self._story_p, self.hybrid, size, sentence, style
        )
        return by_doc

    def _decide(
        self, anchor_ui: int, docs: Sequence[int] | None, widen: bool = False
    ) -> dict[int, list[Candidate]]:
        """Candidates per source in scope with their probabilities, most probable first."""
        by_doc = self._gather(anchor_ui, docs, widen)
        if not by_doc:
            return by_doc
        model = linear.model("covered", self.hybrid)
        matrix = np.asarray(
            [c.features for cands in by_doc.values() for c in cands], dtype=np.float64
        )
        probs = model.probabilities(matrix).tolist()
        # paragraphs: the shown candidates of a source in the ranking model's order
        doc = self._index.units[anchor_ui].doc
        ranker = None if self._style_of(doc, widen) else linear.ranker(self.hybrid)
        ranks = ranker.scores(matrix).tolist() if ranker is not None else None
        touches = self.cuts(doc, widen).get("touches", 0.5) if ranker is not None else None
        k = 0
        for cands in by_doc.values():
            for c in cands:
                c.probability = probs[k]
                if ranks is not None:
                    c.rank = ranks[k]
                k += 1
            covered.order(cands, touches)
        return by_doc

    def _style_of(self, doc: int, widen: bool = False) -> bool:
        """Whether the scope of a compare from ``doc`` is sentence-style (cached per story)."""
        self._story_groups()
        key = -1 if widen else self._story_of[doc] if self._story_of else -1
        style = self._styles.get(key)
        if style is None:
            scope = self.scope(doc, widen)
            docs = range(len(self._index.doc_ids)) if scope is None else scope
            style = self._styles[key] = covered.sentence_style(self._index, docs)
        return style

    def cuts(self, doc: int, widen: bool = False) -> dict[str, float]:
        """The covered model's cuts for a compare from document ``doc`` (see
        :func:`.covered.cuts_for`): sentence-style scopes have their own."""
        style = self._style_of(doc, widen)
        return covered.cuts_for(linear.model("covered", self.hybrid).cuts, style)

    def _source(
        self,
        d: int,
        cands: list[Candidate],
        shown: dict[str, float],
        cuts: dict[str, float],
        cap: float = 1.0,
    ) -> SourceCoverage:
        index = self._index
        # the most probable passage decides (the first shown may be another: covered.order)
        best = min(max(c.probability for c in cands), cap) if cands else 0.0
        grade = covered.grade(best, cuts)
        matches: list[Match] = []
        if grade != covered.NOT_COVERED:
            for k, c in enumerate(cands[:MAX_MATCHES]):
                p = min(c.probability, cap)
                g = covered.grade(p, cuts)
                if k and g == covered.NOT_COVERED:
                    continue
                unit = index.units[c.unit]
                matches.append(
                    Match(
                        unit.pid,
                        index.doc_ids[d],
                        unit.text,
                        calibrate(c.lex, self.threshold),
                        explain=explainer(index, shown, unit),
                        probability=round(p, 4),
                        grade=g,
                    )
                )
        return SourceCoverage(index.doc_ids[d], index.titles[d], matches, round(best, 4), grade)

    def scope(self, doc: int, widen: bool = False) -> list[int] | None:
        """The documents a compare from document ``doc`` looks at: its story, or every one."""
        if widen:
            return None
        groups = self._story_groups()
        members = groups.groups[self._story_of[doc]]
        return None if len(members) == len(self._doc_ids) else members

    def compare(self, passage_id: str, widen: bool = False) -> CompareResult:
        """How every other source of the anchor's story covers the event of ``passage_id``.

        ``widen``: every other document of the brief instead. ``KeyError`` if unknown.
        """
        index = self._index
        ai = index.by_pid[passage_id]
        anchor = index.units[ai]
        self._story_groups()
        docs = self.scope(anchor.doc, widen)
        by_doc = self._decide(ai, docs, widen)
        shown = display_terms(anchor.vec, anchor.occs)
        sources: list[SourceCoverage] = []
        anchor_shared: set[str] = set()
        every = range(len(index.doc_ids)) if docs is None else docs
        cuts = self.cuts(anchor.doc, widen)
        own: set[int] = set()
        own_cuts = cuts
        story_docs = self.scope(anchor.doc, False) if widen else None
        if story_docs is not None:
            # The anchor's own story answers as it does unwidened: widening adds sources,
            # it does not regrade the ones already compared (a trial saw a source go from
            # "reports this" 64% to "touches on it" 29% on pressing w).
            own = set(story_docs)
            own_cuts = self.cuts(anchor.doc, False)
            by_doc = {d: c for d, c in by_doc.items() if d not in own}
            by_doc.update(self._decide(ai, story_docs, False))
        for d in every:
            if d == anchor.doc:
                continue
            source = self._source(d, by_doc.get(d, []), shown, own_cuts if d in own else cuts)
            if source.matches:
                top = index.units[index.by_pid[source.matches[0].passage_id]]
                anchor_shared |= shown.keys() & {o[0] for o in top.occs}
            sources.append(source)
        spans = anchor_spans(anchor.occs, anchor_shared)
        story = f"s{self._story_of[anchor.doc] + 1}"
        return CompareResult(
            anchor.pid,
            index.doc_ids[anchor.doc],
            anchor.text,
            spans,
            sources,
            story=story,
            widened=docs is None and widen,
        )

    def compare_text(self, text: str) -> CompareResult:
        """Like :meth:`compare`, from free text ("Oval Office meeting"); every document is a source.

        A short query is matched by how much of its weight a passage contains; the
        best two such passages then act as anchors for the other sources (within
        their stories), so a source that reports the event in other words is still
        found, at most as probable as the passage that found it.
        """
        index = self._index
        occs = index.occurrences(text)
        terms = [o[0] for o in occs]
        qvec = index.vector(terms)
        shown = display_terms(qvec, occs)
        found = matches_for_query(index, qvec, self.threshold, known_share(index, terms))
        cuts = self.cuts(0, widen=True) if index.doc_ids else {}
        best: dict[int, dict[int, tuple[float, float]]] = {}
        for d, lst in found.items():
            for raw, ui in lst:
                p = calibrate(raw, self.threshold)  # 0.5 at the query cover, 1 when whole
                best.setdefault(d, {})[ui] = (p, raw)
        pivots = sorted(
            ((p, ui) for by_unit in best.values() for ui, (p, _raw) in by_unit.items()),
            key=lambda x: (-x[0], x[1]),
        )[:2]
        for pivot_p, pivot in pivots:
            pdoc = index.units[pivot].doc
            pivot_cuts = self.cuts(pdoc)
            for d, cands in self._decide(pivot, self.scope(pdoc)).items():
                for c in cands:
                    p = min(c.probability, pivot_p)
                    if covered.grade(p, pivot_cuts) == covered.NOT_COVERED:
                        continue
                    cur = best.setdefault(d, {}).get(c.unit)
                    if cur is None or p > cur[0]:
                        best[d][c.unit] = (p, c.lex)
        sources = []
        for d in range(len(index.doc_ids)):
            by_unit = best.get(d, {})
            cands = [Candidate(ui, d, raw, 0.0, probability=p) for ui, (p, raw) in by_unit.items()]
            cands.sort(key=lambda c: (-c.probability, c.unit))
            sources.append(self._source(d, cands, shown, cuts))
        spans = anchor_spans(occs, shown)
        return CompareResult(None, None, text, spans, sources, story=None, widened=True)

    def score(self, passage_a: str, passage_b: str) -> float:
        """The calibrated lexical similarity of two passages (0.5 = the old threshold)."""
        a = self._index.units[self._index.by_pid[passage_a]]
        b = self._index.units[self._index.by_pid[passage_b]]
        return calibrate(raw_score(self._index, a, b), self.threshold)

    @property
    def has_events(self) -> bool:
        """True once the events are known (computed, or read from the cache)."""
        return self._events is not None

    def events(self, progress: Callable[[int, int], None] | None = None) -> list[Event]:
        """The events of the brief, most widely covered first; cached after the first call."""
        if self._events is None:
            groups = self._story_groups()
            # as for stories: no second-long collections meanwhile
            with gc_paused(), heap.held():
                self._events = self._detect_events(groups, progress)
        elif progress is not None:
            total = sum(doc.passage_count for doc in self._documents)
            progress(total, total)
        return list(self._events)

    def _detect_events(
        self, groups: stories.StoryGroups, progress: Callable[[int, int], None] | None
    ) -> list[Event]:
        return detect_events(
            self._index,
            groups.groups,
            self._story_of,
            self._story_p,
            linear.model("covered", False),
            lambda d: covered.cuts_for(linear.model("covered", False).cuts, self._style_of(d)).get(
                "touches", 0.5
            ),
            self._style_of,
            progress,
        )

    # -- the brief cache ------------------------------------------------------------
    def index_cache_state(self) -> dict[str, Any]:
        """The passage index as plain data (cached apart: it is by far the largest part)."""
        return self._index.cache_state()

    def cache_state(self, include_index: bool = True) -> dict[str, Any]:
        """The comparer as plain data (no class instances, sets or functions), events
        included: see :func:`.comparerstate.state_of`. ``include_index=False`` leaves the
        passage index out (see :meth:`index_cache_state`)."""
        return comparerstate.state_of(self, include_index)

    @classmethod
    def from_cache_state(
        cls,
        state: dict[str, Any],
        documents: Sequence[Document],
        *,
        semantic_stage: bool | None = None,
        index_state: Callable[[], dict[str, Any] | None] | None = None,
    ) -> Comparer:
        """A comparer from :meth:`cache_state` and the documents it was built from.

        ``ValueError`` (or ``KeyError``/``TypeError`` from a damaged state) when it does
        not fit, or was built with the semantic stage and it is not available now (or
        the other way round): the caller then builds afresh. A state saved without its
        index gets it on first use from ``index_state()`` (:meth:`index_cache_state`),
        else by building it again from the documents.
        """
        if state.get("version") != comparerstate.CACHE_VERSION:
            raise ValueError("unknown comparer cache format")
        self = cls.__new__(cls)
        self._start(documents, semantic_stage)
        if bool(state["hybrid"]) != self.hybrid:
            raise ValueError("the cached comparer was built with another semantic setting")
        self.threshold = float(state["threshold"])
        comparerstate.restore(self, state, index_state)
        return self
