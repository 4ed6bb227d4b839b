"""Events: passages of different sources, within one story, that report one happening.

The seventh stage of compare, built from the alignment within each story
(:mod:`.stories`): a passage is only ever linked to passages of its own story.

1. **Best matches.** For every passage, its best two passages in each other document
   of its story (:func:`best_in_stories`): story by story, over postings of the
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

from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from brieftui.compare import covered, labels
from brieftui.compare.covered import Candidate
from brieftui.compare.index import PassageIndex, Unit
from brieftui.compare.linear import Logistic
from brieftui.compare.results import Event, EventPassage
from brieftui.compare.scoring import PASSAGE_FLOOR, dot, raw_score
from brieftui.compare.unionfind import DisjointSets

EVENT_LARGE = 1000
"""Above this many passages, the partial dot product stands in for the full score."""
TOP_TERMS = 10
"""A passage is matched on its heaviest terms only."""
LOCAL_DF = 0.3
LOCAL_FLOOR = 12
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
) -> Best:
    """Each passage's best two passages in every other document of its story.

    Story by story, over postings of the story's own passages (each passage's
    :data:`TOP_TERMS` heaviest terms; a term in more than :data:`LOCAL_DF` of the
    story's passages, and at least :data:`LOCAL_FLOOR`, is skipped: it is the story's
    vocabulary, not an event's). The partial dot product picks the candidates; with
    ``full`` (a small brief) they get the full lexical score, else the partial product
    (× :data:`PARTIAL_TO_LEX`) stands in for it.
    """
    units = index.units
    total = len(units)
    best: Best = {}
    cache: dict[tuple[int, int], float] = {}
    done = 0
    step = max(1, total // 100)
    next_report = 0
    for docs in story_docs:
        members = [ui for d in docs for ui in index.doc_units[d]]
        done += len(members)
        if len(docs) < 2:
            continue
        members = [ui for ui in members if units[ui].eligible]
        tops = {ui: _top_terms(units[ui].vec) for ui in members}
        local: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for ui, terms in tops.items():
            for t, w in terms:
                local[t].append((ui, w))
        cap = max(LOCAL_FLOOR, int(LOCAL_DF * len(members)))
        for ui in members:
            unit = units[ui]
            acc: dict[int, float] = defaultdict(float)
            for t, w in tops[ui]:
                lst = local[t]
                if len(lst) > cap:
                    continue
                for vi, wv in lst:
                    acc[vi] += w * wv
            by_doc: dict[int, list[tuple[float, int]]] = defaultdict(list)
            doc = unit.doc
            for vi, partial in acc.items():
                d = units[vi].doc
                if d != doc:
                    by_doc[d].append((partial, vi))
            for d, lst in by_doc.items():
                lst.sort(key=lambda x: (-x[0], x[1]))
                for partial, vi in lst[:2]:
                    if full:
                        key = (ui, vi) if ui < vi else (vi, ui)
                        raw = cache.get(key)
                        if raw is None:
                            other = units[vi]
                            cos = dot(unit.vec, other.vec)
                            raw = 0.0 if cos < PASSAGE_FLOOR else raw_score(index, unit, other, cos)
                            cache[key] = raw
                    else:
                        raw = partial * PARTIAL_TO_LEX
                    if raw > 0:
                        _keep(best, (ui, d), raw, vi)
        if progress is not None and done >= next_report:
            progress(done, total)
            next_report = done + step
    return best


def _top_terms(vec: dict[str, float]) -> list[tuple[str, float]]:
    if len(vec) <= TOP_TERMS:
        return list(vec.items())
    return sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]


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
        self._informative: dict[int, int] = {}
        self.model = model
        self.story_p = story_p
        self.story_size = story_size
        self.best = best
        self.tops: dict[int, list[float]] = defaultdict(list)
        self.top_of: dict[int, tuple[float, int]] = {}
        """Unit → its best (score, unit) in any other document."""
        for (ui, _d), lst in best.items():
            self.tops[ui].append(lst[0][0])
            cur = self.top_of.get(ui)
            if cur is None or (lst[0][0], -lst[0][1]) > (cur[0], -cur[1]):
                self.top_of[ui] = lst[0]
        self._stats: dict[int, covered.AnchorStats] = {}

    def stats(self, ui: int) -> covered.AnchorStats:
        got = self._stats.get(ui)
        if got is None:
            doc = self.index.units[ui].doc
            got = self._stats[ui] = covered.anchor_stats(
                self.index, ui, self.tops[ui], [], self.story_size(doc), self.style_of(doc)
            )
        return got

    def probability(self, ui: int, vi: int) -> float:
        """P that ``vi`` reports ``ui``'s event, as the covered model sees it from ``ui``."""
        return self.model.probability(self.row(ui, vi))

    def links(self, pairs: list[tuple[int, int]]) -> list[float]:
        """:meth:`link` of many pairs, the model evaluated once over all their rows."""
        if not pairs:
            return []
        rows = [self.row(ui, vi) for ui, vi in pairs] + [self.row(vi, ui) for ui, vi in pairs]
        p = self.model.probabilities(np.asarray(rows, dtype=np.float64))
        n = len(pairs)
        return (0.5 * (p[:n] + p[n:])).tolist()

    def row(self, ui: int, vi: int) -> list[float]:
        """The covered model's features for ``vi`` as a match of ``ui``."""
        units = self.index.units
        a, b = units[ui], units[vi]
        mine = self.best.get((ui, b.doc), [])
        score = next((s for s, v in mine if v == vi), 0.0)
        others = [s for s, v in mine if v != vi]
        margin = score - (others[0] if others else 0.0)
        back = self.best.get((vi, a.doc), [])
        rank = next((k for k, (_s, v) in enumerate(back) if v == ui), covered.MAX_RANK)
        back_other = next((s for s, v in back if v != ui), 0.0)
        back_mine = next((s for s, v in back if v == ui), score)
        key = (ui, vi) if ui < vi else (vi, ui)
        pair = self._pairs.get(key)
        if pair is None:
            cos = dot(a.vec, b.vec) if self.full else score / PARTIAL_TO_LEX
            shared = covered.shared_counts(self.index, a.vec, b.vec)
            spec = covered.specific(self.index, a.vec, b.vec, self.story_size(a.doc))
            pair = self._pairs[key] = (cos, (shared, spec))
        c = Candidate(vi, b.doc, score, pair[0])
        row = covered.lexical_row(
            self.index,
            self.stats(ui),
            c,
            margin,
            self.story_p(a.doc, b.doc),
            (rank, back_mine - back_other),
            pair[1],
            self._terms(vi),
        )
        return row

    def _terms(self, ui: int) -> int:
        got = self._informative.get(ui)
        if got is None:
            got = self._informative[ui] = covered.informative(self.index, self.index.units[ui].vec)
        return got

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
    best = best_in_stories(index, story_docs, full, progress)
    decider = _Decider(
        index, best, story_p, lambda d: len(story_docs[story_of[d]]), model, style_of, full
    )
    touches: dict[int, float] = {}

    def cut(ui: int) -> float:
        d = units[ui].doc
        if d not in touches:
            touches[d] = touches_of(d)
        return touches[d]

    groups = group_passages(index, best, decider, cut)
    events: list[tuple[tuple, Event]] = []
    in_event: set[int] = set()
    for members in groups:
        in_event.update(members)
        events.append(_make_event(index, members, label, story_of))
    # single-source events: in a story of several documents, passages with specific
    # facts that no other source reports
    for ui, unit in enumerate(units):
        if ui in in_event or not unit.eligible or len(story_docs[story_of[unit.doc]]) < 2:
            continue
        if reports_specific_facts(index, unit) and not _reported_elsewhere(ui, decider, cut(ui)):
            events.append(_make_event(index, [ui], label, story_of))
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
    top = decider.top_of.get(ui)
    return top is not None and decider.probability(ui, top[1]) >= touches


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
    pairs = []
    for (ui, _d), lst in best.items():
        vi = lst[0][1]
        if ui >= vi:
            continue
        back = best.get((vi, units[ui].doc))
        if back is not None and back[0][1] == ui:
            pairs.append((ui, vi))
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
    joins: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (ui, _d), lst in best.items():
        if ui in linked:
            continue
        for score, vi in lst[:1]:
            if vi in linked:
                joins[ui].append((score, vi))
    for ui in sorted(joins):
        score_vi = max(joins[ui], key=lambda x: (x[0], -x[1]))
        vi = score_vi[1]
        if decider.probability(ui, vi) >= touches(ui):
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
    index: PassageIndex, members: list[int], label: Labeller, story_of: Sequence[int]
) -> tuple[tuple, Event]:
    """An event of ``members`` (unit numbers), with its sort key: widest coverage first."""
    units = index.units
    doc_ids = index.doc_ids
    docs = sorted({units[ui].doc for ui in members})
    passages = [EventPassage(units[ui].pid, doc_ids[units[ui].doc]) for ui in members]
    key = (-len(docs), -len(members), members[0])
    named = label(index, members)
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
