"""First occurrences of small integer ids, without sorting them.

``np.unique(ids, return_index=True)`` sorts the whole array (a stable sort, to find
each id's first position): at 10,000 articles the term and key columns hold 8 to 13
million entries and each such call took about a second. When the ids are known to
lie in ``[0, size)`` one pass of :func:`numpy.minimum.at` gives the same answer.
"""

from __future__ import annotations

import numpy as np


def first_seen(ids: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(ids, return_index=True)`` for ids in ``[0, size)``: the ids that
    occur, ascending, and the position of each one's first occurrence."""
    n = len(ids)
    first = np.full(max(size, 0), n, dtype=np.int64)
    np.minimum.at(first, ids, np.arange(n, dtype=np.int64))
    used = np.flatnonzero(first < n)
    return used, first[used]


def in_order_of_first(ids: np.ndarray, size: int) -> np.ndarray:
    """The ids that occur, in order of their first occurrence."""
    used, first = first_seen(ids, size)
    return used[np.argsort(first, kind="stable")]


def group_ids(keys: np.ndarray) -> np.ndarray:
    """``np.unique(keys, return_inverse=True)[1]``: each key's rank among the distinct
    keys. Equal keys need no order among themselves, so one unstable sort does (the
    stable sort ``np.unique`` runs took twice as long on millions of keys)."""
    ids = np.empty(len(keys), dtype=np.int64)
    if not len(keys):
        return ids
    order = np.argsort(keys)
    _number_runs(ids, order, keys[order])
    return ids


def _number_runs(ids: np.ndarray, order: np.ndarray, ordered: np.ndarray) -> None:
    """``ids[order[i]]``: the number of the run of equal ``ordered`` values holding ``i``."""
    step = np.ones(len(ordered), dtype=np.int64)
    step[0] = 0
    step[1:] = ordered[1:] != ordered[:-1]
    ids[order] = np.cumsum(step)


def nested_group_ids(
    outer: np.ndarray, inner: np.ndarray, n_inner: int
) -> tuple[np.ndarray, np.ndarray]:
    """``(group_ids(outer), group_ids(outer * n_inner + inner))`` from one sort: the
    groups of ``(outer, inner)`` split those of ``outer``, so both are runs of the same
    sorted keys (of millions of entries, the sort is the cost). ``inner`` lies in
    ``[0, n_inner)``; keys that could overflow 64 bits take two sorts, the second over
    the outer groups' (dense) ids."""
    n_inner = max(int(n_inner), 1)
    top = int(outer.max(initial=0)) + 1
    if top * n_inner >= 2**62:
        outer_ids = group_ids(outer)
        return outer_ids, group_ids(outer_ids * n_inner + inner)
    keys = outer * n_inner + inner
    outer_ids = np.empty(len(keys), dtype=np.int64)
    inner_ids = np.empty(len(keys), dtype=np.int64)
    if not len(keys):
        return outer_ids, inner_ids
    order = np.argsort(keys)
    ordered = keys[order]
    _number_runs(inner_ids, order, ordered)
    _number_runs(outer_ids, order, ordered // n_inner)
    return outer_ids, inner_ids


__all__ = ["first_seen", "group_ids", "in_order_of_first", "nested_group_ids"]
