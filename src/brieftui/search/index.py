"""The search index: its tables, its cached form, and query words resolved against it.

See :mod:`brieftui.search` for what a query means and how passages are ranked.
"""

from __future__ import annotations

import math
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict, deque
from collections.abc import Iterator, Sequence
from heapq import nlargest
from itertools import accumulate, chain, filterfalse, islice
from operator import attrgetter, sub
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from brieftui.lazydocs import LazyDocument
from brieftui.model import Document, Passage
from brieftui.search.bits import RankSet, ranks_of
from brieftui.search.build import build_state, check_state, index_rows
from brieftui.search.query import Query, parse_query, query_words
from brieftui.search.rank import ADJACENCY_BONUS, Ranker, Word
from brieftui.search.results import Hit, SearchResult
from brieftui.text import STOPWORDS, fold, normalize

__all__ = ["Hit", "SearchIndex", "SearchResult"]

_K1 = 1.2
_B = 0.6

# Weights of the ways a query word can match a term (exact beats prefix beats typo).
_W_EXACT = 1.0
_W_PREFIX_MIN = 0.5  # prefix weight grows with the share of the term already typed
_W_PREFIX_MAX = 0.7
_W_FUZZY = (1.0, 0.45, 0.35, 0.3)  # by edit distance 0..3
_PREFIX_SCAN = 4000  # vocabulary terms looked at for one prefix
_PREFIX_KEEP = 10  # most frequent completions kept
_PREFIX_KEEP_SHORT = (0, 2, 3, 6)  # … for prefixes of 1, 2 and 3 characters
_FUZZY_KEEP = 8
_TERM_SETS = 160  # postings sets kept (per term; typing reuses them)
_MAX_WORD_LEN = 64
_WORD_CACHE = 64
_RESULT_CACHE = 64
_TERM_MEMO = 50_000  # raw words remembered with their term (highlighting, adjacency)


def _phrase_pattern(words: Sequence[str]) -> Any:
    import re

    parts = [re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in words]
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(parts) + r"(?![^\W_])", re.IGNORECASE)


def passages_of(documents: Sequence[Document]) -> list[Passage]:
    """Every passage of ``documents`` in reading order, gathered by C calls (no Python
    step per passage: a cached brief of 10,000 articles has 200,000)."""
    sections = chain.from_iterable(map(attrgetter("sections"), documents))
    return list(chain.from_iterable(map(attrgetter("passages"), sections)))


class PassageView(Sequence[Passage]):
    """The passages of ``documents`` in reading order, by number, without gathering them.

    Why: documents from the cache decode their passages on first use
    (:mod:`brieftui.lazydocs`); a list of every passage would decode all 200,000 of a big
    brief before the index could answer. A search reads the texts of its hits only
    (and of a phrase's candidates), so only their documents are decoded. Passage ``p``
    is found by bisection of ``starts`` (each document's first passage number), then
    in its document's passages, kept per document once asked for.
    """

    def __init__(self, documents: Sequence[Document], starts: Sequence[int]) -> None:
        self._documents = documents
        self._starts = starts
        self._count = starts[-1] if len(starts) else 0
        self._flat: list[tuple[Passage, ...] | None] = [None] * len(documents)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, p: Any) -> Any:
        if isinstance(p, slice):
            return [self[i] for i in range(*p.indices(self._count))]
        if p < 0:
            p += self._count
        if not 0 <= p < self._count:
            raise IndexError("passage number out of range")
        d = bisect_right(self._starts, p) - 1
        flat = self._flat[d]
        if flat is None:
            flat = self._flat[d] = tuple(self._documents[d].passages())
        return flat[p - self._starts[d]]

    def __iter__(self) -> Iterator[Passage]:
        for doc in self._documents:
            yield from doc.passages()

    def _where(self, p: int) -> tuple[int, int]:
        if not 0 <= p < self._count:
            raise IndexError("passage number out of range")
        d = bisect_right(self._starts, p) - 1
        return d, p - self._starts[d]

    def text(self, p: int) -> str:
        """Passage ``p``'s text; a cached document's without making it whole (ranking
        reads the words of hundreds of candidates: decoding each one's document, all its
        passages and sections, made the first keystrokes after opening twice as slow)."""
        d, j = self._where(p)
        flat = self._flat[d]
        if flat is None:
            doc = self._documents[d]
            texts = doc.peek_texts() if isinstance(doc, LazyDocument) else None
            if texts is not None:
                return texts[j]
            return self[p].text
        return flat[j].text

    def passage_id(self, p: int) -> str:
        """Passage ``p``'s id (a cached document's passages are ``<doc-id>:<n>`` by
        construction: no need to make it whole)."""
        d, j = self._where(p)
        doc = self._documents[d]
        if self._flat[d] is None and isinstance(doc, LazyDocument) and not doc.decoded:
            return f"{doc.id}:{j + 1}"
        return self[p].id


def _starts_of(documents: Sequence[Document]) -> array:
    """Each document's first passage number, and the total last (from the passage counts,
    which a cached document knows without decoding its passages)."""
    return array("I", accumulate(map(attrgetter("passage_count"), documents), initial=0))


class SearchIndex(Ranker):
    """A word-level fuzzy index over the passages of ``documents`` (see :mod:`brieftui.search`)."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._load(
            build_state(index_rows(documents)), PassageView(documents, _starts_of(documents))
        )

    # -- state: plain arrays, lists and strings; derived tables are rebuilt ------------
    def _load(self, state: dict[str, Any], passages: Sequence[Passage]) -> None:
        self._state = state
        self._passages = passages
        if isinstance(passages, PassageView):
            self._text_of, self._id_of = passages.text, passages.passage_id
        else:
            self._text_of = lambda p: passages[p].text
            self._id_of = lambda p: passages[p].id
        self._doc_ids: list[str] = state["doc_ids"]
        self._doc_fields: list[str] = state["doc_fields"]
        self._doc_start: array = state["doc_start"]
        self._headings: list[str | None] = state["headings"]
        self._heading_of: array = state["heading_of"]
        self._doc_of: array = state["doc_of"]
        self._lengths: array = state["lengths"]
        self._by_length: array = state["by_length"]
        self._offsets: array = state["offsets"]
        self._post: array = state["post"]
        self._init_runtime()

    def cache_state(self) -> dict[str, Any]:
        """The index as plain data, without the passage texts and ids (the document cache
        holds them): what :mod:`brieftui.cache` stores."""
        return dict(self._state)

    @classmethod
    def from_cache_state(cls, state: Any, documents: Sequence[Document]) -> SearchIndex:
        """The index :meth:`cache_state` gave, for these ``documents``; ``ValueError`` when
        it does not fit them."""
        starts = _starts_of(documents)
        check_state(state, len(documents), starts[-1])
        if state["doc_start"] != starts:
            raise ValueError("cached search index does not fit these documents")
        index = cls.__new__(cls)
        index._load(state, PassageView(documents, starts))
        return index

    def __getstate__(self) -> dict[str, Any]:
        passages = self._passages
        return {
            **self._state,
            "pids": "\n".join(map(attrgetter("id"), passages)),
            "texts": "".join(map(attrgetter("text"), passages)),
            "text_lengths": array("I", map(len, map(attrgetter("text"), passages))),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        pids = state.pop("pids")
        joined = state.pop("texts")
        lengths = state.pop("text_lengths")
        texts: list[str] = []
        at = 0
        for length in lengths:
            texts.append(joined[at : at + length])
            at += length
        ids = pids.split("\n") if pids else []
        self._load(state, list(map(Passage, ids, texts)))

    def _init_runtime(self) -> None:
        state = self._state
        count = self._count = len(self._passages)
        self._nbytes = nbytes = (count + 7) >> 3
        terms = self._terms = state["terms"].split("\n") if state["terms"] else []
        self._term_id = dict(zip(terms, range(len(terms)), strict=True))
        self._stop_ids = frozenset(t for t in map(self._term_id.get, STOPWORDS) if t is not None)
        self._sorted_terms = list(map(terms.__getitem__, state["order"]))
        offsets = self._offsets
        df = self._df = array("I", map(sub, islice(offsets, 1, None), offsets))
        blob = memoryview(state["bits"])
        self._dense: dict[int, RankSet] = {}
        for i, (t, n_t) in enumerate(zip(state["dense"], state["dense_df"], strict=True)):
            df[t] = n_t
            self._dense[t] = RankSet.from_raw(blob[i * nbytes : (i + 1) * nbytes], nbytes, n_t)
        self._n_for_idf = max(1, count)
        lengths = self._lengths
        self._avgdl = (sum(lengths) / len(lengths)) if lengths else 1.0
        self._rank_of: array | None = None
        self._buckets: dict[str, dict[int, list[str]]] = {}
        self._lock = threading.Lock()
        self._term_sets: OrderedDict[int, RankSet] = OrderedDict()
        self._word_cache: OrderedDict[Any, Any] = OrderedDict()
        self._result_cache: OrderedDict[tuple[str, int], SearchResult] = OrderedDict()
        self._term_memo: dict[str, str] = {}
        self._token_cache = {}

    def _norm(self, p: int) -> float:
        dl = self._lengths[p]
        return (_K1 + 1) / (1 + _K1 * (1 - _B + _B * dl / self._avgdl))

    def _idf(self, t: int) -> float:
        n, df = self._n_for_idf, self._df[t]
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _term_of(self, raw: str) -> str:
        """The vocabulary form of a raw word (what the build made of it), remembered."""
        memo = self._term_memo
        term = memo.get(raw)
        if term is None:
            if len(memo) >= _TERM_MEMO:
                memo.clear()
            term = memo[raw] = normalize(raw)
        return term

    def _ranks_of_passages(self) -> array:
        """Passage number → length rank (built on first use: only ``source:`` needs it)."""
        rank_of = self._rank_of
        if rank_of is None:
            rank_of = array("I", bytes(4 * self._count))
            deque(map(rank_of.__setitem__, self._by_length, range(self._count)), maxlen=0)
            self._rank_of = rank_of
        return rank_of

    # -- public -----------------------------------------------------------------------
    @property
    def passage_count(self) -> int:
        return self._count

    @property
    def vocabulary_size(self) -> int:
        return len(self._terms)

    def clear_cache(self) -> None:
        """Forget cached query words, postings sets, tokens and results (benchmarks use it)."""
        with self._lock:
            self._term_sets.clear()
            self._word_cache.clear()
            self._result_cache.clear()
            self._token_cache.clear()

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The best ``limit`` passages for ``query``, best first; ``[]`` for an empty query."""
        return self.query(query, limit).hits

    def query(self, query: str, limit: int = 20) -> SearchResult:
        """The best ``limit`` hits for ``query``, the number of passages that match in all,
        and notes on parts of the query that could not be used (an unknown source)."""
        if limit <= 0 or not query or not query.strip():
            return SearchResult(query, [], 0)
        cache_key = (query, limit)
        with self._lock:
            cached = self._result_cache.get(cache_key)
            if cached is not None:
                self._result_cache.move_to_end(cache_key)
                return SearchResult(query, list(cached.hits), cached.total, cached.notes)
        result = self._search(query, parse_query(query), limit)
        with self._lock:
            self._result_cache[cache_key] = result
            while len(self._result_cache) > _RESULT_CACHE:
                self._result_cache.popitem(last=False)
        return SearchResult(query, list(result.hits), result.total, result.notes)

    def expand(self, word: str) -> list[tuple[str, float]]:
        """The vocabulary terms ``word`` matches, with their match weights (best first)."""
        key = normalize(word)[:_MAX_WORD_LEN]
        return [(self._terms[t], w) for t, w in self._expand_key(key)]

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
        completions = list(
            filterfalse(skip.__contains__, map(term_id.__getitem__, sorted_terms[i:end]))
        )
        if completions:
            # Few completions for a short prefix: "t" could be anything, and each
            # completion costs its postings.
            keep = _PREFIX_KEEP_SHORT[len(key)] if len(key) < 4 else _PREFIX_KEEP
            for t in nlargest(keep, completions, key=df.__getitem__):
                share = len(key) / len(self._terms[t])
                found.setdefault(t, _W_PREFIX_MIN + (_W_PREFIX_MAX - _W_PREFIX_MIN) * share)
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
        """Documents whose id, title, publisher or author contains or fuzzy-matches ``name``."""
        variants = [fold(name.strip()), " ".join(fold(w) for w in query_words(name))]
        variants = [v for v in dict.fromkeys(variants) if v]
        return [
            d
            for d, fields in enumerate(self._doc_fields)
            if any(v in fields for v in variants)
            or any(len(v) >= 4 and fuzz.partial_ratio(v, fields, score_cutoff=85) for v in variants)
        ]

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
                t = self._term_id.get(normalize(words[0])[:_MAX_WORD_LEN])
                if t is not None:
                    out |= self._term_set(t).bits
            else:
                for members, _ in self._phrase(words).sets:
                    out |= members.bits
        return out

    # -- one query --------------------------------------------------------------------
    def _search(self, text: str, q: Query, limit: int) -> SearchResult:
        if q.empty:
            return SearchResult(text, [], 0)
        notes: tuple[str, ...] = ()
        allowed: int | None = None
        listed: Sequence[int] | None = None  # the source passages, in reading order
        if q.sources:
            listed, allowed, notes = self._sources(q.sources)
            if not listed:
                return SearchResult(text, [], 0, notes)
        out = self._excluded(q.excluded) if q.excluded else 0
        if out:
            allowed = ((1 << self._count) - 1 if allowed is None else allowed) & ~out
        keys = [k for k in dict.fromkeys(normalize(w)[:_MAX_WORD_LEN] for w in q.words) if k]
        content = [k for k in keys if k not in STOPWORDS]
        if content or q.phrases:
            keys = content  # stopwords count only in a query made of nothing else
        phrases: list[Word] = []
        for phrase in q.phrases:
            word = self._phrase(phrase)
            if not word.sets:
                return SearchResult(text, [], 0, notes)  # a required phrase is nowhere
            phrases.append(word)
            members = word.sets[0][0].bits
            allowed = members if allowed is None else allowed & members
        if allowed is not None and not allowed:
            return SearchResult(text, [], 0, notes)
        words: list[Word] = []
        missing = 0
        for key in keys:
            word = self._word(key)
            if word is None:
                missing += 1
            else:
                words.append(word)
        if not words and not phrases:
            if allowed is None or missing:
                return SearchResult(text, [], 0, notes)
            return self._listing(text, listed, out, limit, notes)
        if words:
            matching = 0
            for w in words:
                matching |= w.members(allowed)
        else:
            matching = allowed if allowed is not None else 0
        ranked = self._rank(words + phrases, allowed, limit) if matching else []
        by_length = self._by_length
        hits = self._hits([(by_length[r], r, s) for r, s in ranked], words + phrases)
        return SearchResult(text, hits, matching.bit_count(), notes)

    def _listing(
        self, text: str, listed: Sequence[int] | None, out: int, limit: int, notes: tuple[str, ...]
    ) -> SearchResult:
        """No words: the passages of the sources (less the excluded), in reading order."""
        ordered: Sequence[int] = listed if listed is not None else range(self._count)
        if out:
            rank_of = self._ranks_of_passages()
            gone = RankSet(out, self._nbytes)
            ordered = [p for p in ordered if rank_of[p] not in gone]
        hits = self._hits([(p, 0, 0.0) for p in ordered[:limit]], [])
        return SearchResult(text, hits, len(ordered), notes)
