"""Query words, phrases, sources and exclusions resolved to sets of passages.

The half of :class:`~brieftui.search.SearchIndex` between a parsed query and ranking
(its tables are set in :mod:`brieftui.search.index`): a word is expanded against the
vocabulary (exact, prefix, typo: see :mod:`brieftui.search`), each expansion's postings
become a :class:`~brieftui.search.bits.RankSet`, and the sets are cached, since typing
repeats both the words and their terms.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from itertools import chain, filterfalse
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from brieftui.search.bits import RankSet, ranks_of
from brieftui.search.rank import ADJACENCY_BONUS, Word
from brieftui.search.sources import matching_sources
from brieftui.search.stems import MIN_STEM, inflection_stem
from brieftui.text import STOPWORDS, fold, normalize

__all__ = ["MAX_WORD_LEN", "Resolver"]

# Weights of the ways a query word can match a term (exact beats prefix beats typo).
_W_EXACT = 1.0
_W_PREFIX_MIN = 0.5  # prefix weight grows with the share of the term already typed
_W_PREFIX_MAX = 0.7
_W_FUZZY = (1.0, 0.45, 0.35, 0.3)  # by edit distance 0..3
_PREFIX_SCAN = 4000  # vocabulary terms looked at for one prefix
_PREFIX_KEEP = 10  # most frequent completions kept
_PREFIX_KEEP_SHORT = (0, 2, 3, 6)  # … for prefixes of 1, 2 and 3 characters
_FUZZY_KEEP = 8
_W_FAMILY = 0.8  # another form of the word ("killed" → "killing"): below the word itself
_FAMILY_SCAN = 200  # vocabulary terms looked at for one stem
_TERM_SETS = 160  # postings sets kept (per term; typing reuses them)
MAX_WORD_LEN = 64
_WORD_CACHE = 64


def _phrase_pattern(words: Sequence[str]) -> Any:
    parts = [re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in words]
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(parts) + r"(?![^\W_])", re.IGNORECASE)


class Resolver:
    """The query-word half of :class:`~brieftui.search.SearchIndex` (its tables and
    caches are set there, in ``_load`` and ``_init_runtime``)."""

    _count: int
    _nbytes: int
    _terms: list[str]
    _term_id: dict[str, int]
    _stop_ids: frozenset[int]
    _sorted_terms: list[str]
    _order: array
    _df: array
    _n_for_idf: int
    _dense: dict[int, RankSet]
    _offsets: array
    _post: array
    _by_length: array
    _rank_of: array | None
    _doc_fields: list[str]
    _doc_start: array
    _text_of: Callable[[int], str]
    _lock: Any  # a threading.Lock
    _buckets: dict[str, dict[int, list[str]]]
    _term_sets: OrderedDict[int, RankSet]
    _word_cache: OrderedDict[Any, Any]

    def _idf(self, t: int) -> float:
        n, df = self._n_for_idf, self._df[t]
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _ranks_of_passages(self) -> array:
        """Passage number → length rank (built on first use: only ``source:`` needs it)."""
        rank_of = self._rank_of
        if rank_of is None:
            rank_of = array("I", bytes(4 * self._count))
            deque(map(rank_of.__setitem__, self._by_length, range(self._count)), maxlen=0)
            self._rank_of = rank_of
        return rank_of

    # -- query words → expansions → passage sets --------------------------------------
    def _expand_key(self, key: str) -> list[tuple[int, float]]:
        found: dict[int, float] = {}
        if not key:
            return []
        tid = self._term_id.get(key)
        if tid is not None:
            found[tid] = _W_EXACT
        df = self._df
        # Prefix: the word the user is still typing (the vocabulary's run of terms that
        # start with it, at most _PREFIX_SCAN of them, found by bisection).
        sorted_terms = self._sorted_terms
        i = bisect_left(sorted_terms, key)
        end = min(len(sorted_terms), i + _PREFIX_SCAN)
        if ord(key[-1]) < 0x10FFFF:
            end = bisect_left(sorted_terms, key[:-1] + chr(ord(key[-1]) + 1), i, end)
        term_id = self._term_id
        skip = self._stop_ids if tid is None else self._stop_ids | {tid}
        # The run's term ids come from the order array (sorted position → id): looking
        # up each of 4,000 terms in a dict of 100,000 was 1.5 ms of a one-letter keystroke.
        completions = list(filterfalse(skip.__contains__, self._order[i:end]))
        if completions:
            # Few completions for a short prefix: "t" could be anything, and each
            # completion costs its postings. Sorting by df in C keeps nlargest's order
            # (a stable sort: ties stay in vocabulary order) at a third of its time.
            keep = _PREFIX_KEEP_SHORT[len(key)] if len(key) < 4 else _PREFIX_KEEP
            completions.sort(key=df.__getitem__, reverse=True)
            for t in completions[:keep]:
                share = len(key) / len(self._terms[t])
                found.setdefault(t, _W_PREFIX_MIN + (_W_PREFIX_MAX - _W_PREFIX_MIN) * share)
        # The word's family: its other inflections ("killed" → "killing", "kills").
        stem = inflection_stem(key)
        if len(stem) >= MIN_STEM:
            lo = bisect_left(sorted_terms, stem)
            hi = min(len(sorted_terms), lo + _FAMILY_SCAN)
            longest = len(stem) + 4  # an inflection adds at most "ing" and a doubled letter
            for term in sorted_terms[lo:hi]:
                if not term.startswith(stem):
                    break
                if len(term) <= longest and term != key and inflection_stem(term) == stem:
                    t = term_id[term]
                    if found.get(t, 0.0) < _W_FAMILY and t not in self._stop_ids:
                        found[t] = _W_FAMILY
        # Typos and name variants: edit distance on terms of similar length.
        if len(key) >= 4 and not any(c.isdigit() for c in key):
            max_d = 1 if len(key) <= 5 else 2 if len(key) <= 9 else 3
            pool: list[str] = []
            for first in dict.fromkeys((key[0], key[1])):
                buckets = self._letter_buckets(first)
                for length in range(len(key) - max_d, len(key) + max_d + 1):
                    pool.extend(buckets.get(length, ()))
            if pool:
                for term, dist, _ in process.extract(
                    key, pool, scorer=OSA.distance, score_cutoff=max_d, limit=_FUZZY_KEEP + 1
                ):
                    if dist == 0:
                        continue
                    t = term_id[term]
                    if t in self._stop_ids:
                        continue  # "for" is no typo of "ford" worth finding (a trial)
                    w = _W_FUZZY[int(dist)]
                    if found.get(t, 0.0) < w:
                        found[t] = w
        return sorted(found.items(), key=lambda tw: (-tw[1], tw[0]))

    def _letter_buckets(self, first: str) -> dict[int, list[str]]:
        """Typo candidates: the terms starting with ``first``, by length, in term order
        (built per letter on first use; the sorted vocabulary holds them in one run)."""
        buckets = self._buckets.get(first)
        if buckets is None:
            sorted_terms = self._sorted_terms
            lo = bisect_left(sorted_terms, first)
            hi = (
                bisect_left(sorted_terms, chr(ord(first) + 1), lo)
                if ord(first) < 0x10FFFF
                else len(sorted_terms)
            )
            buckets = {}
            terms = self._terms
            for t in sorted(map(self._term_id.__getitem__, sorted_terms[lo:hi])):
                term = terms[t]
                buckets.setdefault(len(term), []).append(term)
            self._buckets[first] = buckets
        return buckets

    def _term_set(self, t: int) -> RankSet:
        dense = self._dense.get(t)
        if dense is not None:
            return dense
        with self._lock:
            s = self._term_sets.get(t)
            if s is not None:
                self._term_sets.move_to_end(t)
                return s
        ranks = self._post[self._offsets[t] : self._offsets[t + 1]]
        if ranks and max(ranks) >= self._count:
            raise ValueError("search index: a posting beyond the passages")
        s = RankSet.from_ranks(ranks, self._nbytes, ordered=True)
        with self._lock:
            self._term_sets[t] = s
            while len(self._term_sets) > _TERM_SETS:
                self._term_sets.popitem(last=False)
        return s

    def _remember(self, key: Any, value: Any) -> None:
        with self._lock:
            self._word_cache[key] = value
            while len(self._word_cache) > _WORD_CACHE:
                self._word_cache.popitem(last=False)

    def _cached(self, key: Any) -> Any:
        with self._lock:
            value = self._word_cache.get(key)
            if value is not None:
                self._word_cache.move_to_end(key)
            return value

    def _word(self, key: str) -> Word | None:
        cache_key = ("w", key)
        word = self._cached(cache_key)
        if word is not None:
            return word
        expansions = self._expand_key(key)
        if not expansions:
            return None
        idf = self._idf
        # An expansion never counts more than the word itself: a rare typo-neighbour of
        # a common word must not outrank the word (idf capped at the exact term's, or
        # at the most common expansion's when the word is not in the vocabulary).
        exact = [t for t, w in expansions if w >= _W_EXACT]
        anchor = idf(exact[0]) if exact else min(idf(t) for t, _ in expansions)
        weighted = sorted(
            ((w * min(idf(t), anchor), t, w < _W_PREFIX_MIN) for t, w in expansions),
            key=lambda ftz: (-ftz[0], ftz[1]),
        )
        sets = [(self._term_set(t), f) for f, t, _ in weighted]
        fuzzy = [z for _, _, z in weighted]
        word = Word(sets, frozenset(self._terms[t] for t, _ in expansions), fuzzy=fuzzy)
        self._remember(cache_key, word)
        return word

    def _phrase(self, phrase: tuple[str, ...]) -> Word:
        cache_key = ("p", tuple(fold(w) for w in phrase))
        word = self._cached(cache_key)
        if word is not None:
            return word
        keys = [normalize(w) for w in phrase]
        tids = [self._term_id.get(k) for k in keys]
        pattern = _phrase_pattern(phrase)
        found: list[int] = []
        factor = 0.0
        if all(t is not None for t in tids):
            content = [t for t, k in zip(tids, keys, strict=True) if k not in STOPWORDS] or tids
            unique = [t for t in dict.fromkeys(content) if t is not None]
            factor = sum(self._idf(t) for t in unique) * (1 + ADJACENCY_BONUS)
            sets = sorted((self._term_set(t) for t in unique), key=len)
            common = sets[0].bits
            for s in sets[1:]:
                common &= s.bits
            by_length = self._by_length
            search = pattern.search
            text_of = self._text_of
            found = [r for r in ranks_of(common) if search(text_of(by_length[r]))]
        members = RankSet.from_ranks(found, self._nbytes, ordered=True)
        word = Word([(members, factor)] if found else [], frozenset(), pattern)
        self._remember(cache_key, word)
        return word

    # -- source filter ----------------------------------------------------------------
    def _docs_matching(self, name: str) -> list[int]:
        """Documents whose id, title, publisher or author contains or fuzzy-matches ``name``
        (:func:`brieftui.search.sources.matching_sources`, shared with the Events filter)."""
        return matching_sources(name, self._doc_fields)

    def _sources(self, names: tuple[str, ...]) -> tuple[list[int], int, tuple[str, ...]]:
        """The passages (reading order) and rank bits of the documents the ``source:``
        names match, and a note per name that matches none (and restricts nothing)."""
        cache_key = ("s", names)
        cached = self._cached(cache_key)
        if cached is not None:
            return cached
        starts = self._doc_start
        docs: set[int] = set()
        notes: list[str] = []
        for name in names:
            matched = self._docs_matching(name)
            if not matched:
                notes.append(f"No source matches “{name}”")
            docs.update(matched)
        passages = list(chain.from_iterable(range(starts[d], starts[d + 1]) for d in sorted(docs)))
        rank_of = self._ranks_of_passages()
        bits = RankSet.from_ranks(list(map(rank_of.__getitem__, passages)), self._nbytes).bits
        value = (passages, bits, tuple(notes))
        self._remember(cache_key, value)
        return value

    def _excluded(self, excluded: Sequence[tuple[str, ...]]) -> int:
        """Bits of the passages holding an excluded word (exactly, or a spelling variant)
        or phrase."""
        out = 0
        for words in excluded:
            if len(words) == 1:
                t = self._term_id.get(normalize(words[0])[:MAX_WORD_LEN])
                if t is not None:
                    out |= self._term_set(t).bits
            else:
                for members, _ in self._phrase(words).sets:
                    out |= members.bits
        return out
