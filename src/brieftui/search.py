"""Search as you type over every passage of a brief: typo-tolerant, word-level, ranked.

Query syntax (fzf-like)::

    zelensky ceasefire        plain words: each is matched fuzzily (exact word, then
                              prefix — the word being typed — then typos and spelling
                              variants); passages with ALL the words rank first
    'defence spending         a leading ' makes the rest of the query one exact,
                              case-insensitive phrase (whole words, in order)
    "defence spending" nato   a quoted phrase must be in every hit ('"…" works too)
    'nato                     a single exact word: no prefix, no typo matching
    -nato  -"white house"     leave out passages holding the word (or phrase);
                              exact words and their spelling variants, no typos
    source:ledger trump       restrict to documents whose id, title, publisher or
                              author fuzzy-matches NAME (quote it: source:"daily ledger");
                              several source: terms widen the filter; alone it lists
                              the passages of those documents in reading order; a
                              name that matches no document is reported, never ignored

Method (why it is fast): every passage is tokenised once with :mod:`brieftui.text`
(the same words compare uses) into a vocabulary of normalised terms (case, accents,
possessives and British/American spelling folded). Each term has a postings list of
passage numbers, all in one flat ``array`` with offsets, plus one length per passage,
so the index pickles compactly and fast. A query word is expanded against the
*vocabulary* — exact term, then prefixes via bisect on the sorted vocabulary (the word
being typed), then typos via rapidfuzz OSA distance over the terms of similar length
and the same first letters — each expansion with a weight (exact > prefix > typo)
times its idf (capped at the word's own, so a rare typo-neighbour of a common word
cannot outrank it). Passages are ranked by how many query words they hold, then by
BM25 with tf = 1 (passages are paragraphs: the length norm times the summed weights,
so rare words count more), plus a bonus when query words are adjacent, then by
reading order. Candidates are bounded: postings become sets (cached per term and per
query word, since typing repeats both), the words are intersected rarest first, and
large candidate sets are walked in length-norm order only as far as a passage could
still enter the top. Match spans are computed only for the hits returned, by
re-tokenising their text. No passage is ever scored with a fuzzy scorer.

Known limits: term frequency is ignored; with many passages holding every word, only
the ``_RIVALS`` best by length are scored beside the certain ones; a typo in the first
letter of a word is found only when it is a transposition or an extra letter.
"""

from __future__ import annotations

import math
import re
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from heapq import nlargest
from itertools import islice, pairwise, repeat
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from brieftui.model import Document
from brieftui.spans import merge_spans
from brieftui.text import STOPWORDS, TOKEN_RE, fold, normalize, tokenize

__all__ = ["Hit", "SearchIndex", "SearchResult", "parse_query"]

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
_ADJACENCY_BONUS = 0.25  # share of an adjacent pair's score added as a bonus
_RERANK_EXTRA = 20  # candidates beyond `limit` that get the adjacency bonus
_DIRECT = 600  # candidate sets up to this size are scored passage by passage
_RIVALS = 300  # most passages scored beside the certain ones in a large candidate set
_WALK_BUDGET = 4000  # passages walked in norm order before sorting the set is cheaper
_TERM_SETS = 160  # postings sets kept (per term; typing reuses them)
_MAX_QUERY_WORDS = 12
_MAX_WORD_LEN = 64
_WORD_CACHE = 64
_RESULT_CACHE = 64


@dataclass(frozen=True, slots=True)
class Hit:
    """One passage that matched: where it is, its text, how well, and what to highlight."""

    passage_id: str
    doc_id: str
    heading: str | None
    text: str
    score: float
    spans: list[tuple[int, int]]  # character spans in `text` that matched: sorted, disjoint
    fuzzy: bool = False
    """A query word was found here only as a typo-neighbour ("iraq" finding "Iran")."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The best hits of a query, how many passages match in all, and what to tell the user."""

    query: str
    hits: list[Hit]
    total: int
    """Every passage that matches (the hits are the best ``limit`` of them)."""
    notes: tuple[str, ...] = ()
    """Parts of the query that could not be used, one line each ("No source matches …")."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: fuzzy words, required exact phrases, exclusions and source names."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...]
    excluded: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases or self.sources)


# Each pattern starts at a fixed literal and consumes one negated class, so it is linear.
_SOURCE_RE = re.compile(r"""(?i)(?<!\S)source:(?:"([^"]*)"?|'([^']*)'?|(\S*))""")
_QUOTED_PHRASE_RE = re.compile(r"""(?<!\S)'(?:"([^"]*)"?|'([^']*)'?)""")
_EXCLUDED_RE = re.compile(r"""(?<!\S)-(?:"([^"]*)"?|([^\s"-]\S*))""")
_DOUBLE_QUOTED_RE = re.compile(r"""(?<!\S)"([^"]*)"?""")


def _words(text: str) -> list[str]:
    return [w for w, _, _ in tokenize(text)][:_MAX_QUERY_WORDS]


def parse_query(query: str) -> Query:
    """Split ``query`` into fuzzy words, exact phrases and ``source:`` names."""
    query = query[:2000]
    sources: list[str] = []

    def take_source(m: re.Match[str]) -> str:
        name = next((g for g in m.groups() if g is not None), "").strip()
        if name:
            sources.append(name)
        return " "

    query = _SOURCE_RE.sub(take_source, query)
    phrases: list[tuple[str, ...]] = []

    def take_phrase(m: re.Match[str]) -> str:
        body = next((g for g in m.groups() if g is not None), "")
        words = tuple(_words(body))
        if words:
            phrases.append(words)
        return " "

    query = _QUOTED_PHRASE_RE.sub(take_phrase, query)
    excluded: list[tuple[str, ...]] = []

    def take_excluded(m: re.Match[str]) -> str:
        body = next((g for g in m.groups() if g is not None), "")
        words = tuple(_words(body))
        if words:
            excluded.append(words)
        return " "

    query = _EXCLUDED_RE.sub(take_excluded, query)
    query = _DOUBLE_QUOTED_RE.sub(take_phrase, query)
    words: list[str] = []
    rest = query.strip()
    if rest.startswith("'"):
        phrase = tuple(_words(rest[1:]))
        if phrase:
            phrases.append(phrase)
    else:
        # A ' inside the rest ("nato 'ceasefire") starts a phrase that runs to the end.
        head, sep, tail = rest.partition(" '")
        words = _words(head)
        if sep:
            phrase = tuple(_words(tail))
            if phrase:
                phrases.append(phrase)
    return Query(tuple(words), tuple(phrases), tuple(sources), tuple(excluded))


class _Word:
    """One query word (or phrase) resolved against the index.

    ``sets`` are (passages, factor) pairs, best factor first: a passage matches the
    word through the first set that holds it, and earns that factor (match weight ×
    idf). ``fuzzy`` says, per set, whether its term is only a typo-neighbour of the
    word. ``terms`` are the vocabulary terms to highlight; ``phrase_re`` the pattern
    of an exact phrase.
    """

    __slots__ = ("_all", "best", "fuzzy", "phrase_re", "sets", "size", "terms")

    def __init__(
        self,
        sets: list[tuple[set[int], float]],
        terms: frozenset[str],
        phrase_re: re.Pattern[str] | None = None,
        fuzzy: list[bool] | None = None,
    ) -> None:
        self.sets = sets
        self.terms = terms
        self.phrase_re = phrase_re
        self.fuzzy = fuzzy or [False] * len(sets)
        self.best = sets[0][1] if sets else 0.0
        self.size = sum(len(s) for s, _ in sets)
        self._all: set[int] | None = None

    def factor(self, p: int) -> float:
        for s, f in self.sets:
            if p in s:
                return f
        return 0.0

    def only_fuzzy(self, p: int) -> bool:
        """Is ``p`` matched by this word only through a typo-neighbour?"""
        for (s, _), fuzzy in zip(self.sets, self.fuzzy, strict=True):
            if p in s:
                return fuzzy
        return False

    def members(self, within: set[int] | None = None) -> set[int]:
        """Every passage the word matches (only those in ``within`` when given)."""
        if len(self.sets) == 1:
            everything = self.sets[0][0]
        elif self._all is not None:
            everything = self._all
        elif within is not None:  # each `&` walks the smaller side: never worse than a union
            return set().union(*(within & s for s, _ in self.sets))
        else:
            everything = self._all = set().union(*(s for s, _ in self.sets))
        return everything if within is None else within & everything


def _phrase_pattern(words: Sequence[str]) -> re.Pattern[str]:
    parts = [re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in words]
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(parts) + r"(?![^\W_])", re.IGNORECASE)


class SearchIndex:
    """A word-level fuzzy index over the passages of ``documents`` (see the module doc)."""

    def __init__(self, documents: Sequence[Document]) -> None:
        doc_ids: list[str] = []
        doc_fields: list[str] = []
        doc_start = array("I")
        pids: list[str] = []
        texts: list[str] = []
        headings: list[str | None] = []
        heading_of = array("I")
        doc_of = array("I")
        heading_index: dict[str | None, int] = {}
        for d, doc in enumerate(documents):
            doc_ids.append(doc.id)
            doc_fields.append(
                " | ".join(fold(f) for f in (doc.id, doc.title, doc.publisher, doc.author) if f)
            )
            doc_start.append(len(pids))
            for section in doc.sections:
                h = heading_index.get(section.heading)
                if h is None:
                    h = heading_index[section.heading] = len(headings)
                    headings.append(section.heading)
                for passage in section.passages:
                    pids.append(passage.id)
                    texts.append(passage.text)
                    heading_of.append(h)
                    doc_of.append(d)
        doc_start.append(len(pids))

        # One pass: words → term ids (memoised per raw word), postings in reading order.
        term_id: dict[str, int] = {}
        terms: list[str] = []
        raw_tid: dict[str, int] = {}
        plist: list[list[int]] = []
        findall = TOKEN_RE.findall
        lengths = array("I")
        get = raw_tid.get
        for p, text in enumerate(texts):
            words = findall(text)
            lengths.append(len(words))
            ids = set(map(get, words))
            if None in ids:
                ids.discard(None)
                for w in words:
                    if w not in raw_tid:
                        key = normalize(w)
                        t = term_id.get(key)
                        if t is None:
                            t = term_id[key] = len(terms)
                            terms.append(key)
                            plist.append([])
                        raw_tid[w] = t
                        ids.add(t)
            # plist[t].append(p) for every t, looped in C.
            deque(map(list.append, map(plist.__getitem__, ids), repeat(p)), maxlen=0)
        offsets = array("I", [0])
        post = array("I")
        for pl in plist:
            post.extend(pl)
            offsets.append(len(post))
        del plist

        self._doc_ids = doc_ids
        self._doc_fields = doc_fields
        self._doc_start = doc_start
        self._pids = pids
        self._texts = texts
        self._headings = headings
        self._heading_of = heading_of
        self._doc_of = doc_of
        self._terms = terms
        self._raw_tid = raw_tid
        self._offsets = offsets
        self._post = post
        self._lengths = lengths
        self._init_runtime()

    # -- pickling: plain arrays, lists and strings; derived tables are rebuilt --------
    def __getstate__(self) -> dict[str, Any]:
        return {
            "version": 2,
            "doc_ids": self._doc_ids,
            "doc_fields": self._doc_fields,
            "doc_start": self._doc_start,
            "pids": "\n".join(self._pids),
            "texts": "".join(self._texts),
            "text_lengths": array("I", map(len, self._texts)),
            "headings": self._headings,
            "heading_of": self._heading_of,
            "doc_of": self._doc_of,
            "terms": "\n".join(self._terms),
            "raw": self._raw_tid,
            "offsets": self._offsets,
            "post": self._post,
            "lengths": self._lengths,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("version") != 2:
            raise ValueError("unknown search index format")
        self._doc_ids = state["doc_ids"]
        self._doc_fields = state["doc_fields"]
        self._doc_start = state["doc_start"]
        if "pid_list" in state:  # from the brief cache: lists taken from the documents
            self._pids = state["pid_list"]
            self._texts = state["text_list"]
        else:
            self._pids = state["pids"].split("\n") if state["pids"] else []
            joined: str = state["texts"]
            texts: list[str] = []
            at = 0
            for length in state["text_lengths"]:
                texts.append(joined[at : at + length])
                at += length
            self._texts = texts
        self._headings = state["headings"]
        self._heading_of = state["heading_of"]
        self._doc_of = state["doc_of"]
        self._terms = state["terms"].split("\n") if state["terms"] else []
        self._raw_tid = state["raw"]
        self._offsets = state["offsets"]
        self._post = state["post"]
        self._lengths = state["lengths"]
        self._init_runtime()

    # -- the brief cache: the passage texts and ids are already cached with the documents,
    # so the cached index leaves them out (44 MB of a 69 MB pickle at 5,000 articles) and
    # takes them back from the documents when it is read.
    def cache_state(self) -> dict[str, Any]:
        state = self.__getstate__()
        del state["texts"], state["text_lengths"], state["pids"]
        return state

    @classmethod
    def from_cache_state(cls, state: dict[str, Any], documents: Sequence[Document]) -> SearchIndex:
        pids: list[str] = []
        texts: list[str] = []
        for doc in documents:
            for passage in doc.passages():
                pids.append(passage.id)
                texts.append(passage.text)
        if len(pids) != len(state["lengths"]):
            raise ValueError("cached search index does not fit these documents")
        index = cls.__new__(cls)
        index.__setstate__({**state, "pid_list": pids, "text_list": texts})
        return index

    def _init_runtime(self) -> None:
        terms = self._terms
        self._term_id = {t: i for i, t in enumerate(terms)}
        self._sorted_terms = sorted(terms)
        offsets = self._offsets
        n = max(1, len(self._pids))
        self._df = [offsets[i + 1] - offsets[i] for i in range(len(terms))]
        self._idf = [math.log(1 + (n - df + 0.5) / (df + 0.5)) for df in self._df]
        # BM25 with tf = 1 (passages are paragraphs): a passage's length norm.
        lengths = self._lengths
        avgdl = (sum(lengths) / len(lengths)) if lengths else 1.0
        self._norm = [(_K1 + 1) / (1 + _K1 * (1 - _B + _B * dl / avgdl)) for dl in lengths]
        # Passages from the highest norm down (shortest first), reading order on ties.
        self._by_norm = sorted(range(len(lengths)), key=lengths.__getitem__)
        norm_rank = [0] * len(lengths)
        for r, p in enumerate(self._by_norm):
            norm_rank[p] = r
        self._norm_rank = norm_rank
        # Typo candidates: terms bucketed by (first letter, length).
        buckets: dict[tuple[str, int], list[str]] = {}
        for t in terms:
            if t and not t[0].isdigit():
                buckets.setdefault((t[0], len(t)), []).append(t)
        self._buckets = buckets
        self._lock = threading.Lock()
        self._term_sets: OrderedDict[int, set[int]] = OrderedDict()
        self._word_cache: OrderedDict[Any, _Word] = OrderedDict()
        self._result_cache: OrderedDict[tuple[str, int], SearchResult] = OrderedDict()

    # -- public -----------------------------------------------------------------------
    @property
    def passage_count(self) -> int:
        return len(self._pids)

    @property
    def vocabulary_size(self) -> int:
        return len(self._terms)

    def clear_cache(self) -> None:
        """Forget cached query words, postings sets and results (benchmarks use it)."""
        with self._lock:
            self._term_sets.clear()
            self._word_cache.clear()
            self._result_cache.clear()

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
        # Prefix: the word the user is still typing.
        sorted_terms = self._sorted_terms
        i = bisect_left(sorted_terms, key)
        completions: list[int] = []
        end = min(len(sorted_terms), i + _PREFIX_SCAN)
        term_id = self._term_id
        while i < end and sorted_terms[i].startswith(key):
            term = sorted_terms[i]
            if term != key and term not in STOPWORDS:
                completions.append(term_id[term])
            i += 1
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
            for first in {key[0], key[1]}:
                for length in range(len(key) - max_d, len(key) + max_d + 1):
                    pool.extend(self._buckets.get((first, length), ()))
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

    def _term_set(self, t: int) -> set[int]:
        with self._lock:
            s = self._term_sets.get(t)
            if s is not None:
                self._term_sets.move_to_end(t)
                return s
        s = set(self._post[self._offsets[t] : self._offsets[t + 1]])
        with self._lock:
            self._term_sets[t] = s
            while len(self._term_sets) > _TERM_SETS:
                self._term_sets.popitem(last=False)
        return s

    def _word(self, key: str) -> _Word | None:
        cache_key = ("w", key)
        with self._lock:
            word = self._word_cache.get(cache_key)
            if word is not None:
                self._word_cache.move_to_end(cache_key)
                return word
        expansions = self._expand_key(key)
        if not expansions:
            return None
        idf = self._idf
        # An expansion never counts more than the word itself: a rare typo-neighbour of
        # a common word must not outrank the word (idf capped at the exact term's, or
        # at the most common expansion's when the word is not in the vocabulary).
        exact = [t for t, w in expansions if w >= _W_EXACT]
        anchor = idf[exact[0]] if exact else min(idf[t] for t, _ in expansions)
        weighted = sorted(
            ((w * min(idf[t], anchor), t, w < _W_PREFIX_MIN) for t, w in expansions),
            key=lambda ftz: (-ftz[0], ftz[1]),
        )
        sets = [(self._term_set(t), f) for f, t, _ in weighted]
        fuzzy = [z for _, _, z in weighted]
        word = _Word(sets, frozenset(self._terms[t] for t, _ in expansions), fuzzy=fuzzy)
        self._remember(cache_key, word)
        return word

    def _phrase(self, phrase: tuple[str, ...]) -> _Word | None:
        cache_key = ("p", tuple(fold(w) for w in phrase))
        with self._lock:
            word = self._word_cache.get(cache_key)
            if word is not None:
                self._word_cache.move_to_end(cache_key)
                return word
        keys = [normalize(w) for w in phrase]
        tids = [self._term_id.get(k) for k in keys]
        pattern = _phrase_pattern(phrase)
        found: set[int] = set()
        factor = 0.0
        if all(t is not None for t in tids):
            content = [t for t, k in zip(tids, keys, strict=True) if k not in STOPWORDS] or tids
            unique = [t for t in dict.fromkeys(content) if t is not None]
            factor = sum(self._idf[t] for t in unique) * (1 + _ADJACENCY_BONUS)
            sets = sorted((self._term_set(t) for t in unique), key=len)
            common = set(sets[0]).intersection(*sets[1:])
            texts = self._texts
            search = pattern.search
            found = {p for p in common if search(texts[p])}
        word = _Word([(found, factor)] if found else [], frozenset(), pattern)
        self._remember(cache_key, word)
        return word

    def _remember(self, key: Any, word: _Word) -> None:
        with self._lock:
            self._word_cache[key] = word
            while len(self._word_cache) > _WORD_CACHE:
                self._word_cache.popitem(last=False)

    # -- source filter ----------------------------------------------------------------
    def _docs_matching(self, name: str) -> list[int]:
        """Documents whose id, title, publisher or author contains or fuzzy-matches ``name``."""
        variants = [fold(name.strip()), " ".join(fold(w) for w in _words(name))]
        variants = [v for v in dict.fromkeys(variants) if v]
        return [
            d
            for d, fields in enumerate(self._doc_fields)
            if any(v in fields for v in variants)
            or any(len(v) >= 4 and fuzz.partial_ratio(v, fields, score_cutoff=85) for v in variants)
        ]

    def _allowed_passages(self, names: Sequence[str], notes: list[str]) -> set[int]:
        """Passages of the documents the ``source:`` names match; a name that matches
        none is reported in ``notes`` (and restricts nothing)."""
        starts = self._doc_start
        allowed: set[int] = set()
        for name in names:
            docs = self._docs_matching(name)
            if not docs:
                notes.append(f"No source matches “{name}”")
            for d in docs:
                allowed.update(range(starts[d], starts[d + 1]))
        return allowed

    def _excluded_passages(self, excluded: Sequence[tuple[str, ...]]) -> set[int]:
        """Passages holding an excluded word (exactly, or a spelling variant) or phrase."""
        out: set[int] = set()
        for words in excluded:
            if len(words) == 1:
                t = self._term_id.get(normalize(words[0])[:_MAX_WORD_LEN])
                if t is not None:
                    out |= self._term_set(t)
            else:
                phrase = self._phrase(words)
                if phrase is not None:
                    for members, _ in phrase.sets:
                        out |= members
        return out

    # -- ranking ----------------------------------------------------------------------
    def _search(self, text: str, q: Query, limit: int) -> SearchResult:
        notes: list[str] = []
        if q.empty:
            return SearchResult(text, [], 0)
        allowed: set[int] | None = None
        if q.sources:
            allowed = self._allowed_passages(q.sources, notes)
            if not allowed:
                return SearchResult(text, [], 0, tuple(notes))
        if q.excluded:
            out = self._excluded_passages(q.excluded)
            if out:
                allowed = (set(range(len(self._pids))) if allowed is None else allowed) - out
        keys = [k for k in dict.fromkeys(normalize(w)[:_MAX_WORD_LEN] for w in q.words) if k]
        content = [k for k in keys if k not in STOPWORDS]
        if content or q.phrases:
            keys = content  # stopwords count only in a query made of nothing else
        phrases: list[_Word] = []
        for phrase in q.phrases:
            word = self._phrase(phrase)
            if word is None or not word.sets:
                return SearchResult(text, [], 0, tuple(notes))  # a required phrase is nowhere
            phrases.append(word)
            members = word.sets[0][0]
            allowed = set(members) if allowed is None else allowed & members
        if allowed is not None and not allowed:
            return SearchResult(text, [], 0, tuple(notes))
        words: list[_Word] = []
        missing = 0
        for key in keys:
            word = self._word(key)
            if word is None:
                missing += 1
            else:
                words.append(word)
        if not words and not phrases:
            if allowed is None or missing:
                return SearchResult(text, [], 0, tuple(notes))
            ordered = sorted(allowed)
            hits = self._hits([(p, 0.0) for p in ordered[:limit]], [])
            return SearchResult(text, hits, len(ordered), tuple(notes))
        if words:
            matching: set[int] = set().union(*(w.members(allowed) for w in words))
        else:
            matching = allowed if allowed is not None else set()
        ranked = self._rank(words + phrases, allowed, limit) if matching else []
        return SearchResult(text, self._hits(ranked, words + phrases), len(matching), tuple(notes))

    def _rank(
        self, words: list[_Word], allowed: set[int] | None, limit: int
    ) -> list[tuple[int, float]]:
        """Top passages: most query words first, then BM25 plus adjacency, then reading order.

        A passage's score is its length norm times the sum of the factors of the words
        it holds (BM25 with tf = 1). Candidates are bounded: small sets are scored
        passage by passage, large ones are walked in length-norm order, so the walk
        can stop as soon as nothing later could beat what it has.
        """
        n = len(words)
        need = limit + _RERANK_EXTRA
        norm = self._norm
        words = sorted(words, key=lambda w: w.size)
        if n == 1:
            # One word: the best of each expansion's passages is enough (a passage's
            # score is at least its norm times the factor of any set that holds it).
            cands = self._best_of_word(words[0], need, allowed)
            scored = [(1, words[0].factor(p) * norm[p], -p) for p in cands]
            return [(-negp, 1 + s / (s + 10.0)) for _, s, negp in nlargest(limit, scored)]
        # Passages holding every word: intersect from the rarest word up.
        inter = words[0].members(allowed)
        for w in words[1:]:
            if not inter:
                break
            inter = w.members(inter)

        def score(p: int) -> tuple[int, float]:
            cov = 0
            total = 0.0
            for w in words:
                f = w.factor(p)
                if f:
                    cov += 1
                    total += f
            return cov, total * norm[p]

        if len(inter) >= need:
            cands = self._best_of(inter, need, words)
        else:
            # Everything with all words, plus the best with some of them.
            cands = set(inter)
            for w in words:
                cands |= self._best_of_word(w, need, allowed)
        scored = [(*score(p), -p) for p in cands]
        best = nlargest(need, scored)
        if n > 1:
            best = self._adjacency(best, words)
        return [(-negp, cov + s / (s + 10.0)) for cov, s, negp in best[:limit]]

    def _best_of(self, members: set[int], need: int, words: list[_Word]) -> set[int]:
        """The passages of ``members`` that can make the top ``need``.

        A passage's score is its norm times its match quality, so in length-norm order
        the first ``need`` passages that match every word through its best expansion
        bound everything after them; only members before that point are rivals (the
        best ``_RIVALS`` of them are kept).
        """
        if len(members) <= _DIRECT:
            return members
        full = members
        for w in words:
            full = full & w.sets[0][0]
        firsts = self._first_by_norm(full, need, len(self._by_norm))
        end = self._norm_rank[firsts[-1]] + 1 if len(firsts) == need else len(self._by_norm)
        out = set(firsts)
        out.update(self._first_by_norm(members, _RIVALS, end))
        return out

    def _best_of_word(self, word: _Word, need: int, allowed: set[int] | None) -> set[int]:
        """The passages that can make the top ``need`` for one word alone (no union built)."""
        if word.size <= _DIRECT:
            return word.members(allowed)
        out: set[int] = set()
        for s, _ in word.sets:
            members = s if allowed is None else s & allowed
            if len(members) <= need:
                out |= members
            else:
                out.update(self._first_by_norm(members, need, len(self._by_norm)))
        return out

    def _first_by_norm(self, members: set[int], k: int, end: int) -> list[int]:
        """The first ``k`` of ``members`` in length-norm order, among the first ``end``.

        Dense sets are found by walking the order (C-level filter), sparse ones by
        sorting them, whichever touches fewer passages.
        """
        by_norm = self._by_norm
        if len(members) * _WALK_BUDGET >= k * len(by_norm):
            return list(islice(filter(members.__contains__, islice(by_norm, end)), k))
        rank = self._norm_rank.__getitem__
        ordered = sorted(members, key=rank)
        cut = bisect_left(ordered, end, key=rank)
        return ordered[: min(k, cut)]

    def _adjacency(
        self, best: list[tuple[int, float, int]], words: list[_Word]
    ) -> list[tuple[int, float, int]]:
        """Add a bonus when query words follow each other in the passage; re-sort."""
        plain = [w for w in words if w.phrase_re is None]
        if len(plain) < 2:
            return best
        word_terms = [w.terms for w in plain]
        raw_tid, terms, texts = self._raw_tid, self._terms, self._texts
        findall = TOKEN_RE.findall
        rescored: list[tuple[int, float, int]] = []
        for cov, score, negp in best:
            seq: list[int] = []  # which query word each content token matches (-1: none)
            for w in findall(texts[-negp]):
                t = raw_tid.get(w)
                term = terms[t] if t is not None else normalize(w)
                if term in STOPWORDS:
                    continue
                idx = -1
                for k, ts in enumerate(word_terms):
                    if term in ts:
                        idx = k
                        break
                seq.append(idx)
            pairs = {(a, b) for a, b in pairwise(seq) if a >= 0 and b >= 0 and a != b}
            bonus = _ADJACENCY_BONUS * score * min(1.0, len(pairs) / (len(plain) - 1))
            rescored.append((cov, score + bonus, negp))
        rescored.sort(reverse=True)
        return rescored

    # -- hits and spans ---------------------------------------------------------------
    def _hits(self, ranked: list[tuple[int, float]], words: list[_Word]) -> list[Hit]:
        all_terms: set[str] = set()
        patterns: list[re.Pattern[str]] = []
        for w in words:
            all_terms |= w.terms
            if w.phrase_re is not None:
                patterns.append(w.phrase_re)
        hits: list[Hit] = []
        raw_tid, terms = self._raw_tid, self._terms
        for p, score in ranked:
            text = self._texts[p]
            spans: list[tuple[int, int]] = []
            if all_terms:
                for w, s, e in tokenize(text):
                    t = raw_tid.get(w)
                    if (terms[t] if t is not None else normalize(w)) in all_terms:
                        spans.append((s, e))
            for pattern in patterns:
                spans.extend(m.span() for m in pattern.finditer(text))
            hits.append(
                Hit(
                    passage_id=self._pids[p],
                    doc_id=self._doc_ids[self._doc_of[p]],
                    heading=self._headings[self._heading_of[p]],
                    text=text,
                    score=round(score, 6),
                    spans=merge_spans(spans),
                    fuzzy=any(w.phrase_re is None and w.only_fuzzy(p) for w in words),
                )
            )
        return hits


# -- building off the GIL ----------------------------------------------------------------
# A big brief's index takes seconds of pure Python; built in a thread it holds the GIL and
# the reader stutters. brieftui.brief builds it in a worker process instead: the worker
# gets the plain fields the index reads, and sends back ``cache_state()`` (the texts and
# ids the parent already has are left out both ways where possible).

IndexRow = tuple[str, str, Any, Any, tuple[tuple[Any, tuple[tuple[str, str], ...]], ...]]


def index_rows(documents: Sequence[Document]) -> list[IndexRow]:
    """Exactly the fields :class:`SearchIndex` reads, as plain tuples (cheap to pickle)."""
    return [
        (
            doc.id,
            doc.title,
            doc.publisher,
            doc.author,
            tuple((s.heading, tuple((p.id, p.text) for p in s.passages)) for s in doc.sections),
        )
        for doc in documents
    ]


def build_cache_state(rows: list[IndexRow]) -> dict[str, Any]:
    """The worker: rebuild the documents from ``rows``, index them, return ``cache_state()``."""
    import gc

    from brieftui.model import Document, Passage, Section

    gc.disable()  # a one-shot worker: every object it builds lives until it exits
    documents = [
        Document(
            id=doc_id,
            path="",
            title=title,
            author=author,
            publisher=publisher,
            sections=tuple(
                Section(heading, 0, tuple(Passage(pid, text) for pid, text in passages))
                for heading, passages in sections
            ),
        )
        for doc_id, title, publisher, author, sections in rows
    ]
    return SearchIndex(documents).cache_state()
