"""The facade of compare: one object that answers compare, compare_text, score and events.

It holds the built :class:`~.index.PassageIndex`, the threshold and the events once
computed, and turns what the stages find (unit numbers and raw scores) into the
plain results of :mod:`.results`. The method and its stages are described in
:mod:`brieftui.compare`; callers outside the package use this class (or the
:class:`~brieftui.brief.Brief` methods over it), never the stages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from brieftui.compare.align import matches_for, matches_for_query
from brieftui.compare.events import detect_events
from brieftui.compare.evidence import anchor_spans, display_terms, explainer
from brieftui.compare.index import PassageIndex
from brieftui.compare.results import (
    CompareResult,
    Event,
    EventPassage,
    Match,
    SourceCoverage,
)
from brieftui.compare.scoring import MIN_SHARED, THRESHOLD, calibrate, raw_score
from brieftui.model import Document

__all__ = ["MIN_SHARED", "THRESHOLD", "Comparer"]


class Comparer:
    """Passage similarity, per-source alignment and event detection over a brief."""

    def __init__(self, documents: Sequence[Document], *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        """Raw score at which two passages report the same event (0.5 once calibrated);
        an attribute so that ``bench/compare_accuracy.py --sweep`` can try others on one
        build. Events are computed at the threshold of their first call, then kept."""
        self._index = PassageIndex.build(documents)
        self._events: list[Event] | None = None

    def _match(self, anchor_terms: dict[str, float], raw: float, ui: int) -> Match:
        """A match of unit ``ui``, its evidence against ``anchor_terms`` left for later."""
        unit = self._index.units[ui]
        return Match(
            unit.pid,
            self._index.doc_ids[unit.doc],
            unit.text,
            calibrate(raw, self.threshold),
            explain=explainer(self._index, anchor_terms, unit),
        )

    # -- public API -----------------------------------------------------------------
    def compare(self, passage_id: str) -> CompareResult:
        """How every other document covers the event of ``passage_id`` (``KeyError`` if unknown)."""
        ai = self._index.by_pid[passage_id]
        anchor = self._index.units[ai]
        found = matches_for(self._index, anchor, anchor.doc, self.threshold)
        sources: list[SourceCoverage] = []
        anchor_shared: set[str] = set()
        shown = display_terms(anchor.vec, anchor.occs)
        for d, doc_id in enumerate(self._index.doc_ids):
            if d == anchor.doc:
                continue
            matches = [self._match(shown, raw, ui) for raw, ui in found.get(d, [])]
            if d in found:
                anchor_shared |= shown.keys() & {
                    o[0] for o in self._index.units[found[d][0][1]].occs
                }
            sources.append(SourceCoverage(doc_id, self._index.titles[d], matches))
        spans = anchor_spans(anchor.occs, anchor_shared)
        return CompareResult(
            anchor.pid, self._index.doc_ids[anchor.doc], anchor.text, spans, sources
        )

    def compare_text(self, text: str) -> CompareResult:
        """Like :meth:`compare`, from free text ("Oval Office meeting"); every document is a source.

        A short query is matched by how much of its weight a passage contains;
        the best such passage then acts as the anchor for the other sources, so
        a source that reports the event in other words is still found.
        """
        occs = self._index.occurrences(text)
        qvec = self._index.vector([o[0] for o in occs])
        shown = display_terms(qvec, occs)
        found_by_doc = matches_for_query(self._index, qvec, self.threshold)
        sources = []
        for d, doc_id in enumerate(self._index.doc_ids):
            matches = [self._match(shown, raw, ui) for raw, ui in found_by_doc.get(d, [])]
            sources.append(SourceCoverage(doc_id, self._index.titles[d], matches))
        spans = anchor_spans(occs, shown)
        return CompareResult(None, None, text, spans, sources)

    def score(self, passage_a: str, passage_b: str) -> float:
        """The calibrated similarity of two passages (0.5 = threshold), for tools and tests."""
        a = self._index.units[self._index.by_pid[passage_a]]
        b = self._index.units[self._index.by_pid[passage_b]]
        return calibrate(raw_score(self._index, a, b), self.threshold)

    def events(self, progress: Callable[[int, int], None] | None = None) -> list[Event]:
        """The events of the brief, most widely covered first; cached after the first call."""
        if self._events is None:
            self._events = detect_events(self._index, self.threshold, progress)
        elif progress is not None:
            progress(len(self._index.units), len(self._index.units))
        return list(self._events)

    # -- the brief cache ------------------------------------------------------------
    def cache_state(self) -> dict[str, Any]:
        """The comparer as plain data (no class instances, sets or functions), events included.

        Passage texts and ids are left out: :meth:`from_cache_state` takes them back
        from the documents, which the document cache already holds.
        """
        events = None
        if self._events is not None:
            events = [
                (e.id, e.label, [(p.passage_id, p.doc_id) for p in e.passages], list(e.doc_ids))
                for e in self._events
            ]
        return {"threshold": self.threshold, "index": self._index.cache_state(), "events": events}

    @classmethod
    def from_cache_state(cls, state: dict[str, Any], documents: Sequence[Document]) -> Comparer:
        """A comparer from :meth:`cache_state` and the documents it was built from.

        ``ValueError`` (or ``KeyError``/``TypeError`` from a damaged state) when it does
        not fit: the caller then builds afresh.
        """
        self = cls.__new__(cls)
        self.threshold = float(state["threshold"])
        self._index = PassageIndex.from_cache_state(state["index"], documents)
        events = state["events"]
        self._events = None
        if events is not None:
            self._events = [
                Event(
                    str(event_id),
                    str(label),
                    [EventPassage(str(pid), str(doc_id)) for pid, doc_id in passages],
                    [str(d) for d in doc_ids],
                )
                for event_id, label, passages, doc_ids in events
            ]
        return self
