"""Each document's terms and months, the input of the story stage's document vectors.

Split from :mod:`.stories`: a document's terms are its title's and its first
:data:`MAX_PASSAGES` passages' (the first :data:`LEAD` twice). They are read from the
alignment index's occurrence columns when it has them (no per-occurrence tuple is
made: at 5,000 articles that was 2.2 of the 5.9 s the stories took), else from each
passage's occurrences; both give the same arrays.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

import numpy as np

from brieftui.compare.columns import Columns
from brieftui.compare.firstseen import in_order_of_first
from brieftui.compare.index import PassageIndex
from brieftui.compare.names import finalise, is_weighed
from brieftui.compare.terms import raw_occurrences

LEAD = 3
"""The first passages of a document, which tell its story, count twice."""
MAX_PASSAGES = 15
"""Passages past this one do not count in a document's vector."""
TITLE_WEIGHT = 2.0


@dataclass
class DocTerms:
    """Every document's weighed terms and their counts, as flat arrays over a vocabulary."""

    vocabulary: list[str]
    doc: np.ndarray
    term: np.ndarray
    count: np.ndarray


def document_terms(index: PassageIndex) -> DocTerms:
    """Each document's weighed terms: its title and first :data:`LEAD` passages count
    twice, and passages past :data:`MAX_PASSAGES` are left out (the story is told
    at the top; the rest of a long article only adds cost).

    Terms are numbered in order of first appearance, as a loop assigning ids to the
    weighed terms would; the per-term work (numbering, "is it weighed") is done once per
    distinct term, the rest by C iteration (a Python step per (document, term) took
    most of the stage).
    """
    cols = getattr(index, "_columns", None)
    if cols is not None and len(cols.occ_off) == len(index.units) + 1:
        return _document_terms_of_columns(index, cols)
    units = index.units
    first = itemgetter(0)
    # the titles' terms as index.occurrences gives them, with one token cache for all
    names, canon = index.names, index.canon
    tokens: dict[str, tuple[str, int, int] | None] = {}
    words: dict[str, tuple[str, bool]] = {}
    docs: list[int] = []
    keys: list[str] = []
    counts: list[float] = []
    for d, members in enumerate(index.doc_units):
        lead = list(chain.from_iterable(map(first, units[ui].occs) for ui in members[:LEAD]))
        c: Counter[str] = Counter(lead)
        c.update(lead)
        c.update(
            chain.from_iterable(map(first, units[ui].occs) for ui in members[LEAD:MAX_PASSAGES])
        )
        title = index.titles[d]
        for o in finalise(title, raw_occurrences(title, tokens), names, canon, words):
            c[o[0]] += TITLE_WEIGHT
        docs.extend([d] * len(c))
        keys.extend(c)
        counts.extend(c.values())
    distinct = dict.fromkeys(keys)
    weighed = np.fromiter(map(is_weighed, distinct), dtype=bool, count=len(distinct))
    number = dict(zip(distinct, range(len(distinct)), strict=False))
    tid = np.fromiter(map(number.__getitem__, keys), dtype=np.int64, count=len(keys))
    keep = weighed[tid]
    dense = np.cumsum(weighed) - 1  # ids of the weighed terms alone, in the same order
    return DocTerms(
        [t for t, w in zip(distinct, weighed.tolist(), strict=True) if w],
        np.asarray(docs, dtype=np.int64)[keep],
        dense[tid[keep]],
        np.asarray(counts, dtype=np.float64)[keep],
    )


def _title_terms(index: PassageIndex) -> list[list[str]]:
    """Each document's title's terms, as :meth:`.index.PassageIndex.occurrences` gives
    them (one token cache for all titles)."""
    names, canon = index.names, index.canon
    tokens: dict[str, tuple[str, int, int] | None] = {}
    words: dict[str, tuple[str, bool]] = {}
    return [
        [o[0] for o in finalise(title, raw_occurrences(title, tokens), names, canon, words)]
        for title in index.titles
    ]


def _document_terms_of_columns(index: PassageIndex, cols: Columns) -> DocTerms:
    """:func:`document_terms` over the index's occurrence columns: the same terms,
    counts and order, with no occurrence tuple made (those were most of the stage).

    A document's entries come in the order its counter met them (lead passages, the
    rest, the title), so the normalising sums later add the same floats in the same
    order; terms are numbered by first appearance over the documents in turn.
    """
    n_docs = len(index.doc_units)
    occ_off = np.asarray(cols.occ_off, dtype=np.int64)
    first = np.fromiter((m[0] if m else 0 for m in index.doc_units), np.int64, n_docs)
    size = np.fromiter(map(len, index.doc_units), np.int64, n_docs)
    lo = occ_off[first]
    lead_end = occ_off[first + np.minimum(size, LEAD)]
    hi = occ_off[first + np.minimum(size, MAX_PASSAGES)]
    lens = hi - lo
    at = np.repeat(lo - (np.cumsum(lens) - lens), lens) + np.arange(int(lens.sum()))
    occ_doc = np.repeat(np.arange(n_docs, dtype=np.int64), lens)
    occ_weight = np.where(at < lead_end[occ_doc], 2.0, 1.0)
    occ_term = cols.occ_term[at].astype(np.int64)
    # the titles' terms: ids into the columns' vocabulary, new terms after it
    vocab = list(cols.vocab)
    ids = dict(zip(vocab, range(len(vocab)), strict=True))
    titles = _title_terms(index)
    t_doc = np.repeat(np.arange(n_docs, dtype=np.int64), list(map(len, titles)))
    t_term = [ids.setdefault(t, len(ids)) for t in chain.from_iterable(titles)]
    vocab.extend(list(ids)[len(vocab) :])
    # each document's occurrences, then its title's: both parts come by document, so
    # where each entry goes is known without sorting (a stable sort by document did it)
    t_lens = np.bincount(t_doc, minlength=n_docs)
    place = np.concatenate(
        [
            np.arange(len(occ_doc)) + (np.cumsum(t_lens) - t_lens)[occ_doc],
            np.arange(len(t_doc)) + np.cumsum(lens)[t_doc],
        ]
    )
    doc = np.empty(len(place), dtype=np.int64)
    term = np.empty(len(place), dtype=np.int64)
    weight = np.empty(len(place), dtype=np.float64)
    doc[place] = np.concatenate([occ_doc, t_doc])
    term[place] = np.concatenate([occ_term, np.asarray(t_term, dtype=np.int64)])
    weight[place] = np.concatenate([occ_weight, np.full(len(t_term), TITLE_WEIGHT)])
    n_vocab = max(len(vocab), 1)
    pairs, first_at, inverse = np.unique(
        doc * n_vocab + term, return_index=True, return_inverse=True
    )
    counts = np.bincount(inverse.reshape(-1), weights=weight, minlength=len(pairs))
    order = np.argsort(first_at, kind="stable")
    e_doc, e_term, e_count = pairs[order] // n_vocab, pairs[order] % n_vocab, counts[order]
    by_first = in_order_of_first(e_term, n_vocab)
    weighed = np.fromiter(
        (is_weighed(vocab[t]) for t in by_first.tolist()), dtype=bool, count=len(by_first)
    )
    dense = np.full(n_vocab, -1, dtype=np.int64)
    dense[by_first[weighed]] = np.arange(int(weighed.sum()), dtype=np.int64)
    tid = dense[e_term]
    keep = tid >= 0
    return DocTerms(
        [vocab[t] for t in by_first[weighed].tolist()], e_doc[keep], tid[keep], e_count[keep]
    )


def document_months(index: PassageIndex, terms: DocTerms) -> list[frozenset[str]]:
    """The months a document names (``@2013-05``) or is dated in."""
    n = len(index.doc_ids)
    months: list[set[str]] = [set() for _ in range(n)]
    vocab = terms.vocabulary
    is_month = np.fromiter(
        (t[0] == "@" and len(t) == 8 for t in vocab), dtype=bool, count=len(vocab)
    )
    if len(terms.term):
        hit = is_month[terms.term]
        for d, t in zip(terms.doc[hit].tolist(), terms.term[hit].tolist(), strict=True):
            months[d].add(vocab[t])
    for d in range(n):
        date = index.doc_dates[d] if d < len(index.doc_dates) else None
        if date and len(date) >= 7 and date[4] == "-":
            months[d].add("@" + date[:7])
    return [frozenset(m) for m in months]
