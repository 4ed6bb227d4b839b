"""Each group's ``k`` largest values, ties broken by a second key, without sorting them all.

Stories keep each document's heaviest terms (:func:`.stories._entries`, 3.9 million
(document, term) entries at 10,000 articles) and each document's nearest documents
(:mod:`.storyblocks`, 11 million pairs): both were a sort of every entry by three or
four keys (``np.lexsort``), 1.9 and 3 s at 10,000 articles, to keep a small share.
Here a partition finds each group's ``k``-th largest value, and only the entries at
least that large (``k`` a group, and ties) are sorted, by one integer key: the group,
the value's rank among those entries' distinct values, the tie-breaker. The answer is
the very same set; the full sort (:func:`top_k_by_lexsort`) stays as the reference
and for what the key cannot hold (a value that is not finite, a key over 63 bits).
"""

from __future__ import annotations

import numpy as np

PAD_CELLS = 1 << 19
"""Cells of a padded block partitioned at once (a few milliseconds: a whole bucket,
millions of cells at 10,000 articles, held the interpreter for a tenth of a second)."""


def top_k(
    group: np.ndarray, value: np.ndarray, tie: np.ndarray, k: int, n_groups: int
) -> np.ndarray:
    """Positions (ascending) of each group's ``k`` largest ``value`` s, equal values
    taken in increasing ``tie``; ``group`` in ``[0, n_groups)`` (ascending, or the
    full sort is taken), ``tie`` ≥ 0."""
    if not len(value):
        return np.zeros(0, dtype=np.int64)
    if not np.isfinite(value).all() or tie.min() < 0 or (np.diff(group) < 0).any():
        return top_k_by_lexsort(group, value, tie, k)
    cand = np.flatnonzero(value >= _kth_largest(group, value, k, n_groups)[group])
    c_value = value[cand]
    by = np.argsort(c_value)
    step = np.ones(len(cand), dtype=np.int64)
    step[0] = 0
    ordered = c_value[by]
    step[1:] = ordered[1:] != ordered[:-1]
    rank = np.empty(len(cand), dtype=np.int64)
    rank[by] = np.cumsum(step)  # equal values, equal rank
    top_rank = int(rank.max())
    t_bits = max(int(tie.max()), 1).bit_length()
    r_bits = max(top_rank, 1).bit_length()
    if max(n_groups - 1, 1).bit_length() + r_bits + t_bits > 63:
        return cand[top_k_by_lexsort(group[cand], c_value, tie[cand], k)]
    c_group = group[cand]
    key = (c_group << (r_bits + t_bits)) | ((top_rank - rank) << t_bits) | tie[cand]
    order = np.argsort(key)
    return np.sort(cand[order[_rank_in_group(c_group[order]) < k]])


def _kth_largest(group: np.ndarray, value: np.ndarray, k: int, n_groups: int) -> np.ndarray:
    """Each group's ``k``-th largest value (``-inf`` for a group of ``k`` or fewer).

    A group's values are a row of a padded block, partitioned along the rows; groups
    are padded in buckets of similar size, so no block is over twice its entries."""
    counts = np.bincount(group, minlength=n_groups)
    starts = np.cumsum(counts) - counts
    kth = np.full(n_groups, -np.inf)
    big = np.flatnonzero(counts > k)
    if not len(big):
        return kth
    bucket = np.frexp(counts[big].astype(np.float64))[1]  # the power of two above
    for b in np.unique(bucket).tolist():
        in_bucket = big[bucket == b]
        width = int(counts[in_bucket].max())
        step = max(1, PAD_CELLS // width)  # a block of rows at a time: short C calls
        for at in range(0, len(in_bucket), step):
            rows = in_bucket[at : at + step]
            sizes = counts[rows]
            inner = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            pad = np.full((len(rows), width), -np.inf)
            pad[np.repeat(np.arange(len(rows)), sizes), inner] = value[
                np.repeat(starts[rows], sizes) + inner
            ]
            kth[rows] = np.partition(pad, width - k, axis=1)[:, width - k]
    return kth


def _rank_in_group(group_sorted: np.ndarray) -> np.ndarray:
    """Each entry's place within its group (``group_sorted`` ascending)."""
    return np.arange(len(group_sorted)) - np.searchsorted(group_sorted, group_sorted, side="left")


def top_k_by_lexsort(group: np.ndarray, value: np.ndarray, tie: np.ndarray, k: int) -> np.ndarray:
    """:func:`top_k` by sorting every entry (group, value descending, tie)."""
    order = np.lexsort((tie, -value, group))
    return np.sort(order[_rank_in_group(group[order]) < k])


__all__ = ["top_k", "top_k_by_lexsort"]
