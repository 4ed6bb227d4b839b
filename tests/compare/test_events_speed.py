"""Stories and events built with arrays give exactly what the loops they replaced gave.

Each speed-up of stories and events (issues 14 and 17) kept the numbers: the same
floats added in the same order. The loops they replaced are kept here as the
reference, and run on the gold briefs (small: every score computed in full) and on a
synthetic brief of several hundred articles (large: partial products, the nearest
documents of stories, blocks of documents) so that both paths are checked.
"""

from __future__ import annotations

import math
import random
import sys
from collections import defaultdict
from pathlib import Path

import gold as gold_mod
import numpy as np
import pytest

import brieftui
from brieftui.compare import (
    Comparer,
    covered,
    events,
    labels,
    linear,
    neighbours,
    stories,
    storyblocks,
)
from brieftui.compare.eventcache import events_from_state, events_state
from brieftui.compare.linkrows import BestRows
from brieftui.compare.unitmatrix import TermClasses, UnitMatrix, shared_and_specific
from brieftui.text import is_one_sentence

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synth import write_brief

SYNTH_ARTICLES = 440
"""Over :data:`stories.ALL_PAIRS_MAX` documents and :data:`events.EVENT_LARGE` passages."""


@pytest.fixture(scope="module", params=["seeds", "fourth_brief", "synthetic"])
def comparer(request, tmp_path_factory) -> Comparer:
    if request.param == "synthetic":
        root = write_brief(tmp_path_factory.mktemp("synth"), SYNTH_ARTICLES, seed=3, story_size=6)
        brief = brieftui.load([root], cache=False)
    else:
        _gold, brief = gold_mod.load_gold(request.param)
    comparer = Comparer(brief.documents, semantic_stage=False)
    comparer.stories()
    return comparer


def _inputs(comparer: Comparer):
    groups = comparer._story_groups()
    index = comparer._index
    model = linear.model("covered", False)

    def touches_of(d: int) -> float:
        cuts = covered.cuts_for(model.cuts, comparer._style_of(d))
        return cuts.get("touches", 0.5)

    return index, groups.groups, comparer._story_of, model, touches_of


# -- the loops, as they were -------------------------------------------------------------
def _best_loop(index, story_docs, full: bool) -> dict:
    """best_in_stories: a dictionary update per candidate list."""
    if full:
        return events.best_in_stories(index, story_docs, True, None)
    best = {}
    for ui, d, cands in neighbours.best_matches(index, story_docs, None):
        lst = [(partial * events.PARTIAL_TO_LEX, vi) for partial, vi in cands]
        lst = [x for x in lst if x[0] > 0]
        if len(lst) == 2 and lst[0][0] == lst[1][0] and lst[0][1] > lst[1][1]:
            lst.reverse()
        if lst:
            best[(ui, d)] = lst
    return best


def _group_loop(index, best, decider, touches) -> list[list[int]]:
    """group_passages with a dictionary walk and one model row at a time."""
    from brieftui.compare.unionfind import DisjointSets

    units = index.units
    sets = DisjointSets()
    find = sets.find
    pairs = []
    for (ui, _d), lst in best.items():
        vi = lst[0][1]
        if ui < vi:
            back = best.get((vi, units[ui].doc))
            if back is not None and back[0][1] == ui:
                pairs.append((ui, vi))
    rows = [decider.row(u, v) for u, v in pairs] + [decider.row(v, u) for u, v in pairs]
    p = decider.model.probabilities(np.asarray(rows, dtype=np.float64)) if rows else []
    links = [0.5 * (p[k] + p[k + len(pairs)]) for k in range(len(pairs))]
    mutual = sorted((-q, u, v) for (u, v), q in zip(pairs, links, strict=True) if q >= touches(u))
    docs_of, linked = {}, set()
    for _neg, ui, vi in mutual:
        ra, rb = find(ui), find(vi)
        if ra == rb:
            continue
        da = docs_of.get(ra, {units[ui].doc})
        db = docs_of.get(rb, {units[vi].doc})
        if da & db:
            continue
        linked.update((ui, vi))
        root = sets.union(ra, rb)
        docs_of[root] = da | db
        docs_of.pop(rb if root == ra else ra, None)
    groups = defaultdict(set)
    for ui in sorted(linked):
        groups[find(ui)].add(ui)
    joins = defaultdict(list)
    for (ui, _d), lst in best.items():
        if ui not in linked and lst[0][1] in linked:
            joins[ui].append(lst[0])
    for ui in sorted(joins):
        vi = max(joins[ui], key=lambda x: (x[0], -x[1]))[1]
        if decider.probability(ui, vi) >= touches(ui):
            groups[find(vi)].add(ui)
    return [sorted(m) for m in groups.values()]


def _events_loop(comparer: Comparer):
    """detect_events as it was: loops over the best matches, a row at a time, a label at a time."""
    index, story_docs, story_of, model, touches_of = _inputs(comparer)
    full = len(index.units) <= events.EVENT_LARGE
    best = _best_loop(index, story_docs, full)
    decider = events._Decider(
        index,
        best,
        comparer._story_p,
        lambda d: len(story_docs[story_of[d]]),
        model,
        comparer._style_of,
        full,
    )

    def cut(ui: int) -> float:
        return touches_of(index.units[ui].doc)

    groups = _group_loop(index, best, decider, cut)
    in_event = {ui for g in groups for ui in g}
    top_of = decider.top_of
    for ui, unit in enumerate(index.units):
        if ui in in_event or not unit.eligible or len(story_docs[story_of[unit.doc]]) < 2:
            continue
        if events.reports_specific_facts(index, unit):
            top = top_of.get(ui)
            if top is None or decider.probability(ui, top[1]) < cut(ui):
                groups.append([ui])
    made = [events._make_event(index, g, labels.sentence_label(index, g), story_of) for g in groups]
    made.sort(key=lambda x: x[0])
    return [(ev.label, ev.passages, ev.doc_ids, ev.story, ev.date) for _k, ev in made]


# -- the tests ----------------------------------------------------------------------------
def test_events_match_the_loops(comparer: Comparer) -> None:
    index, story_docs, story_of, model, touches_of = _inputs(comparer)
    found = events.detect_events(
        index, story_docs, story_of, comparer._story_p, model, touches_of, comparer._style_of
    )
    assert [(e.label, e.passages, e.doc_ids, e.story, e.date) for e in found] == _events_loop(
        comparer
    )
    assert found


def test_best_matches_as_arrays_match_the_loop(comparer: Comparer) -> None:
    index, story_docs, *_ = _inputs(comparer)
    for full in (False, True) if len(index.units) <= 3000 else (False,):
        best = events.best_in_stories(index, story_docs, full, None)
        loop = _best_loop(index, story_docs, full)
        assert best == loop and list(best) == list(loop)


def test_link_rows_as_columns_match_row_by_row(comparer: Comparer) -> None:
    """Every link's row, for mutual pairs, any best match, and pairs that are neither."""
    index, story_docs, story_of, model, _touches = _inputs(comparer)
    full = len(index.units) <= events.EVENT_LARGE
    best = events.best_in_stories(index, story_docs, full, None)

    def decider() -> events._Decider:
        return events._Decider(
            index,
            best,
            comparer._story_p,
            lambda d: len(story_docs[story_of[d]]),
            model,
            comparer._style_of,
            full,
        )

    directed = [(ui, lst[0][1]) for (ui, _d), lst in best.items()]
    directed += [(v, u) for u, v in directed[::3]]
    rng = random.Random(5)
    n = len(index.units)
    directed += [(rng.randrange(n), rng.randrange(n)) for _ in range(200)]
    directed = [(u, v) for u, v in directed if u != v]
    one = decider()
    by_row = [one.row(u, v) for u, v in directed]
    assert decider()._matrix_of(directed).tolist() == by_row
    many = decider()
    assert many.probabilities(directed) == [one.probability(u, v) for u, v in directed]
    # pairs asked one at a time, then many at once (and one at a time again): the same
    mixed = decider()
    first = [mixed.row(v, u) for u, v in directed[::7]]  # the other direction first
    batch = mixed._matrix_of(directed).tolist()
    assert [mixed.row(v, u) for u, v in directed[::7]] == first
    assert batch == [mixed.row(u, v) for u, v in directed]
    # the anchor stats written out in events are covered.anchor_stats
    for ui in sorted({u for u, _v in directed})[:300]:
        doc = index.units[ui].doc
        expected = covered.anchor_stats(
            index,
            ui,
            one.tops.get(ui, []),
            [],
            len(story_docs[story_of[doc]]),
            comparer._style_of(doc),
        )
        assert one.stats(ui) == expected


def test_shared_and_specific_match_covered(comparer: Comparer) -> None:
    index = comparer._index
    matrix = UnitMatrix.of(index)
    classes = TermClasses.of(index, matrix)
    rng = random.Random(2)
    n = len(index.units)
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(400)]
    pairs += [(u, u) for u in range(0, n, max(1, n // 50))]  # equal lengths: a's order
    a = np.asarray([u for u, _ in pairs])
    b = np.asarray([v for _, v in pairs])
    docs = np.asarray([rng.choice((1, 3, 8, 40)) for _ in pairs])
    shared, spec = shared_and_specific(matrix, classes, a, b, docs)
    units = index.units
    for k, (u, v) in enumerate(pairs):
        assert tuple(shared[k].tolist()) == covered.shared_counts(index, units[u].vec, units[v].vec)
        assert spec[k] == covered.specific(index, units[u].vec, units[v].vec, int(docs[k]))


def test_top_terms_as_arrays_match(comparer: Comparer) -> None:
    index = comparer._index
    tops = neighbours.TopTerms.of(UnitMatrix.of(index))
    vocabulary = UnitMatrix.of(index).vocabulary
    for ui, unit in enumerate(index.units):
        lo, hi = tops.ptr[ui], tops.ptr[ui + 1]
        got = [
            (vocabulary[t], w) for t, w in zip(tops.term[lo:hi], tops.weight[lo:hi], strict=True)
        ]
        assert got == neighbours.top_terms(unit.vec)


def test_specific_facts_at_once_match_one_at_a_time(comparer: Comparer) -> None:
    index = comparer._index
    got = events.specific_facts(index, UnitMatrix.of(index)).tolist()
    expected = [events.reports_specific_facts(index, unit) for unit in index.units]
    assert got == expected
    assert 0 < sum(expected) < len(expected)  # both answers are exercised


def test_labels_at_once_match_one_at_a_time(comparer: Comparer) -> None:
    index = comparer._index
    found = comparer.events()
    by_pid = index.by_pid
    groups = [[by_pid[p.passage_id] for p in e.passages] for e in found]
    rng = random.Random(4)
    n = len(index.units)
    groups += [sorted(rng.sample(range(n), rng.randint(1, 40))) for _ in range(30)]
    assert labels.sentence_labels(index, groups) == [
        labels.sentence_label(index, g) for g in groups
    ]


def test_story_pairs_by_blocks_match_sorting_every_pair(comparer: Comparer, monkeypatch) -> None:
    """The nearest documents found a block at a time are those of sorting every pair."""
    index = comparer._index
    n = len(index.doc_ids)
    entries = stories._entries(index, stories.document_terms(index))
    monkeypatch.setattr(stories, "ALL_PAIRS_MAX", 1)
    monkeypatch.setattr(stories, "BLOCKS_FROM", 0)
    monkeypatch.setattr(stories, "NEIGHBOURS", 3 if n < 50 else 12)
    monkeypatch.setattr(storyblocks, "BLOCK_CELLS", max(1, 7 * n))
    monkeypatch.setattr(storyblocks, "BLOCK_PRODUCTS", 500)
    a, b, sims = stories.candidate_pairs(entries, n)
    # the reference: every pair of every term's documents, summed after one sort, nearest kept
    ra, rb, rsims = _all_pairs(entries, n, max(stories.DF_FLOOR, int(stories.DF_CAP * n)))
    keep = stories._nearest(ra, rb, rsims[:, 0], n, stories.NEIGHBOURS)
    assert a.tolist() == ra[keep].tolist() and b.tolist() == rb[keep].tolist()
    assert sims.tolist() == rsims[keep].tolist()


@pytest.mark.parametrize("seed", range(6))
def test_top_k_by_partition_matches_the_four_key_sort(seed: int) -> None:
    """Each document's k best pairs, ties and all, are those of the four-key sort: with
    many equal similarities, short rows, a negative similarity and a NaN (the sort)."""
    rng = np.random.default_rng(seed)
    lo, hi, n, k = 5, 25, 60, 4
    cells = np.unique(rng.integers(0, (hi - lo) * n, size=600))
    xs, ys = cells // n + lo, cells % n
    sims = rng.integers(0, 6, size=len(cells)) / 4.0  # few values: ties everywhere
    if seed == 4:
        sims[3] = -0.5
    if seed == 5:
        sims[7] = np.nan
    got = storyblocks._top_k(xs, ys, sims, lo, hi, n, k)
    order = np.lexsort((ys, ys < xs, -sims, xs))  # the four-key sort it replaced
    xs_o = xs[order]
    want = order[(np.arange(len(order)) - np.searchsorted(xs_o, xs_o, side="left")) < k]
    assert sorted(got.tolist()) == sorted(want.tolist())
    assert len(got) == sum(min(k, c) for c in np.bincount(xs - lo).tolist())


def _all_pairs(entries, n: int, cap: int):
    order = np.argsort(entries.term, kind="stable")
    term, doc, w = entries.term[order], entries.doc[order], entries.weights[order]
    bounds = np.flatnonzero(np.diff(term)) + 1
    starts = np.concatenate(([0], bounds))
    sizes = np.concatenate((bounds, [len(term)])) - starts
    keys, prods = [], []
    for s, k in zip(starts.tolist(), sizes.tolist(), strict=True):
        if k < 2 or k > cap:
            continue
        ii, jj = np.triu_indices(k, 1)
        x, y = doc[s : s + k][ii], doc[s : s + k][jj]
        keys.append(np.minimum(x, y) * n + np.maximum(x, y))
        prods.append(w[s : s + k][ii] * w[s : s + k][jj])
    uniq, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    allp = np.concatenate(prods)
    sims = np.stack([np.bincount(inverse, weights=allp[:, i]) for i in range(3)], axis=1)
    return uniq // n, uniq % n, sims


def test_sentence_style_stops_early_with_the_same_answer(comparer: Comparer) -> None:
    index = comparer._index
    rng = random.Random(6)
    n = len(index.doc_ids)
    scopes = [list(range(n))] + [rng.sample(range(n), rng.randint(1, min(n, 8))) for _ in range(20)]
    for docs in scopes:
        eligible = [ui for d in docs for ui in index.doc_units[d] if index.units[ui].eligible]
        single = sum(is_one_sentence(index.units[ui].text) for ui in eligible)
        expected = bool(eligible) and single >= covered.SENTENCE_STYLE * len(eligible)
        assert covered.sentence_style(index, docs) == expected


def test_events_and_story_pairs_come_back_from_the_cache(comparer: Comparer) -> None:
    found = comparer.events()
    documents = comparer._documents
    assert events_from_state(events_state(found, documents), documents) == found
    again = Comparer.from_cache_state(
        comparer.cache_state(include_index=False), documents, semantic_stage=False
    )
    assert again.events() == found and again.stories() == comparer.stories()
    n = len(documents)
    for a in range(0, n, max(1, n // 30)):
        for b in range(0, n, max(1, n // 30)):
            assert again._story_p(a, b) == comparer._story_p(a, b)


def test_damaged_cached_events_are_refused(comparer: Comparer) -> None:
    documents = comparer._documents
    state = events_state(comparer.events(), documents)
    state["passages"] = [*state["passages"][:-1], 10**9]
    with pytest.raises((ValueError, IndexError, KeyError)):
        events_from_state(state, documents)
    state = events_state(comparer.events(), documents)
    state["labels"] = state["labels"][:-1]
    with pytest.raises(ValueError):
        events_from_state(state, documents)


def test_log1p_of_counts_is_math_log1p() -> None:
    from brieftui.compare.linkrows import log1p_table

    counts = np.asarray([0, 1, 2, 7, 30, 1000])
    assert log1p_table(counts).tolist() == [math.log1p(k) for k in counts.tolist()]


def test_labels_made_on_two_cores_are_the_same(comparer: Comparer, monkeypatch) -> None:
    """Half the labels made in a worker process from their jobs: the same labels."""
    from brieftui import workers
    from brieftui.compare import labeljobs

    index = comparer._index
    groups = [[index.by_pid[p.passage_id] for p in e.passages] for e in comparer.events()]
    alone = labels.sentence_labels(index, groups)
    monkeypatch.setattr(labeljobs, "PARALLEL_MIN", 2)
    monkeypatch.setattr(workers, "others_idle", lambda: 2.0)
    monkeypatch.setattr(labeljobs, "SEND", 3)  # several calls, each pickled on its own
    sent: list[list[int]] = []
    real = workers.SpareWorker.map

    def counted(self, fn, chunks):
        chunks = list(chunks)  # a generator: each chunk made as it is sent
        sent.append([len(c) for c in chunks])
        return real(self, fn, chunks)

    monkeypatch.setattr(workers.SpareWorker, "map", counted)
    assert labels.sentence_labels(index, groups) == alone
    assert len(sent) == 1 and max(sent[0]) <= 3
    assert sum(sent[0]) == len(groups) - int(len(groups) * labeljobs.OWN_SHARE)
    assert any(label.date for label in alone)  # dates travel too


def test_labels_when_the_worker_fails_are_made_here(comparer: Comparer, monkeypatch) -> None:
    from brieftui import workers
    from brieftui.compare import labeljobs

    index = comparer._index
    groups = [[index.by_pid[p.passage_id] for p in e.passages] for e in comparer.events()]
    alone = labels.sentence_labels(index, groups)

    class Failed:
        def results(self):
            raise RuntimeError("worker killed")

    class Spare:
        def __init__(self, answer) -> None:
            self.answer = answer

        def map(self, *_a):
            return self.answer

    monkeypatch.setattr(labeljobs, "PARALLEL_MIN", 2)
    for answer in (Failed(), None):  # killed, or the jobs could not be sent
        monkeypatch.setattr(workers, "spare_worker", lambda *_a, answer=answer: Spare(answer))
        assert labels.sentence_labels(index, groups) == alone
    monkeypatch.setattr(workers, "spare_worker", lambda *_a: None)  # no core spare
    assert labels.sentence_labels(index, groups) == alone


def test_best_matches_found_on_two_cores_are_the_same(comparer: Comparer, monkeypatch) -> None:
    """The later half of the story batches matched in a worker process: the same rows,
    in the same order, with progress reported to the end."""
    from brieftui import workers

    index = comparer._index
    docs = list(range(len(index.doc_ids)))
    story_docs = comparer._story_groups().groups
    if len(story_docs) < 2:  # two stories at least: two batches to share out
        story_docs = [docs[:2], docs[2:]]
    alone = [[a.tolist() for a in rows] for rows in neighbours.best_match_rows(index, story_docs)]
    assert alone
    monkeypatch.setattr(neighbours, "PARALLEL_MIN", 1)
    monkeypatch.setattr(workers, "others_idle", lambda: 2.0)
    sent: list[int] = []
    real = workers.offload

    def counted(fn, tops, unit_doc, batches, **kw):
        sent.append(len(batches))
        return real(fn, tops, unit_doc, batches, **kw)

    monkeypatch.setattr(workers, "offload", counted)
    calls: list[tuple[int, int]] = []
    both = neighbours.best_match_rows(index, story_docs, lambda d, t: calls.append((d, t)))
    assert [[a.tolist() for a in rows] for rows in both] == alone
    assert sent and sent[0] >= 1
    assert calls[-1][0] == calls[-1][1] == len(index.units)

    class Failed:
        def result(self):
            raise RuntimeError("worker killed")

    monkeypatch.setattr(workers, "offload", lambda *_a, **_k: Failed())
    again = neighbours.best_match_rows(index, story_docs)
    assert [[a.tolist() for a in rows] for rows in again] == alone


@pytest.mark.parametrize("seed", range(8))
def test_best_first_is_the_lexsort_of_runs_of_two(seed: int) -> None:
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 3, int(rng.integers(0, 300)))  # runs of one or two
    group = np.repeat(np.arange(len(sizes)), sizes)
    score = rng.choice([0.5, 0.25, 1.0, 2.0], size=len(group))  # many ties
    tie = rng.integers(0, 4, len(group))
    expected = np.lexsort((tie, -score, group))
    assert events._best_first(group, score, tie).tolist() == expected.tolist()


def test_best_first_sorts_longer_runs_as_lexsort() -> None:
    group = np.asarray([0, 0, 0, 1, 1])
    score = np.asarray([1.0, 3.0, 2.0, 1.0, 1.0])
    tie = np.asarray([0, 0, 0, 5, 2])
    assert events._best_first(group, score, tie).tolist() == [1, 2, 0, 4, 3]


def test_best_rows_as_arrays_match_the_dictionary(comparer: Comparer) -> None:
    """A large brief's best matches go straight to arrays: the same rows, in the same
    order, as the dictionary the loops fill, and the dictionary made back from them."""
    index, story_docs, *_ = _inputs(comparer)
    rows = events.best_rows_in_stories(index, story_docs, None)
    loop = _best_loop(index, story_docs, False)
    expected = BestRows.of(loop, len(index.doc_ids))
    for name in ("unit", "doc", "s0", "v0", "s1", "v1", "_sorted", "_order"):
        assert np.array_equal(getattr(rows, name), getattr(expected, name)), name
    again = rows.as_best()
    assert again == loop and list(again) == list(loop)
    assert len(loop) > 0


def test_best_rows_given_a_key_twice_keep_it_as_a_dictionary_would() -> None:
    best: dict = {}
    given = [((1, 0), [(0.5, 3)]), ((2, 0), [(0.4, 5), (0.3, 6)]), ((1, 0), [(0.9, 7)])]
    for key, matches in given:
        best.update({key: matches})  # (1, 0) keeps its first place and takes its last value
    rows = BestRows.of_columns(
        np.array([1, 2, 1]),
        np.array([0, 0, 0]),
        np.array([0.5, 0.4, 0.9]),
        np.array([3, 5, 7]),
        np.array([0.0, 0.3, 0.0]),
        np.array([-1, 6, -1]),
        1,
    )
    assert rows.as_best() == best and list(rows.as_best()) == list(best)
    assert rows.unit.tolist() == [1, 2] and rows.s0.tolist() == [0.9, 0.4]
    assert rows.find(np.array([1, 2, 3]), np.array([0, 0, 0])).tolist() == [0, 1, -1]
