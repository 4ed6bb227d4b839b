"""Alignment: for one anchor, the passages of every other source that report its event.

The fifth stage of compare: which passages to score (after bm25s/selection.py,
selection apart from scoring), scored with :mod:`.scoring`, gated, best first.
Inverted postings (term → passages) give candidates; only the best few
candidates per document, by a partial dot product over the anchor's most
informative terms, are scored, and only the :data:`SENTENCE_BUDGET` best of all
candidates get the sentence-level score (the rest: passage cosine). Above
:data:`LARGE` passages the pruning is harder still, so that a compare stays
under 50 ms at 1,000 articles.

Results are ``{document number: [(raw score, unit number), ...]}``, best first;
the facade turns them into :class:`~.results.Match` es.
"""

from __future__ import annotations

from collections import defaultdict

from brieftui.compare.index import PassageIndex, Unit
from brieftui.compare.scoring import HIGH, PASSAGE_FLOOR, dot, enough, profile, raw_score
from brieftui.compare.weights import Vector

MAX_MATCHES = 5
"""At most this many matches per source."""
LARGE = 3000
"""Above this many passages, scoring is pruned harder (see :func:`matches_for`)."""
SENTENCE_BUDGET = 40
"""In large briefs, only this many best candidates get the sentence-level score."""
QUERY_COVER = 0.6
"""A passage answers a free-text query when it holds this share of the query's weight."""

Found = dict[int, list[tuple[float, int]]]
"""Document number → ``(raw score, unit number)`` best first."""


def candidates(
    index: PassageIndex,
    vec: Vector,
    exclude_doc: int,
    per_doc: int,
    threshold: float,
    max_df: float = 0.5,
) -> Found:
    """Best ``per_doc`` candidates per document by a partial dot product."""
    large = index.n > LARGE
    limit = max(50, int(index.n * (min(max_df, 0.03) if large else max_df)))
    terms = sorted(vec.items(), key=lambda kv: -kv[1])
    acc: dict[int, float] = defaultdict(float)
    postings = index.postings
    for term, w in terms[: 12 if large else 24]:
        plist = postings.get(term)
        if plist is None or len(plist) > limit:
            continue
        for ui, pw in plist:
            acc[ui] += w * pw
    by_doc: dict[int, list[tuple[float, int]]] = defaultdict(list)
    unit_doc = index.unit_doc
    # in a large brief a candidate this far under the threshold cannot make it
    cut = 0.5 * threshold if large else -1.0
    for ui, s in acc.items():
        if s < cut:
            continue
        d = unit_doc[ui]
        if d != exclude_doc:
            by_doc[d].append((s, ui))
    for lst in by_doc.values():
        if len(lst) > per_doc:
            lst.sort(key=lambda x: (-x[0], x[1]))
            del lst[per_doc:]
    return by_doc


def matches_for(index: PassageIndex, anchor: Unit, exclude_doc: int, threshold: float) -> Found:
    """Per document, (raw score, unit number) of the passages over the threshold.

    Only the :data:`SENTENCE_BUDGET` best candidates (by the partial dot product)
    get the full score; the rest are scored by passage cosine alone (in a large
    brief by the partial product, which approximates it).
    """
    large = index.n > LARGE
    per_doc = 2 if large else MAX_MATCHES + 2
    cands = candidates(index, anchor.vec, exclude_doc, per_doc, threshold)
    everything = [(p, ui) for lst in cands.values() for p, ui in lst]
    budgeted = len(everything) > SENTENCE_BUDGET
    full: set[int] = set()
    if budgeted:
        everything.sort(key=lambda x: (-x[0], x[1]))
        full = {ui for _p, ui in everything[:SENTENCE_BUDGET]}
    out: Found = {}
    anchor_profile = profile(anchor.vec, index.idf)
    units = index.units
    for d, lst in cands.items():
        scored = []
        for partial, ui in lst:
            unit = units[ui]
            if not unit.eligible:
                continue
            if budgeted and ui not in full:
                raw = partial if large else dot(anchor.vec, unit.vec)
                if raw < threshold:
                    continue
            else:
                cos = dot(anchor.vec, unit.vec)
                if cos < PASSAGE_FLOOR:
                    continue
                raw = raw_score(index, anchor, unit, cos)
            if raw >= threshold and enough(anchor_profile, unit.vec):
                scored.append((raw, ui))
        if scored:
            scored.sort(key=lambda x: (-x[0], x[1]))
            out[d] = scored[:MAX_MATCHES]
    return out


def matches_for_query(index: PassageIndex, qvec: Vector, threshold: float) -> Found:
    """Per document, the passages that answer a free-text query, best first.

    A short query is matched by how much of its weight a passage contains (at
    least :data:`QUERY_COVER`); the best two such passages then act as anchors for
    the other sources, so a source that reports the event in other words is
    still found (scored at most as high as the anchor that found it).
    """
    found: dict[int, dict[int, float]] = defaultdict(dict)
    if qvec:
        total = sum(qvec.values())
        cover: dict[int, float] = defaultdict(float)
        for term, w in qvec.items():
            for ui, _pw in index.postings.get(term, ()):
                cover[ui] += w
        ranked = sorted(((c / total, ui) for ui, c in cover.items()), key=lambda x: (-x[0], x[1]))
        hits = [(c, ui) for c, ui in ranked if c >= QUERY_COVER]
        for c, ui in hits[:50]:
            raw = threshold + (HIGH - threshold) * (c - QUERY_COVER) / (1 - QUERY_COVER)
            d = index.units[ui].doc
            found[d][ui] = max(found[d].get(ui, 0.0), raw)
        for _c, pivot in hits[:2]:
            pu = index.units[pivot]
            found[pu.doc].setdefault(pivot, threshold)
            for d, lst in matches_for(index, pu, pu.doc, threshold).items():
                for raw, ui in lst:
                    # a passage found only through the pivot scores at most the pivot's score
                    capped = min(raw, found[pu.doc][pivot])
                    if capped > found[d].get(ui, 0.0):
                        found[d][ui] = capped
    out: Found = {}
    for d, by_unit in found.items():
        ranked_d = sorted(((raw, ui) for ui, raw in by_unit.items()), key=lambda x: (-x[0], x[1]))
        out[d] = ranked_d[:MAX_MATCHES]
    return out
