"""Each group's k largest values by partition match the full sort, ties and all."""

from __future__ import annotations

import numpy as np
import pytest

from brieftui.compare.topk import top_k, top_k_by_lexsort


def _case(seed: int, n_groups: int = 30, size: int = 2000, levels: int = 8):
    rng = np.random.default_rng(seed)
    group = np.sort(rng.integers(0, n_groups, size=size))
    value = rng.integers(-levels, levels, size=size) / 3.0  # few values: many ties
    tie = rng.permutation(size)
    return group, value, tie


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("k", [1, 5, 40, 500])
def test_partition_matches_the_full_sort(seed: int, k: int) -> None:
    group, value, tie = _case(seed)
    got = top_k(group, value, tie, k, 30)
    assert got.tolist() == top_k_by_lexsort(group, value, tie, k).tolist()
    assert len(got) == sum(min(k, c) for c in np.bincount(group).tolist())


def test_groups_of_very_different_sizes() -> None:
    """Buckets of padded rows: one group of 5,000 beside many of 1 to 60."""
    rng = np.random.default_rng(9)
    sizes = [5000, *rng.integers(1, 60, size=80).tolist()]
    group = np.repeat(np.arange(len(sizes)), sizes)
    value = rng.random(len(group)).round(2)
    tie = np.arange(len(group))[::-1].copy()
    got = top_k(group, value, tie, 10, len(sizes))
    assert got.tolist() == top_k_by_lexsort(group, value, tie, 10).tolist()


@pytest.mark.parametrize("bad", ["nan", "inf", "unsorted", "negative tie"])
def test_what_the_key_cannot_hold_takes_the_full_sort(bad: str) -> None:
    group, value, tie = _case(3, size=300)
    if bad == "nan":
        value[5] = np.nan
    elif bad == "inf":
        value[9] = np.inf
    elif bad == "unsorted":
        group = group[::-1].copy()
    else:
        tie[2] = -1
    got = top_k(group, value, tie, 4, 30)
    assert got.tolist() == top_k_by_lexsort(group, value, tie, 4).tolist()


def test_nothing_in_nothing_out() -> None:
    empty = np.zeros(0, dtype=np.int64)
    assert top_k(empty, np.zeros(0), empty, 3, 0).tolist() == []


def test_padded_blocks_a_few_rows_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows partitioned a block at a time give the same answer as one block."""
    from brieftui.compare import topk as topk_mod

    group, value, tie = _case(5, n_groups=40, size=4000)
    whole = top_k(group, value, tie, 7, 40)
    monkeypatch.setattr(topk_mod, "PAD_CELLS", 150)  # about one row a block
    assert top_k(group, value, tie, 7, 40).tolist() == whole.tolist()
    assert whole.tolist() == top_k_by_lexsort(group, value, tie, 7).tolist()
