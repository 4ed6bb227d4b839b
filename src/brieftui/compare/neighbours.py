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
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

import numpy as np

from brieftui import workers
from brieftui.compare.firstseen import group_ids
from brieftui.compare.index import PassageIndex
from brieftui.compare.topk import top_k
from brieftui.compare.unitmatrix import UnitMatrix

PARALLEL_MIN = 40_000
"""Passages from which half the best matches are found in a worker process (below,
starting it and sending the top terms cost more than the second core saves)."""
OWN_SHARE = 0.54
"""The share of the passages whose batches are scored here when a worker takes the rest
(the worker also starts, and receives the top terms: at half and half this process
waited up to 0.3 s for it at 10,000 articles)."""
PRELOAD = (__name__,)
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


@dataclass
class TopTerms:
    """Every passage's :func:`top_terms` as flat arrays: unit ``u``'s are
    ``ptr[u]:ptr[u + 1]``, in :func:`top_terms` order (which the partial sums follow)."""

    ptr: np.ndarray
    term: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, matrix: UnitMatrix) -> TopTerms:
        """From the passage vectors: a vector of up to :data:`TOP_TERMS` terms in its own
        order, a longer one's heaviest first (ties: the earlier term, by its text).

        A longer vector's heaviest terms are found by :func:`.topk.top_k` (a partition),
        and only the kept entries are sorted (ranking every long vector's weights was a
        second at 10,000 articles)."""
        lens = matrix.lengths()
        n_units = len(lens)
        n_entries = len(matrix.term)
        unit = np.repeat(np.arange(n_units), lens)
        place = np.arange(n_entries) - np.repeat(matrix.indptr[:-1], lens)
        long = (lens > TOP_TERMS)[unit]
        vocabulary = matrix.vocabulary
        text = np.zeros(len(vocabulary), dtype=np.int64)
        if long.any():
            alphabetical = sorted(range(len(vocabulary)), key=vocabulary.__getitem__)
            text[np.asarray(alphabetical, dtype=np.int64)] = np.arange(len(vocabulary))
        last = np.where(long, text[matrix.term], place)
        kept = top_k(unit, matrix.weight, last, TOP_TERMS, n_units)
        # the kept entries in order by one integer key: unit, then weight (its rank,
        # heaviest first), then the term's text; a short vector keeps its own order
        # (its place as the last key)
        k_unit, k_long, k_last = unit[kept], long[kept], last[kept]
        heavy = _weight_ranks(matrix.weight[kept], k_long)
        width = max(len(vocabulary), TOP_TERMS + 1)
        levels = int(heavy.max(initial=0)) + 1
        if n_units * levels * width < 2**62:
            order = np.argsort((k_unit * levels + heavy) * width + k_last)
        else:  # too large for one key: the same order, slower
            order = np.lexsort((k_last, heavy, k_unit))
        keep = kept[order]
        ptr = np.zeros(n_units + 1, dtype=np.int64)
        np.cumsum(np.minimum(lens, TOP_TERMS), out=ptr[1:])
        return cls(ptr, matrix.term[keep], matrix.weight[keep])


def _weight_ranks(weight: np.ndarray, long: np.ndarray) -> np.ndarray:
    """Each ``long`` entry's rank among the ``long`` entries' weights, heaviest 0, equal
    weights one rank (0 elsewhere): only long vectors are cut, so only they are ranked
    (``np.unique`` over every weight was a third of this at 10,000 articles)."""
    heavy = np.zeros(len(weight), dtype=np.int64)
    if long.any():
        heavy[long] = group_ids(-weight[long])
    return heavy


Rows = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""``(unit, other document, rank 0/1, partial product, other unit)``, by unit, document, rank."""


def best_two(
    index: PassageIndex, stories: list[list[int]], tops: TopTerms | None = None
) -> Candidates:
    """For every member of these stories, its best two candidates in each other document
    of its story, by partial dot product (see the module doc)."""
    for rows in best_two_rows(index, stories, tops):
        yield from _as_lists(rows)


def best_two_rows(
    index: PassageIndex,
    stories: list[list[int]],
    tops: TopTerms | None = None,
    unit_doc: np.ndarray | None = None,
) -> Iterator[Rows]:
    """:func:`best_two` as arrays, a slice of members at a time (``unit_doc``: the index's
    as an array, made once for all batches)."""
    if tops is None:
        tops = TopTerms.of(UnitMatrix.of(index))
    if unit_doc is None:
        unit_doc = np.asarray(index.unit_doc, dtype=np.int64)
    sizes = np.fromiter(map(len, stories), dtype=np.int64, count=len(stories))
    uis = np.fromiter(chain.from_iterable(stories), dtype=np.int64, count=int(sizes.sum()))
    if not len(uis):
        return
    caps = np.maximum(LOCAL_FLOOR, (LOCAL_DF * sizes).astype(np.int64))
    member_story = np.repeat(np.arange(len(stories)), sizes)
    starts = tops.ptr[uis]
    lens = tops.ptr[uis + 1] - starts
    member = np.repeat(np.arange(len(uis)), lens)
    pos = np.repeat(starts, lens) + (
        np.arange(len(member)) - np.repeat(np.cumsum(lens) - lens, lens)
    )
    if not len(pos):
        return
    story = member_story[member]
    weight = tops.weight[pos]
    docs = unit_doc[uis]
    # one posting list per (story, term), in member order (the entries' order)
    key = story * (int(tops.term.max()) + 1) + tops.term[pos]
    _, group, sizes_g = np.unique(key, return_inverse=True, return_counts=True)
    group = group.reshape(-1)
    order = np.argsort(group, kind="stable")
    g_starts = np.concatenate(([0], np.cumsum(sizes_g)[:-1]))
    count = sizes_g[group]
    # a term used by more than the story's cap of its passages is skipped
    count[count > caps[story]] = 0
    per_member = np.bincount(member, weights=count, minlength=len(uis)).astype(np.int64)
    ends = np.cumsum(per_member)
    lo = 0
    while lo < len(uis):
        base = ends[lo - 1] if lo else 0
        hi = int(np.searchsorted(ends, base + MAX_PRODUCTS, side="right"))
        hi = max(hi, lo + 1)
        rows = _slice(member, weight, group, order, g_starts, count, uis, docs, lo, hi)
        if rows is not None:
            yield rows
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
) -> Rows | None:
    """The candidates of members ``lo`` to ``hi`` (positions among the batch's members)."""
    first_entry = np.searchsorted(member, lo, side="left")
    last_entry = np.searchsorted(member, hi, side="left")
    anchors = first_entry + np.flatnonzero(count[first_entry:last_entry] > 0)
    if not len(anchors):
        return None
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
    return ua[keep], db[keep], rank[keep], partial[keep], ub[keep]


def _as_lists(rows: Rows) -> Candidates:
    """``(unit, document, [(partial, unit), ...])`` from :func:`best_two_rows`' arrays."""
    ua, db, rank, partial, ub = rows
    current: list[tuple[float, int]] = []
    key: tuple[int, int] | None = None
    it = zip(ua.tolist(), ub.tolist(), db.tolist(), partial.tolist(), rank.tolist(), strict=True)
    for u, v, d, p, r in it:
        if r == 0:
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
    for rows in best_match_rows(index, story_docs, progress):
        yield from _as_lists(rows)


def best_match_rows(
    index: PassageIndex,
    story_docs: Sequence[Sequence[int]],
    progress: Callable[[int, int], None] | None = None,
    matrix: UnitMatrix | None = None,
) -> Iterator[Rows]:
    """:func:`best_matches` as arrays (:data:`Rows`), batch by batch; in a big brief
    with a core idle, the later half of the batches in a worker process (the rows are
    the same, in the same order)."""
    total = len(index.units)
    step = max(1, total // 100)
    tops = TopTerms.of(matrix if matrix is not None else UnitMatrix.of(index))
    unit_doc = np.asarray(index.unit_doc, dtype=np.int64)
    batches = list(story_batches(index, story_docs, step))
    half = _later_half(batches, total)
    worker = None
    if half < len(batches):
        worker = workers.offload(
            rows_of_batches, tops, unit_doc, [b for _done, b in batches[half:]], preload=PRELOAD
        )
    mine = batches if worker is None else batches[:half]
    for done, stories in mine:
        yield from best_two_rows(index, stories, tops, unit_doc)
        if progress is not None:
            progress(done, total)
    if worker is None:
        return
    try:
        theirs = worker.result()
        if len(theirs) != len(batches) - half:
            raise ValueError("a worker's rows do not match its batches")
    except Exception:  # the worker failed: its half here
        theirs = [list(best_two_rows(index, b, tops, unit_doc)) for _done, b in batches[half:]]
    for (done, _stories), rows in zip(batches[half:], theirs, strict=True):
        yield from rows
        if progress is not None:
            progress(done, total)


def _later_half(batches: list[tuple[int, list[list[int]]]], total: int) -> int:
    """The first batch of the worker's half (``len(batches)``: none for a worker)."""
    if total < PARALLEL_MIN or len(batches) < 2:
        return len(batches)
    for k, (done, _stories) in enumerate(batches):
        if done >= total * OWN_SHARE:
            return max(1, min(k + 1, len(batches) - 1))
    return len(batches)


def rows_of_batches(
    tops: TopTerms, unit_doc: np.ndarray, batches: list[list[list[int]]]
) -> list[list[Rows]]:
    """In a worker: :func:`best_two_rows` of each batch of stories."""
    return [list(best_two_rows(None, stories, tops, unit_doc)) for stories in batches]  # type: ignore[arg-type]
