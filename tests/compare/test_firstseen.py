"""first_seen gives np.unique's ids and first positions, without the sort."""

from __future__ import annotations

import numpy as np
import pytest

from brieftui.compare.firstseen import first_seen, group_ids, in_order_of_first, nested_group_ids


@pytest.mark.parametrize("seed", range(5))
def test_first_seen_is_unique_with_first_positions(seed: int) -> None:
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 300))
    ids = rng.integers(0, size, int(rng.integers(0, 2000)))
    used, first = first_seen(ids, size)
    expected_used, expected_first = np.unique(ids, return_index=True)
    assert used.tolist() == expected_used.tolist()
    assert first.tolist() == expected_first.tolist()
    order = in_order_of_first(ids, size).tolist()
    assert order == list(dict.fromkeys(ids.tolist()))


def test_no_ids() -> None:
    used, first = first_seen(np.zeros(0, dtype=np.int64), 4)
    assert len(used) == 0 and len(first) == 0


@pytest.mark.parametrize("seed", range(5))
def test_group_ids_are_unique_inverse(seed: int) -> None:
    rng = np.random.default_rng(seed)
    keys = rng.integers(0, int(rng.integers(1, 50)), int(rng.integers(0, 500)))
    assert group_ids(keys).tolist() == np.unique(keys, return_inverse=True)[1].ravel().tolist()
    weights = -rng.choice([0.5, 0.25, 1.0, 0.0, -0.0], size=50)
    assert group_ids(weights).tolist() == np.unique(weights, return_inverse=True)[1].tolist()


@pytest.mark.parametrize("seed", range(6))
def test_nested_group_ids_are_both_groupings(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 400))
    outer = rng.integers(0, int(rng.integers(1, 30)), n)
    n_inner = int(rng.integers(1, 6))
    inner = rng.integers(0, n_inner, n)
    outer_ids, inner_ids = nested_group_ids(outer, inner, n_inner)
    assert outer_ids.tolist() == group_ids(outer).tolist()
    # the same partition as the (outer, inner) pairs: equal ids exactly for equal pairs
    pairs = list(zip(outer.tolist(), inner.tolist(), strict=True))
    assert len(set(inner_ids.tolist())) == len(set(pairs))
    assert inner_ids.tolist() == group_ids(outer * n_inner + inner).tolist()


def test_nested_group_ids_that_could_overflow_take_two_sorts() -> None:
    outer = np.asarray([2**40, 5, 2**40, 5], dtype=np.int64)
    inner = np.asarray([1, 0, 1, 1], dtype=np.int64)
    outer_ids, inner_ids = nested_group_ids(outer, inner, 2**30)
    assert outer_ids.tolist() == [1, 0, 1, 0]
    assert inner_ids.tolist() == [2, 0, 2, 1]
