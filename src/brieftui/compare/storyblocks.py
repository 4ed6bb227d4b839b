"""Story candidate pairs of a large brief: each document's nearest, a block at a time.

Stories (:mod:`.stories`) score, in a large brief, each document's nearest documents
by the dot products of their vectors over shared terms. Forming every pair of every
shared term and sorting them all grows faster than the brief (a term in 2% of 10,000
documents makes 20,000 pairs); here a block of documents meets every document at once
and keeps its nearest, with the very same sums.
"""

from __future__ import annotations

import numpy as np

from brieftui.compare.topk import top_k

BLOCK_CELLS = 4_000_000
"""Document pairs accumulated at once by :func:`nearest_pairs` (a block of documents
against every document)."""
BLOCK_PRODUCTS = 3_000_000
"""Products formed at once by :func:`nearest_pairs` (about 60 bytes each)."""


def nearest_pairs(
    doc: np.ndarray,
    w: np.ndarray,
    starts: np.ndarray,
    sizes: np.ndarray,
    cap: int,
    n: int,
    k: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`.stories.candidate_pairs` of a large brief: every document's ``k`` nearest, found a
    block of documents at a time.

    The same pairs and sums as forming every pair of every shared term, summing them
    after one sort of all of them and keeping each document's nearest
    (:func:`_nearest`; at 10,000 articles tens of millions of products), without that
    sort: each document of a block meets every document it shares a term with, its
    products added (:func:`numpy.bincount`, in array order) into one cell per document
    pair in increasing term order, as the pairs' sums were; then each keeps its ``k``
    most similar, ties in :func:`.stories._nearest`'s order (later documents first, then earlier
    ones, each in increasing order). Seen from either side, a pair's sums are the very
    same floats (the same products in the same term order).
    """
    size_of = np.repeat(sizes, sizes)
    start_of = np.repeat(starts, sizes)
    entry = np.flatnonzero((size_of >= 2) & (size_of <= cap))
    # the usable entries by document, each document's terms in increasing order
    entry = entry[np.argsort(doc[entry], kind="stable")]
    doc_start = np.searchsorted(doc[entry], np.arange(n + 1))
    reach = size_of[entry] - 1  # the partners met through each entry
    reach_end = np.concatenate(([0], np.cumsum(reach)))
    doc_products = reach_end[doc_start]  # products formed before each document
    blocks: list[Block] = []
    lo = 0
    while lo < n:
        hi = int(np.searchsorted(doc_products, doc_products[lo] + BLOCK_PRODUCTS, side="right"))
        hi = max(lo + 1, min(hi - 1, n, lo + max(1, BLOCK_CELLS // n)))
        e_lo, e_hi = int(doc_start[lo]), int(doc_start[hi])
        total = int(reach_end[e_hi] - reach_end[e_lo])
        if total:
            blocks.append((entry[e_lo:e_hi], reach[e_lo:e_hi], total, lo, hi))
        lo = hi
    pieces = sum_blocks(blocks, doc, w, start_of, n, k)
    if not pieces:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 3))
    directed = np.concatenate([p[0] for p in pieces])
    sims = np.concatenate([p[1] for p in pieces])
    xs, ys = directed // n, directed % n
    keys, first = np.unique(np.minimum(xs, ys) * n + np.maximum(xs, ys), return_index=True)
    return keys // n, keys % n, sims[first]


Block = tuple[np.ndarray, np.ndarray, int, int, int]
"""A block's entries, their reaches, its products, and its documents ``lo`` to ``hi``."""


def sum_blocks(
    blocks: list[Block], doc: np.ndarray, w: np.ndarray, start_of: np.ndarray, n: int, k: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """:func:`_block` of each block. (Summing the later half in a worker process saved
    2.4 s at 10,000 articles, but sending it the document vectors, 150 MB, held the
    interpreter for 0.2 s and stalled the reader's keys: not kept.)"""
    return [
        _block(ents, reps, total, doc, w, start_of, lo, hi, n, k)
        for ents, reps, total, lo, hi in blocks
    ]


def _block(
    ents: np.ndarray,
    reps: np.ndarray,
    total: int,
    doc: np.ndarray,
    w: np.ndarray,
    start_of: np.ndarray,
    lo: int,
    hi: int,
    n: int,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``(x · n + y, sums)`` of the pairs documents ``lo`` to ``hi`` keep (see
    :func:`nearest_pairs`)."""
    src = np.repeat(ents, reps)
    # the other entries of each entry's term, in posting order, skipping itself
    offset = np.arange(total) - np.repeat(np.cumsum(reps) - reps, reps)
    offset += offset >= (src - start_of[src])
    dst = start_of[src] + offset
    cell = (doc[src] - lo) * n + doc[dst]
    cells = (hi - lo) * n
    touched = np.flatnonzero(np.bincount(cell, minlength=cells))
    # the first sum ranks: it is made for every pair, the other two for the kept ones
    first = np.bincount(cell, weights=w[src, 0] * w[dst, 0], minlength=cells)[touched]
    xs = touched // n + lo
    ys = touched % n
    top = _top_k(xs, ys, first, lo, hi, n, k)
    kept = touched[top]
    mark = np.zeros(cells, dtype=bool)
    mark[kept] = True
    mine = np.flatnonzero(mark[cell])  # the products of kept pairs, in array order
    src, dst, cell = src[mine], dst[mine], cell[mine]
    prods = w[src, 1:] * w[dst, 1:]
    slots = np.sort(kept)  # a kept pair's place among them, for its sums
    at = np.searchsorted(slots, cell)
    back = np.searchsorted(slots, kept)
    sims = np.empty((len(kept), 3))
    sims[:, 0] = first[top]
    for i in (1, 2):
        sims[:, i] = np.bincount(at, weights=prods[:, i - 1], minlength=len(kept))[back]
    return xs[top] * n + ys[top], sims


def _top_k(
    xs: np.ndarray, ys: np.ndarray, sims: np.ndarray, lo: int, hi: int, n: int, k: int
) -> np.ndarray:
    """Positions of each document's ``k`` most similar pairs: by similarity, then later
    documents, then earlier ones, each in increasing order (``xs`` ascending)."""
    tie = ((ys < xs).astype(np.int64) << max(n - 1, 1).bit_length()) | ys
    return top_k(xs - lo, sims, tie, k, hi - lo)
