"""Best matches within stories: the candidate search of events, as numpy over postings.

Events (:mod:`.events`) start from each passage's best two passages in every other
document of its story, found by a partial dot product over the story's own postings
(each passage's :data:`TOP_TERMS` heaviest terms; a term in more than
:data:`LOCAL_DF` of the story's passages, and at least :data:`LOCAL_FLOOR`, is skipped:
it is the story's vocabulary, not an event's). Done passage by passage in Python this
was a dictionary update per (passage, term, posting): 6 s of a 5,000-article build.

Here the same products are formed for many stories at once: every (story, term) is
one posting list, each passage's entries are crossed with the lists of its terms, and
the products of a pair are summed by :func:`numpy.bincount`, which adds them in array
order: the entries are laid out in each passage's term order, so every pair's partial
product is the very same float sum the loop made (the large-brief score and every tie
depend on it). The crossing is done a slice of passages at a time (at most
:data:`MAX_PRODUCTS` products), so one large story cannot take the memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter

import numpy as np

from brieftui.compare.index import PassageIndex

TOP_TERMS = 10
"""A passage is matched on its heaviest terms only."""
LOCAL_DF = 0.3
LOCAL_FLOOR = 12
MAX_PRODUCTS = 2_000_000
"""Products formed at once (a slice of passages; the arrays take about 40 bytes each)."""

Candidates = Iterator[tuple[int, int, list[tuple[float, int]]]]
"""``(unit, other document, [(partial product, unit), ...])``: the best two, best first."""


def top_terms(vec: dict[str, float]) -> list[tuple[str, float]]:
    """A passage vector's :data:`TOP_TERMS` heaviest terms (ties: the earlier term)."""
    if len(vec) <= TOP_TERMS:
        return list(vec.items())
    # by term, then (stable, in C) by weight descending: (-weight, term) order
    return sorted(sorted(vec.items()), key=itemgetter(1), reverse=True)[:TOP_TERMS]


def story_batches(
    index: PassageIndex, story_docs: Sequence[Sequence[int]], step: int
) -> Iterator[tuple[int, list[list[int]]]]:
    """``(passages counted, [eligible members of each story])`` in batches of about
    ``step`` passages; stories of one document give no members (nothing to match)."""
    units = index.units
    done = 0
    batch: list[list[int]] = []
    size = 0
    for docs in story_docs:
        members = [ui for d in docs for ui in index.doc_units[d]]
        done += len(members)
        size += len(members)
        if len(docs) >= 2:
            batch.append([ui for ui in members if units[ui].eligible])
        if size >= step:
            yield done, batch
            batch, size = [], 0
    if batch or size:
        yield done, batch


def best_two(index: PassageIndex, stories: list[list[int]]) -> Candidates:
    """For every member of these stories, its best two candidates in each other document
    of its story, by partial dot product (see the module doc)."""
    units = index.units
    term_id: dict[str, int] = {}
    tid = term_id.setdefault
    e_story: list[int] = []
    e_member: list[int] = []
    e_term: list[int] = []
    e_w: list[float] = []
    member_ui: list[int] = []
    caps: list[int] = []
    for s, members in enumerate(stories):
        caps.append(max(LOCAL_FLOOR, int(LOCAL_DF * len(members))))
        for ui in members:
            m = len(member_ui)
            member_ui.append(ui)
            for t, w in top_terms(units[ui].vec):
                e_story.append(s)
                e_member.append(m)
                e_term.append(tid(t, len(term_id)))
                e_w.append(w)
    if not e_w:
        return
    story = np.asarray(e_story, dtype=np.int64)
    member = np.asarray(e_member, dtype=np.int64)
    weight = np.asarray(e_w, dtype=np.float64)
    uis = np.asarray(member_ui, dtype=np.int64)
    docs = np.asarray(index.unit_doc, dtype=np.int64)[uis]
    # one posting list per (story, term), in member order (the entries' order)
    key = story * len(term_id) + np.asarray(e_term, dtype=np.int64)
    _, group, sizes = np.unique(key, return_inverse=True, return_counts=True)
    group = group.reshape(-1)
    order = np.argsort(group, kind="stable")
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    count = sizes[group]
    # a term used by more than the story's cap of its passages is skipped
    count[count > np.asarray(caps, dtype=np.int64)[story]] = 0
    per_member = np.bincount(member, weights=count, minlength=len(member_ui)).astype(np.int64)
    ends = np.cumsum(per_member)
    lo = 0
    while lo < len(member_ui):
        base = ends[lo - 1] if lo else 0
        hi = int(np.searchsorted(ends, base + MAX_PRODUCTS, side="right"))
        hi = max(hi, lo + 1)
        yield from _slice(member, weight, group, order, starts, count, uis, docs, lo, hi)
        lo = hi


def _slice(
    member: np.ndarray,
    weight: np.ndarray,
    group: np.ndarray,
    order: np.ndarray,
    starts: np.ndarray,
    count: np.ndarray,
    uis: np.ndarray,
    docs: np.ndarray,
    lo: int,
    hi: int,
) -> Candidates:
    """The candidates of members ``lo`` to ``hi`` (positions among the batch's members)."""
    anchors = np.flatnonzero((member >= lo) & (member < hi) & (count > 0))
    if not len(anchors):
        return
    reps = count[anchors]
    a = np.repeat(anchors, reps)  # in the anchors' entry order: each member's term order
    offset = np.arange(len(a)) - np.repeat(np.cumsum(reps) - reps, reps)
    b = order[starts[group[a]] + offset]
    products = weight[a] * weight[b]
    ma, mb = member[a], member[b]
    n_members = len(uis)
    pair, inverse = np.unique(ma * n_members + mb, return_inverse=True)
    partial = np.bincount(inverse.reshape(-1), weights=products, minlength=len(pair))
    pa, pb = pair // n_members, pair % n_members
    other = docs[pb] != docs[pa]
    pa, pb, partial = pa[other], pb[other], partial[other]
    ua, ub, db = uis[pa], uis[pb], docs[pb]
    # best first within (anchor, document): higher partial, then the lower unit
    rank_order = np.lexsort((ub, -partial, db, pa))
    ua, ub, db, partial = ua[rank_order], ub[rank_order], db[rank_order], partial[rank_order]
    head = np.ones(len(ua), dtype=bool)
    head[1:] = (ua[1:] != ua[:-1]) | (db[1:] != db[:-1])
    firsts = np.flatnonzero(head)
    rank = np.arange(len(ua)) - np.repeat(firsts, np.diff(np.append(firsts, len(ua))))
    keep = rank < 2
    ua, ub, db, partial, head = ua[keep], ub[keep], db[keep], partial[keep], head[keep]
    rows = zip(ua.tolist(), ub.tolist(), db.tolist(), partial.tolist(), head.tolist(), strict=True)
    current: list[tuple[float, int]] = []
    key: tuple[int, int] | None = None
    for u, v, d, p, first in rows:
        if first:
            if key is not None:
                yield key[0], key[1], current
            key, current = (u, d), []
        current.append((p, v))
    if key is not None:
        yield key[0], key[1], current


def best_matches(
    index: PassageIndex,
    story_docs: Sequence[Sequence[int]],
    progress: Callable[[int, int], None] | None = None,
) -> Candidates:
    """:func:`best_two` of every story, reporting ``progress(done, total)`` by batch."""
    total = len(index.units)
    step = max(1, total // 100)
    for done, stories in story_batches(index, story_docs, step):
        yield from best_two(index, stories)
        if progress is not None:
            progress(done, total)
