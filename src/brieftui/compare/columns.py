"""The passage index as flat columns: the whole brief tokenised, named and weighed at once.

:meth:`.index.PassageIndex.build` used to run :func:`.terms.raw_occurrences` and
:func:`.names.finalise` passage by passage, a Python step per token (6 million at
5,000 articles). Here the same stages run over every passage at once: the regex
*splits* each passage in C into tokens and the gaps between them (so every span
follows from the lengths, by a cumulative sum), tokens and gaps are mapped to small
tables through dicts by C iteration, and what the per-token loop decided (the shape
of a capitalised word, the tokens inside a date, the names, phrases and modifiers,
the counts and the weights) is decided with numpy over integer columns. Python
steps remain per distinct token, per date, per pair of adjacent names and per
passage, never per token.

The result is :class:`Columns`: every occurrence and every vector entry of the
brief, passage after passage, as arrays of term ids; a passage's tuples
(:attr:`.index.Unit.occs`, :attr:`.index.Unit.vec`) are made when first read. The
per-passage functions stay the reference (and serve queries): ``tests/compare/
test_columns.py`` checks that both give the same occurrences and vectors.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import repeat

import numpy as np

from brieftui.compare.firstseen import in_order_of_first
from brieftui.compare.names import MODIFIER, PHRASE_GAPS, decide_names, is_weighed
from brieftui.compare.rawcols import Raw
from brieftui.compare.terms import (
    ACRONYM,
    CAPITALISED,
    LOWER,
    PHRASE,
    WORD,
    stem_more,
)
from brieftui.compare.tokensplit import tokenise
from brieftui.compare.weights import (
    DATE_BOOST,
    INFORMATIVE_IDF,
    NAME_BOOST,
    NUMBER_BOOST,
    bm25_idf,
)


def _names(
    raw: Raw,
    n_units: int,
    passage: np.ndarray,
    key: np.ndarray,
    kind: np.ndarray,
    shape: np.ndarray,
) -> tuple[frozenset[str], dict[str, str]]:
    """:func:`.names.find_names` over the columns: its counts by ``bincount``."""
    word = kind == WORD
    kw, shw, pw = key[word], shape[word], passage[word]
    n_keys = len(raw.keys)
    nw = np.bincount(pw, minlength=n_units)
    ncap = np.bincount(pw[shw != LOWER], minlength=n_units)
    heading = (nw == 0) | ((nw <= 14) & (ncap >= 0.6 * nw))
    body = ~heading[pw]
    acr = 2 * np.bincount(kw[shw == ACRONYM], minlength=n_keys)
    seen = acr + np.bincount(kw[body & ((shw == LOWER) | (shw == CAPITALISED))], minlength=n_keys)
    cap = acr + np.bincount(kw[body & (shw == CAPITALISED)], minlength=n_keys)
    count = np.bincount(kw, minlength=n_keys)
    order = in_order_of_first(kw, n_keys).tolist()  # first appearance
    strings = list(raw.keys)
    vocab = Counter(dict(zip(map(strings.__getitem__, order), count[order].tolist(), strict=True)))
    used = [k for k in order if seen[k]]
    seen_c = Counter(dict(zip(map(strings.__getitem__, used), seen[used].tolist(), strict=True)))
    cap_c = Counter(dict(zip(map(strings.__getitem__, used), cap[used].tolist(), strict=True)))
    return decide_names(vocab, seen_c, cap_c)


class Columns:
    """Every passage's occurrences and vector, flat; a passage's tuples made on first use.

    ``occ_*`` columns hold the occurrences of passage ``u`` at ``occ_off[u]:occ_off[u+1]``
    (term id into :attr:`vocab`, start, end, kind), ``vec_*`` its vector entries (term id,
    weight) in the vector's order. Filling is per document (compare reads a few
    passages of a document, stories and events read them all in order).
    """

    def __init__(
        self,
        vocab: list[str],
        occ: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        occ_off: np.ndarray,
        vec: tuple[np.ndarray, np.ndarray],
        vec_off: np.ndarray,
    ) -> None:
        self.vocab = vocab
        # narrow types: 13 bytes an occurrence, not 32 (6.5 million at 5,000 articles)
        term, start, end, kind = occ
        self.occ_term = term.astype(np.int32, copy=False)
        self.occ_start = start.astype(np.int32, copy=False)
        self.occ_end = end.astype(np.int32, copy=False)
        self.occ_kind = kind.astype(np.int8, copy=False)
        self.occ_off = occ_off.tolist()
        self.vec_term = vec[0].astype(np.int32, copy=False)
        self.vec_w = vec[1]
        self.vec_off = vec_off.tolist()

    def fill_occs(self, units: list, members: Sequence[int]) -> None:
        """Make the occurrence tuples of ``members`` (consecutive units)."""
        off = self.occ_off
        a = off[members[0]]
        rows = self._occ_rows(a, off[members[-1] + 1])
        for ui in members:
            units[ui].occs = tuple(rows[off[ui] - a : off[ui + 1] - a])

    def unit_occs(self, ui: int) -> list[tuple[str, int, int, int]]:
        """One unit's occurrences, as :meth:`fill_occs` makes them, without making its
        document's (a label reads one passage of a document, not all of them)."""
        return self._occ_rows(self.occ_off[ui], self.occ_off[ui + 1])

    def _occ_rows(self, a: int, b: int) -> list[tuple[str, int, int, int]]:
        """Occurrences ``a`` to ``b`` of the columns as (term, start, end, kind) tuples."""
        return list(
            zip(
                map(self.vocab.__getitem__, self.occ_term[a:b].tolist()),
                self.occ_start[a:b].tolist(),
                self.occ_end[a:b].tolist(),
                self.occ_kind[a:b].tolist(),
                strict=True,
            )
        )

    def units_with(self, kind: int) -> np.ndarray:
        """A bool per unit: does it hold an occurrence of this kind (a date, say)?"""
        off = np.asarray(self.occ_off, dtype=np.int64)
        owner = np.repeat(np.arange(len(off) - 1), np.diff(off))
        return np.bincount(owner[self.occ_kind == kind], minlength=len(off) - 1) > 0

    def fill_vecs(self, units: list, members: Sequence[int]) -> None:
        """Make the vectors (dicts, in their order) of ``members`` (consecutive units)."""
        off = self.vec_off
        a, b = off[members[0]], off[members[-1] + 1]
        terms = list(map(self.vocab.__getitem__, self.vec_term[a:b].tolist()))
        weights = self.vec_w[a:b].tolist()
        for ui in members:
            s, e = off[ui] - a, off[ui + 1] - a
            units[ui].vec = dict(zip(terms[s:e], weights[s:e], strict=True))


ELIGIBLE_SMOOTH = 100
"""Passages without the term added to the brief when counting a passage's informative
terms for eligibility (at least :data:`~.weights.MIN_INFORMATIVE`): in a brief of a few
short reports of one event, the event's own words are in half its passages, their idf
falls below :data:`~.weights.INFORMATIVE_IDF` and no passage was ever matched (twelve
two-paragraph reports of one fire: every source "not covered"). At 200,000 passages it
changes nothing; on the held-out ECB+ topics, top-1 0.903 -> 0.906 (7 fewer "not
covered" answers), the gold briefs and the mixed brief unchanged."""


class Built:
    """What :func:`build` gives the index: names, statistics, weights and the columns."""

    names: frozenset[str]
    canon: dict[str, str]
    df: Counter[str]
    ddf: Counter[str]
    idf: dict[str, float]
    tw: dict[str, float]
    columns: Columns
    eligible_terms: np.ndarray
    """Per unit: how many of its vector's terms are informative (idf above the line)."""
    df_arr: np.ndarray
    ddf_arr: np.ndarray


def statistics(
    vocab: list[str], df_arr: np.ndarray, n: int, names: frozenset[str], weighed: np.ndarray
) -> tuple[dict[str, float], dict[str, float], np.ndarray, np.ndarray]:
    """``idf`` and ``tw`` (as :func:`.weights.term_weights` makes them) and the same two
    as arrays over the vocabulary (nan for an unweighed term's weight)."""
    idf_list = list(map(bm25_idf, df_arr.tolist(), repeat(n)))
    idf = dict(zip(vocab, idf_list, strict=True))
    idf_arr = np.asarray(idf_list, dtype=np.float64)
    boosts = np.fromiter(
        (
            DATE_BOOST
            if t[0] == "@"
            else NUMBER_BOOST
            if t[0] == "#"
            else NAME_BOOST
            if t in names
            else 1.0
            for t in vocab
        ),
        dtype=np.float64,
        count=len(vocab),
    )
    tw_arr = idf_arr * boosts
    keep = np.flatnonzero(weighed).tolist()
    tw = dict(zip(map(vocab.__getitem__, keep), tw_arr[keep].tolist(), strict=True))
    tw_arr[~weighed] = np.nan
    return idf, tw, idf_arr, tw_arr


def build(texts: Sequence[str], unit_doc: np.ndarray, n_docs: int) -> Built:
    """Occurrences, names, statistics and vectors of every passage (see the module doc)."""
    n_units = len(texts)
    raw = tokenise(texts)
    passage, start, end, key, kind, shape = raw.columns()
    names, canon = _names(raw, n_units, passage, key, kind, shape)
    del shape
    # final forms, per distinct key: canonical names, other words verb-stemmed
    vocab: dict[str, int] = {}
    final_of_key = np.empty(len(raw.keys), dtype=np.int64)
    name_of_key = np.zeros(len(raw.keys), dtype=bool)
    for k, (string, kd) in enumerate(zip(raw.keys, raw.key_kind, strict=True)):
        if kd == WORD:
            form = canon.get(string, string)
            is_name = form in names
            final = form if is_name else stem_more(form)
            name_of_key[k] = is_name
        else:
            final = string
        final_of_key[k] = vocab.setdefault(final, len(vocab))
    term = final_of_key[key]
    is_name = name_of_key[key] & (kind == WORD)
    del key
    # adjacent names: a phrase term, and the first becomes a modifier (names.finalise)
    pair = np.flatnonzero(
        is_name[:-1] & is_name[1:] & (passage[:-1] == passage[1:]) & (term[:-1] != term[1:])
    )
    link = [
        i
        for i, p, e, s in zip(
            pair.tolist(),
            passage[pair].tolist(),
            end[pair].tolist(),
            start[pair + 1].tolist(),
            strict=True,
        )
        if texts[p][e:s].strip() in PHRASE_GAPS
    ]
    if link:
        li = np.asarray(link, dtype=np.int64)
        strings = list(vocab)
        a_terms, b_terms = term[li].tolist(), term[li + 1].tolist()
        mods = [vocab.setdefault(strings[t] + MODIFIER, len(vocab)) for t in a_terms]
        phrases = [
            vocab.setdefault(f"{strings[t]} {strings[u]}", len(vocab))
            for t, u in zip(a_terms, b_terms, strict=True)
        ]
        p_rows = (passage[li], start[li], end[li + 1], phrases, np.full(len(li), PHRASE))
        term[li] = mods
        at = li + 2
        passage, start, end, term, kind = (
            np.insert(c, at, x)
            for c, x in zip((passage, start, end, term, kind), p_rows, strict=True)
        )
    # keep the terms that occur (a key seen only inside a date is not a term)
    used = np.zeros(len(vocab), dtype=bool)
    used[term] = True
    vocab_list = [t for t, u in zip(vocab, used.tolist(), strict=True) if u]
    term = (np.cumsum(used) - 1)[term]
    n_terms = len(vocab_list)
    occ_off = np.zeros(n_units + 1, dtype=np.int64)
    np.cumsum(np.bincount(passage, minlength=n_units), out=occ_off[1:])
    # df: passages per term; the distinct (passage, term) pairs also give term counts
    pairs, first_at, tf = np.unique(passage * n_terms + term, return_index=True, return_counts=True)
    p_of, t_of = pairs // n_terms, pairs % n_terms
    df_arr = np.bincount(t_of, minlength=n_terms)
    d_pairs = np.sort(unit_doc[p_of] * n_terms + t_of)
    distinct = np.ones(len(d_pairs), dtype=bool)
    distinct[1:] = d_pairs[1:] != d_pairs[:-1]
    ddf_arr = np.bincount(d_pairs[distinct] % n_terms, minlength=n_terms)
    n = max(n_units, 1)
    weighed = np.fromiter(map(is_weighed, vocab_list), dtype=bool, count=n_terms)
    idf, tw, _idf_arr, tw_arr = statistics(vocab_list, df_arr, n, names, weighed)
    # vectors: weighed terms in order of first appearance, weight · (1 + ln tf), normalised
    sel = np.flatnonzero(weighed[t_of])
    sel = sel[np.argsort(first_at[sel], kind="stable")]
    v_pass, v_term, v_tf = p_of[sel], t_of[sel], tf[sel]
    logs = np.asarray([0.0] + [math.log(c) for c in range(1, int(v_tf.max(initial=1)) + 1)])
    raw_w = tw_arr[v_term] * (1.0 + logs[v_tf])
    vec_off = np.zeros(n_units + 1, dtype=np.int64)
    np.cumsum(np.bincount(v_pass, minlength=n_units), out=vec_off[1:])
    offs = vec_off.tolist()
    hypot = math.hypot
    norms: list[float] = []
    for lo in range(0, n_units, 4096):  # a block of units at a time: one tolist() of
        hi = min(lo + 4096, n_units)  # every weight held the interpreter for 0.17 s
        base = offs[lo]
        values = raw_w[base : offs[hi]].tolist()
        norms += [hypot(*values[offs[u] - base : offs[u + 1] - base]) for u in range(lo, hi)]
    inv = np.asarray([1.0 / x if x else 0.0 for x in norms], dtype=np.float64)
    vec_w = raw_w * inv[v_pass]
    if not all(norms):  # all-zero weights: no vector (as weights.vector gives)
        keep = np.repeat(np.asarray(norms) != 0, np.diff(vec_off))
        v_pass, v_term, vec_w = v_pass[keep], v_term[keep], vec_w[keep]
        vec_off[1:] = np.cumsum(np.bincount(v_pass, minlength=n_units))
    # informative for eligibility: the idf as if the brief held ELIGIBLE_SMOOTH more
    # passages without the term (a brief of a few short reports of one event has its
    # event's words in half its passages, and no passage of it was ever matched)
    smooth_idf = np.log1p((n + ELIGIBLE_SMOOTH - df_arr + 0.5) / (df_arr + 0.5))
    informative = np.bincount(v_pass[smooth_idf[v_term] > INFORMATIVE_IDF], minlength=n_units)
    out = Built()
    out.names, out.canon = names, canon
    out.df = Counter(dict(zip(vocab_list, df_arr.tolist(), strict=True)))
    out.ddf = Counter(dict(zip(vocab_list, ddf_arr.tolist(), strict=True)))
    out.idf, out.tw = idf, tw
    out.df_arr, out.ddf_arr = df_arr, ddf_arr
    out.eligible_terms = informative
    out.columns = Columns(
        vocab_list,
        (term, start, end, kind),
        occ_off,
        (v_term, vec_w),
        vec_off,
    )
    return out


__all__ = ["Built", "Columns", "build", "statistics"]
