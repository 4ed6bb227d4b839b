"""The vectorised stages give what the loops they replaced gave, bit for bit.

Each of these was a Python loop per (passage, term), per pair or per row; numpy does
them now, summing in the same order so that every float is the same. The loops are
kept here, small, as the reference.
"""

from __future__ import annotations

from collections import defaultdict

import gold as gold_mod
import numpy as np
import pytest

from brieftui.compare import Comparer, covered, events, linear, neighbours, stories
from brieftui.compare.index import group_postings


@pytest.fixture(scope="module", params=["seeds", "fourth_brief"])
def comparer(request) -> Comparer:
    _gold, brief = gold_mod.load_gold(request.param)
    comparer = Comparer(brief.documents, semantic_stage=False)
    comparer.stories()  # as events has them: the story probabilities known
    return comparer


def _best_two_loop(index, story_docs) -> dict:
    """The candidate search of events as it was: a dict update per (passage, term, posting)."""
    units = index.units
    out = {}
    for docs in story_docs:
        if len(docs) < 2:
            continue
        members = [ui for d in docs for ui in index.doc_units[d] if units[ui].eligible]
        tops = {ui: neighbours.top_terms(units[ui].vec) for ui in members}
        local = defaultdict(list)
        for ui, terms in tops.items():
            for t, w in terms:
                local[t].append((ui, w))
        cap = max(neighbours.LOCAL_FLOOR, int(neighbours.LOCAL_DF * len(members)))
        for ui in members:
            acc = defaultdict(float)
            for t, w in tops[ui]:
                if len(local[t]) <= cap:
                    for vi, wv in local[t]:
                        acc[vi] += w * wv
            by_doc = defaultdict(list)
            for vi, partial in acc.items():
                if units[vi].doc != units[ui].doc:
                    by_doc[units[vi].doc].append((partial, vi))
            for d, lst in by_doc.items():
                lst.sort(key=lambda x: (-x[0], x[1]))
                out[(ui, d)] = lst[:2]
    return out


def test_best_two_matches_the_loop(comparer: Comparer) -> None:
    index = comparer._index
    groups = [list(range(len(index.doc_ids)))]  # one story: every pair of documents
    found = {(ui, d): c for ui, d, c in neighbours.best_matches(index, groups)}
    assert found == _best_two_loop(index, groups)
    assert found  # the brief has candidates at all


def test_best_two_in_slices_matches_one_pass(comparer: Comparer, monkeypatch) -> None:
    index = comparer._index
    groups = [list(range(len(index.doc_ids)))]
    whole = list(neighbours.best_matches(index, groups))
    monkeypatch.setattr(neighbours, "MAX_PRODUCTS", 50)
    assert list(neighbours.best_matches(index, groups)) == whole


@pytest.mark.parametrize("full", [True, False])
def test_link_rows_as_columns_match_row_by_row(comparer: Comparer, full: bool) -> None:
    index = comparer._index
    groups = [list(range(len(index.doc_ids)))]
    best = events.best_in_stories(index, groups, full, None)
    model = linear.model("covered", False)

    def decider() -> events._Decider:
        size = len(index.doc_ids)
        return events._Decider(
            index, best, comparer._story_p, lambda _d: size, model, comparer._style_of, full
        )

    pairs = sorted({(min(ui, lst[0][1]), max(ui, lst[0][1])) for (ui, _d), lst in best.items()})
    rows_one = decider()
    rows = [rows_one.row(ui, vi) for ui, vi in pairs] + [rows_one.row(vi, ui) for ui, vi in pairs]
    p = model.probabilities(np.asarray(rows, dtype=np.float64))
    expected = (0.5 * (p[: len(pairs)] + p[len(pairs) :])).tolist()
    assert pairs and decider().links(pairs) == expected


def test_postings_grouped_match_appending() -> None:
    terms = ["b", "a", "b", "c", "a", "b"]
    entries = [(0, 0.1), (0, 0.2), (1, 0.3), (1, 0.4), (2, 0.5), (3, 0.6)]
    lists = defaultdict(list)
    for t, e in zip(terms, entries, strict=True):
        lists[t].append(e)
    grouped = group_postings(terms, entries)
    assert grouped == {t: tuple(v) for t, v in lists.items()}
    assert list(grouped) == list(lists)
    assert group_postings([], []) == {}


def _pairs_loop(entries, n: int):
    """Story candidate pairs as they were: np.triu_indices term by term."""
    order = np.argsort(entries.term, kind="stable")
    term, doc, w = entries.term[order], entries.doc[order], entries.weights[order]
    bounds = np.flatnonzero(np.diff(term)) + 1
    starts = np.concatenate(([0], bounds))
    sizes = np.concatenate((bounds, [len(term)])) - starts
    keys, prods = [], []
    for s, k in zip(starts.tolist(), sizes.tolist(), strict=True):
        if k < 2:
            continue
        ii, jj = np.triu_indices(k, 1)
        a, b = doc[s : s + k][ii], doc[s : s + k][jj]
        keys.append(np.minimum(a, b) * n + np.maximum(a, b))
        prods.append(w[s : s + k][ii] * w[s : s + k][jj])
    uniq, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    allp = np.concatenate(prods)
    sims = np.stack([np.bincount(inverse, weights=allp[:, i]) for i in range(3)], axis=1)
    return uniq // n, uniq % n, sims


def test_story_pairs_match_the_loop(comparer: Comparer) -> None:
    index = comparer._index
    n = len(index.doc_ids)
    entries = stories._entries(index, stories.document_terms(index))
    a, b, sims = stories.candidate_pairs(entries, n)
    ra, rb, rsims = _pairs_loop(entries, n)
    assert a.tolist() == ra.tolist() and b.tolist() == rb.tolist()
    assert sims.tolist() == rsims.tolist()


def test_lexical_matrix_of_no_rows_is_empty() -> None:
    empty = np.zeros(0)
    ints = np.zeros(0, dtype=np.int64)
    m = covered.lexical_matrix(
        *(empty,) * 5,
        np.zeros((0, 4), dtype=np.int64),
        empty,
        ints,
        empty,
        ints,
        empty,
        empty,
        ints,
        empty,
        empty,
        np.zeros(0, dtype=bool),
    )
    assert m.shape == (0, len(covered.LEXICAL))


def test_document_terms_from_columns_match_the_occurrences(comparer: Comparer) -> None:
    """Document terms read from the occurrence columns equal those from each passage's
    occurrence tuples: the same vocabulary order, documents, terms and counts."""
    from brieftui.compare import docterms

    index = comparer._index
    fast = docterms.document_terms(index)
    cols = index._columns
    assert cols is not None  # the first call took the columns' path
    try:
        index._columns = None  # the per-passage path
        slow = docterms.document_terms(index)
    finally:
        index._columns = cols
    assert fast.vocabulary == slow.vocabulary
    for name in ("doc", "term", "count"):
        assert np.array_equal(getattr(fast, name), getattr(slow, name)), name
    assert len(fast.term) > 100


def test_unit_matrix_from_columns_matches_the_vectors(comparer: Comparer) -> None:
    """The passage matrix made from the columns equals the one made from every vector."""
    from brieftui.compare.unitmatrix import UnitMatrix

    index = comparer._index
    fast = UnitMatrix.of(index)
    cols = index._columns
    assert cols is not None
    try:
        index._columns = None
        slow = UnitMatrix.of(index)
    finally:
        index._columns = cols
    assert fast.vocabulary == slow.vocabulary and fast.ids == slow.ids
    for name in ("indptr", "term", "weight"):
        assert np.array_equal(getattr(fast, name), getattr(slow, name)), name


def test_tokenising_is_bounded_by_characters_as_well_as_passages() -> None:
    """From a trial: a 20 MB one-line file made 4,096-passage chunks of 4,000 characters
    each, 5 million token strings at once (1.1 GB for `brieftui stories`)."""
    from brieftui.compare import tokensplit

    texts = ["x" * 1000] * 10 + ["short"] * 5
    ranges = list(tokensplit._ranges(texts, 0, len(texts), 4096))
    assert ranges[0][0] == 0 and ranges[-1][1] == len(texts)
    assert all(b > a for a, b in ranges)
    old = tokensplit.CHUNK_CHARS
    try:
        tokensplit.CHUNK_CHARS = 2500
        ranges = list(tokensplit._ranges(texts, 0, len(texts), 4096))
        assert ranges[:3] == [(0, 3), (3, 6), (6, 9)]
        assert [t for a, b in ranges for t in texts[a:b]] == texts
        # the same rows however the passages are chunked
        whole = tokensplit.tokenise(texts, chunk=4096).columns()
        tokensplit.CHUNK_CHARS = 1
        one_by_one = tokensplit.tokenise(texts, chunk=4096).columns()
        assert all((a == b).all() for a, b in zip(whole, one_by_one, strict=True))
    finally:
        tokensplit.CHUNK_CHARS = old
