"""The facade of compare: one object that answers compare, compare_text, score and events.

The method and its stages are described in :mod:`brieftui.compare`.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from operator import itemgetter

from brieftui.compare.align import candidates, matches_for, matches_for_query
from brieftui.compare.evidence import anchor_spans, display_terms, explainer
from brieftui.compare.index import PassageIndex
from brieftui.compare.labels import label as make_label
from brieftui.compare.results import (
    CompareResult,
    Event,
    EventPassage,
    Evidence,
    Match,
    SourceCoverage,
)
from brieftui.compare.scoring import (
    MIN_SHARED,
    PASSAGE_FLOOR,
    THRESHOLD,
    calibrate,
    dot,
    enough,
    profile,
    raw_score,
)
from brieftui.model import Document

__all__ = [
    "MIN_SHARED",
    "THRESHOLD",
    "CompareResult",
    "Comparer",
    "Event",
    "EventPassage",
    "Evidence",
    "Match",
    "SourceCoverage",
]

# -- calibration (see bench/compare_accuracy.py) ------------------------------------------
EVENT_LARGE = 1000
"""Above this many passages, events use rare-term candidates and cosine links."""
EVENT_MAX_DF = 0.01
"""In large briefs, a term used by at most this share of passages is rare."""
EVENT_RARE_TERMS = 8
OWN_WORDS = 8
"""A passage no other source matches is a single-source event when it carries a date, a
figure, names no other source uses, or at least this many words found nowhere else."""
EVENT_CANDIDATES = 8


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
            self._events = self._detect_events(progress)
        elif progress is not None:
            progress(len(self._index.units), len(self._index.units))
        return list(self._events)

    # -- events ---------------------------------------------------------------------
    def _event_pairs_large(
        self, progress: Callable[[int, int], None] | None
    ) -> tuple[dict[tuple[int, int], tuple[float, int]], dict[int, list[tuple[float, int]]]]:
        """Candidate links in a large brief: passages sharing rare terms, scored by cosine.

        Each passage looks only at the passages that share at least two of its
        :data:`EVENT_RARE_TERMS` most informative rare terms (a term is rare when
        at most :data:`EVENT_MAX_DF` of passages use it); counting is one C-level
        ``Counter.update`` per term, and only the :data:`EVENT_CANDIDATES` passages
        sharing the most get an exact cosine and the evidence check.
        """
        units = self._index.units
        total = len(units)
        df = self._index.df
        cap = max(20, int(EVENT_MAX_DF * total))
        ids: dict[str, list[int]] = {}
        postings = self._index.postings
        eligible = [u.eligible for u in units]
        best: dict[tuple[int, int], tuple[float, int]] = {}
        over: dict[int, list[tuple[float, int]]] = defaultdict(list)
        cache: dict[tuple[int, int], float] = {}
        step = max(1, total // 100)
        second = itemgetter(1)
        for ui, unit in enumerate(units):
            if progress is not None and ui % step == 0:
                progress(ui, total)
            if not eligible[ui]:
                continue
            vec = unit.vec
            rare = [(w, t) for t, w in vec.items() if 2 <= df[t] <= cap]
            if len(rare) < 2:
                continue
            if len(rare) > EVENT_RARE_TERMS:
                rare.sort(reverse=True)
                del rare[EVENT_RARE_TERMS:]
            counts: Counter[int] = Counter()
            for _w, t in rare:
                lst = ids.get(t)
                if lst is None:
                    lst = ids[t] = [vi for vi, _pw in postings[t]]
                counts.update(lst)
            del counts[ui]
            ranked = sorted(counts.items(), key=second, reverse=True)
            doc = unit.doc
            taken = 0
            terms_a = None
            for vi, c in ranked:
                if c < 2 or taken >= EVENT_CANDIDATES:
                    break
                other = units[vi]
                if other.doc == doc or not eligible[vi]:
                    continue
                taken += 1
                key = (ui, vi) if ui < vi else (vi, ui)
                raw = cache.get(key)
                if raw is None:
                    raw = dot(vec, other.vec)
                    if raw >= self.threshold and terms_a is None:
                        terms_a = profile(vec, self._index.idf)
                    if raw < self.threshold or not enough(terms_a, other.vec):
                        raw = 0.0
                    cache[key] = raw
                if raw < self.threshold:
                    continue
                over[ui].append((raw, vi))
                cur = best.get((ui, other.doc))
                if cur is None or (raw, -vi) > (cur[0], -cur[1]):
                    best[(ui, other.doc)] = (raw, vi)
        return best, over

    def _event_pairs_small(
        self, progress: Callable[[int, int], None] | None
    ) -> tuple[dict[tuple[int, int], tuple[float, int]], dict[int, list[tuple[float, int]]]]:
        """Candidate links in a small brief: the full score against the best candidates per document."""
        units = self._index.units
        total = len(units)
        best: dict[tuple[int, int], tuple[float, int]] = {}  # (unit, other doc) -> best (raw, unit)
        over: dict[int, list[tuple[float, int]]] = defaultdict(list)  # all pairs over threshold
        cache: dict[tuple[int, int], float] = {}
        step = max(1, total // 100)
        for ui, unit in enumerate(units):
            if progress is not None and ui % step == 0:
                progress(ui, total)
            if not unit.eligible:
                continue
            cand_map = candidates(self._index, unit.vec, unit.doc, 2, self.threshold, max_df=0.5)
            terms_a = profile(unit.vec, self._index.idf)
            for d, cands in cand_map.items():
                for _p, vi in cands:
                    other = units[vi]
                    if not other.eligible:
                        continue
                    key = (ui, vi) if ui < vi else (vi, ui)
                    raw = cache.get(key)
                    if raw is None:
                        cos = dot(unit.vec, other.vec)
                        if cos < PASSAGE_FLOOR:
                            raw = 0.0
                        else:
                            raw = raw_score(self._index, unit, other, cos)
                            if raw >= self.threshold and not enough(terms_a, other.vec):
                                raw = 0.0
                        cache[key] = raw
                    if raw < self.threshold:
                        continue
                    over[ui].append((raw, vi))
                    cur = best.get((ui, d))
                    if cur is None or (raw, -vi) > (cur[0], -cur[1]):
                        best[(ui, d)] = (raw, vi)
        return best, over

    def _detect_events(self, progress: Callable[[int, int], None] | None) -> list[Event]:
        units = self._index.units
        total = len(units)
        if total > EVENT_LARGE:
            best, over = self._event_pairs_large(progress)
        else:
            best, over = self._event_pairs_small(progress)
        # mutual best matches -> cores
        parent = list(range(total))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        # strongest mutual pairs first; a core never holds two passages of one document,
        # which is what stops events from chaining into one giant event
        mutual = []
        for (ui, _d), (raw, vi) in best.items():
            back = best.get((vi, units[ui].doc))
            if ui < vi and back is not None and back[1] == ui:
                mutual.append((-raw, ui, vi))
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
            root, child = min(ra, rb), max(ra, rb)
            parent[child] = root
            docs_of[root] = da | db
            docs_of.pop(child, None)
        groups: dict[int, set[int]] = defaultdict(set)
        for ui in sorted(linked):
            groups[find(ui)].add(ui)
        # attach unlinked passages to the core they match best (one hop, no chaining)
        for ui in range(total):
            if ui in linked or not over.get(ui):
                continue
            cands = [(raw, vi) for raw, vi in over[ui] if vi in linked]
            if cands:
                raw, vi = max(cands, key=lambda x: (x[0], -x[1]))
                groups[find(vi)].add(ui)
        events: list[tuple[tuple, Event]] = []
        in_event: set[int] = set()
        for members in groups.values():
            in_event.update(members)
            events.append(self._make_event(sorted(members)))
        # single-source events: passages with specific facts no other source reports
        ddf = self._index.ddf
        for ui, unit in enumerate(units):
            if ui in in_event or over.get(ui) or not unit.eligible:
                continue
            specific = [
                t
                for t in unit.vec
                if (
                    t[0] == "@"
                    or (t[0] == "#" and len(t) >= 3)
                    or (t in self._index.names and ddf[t] == 1)
                )
                and self._index.idf[t] > 1.5
            ]
            # or a happening told in words no other source uses ("Police detained seven
            # people ... blockade ... scuffles"): many terms found in this passage only
            own = sum(1 for t in unit.vec if self._index.df[t] == 1 and t not in self._index.names)
            if len(specific) >= 2 or any(t[0] == "@" for t in specific) or own >= OWN_WORDS:
                events.append(self._make_event([ui]))
        if progress is not None:
            progress(total, total)
        events.sort(key=lambda x: x[0])
        out = []
        for n, (_key, ev) in enumerate(events, start=1):
            out.append(Event(f"e{n}", ev.label, ev.passages, ev.doc_ids))
        return out

    def _make_event(self, members: list[int]) -> tuple[tuple, Event]:
        units = self._index.units
        docs = sorted({units[ui].doc for ui in members})
        label = make_label(self._index, members)
        passages = [
            EventPassage(units[ui].pid, self._index.doc_ids[units[ui].doc]) for ui in members
        ]
        key = (-len(docs), -len(members), members[0])
        digest = hashlib.sha1("\n".join(p.passage_id for p in passages).encode()).hexdigest()[:8]
        return key, Event(digest, label, passages, [self._index.doc_ids[d] for d in docs])
