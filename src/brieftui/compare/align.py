"""Alignment: for one anchor, the candidate passages of every other source in its scope.

The fifth stage of compare: which passages to score (after bm25s/selection.py,
selection apart from scoring), then scored with :mod:`.scoring` and, with the
semantic stage, by embedding cosine. The scope is the anchor's story (or the whole
brief when widened): a document outside it is never a candidate. Inverted postings
(term → passages) give lexical candidates: the best few per document by a partial
dot product over the anchor's most informative terms; with the semantic stage the
passages nearest in embedding join them (paraphrase shares few words). Only the
:data:`SENTENCE_BUDGET` best of all candidates get the sentence-level score (the
rest: passage cosine). Above :data:`LARGE` passages the pruning is harder still, so
that a compare stays under 50 ms at 1,000 articles.

Whether a candidate reports the anchor's event is decided by :mod:`.covered`; this
module gathers and scores.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable

from brieftui.compare.covered import Candidate
from brieftui.compare.index import PassageIndex
from brieftui.compare.names import is_weighed
from brieftui.compare.scoring import HIGH, dot, raw_score
from brieftui.compare.semantic import PassageVectors
from brieftui.compare.weights import Vector, bm25_idf, boost

MAX_MATCHES = 5
"""At most this many matches per source."""
PER_DOC = MAX_MATCHES + 2
"""Lexical candidates kept per source before scoring."""
SEMANTIC_PER_DOC = 0
"""Candidates per source by embedding cosine (semantic stage)."""
LARGE = 3000
"""Above this many passages, scoring is pruned harder (see :func:`gather`)."""
SENTENCE_BUDGET = 40
"""In large scopes, only this many best candidates get the sentence-level score."""
QUERY_COVER = 0.6
"""A passage answers a free-text query when it holds this share of the query's weight."""
MAX_SOURCES = 60
"""At most this many sources get scored candidates (by their best partial product)."""
PARTIAL_FLOOR = 0.03
"""In a large brief, a candidate whose partial dot product is under this is dropped."""

Found = dict[int, list[tuple[float, int]]]
"""Document number → ``(raw score, unit number)`` best first."""


def candidates(
    index: PassageIndex,
    vec: Vector,
    exclude_doc: int,
    per_doc: int,
    docs: Collection[int] | None = None,
    max_df: float = 0.5,
) -> Found:
    """Best ``per_doc`` candidates per document (of ``docs``, when given) by a partial dot product."""
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
    cut = PARTIAL_FLOOR if large else -1.0
    for ui, s in acc.items():
        if s < cut:
            continue
        d = unit_doc[ui]
        if d != exclude_doc and (docs is None or d in docs):
            by_doc[d].append((s, ui))
    for lst in by_doc.values():
        lst.sort(key=lambda x: (-x[0], x[1]))
        del lst[per_doc:]
    return by_doc


def gather(
    index: PassageIndex,
    anchor_ui: int,
    docs: Collection[int] | None,
    vectors: PassageVectors | None = None,
) -> dict[int, list[Candidate]]:
    """Every candidate passage per source in scope, scored lexically (and semantically).

    ``docs``: the documents in scope (the anchor's story), ``None`` for the whole brief.
    """
    anchor = index.units[anchor_ui]
    if not anchor.eligible:
        return {}
    large = index.n > LARGE
    per_doc = 2 if large else PER_DOC
    cands = candidates(index, anchor.vec, anchor.doc, per_doc, docs)
    if len(cands) > MAX_SOURCES:
        # a widened compare over a large brief: the sources whose best candidate shares
        # most; the others' best passages share too little to report the event
        ranked = sorted(cands, key=lambda d: (-cands[d][0][0], d))
        cands = {d: cands[d] for d in ranked[:MAX_SOURCES]}
    sem: dict[int, float] = {}
    if vectors is not None and SEMANTIC_PER_DOC:
        # passages nearest in embedding join the candidates: every passage of the scope
        every = range(len(index.doc_ids)) if docs is None else sorted(docs)
        scope = [d for d in every if d != anchor.doc]
        vectors.ensure([*scope, anchor.doc])
        units = [ui for d in scope for ui in index.doc_units[d] if index.units[ui].eligible]
        if units:
            cos = vectors.cosines(anchor_ui, units)
            by_doc_sem: dict[int, list[tuple[float, int]]] = defaultdict(list)
            for ui, c in zip(units, cos.tolist(), strict=True):
                sem[ui] = c
                by_doc_sem[index.unit_doc[ui]].append((c, ui))
            for d, lst in by_doc_sem.items():
                lst.sort(key=lambda x: (-x[0], x[1]))
                have = {ui for _p, ui in cands.get(d, ())}
                for _c, ui in lst[:SEMANTIC_PER_DOC]:
                    if ui not in have:
                        cands.setdefault(d, []).append((0.0, ui))
    elif vectors is not None:
        # only the lexical candidates (and the anchor) are embedded
        units = [ui for lst in cands.values() for _p, ui in lst]
        vectors.ensure_units([anchor_ui, *units])
        if units:
            sem = dict(zip(units, vectors.cosines(anchor_ui, units).tolist(), strict=True))
    everything = [(p, ui) for lst in cands.values() for p, ui in lst]
    budgeted = len(everything) > SENTENCE_BUDGET
    full: set[int] = set()
    if budgeted:
        everything.sort(key=lambda x: (-x[0], x[1]))
        full = {ui for _p, ui in everything[:SENTENCE_BUDGET]}
    units = index.units
    out: dict[int, list[Candidate]] = {}
    for d, lst in cands.items():
        scored = []
        for _partial, ui in lst:
            unit = units[ui]
            if not unit.eligible:
                continue
            cos = dot(anchor.vec, unit.vec)
            # outside the budget, half the cosine stands in for the full score (which is
            # 0.3 · cosine + 0.7 · sentence score, and sentences rarely beat passages)
            raw = cos * 0.5 if budgeted and ui not in full else raw_score(index, anchor, unit, cos)
            scored.append(Candidate(ui, d, raw, cos, sem.get(ui, 0.0)))
        if scored:
            scored.sort(key=lambda c: (-c.lex, c.unit))
            out[d] = scored
    return out


def known_share(index: PassageIndex, terms: Iterable[str]) -> float:
    """The share of a query's weight that the brief's vocabulary holds.

    A query word no passage uses ("Lohan" in a brief on NATO) weighs as the rarest
    term would (a document frequency of 0), and no passage holds it: so a query of
    which the brief knows only "two" or "check" is not "covered" by every passage
    that says "two" (from a new-user trial: "Two women and a man died in the fire"
    was reported at 100% by a passage on the Kremlin).
    """
    tw = index.tw
    rare = None
    known = unknown = 0.0
    for term, count in Counter(terms).items():
        if not is_weighed(term):
            continue
        w = tw.get(term)
        tf = 1.0 if count == 1 else 1.0 + math.log(count)
        if w is not None:
            known += w * tf
            continue
        if term in index.df:
            continue  # in the brief but weighing nothing (a stopword-like term)
        if rare is None:
            rare = bm25_idf(0, max(index.n, 1))
        unknown += rare * boost(term, index.names) * tf
    total = known + unknown
    return known / total if total > 0 else 0.0


def matches_for_query(
    index: PassageIndex, qvec: Vector, threshold: float, known: float = 1.0
) -> Found:
    """Per document, the passages that answer a free-text query, best first.

    A short query is matched by how much of its weight a passage contains (at
    least :data:`QUERY_COVER`), scored from the threshold (at ``QUERY_COVER``) up to
    :data:`~.scoring.HIGH`. The comparer then uses the best such passages as anchors
    for the other sources, so that a source that reports the event in other words
    is still found. ``known``: the share of the query's weight the brief's vocabulary
    holds (:func:`known_share`); the rest is held by no passage.
    """
    found: dict[int, dict[int, float]] = defaultdict(dict)
    if qvec:
        total = sum(qvec.values())
        cover: dict[int, float] = defaultdict(float)
        for term, w in qvec.items():
            for ui, _pw in index.postings.get(term, ()):
                cover[ui] += w
        ranked = sorted(
            ((known * c / total, ui) for ui, c in cover.items()), key=lambda x: (-x[0], x[1])
        )
        hits = [(c, ui) for c, ui in ranked if c >= QUERY_COVER]
        for c, ui in hits[:50]:
            raw = threshold + (HIGH - threshold) * (c - QUERY_COVER) / (1 - QUERY_COVER)
            d = index.units[ui].doc
            found[d][ui] = max(found[d].get(ui, 0.0), raw)
    out: Found = {}
    for d, by_unit in found.items():
        ranked_d = sorted(((raw, ui) for ui, raw in by_unit.items()), key=lambda x: (-x[0], x[1]))
        out[d] = ranked_d[:MAX_MATCHES]
    return out
