"""Stories: the documents of a brief grouped by the news story they tell, before any alignment.

News aggregators cluster articles into stories first and compare coverage only
within a story; aligning passages across a folder of many stories finds "matches"
in articles about something else. This stage runs on whole documents:

1. **Document vectors.** Each document's weighed terms (:mod:`.terms`,
   :mod:`.names`; its title and first :data:`.docterms.LEAD` passages count twice), at
   ``(1 + ln tf) · idf · boost`` with names, numbers and dates boosted as in
   :mod:`.weights`, trimmed to the :data:`TOP_TERMS` heaviest. Three weightings:
   the brief's own idf; an idf smoothed as if the brief held :data:`SMOOTH` more
   documents without the term (in a one-story brief the story's own names are in
   every document and the brief's idf would weigh them to nothing); and names,
   figures and dates alone.
2. **Candidate pairs.** Dot products are accumulated over shared terms (numpy over
   each term's documents); in a brief of more than :data:`ALL_PAIRS_MAX` documents,
   terms used by more than :data:`DF_CAP` of them are skipped and each document keeps
   its :data:`NEIGHBOURS` nearest.
3. **A learned document-pair decision.** A logistic regression (:mod:`.linear`) gives
   the probability that two documents tell one story from the three similarities,
   each relative to both documents' nearest neighbour, the brief's own similarity
   distribution (the median nearest-neighbour similarity, the mean similarity, its
   size), whether their dates agree, and, with the semantic stage, the cosine of the
   documents' embeddings. Relative features are what lets one model keep a one-story
   brief whole and split a folder of many stories: no fixed cosine does both.
4. **Grouping.** Average linkage over those probabilities (a pair not scored counts
   0) merges while the average reaches the model's ``merge`` cut; then a story of one
   or two documents joins the story it is most probably part of when that
   probability reaches ``attach`` (short articles are far from their story's average
   but close to one of its articles).

Stories are numbered by size (``s1`` is the largest) and labelled by the title of
their most central document.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np

from brieftui.compare import linear
from brieftui.compare.docterms import LEAD, DocTerms, document_months, document_terms
from brieftui.compare.index import PassageIndex
from brieftui.compare.storyblocks import nearest_pairs
from brieftui.compare.topk import top_k
from brieftui.compare.weights import boost
from brieftui.spans import shorten

TOP_TERMS = 100
"""A document vector keeps its heaviest terms only (the rest barely move a cosine)."""
SMOOTH = 300
"""Pseudo-documents without the term in the smoothed idf (see the module doc)."""
ALL_PAIRS_MAX = 400
"""Up to this many documents every pair sharing a term is scored."""
DF_CAP = 0.02
"""In larger briefs, terms used by more than this share of documents (and at least
:data:`DF_FLOOR`) are skipped when accumulating dot products."""
DF_FLOOR = 50
NEIGHBOURS = 40
"""In larger briefs each document keeps this many nearest documents as candidates."""
LOG_FLOOR = 1e-3
"""Added before the logarithm of a similarity (``log_sim``): two articles sharing only
common words sit near 0, where the linear cosine cannot tell 0.006 from 0.06."""
SMALL = 2
"""Stories of at most this many documents may join another after the linkage."""
LABEL_MAX = 80

FEATURES = (
    "sim",
    "sim_brief_idf",
    "sim_names",
    "rel_min",
    "rel_max",
    "rel_brief_min",
    "median_nearest",
    "mean_sim",
    "log_docs",
    "dates",
    "log_sim",
    "log_sim_brief_idf",
)
"""The lexical document-pair features, in model order (``hybrid`` adds :data:`SEMANTIC`)."""
SEMANTIC = ("embedding", "embedding_rel")


@dataclass(frozen=True)
class StoryGroups:
    """Document numbers grouped into stories (largest first), with labels and centres."""

    groups: list[list[int]]
    labels: list[str]
    centres: list[int]
    """The most central document of each story (labels come from its title)."""

    def story_of(self) -> list[int]:
        """Document number → story number."""
        out = [0] * sum(len(g) for g in self.groups)
        for s, members in enumerate(self.groups):
            for d in members:
                out[d] = s
        return out


# -- 1. document vectors (their terms: :mod:`.docterms`) ---------------------------------
@dataclass
class _Entries:
    """Trimmed document vectors as flat arrays: document, term id, three weights."""

    doc: np.ndarray
    term: np.ndarray
    weights: np.ndarray
    """``(entries, 3)``: smoothed idf, the brief's idf, names/figures/dates only."""
    n_terms: int


def _entries(index: PassageIndex, terms: DocTerms) -> _Entries:
    """Weighted, normalised and trimmed document vectors (numpy over every (document, term))."""
    n = len(index.doc_ids)
    vocab = terms.vocabulary
    if not len(terms.term):
        return _Entries(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 3)), 0)
    names = index.names
    boosts = np.fromiter((boost(t, names) for t in vocab), dtype=np.float64, count=len(vocab))
    specific = np.fromiter(
        (t in names or t[0] in "#@" for t in vocab), dtype=np.float64, count=len(vocab)
    )
    df = np.bincount(terms.term, minlength=len(vocab)).astype(np.float64)
    f = df[terms.term]
    tf = 1.0 + np.log(terms.count)
    b = boosts[terms.term]
    w_s = tf * np.log(1.0 + (n + SMOOTH - f + 0.5) / (f + 0.5)) * b
    w_b = tf * np.log(1.0 + (n - f + 0.5) / (f + 0.5)) * b  # BM25's idf (weights.bm25_idf)
    w_n = w_s * specific[terms.term]
    rows = np.stack([w_s, w_b, w_n], axis=1)
    norms = np.sqrt(
        np.stack(
            [np.bincount(terms.doc, weights=rows[:, i] ** 2, minlength=n) for i in range(3)], 1
        )
    )
    norms[norms == 0] = 1.0
    rows = rows / norms[terms.doc]
    # each document's TOP_TERMS heaviest terms (ties: the earlier term)
    keep = top_k(terms.doc, w_s, terms.term, TOP_TERMS, n)  # (documents in order)
    return _Entries(terms.doc[keep], terms.term[keep], rows[keep], len(vocab))


# -- 2. candidate pairs ----------------------------------------------------------------
def candidate_pairs(entries: _Entries, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(a, b, sims)``: document pairs ``a < b`` sharing a term and their three dot products."""
    if n < 2 or len(entries.doc) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 3))
    order = np.argsort(entries.term, kind="stable")
    term = entries.term[order]
    doc = entries.doc[order]
    w = entries.weights[order]
    bounds = np.flatnonzero(np.diff(term)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [len(term)]))
    sizes = ends - starts
    cap = n if n <= ALL_PAIRS_MAX else max(DF_FLOOR, int(DF_CAP * n))
    if n > ALL_PAIRS_MAX and n >= BLOCKS_FROM:
        return nearest_pairs(doc, w, starts, sizes, cap, n, NEIGHBOURS)
    # every pair (i < j) of each term's documents, term by term and in the order of
    # np.triu_indices within a term (the order the sums below add them in), built for
    # all terms at once: each entry is repeated once per later entry of its term
    size_of = np.repeat(np.where((sizes >= 2) & (sizes <= cap), sizes, 0), sizes)
    local = np.arange(len(term)) - np.repeat(starts, sizes)
    later = np.where(size_of > 0, size_of - 1 - local, 0)
    if not later.sum():
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 3))
    ii = np.repeat(np.arange(len(term)), later)
    jj = ii + 1 + (np.arange(len(ii)) - np.repeat(np.cumsum(later) - later, later))
    a, b = doc[ii], doc[jj]
    all_keys = np.minimum(a, b) * n + np.maximum(a, b)
    all_prods = w[ii] * w[jj]
    uniq, inverse = np.unique(all_keys, return_inverse=True)
    sims = np.stack(
        [np.bincount(inverse, weights=all_prods[:, i], minlength=len(uniq)) for i in range(3)],
        axis=1,
    )
    a = uniq // n
    b = uniq % n
    if n > ALL_PAIRS_MAX:
        keep = _nearest(a, b, sims[:, 0], n, NEIGHBOURS)
        a, b, sims = a[keep], b[keep], sims[keep]
    return a, b, sims


BLOCKS_FROM = 3000
"""From this many documents the nearest are found by blocks (:mod:`.storyblocks`:
at 10,000 articles 8.3 s → 5.7 s; at 2,000 sorting every pair is a little faster)."""


def _nearest(a: np.ndarray, b: np.ndarray, s: np.ndarray, n: int, k: int) -> np.ndarray:
    """The pairs among each document's ``k`` most similar (either side), as a mask."""
    both_doc = np.concatenate((a, b))
    both_sim = np.concatenate((s, s))
    pair = np.concatenate((np.arange(len(a)), np.arange(len(a))))
    # by document, then most similar first, then input order: np.lexsort((-sim, doc)),
    # as two stable argsorts (a quarter faster on millions of pairs, the same order)
    by_sim = np.argsort(-both_sim, kind="stable")
    order = by_sim[np.argsort(both_doc[by_sim], kind="stable")]
    doc_sorted = both_doc[order]
    first = np.searchsorted(doc_sorted, doc_sorted, side="left")
    rank = np.arange(len(order)) - first
    keep = np.zeros(len(a), dtype=bool)
    keep[pair[order][rank < k]] = True
    return keep


# -- 3. features and probabilities -----------------------------------------------------
def _nearest_sim(a: np.ndarray, b: np.ndarray, s: np.ndarray, n: int) -> np.ndarray:
    best = np.zeros(n)
    np.maximum.at(best, a, s)
    np.maximum.at(best, b, s)
    return best


def pair_features(
    index: PassageIndex,
    embeddings: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """``(a, b, features, names)`` for the candidate document pairs of the brief."""
    terms = document_terms(index)
    n = len(index.doc_ids)
    entries = _entries(index, terms)
    a, b, sims = candidate_pairs(entries, n)
    names = list(FEATURES) + (list(SEMANTIC) if embeddings is not None else [])
    if len(a) == 0:
        return a, b, np.zeros((0, len(names))), names
    s, s_brief, s_names = sims[:, 0], sims[:, 1], sims[:, 2]
    eps = 1e-6
    near = _nearest_sim(a, b, s, n) + eps
    near_brief = _nearest_sim(a, b, s_brief, n) + eps
    hi = np.maximum(near[a], near[b])
    lo = np.minimum(near[a], near[b])
    hi_brief = np.maximum(near_brief[a], near_brief[b])
    # the mean cosine over all pairs, from the sum of the (trimmed) vectors
    totals = np.bincount(entries.term, weights=entries.weights[:, 0], minlength=entries.n_terms)
    self_dots = np.bincount(entries.doc, weights=entries.weights[:, 0] ** 2, minlength=n).sum()
    mean_sim = float((totals @ totals - self_dots) / (n * (n - 1))) if n > 1 else 0.0
    months = document_months(index, terms)
    dates = np.fromiter(
        (
            (1.0 if months[i] & months[j] else -1.0) if months[i] and months[j] else 0.0
            for i, j in zip(a.tolist(), b.tolist(), strict=True)
        ),
        dtype=np.float64,
        count=len(a),
    )
    columns = [
        s,
        s_brief,
        s_names,
        s / hi,
        s / lo,
        s_brief / hi_brief,
        np.full(len(a), float(np.median(near - eps))),
        np.full(len(a), mean_sim),
        np.full(len(a), math.log(n)),
        dates,
        np.log(s + LOG_FLOOR),
        np.log(s_brief + LOG_FLOOR),
    ]
    if embeddings is not None:
        e = np.einsum("ij,ij->i", embeddings[a], embeddings[b]).astype(np.float64)
        e_near = _nearest_sim(a, b, e, n) + eps
        columns += [e, e / np.maximum(e_near[a], e_near[b])]
    return a, b, np.stack(columns, axis=1), names


# -- 4. grouping -------------------------------------------------------------------------
def average_linkage(
    n: int, a: np.ndarray, b: np.ndarray, p: np.ndarray, cut: float
) -> list[list[int]]:
    """Average-linkage clusters of ``n`` items over sparse pair scores (missing pairs = 0).

    Merges the two clusters of highest average score while it reaches ``cut``; ties
    go to the lower cluster numbers, so the result never depends on input order.
    """
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, v in zip(a.tolist(), b.tolist(), p.tolist(), strict=True):
        if v > 0:
            links[i][j] = links[i].get(j, 0.0) + v
            links[j][i] = links[j].get(i, 0.0) + v
    size = [1] * n
    members: list[list[int] | None] = [[i] for i in range(n)]
    heap = [(-v, i, j) for i in range(n) for j, v in links[i].items() if i < j and v >= cut]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if members[i] is None or members[j] is None:
            continue
        current = links[i].get(j, 0.0) / (size[i] * size[j])
        if abs(current + neg) > 1e-12:
            continue  # stale: the clusters changed since this entry was pushed
        if current < cut:
            continue
        # merge j into i
        mi, mj = members[i], members[j]
        assert mi is not None and mj is not None
        mi.extend(mj)
        members[j] = None
        size[i] += size[j]
        links[i].pop(j, None)
        for o, v in links[j].items():
            if o == i:
                continue
            links[i][o] = links[i].get(o, 0.0) + v
            lo = links[o]
            lo.pop(j, None)
            lo[i] = links[i][o]
        links[j] = {}
        for o, v in links[i].items():
            avg = v / (size[i] * size[o])
            if avg >= cut:
                heapq.heappush(heap, (-avg, min(i, o), max(i, o)))
    return [sorted(m) for m in members if m is not None]


def attach_small(
    groups: list[list[int]], a: np.ndarray, b: np.ndarray, p: np.ndarray, cut: float
) -> list[list[int]]:
    """Stories of at most :data:`SMALL` documents join the story they most probably belong to."""
    big = [g for g in groups if len(g) > SMALL]
    if not big:
        return groups
    where = {d: k for k, g in enumerate(big) for d in g}
    best: dict[int, tuple[float, int]] = {}
    small_of = {d: k for k, g in enumerate(groups) if len(g) <= SMALL for d in g}
    for i, j, v in zip(a.tolist(), b.tolist(), p.tolist(), strict=True):
        for x, y in ((i, j), (j, i)):
            k = small_of.get(x)
            if k is not None and y in where:
                cur = best.get(k)
                if cur is None or (v, -where[y]) > (cur[0], -cur[1]):
                    best[k] = (v, where[y])
    out = [list(g) for g in big]
    for k, g in enumerate(groups):
        if len(g) > SMALL:
            continue
        got = best.get(k)
        if got is not None and got[0] >= cut:
            out[got[1]].extend(g)
        else:
            out.append(list(g))
    return [sorted(g) for g in out]


def cluster(
    index: PassageIndex, a: np.ndarray, b: np.ndarray, p: np.ndarray, model: linear.Logistic
) -> StoryGroups:
    """Stories from scored document pairs: linkage, small stories attached, labelled."""
    n = len(index.doc_ids)
    groups = average_linkage(n, a, b, p, model.cuts.get("merge", 0.5))
    groups = attach_small(groups, a, b, p, model.cuts.get("attach", 0.5))
    groups.sort(key=lambda g: (-len(g), g[0]))
    within = np.zeros(n)
    story = {d: k for k, g in enumerate(groups) for d in g}
    same = np.fromiter(
        (story[i] == story[j] for i, j in zip(a.tolist(), b.tolist(), strict=True)),
        dtype=bool,
        count=len(a),
    )
    np.add.at(within, a[same], p[same])
    np.add.at(within, b[same], p[same])
    centres = [max(g, key=lambda d: (within[d], -d)) for g in groups]
    labels = [shorten(index.titles[c], LABEL_MAX) for c in centres]
    return StoryGroups(groups, labels, centres)


def group(
    index: PassageIndex,
    embeddings: np.ndarray | None = None,
    model: linear.Logistic | None = None,
) -> StoryGroups:
    """The stories of the brief: document numbers grouped, largest first, labelled.

    ``model``: another document-pair model than the shipped one (training, tests).
    """
    if not index.doc_ids:
        return StoryGroups([], [], [])
    if model is None:
        model = linear.model("stories", embeddings is not None)
    a, b, x, _names = pair_features(index, embeddings)
    return cluster(index, a, b, model.probabilities(x), model)


__all__ = ["LEAD", "StoryGroups", "cluster", "document_terms", "pair_features"]
