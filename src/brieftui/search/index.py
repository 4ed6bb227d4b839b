"""The search index: its tables, its cached form, and one query answered against it.

See :mod:`brieftui.search` for what a query means and how passages are ranked; query
words become passage sets in :mod:`~brieftui.search.resolve`, the passages are read
through :mod:`~brieftui.search.passages`.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from itertools import islice
from operator import attrgetter, sub
from typing import Any

from brieftui.model import Document, Passage
from brieftui.search.bits import RankSet
from brieftui.search.build import build_state, check_state, index_rows
from brieftui.search.passages import PassageView, starts_of
from brieftui.search.query import Query, parse_query
from brieftui.search.rank import Ranker, Word
from brieftui.search.resolve import MAX_WORD_LEN, Resolver
from brieftui.search.results import Hit, SearchResult
from brieftui.text import STOPWORDS, normalize

__all__ = ["Hit", "SearchIndex", "SearchResult"]

_K1 = 1.2
_B = 0.6
_RESULT_CACHE = 64
_TERM_MEMO = 50_000  # raw words remembered with their term (highlighting, adjacency)


ONLY_EXCLUDED = "Only excluded words: add a word to look for, or source:NAME"


class SearchIndex(Resolver, Ranker):
    """A word-level fuzzy index over the passages of ``documents`` (see :mod:`brieftui.search`)."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._load(build_state(index_rows(documents)), PassageView(documents, starts_of(documents)))

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
        starts = starts_of(documents)
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
        self._order: array = state["order"]  # sorted position → term id
        self._sorted_terms = list(map(terms.__getitem__, self._order))
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

    def _term_of(self, raw: str) -> str:
        """The vocabulary form of a raw word (what the build made of it), remembered."""
        memo = self._term_memo
        term = memo.get(raw)
        if term is None:
            if len(memo) >= _TERM_MEMO:
                memo.clear()
            term = memo[raw] = normalize(raw)
        return term

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
        key = normalize(word)[:MAX_WORD_LEN]
        return [(self._terms[t], w) for t, w in self._expand_key(key)]

    # -- one query --------------------------------------------------------------------
    def _search(self, text: str, q: Query, limit: int) -> SearchResult:
        if q.empty:
            # "-nato" alone: nothing is looked for, so nothing is found; say why
            return SearchResult(text, [], 0, (ONLY_EXCLUDED,) if q.excluded else ())
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
        keys = [k for k in dict.fromkeys(normalize(w)[:MAX_WORD_LEN] for w in q.words) if k]
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
