"""Search as you type over every passage of a brief: typo-tolerant, word-level, ranked.

Query syntax (fzf-like)::

    zelensky ceasefire        plain words: each is matched fuzzily (exact word, then
                              prefix — the word being typed — then typos and spelling
                              variants); passages with ALL the words rank first
    'defence spending         a leading ' makes the rest of the query one exact,
                              case-insensitive phrase (whole words, in order)
    '"defence spending" nato  … or only the quoted part: '"…" or '… up to the closing '
    'nato                     a single exact word: no prefix, no typo matching
    source:ledger trump       restrict to documents whose id, title, publisher or
                              author fuzzy-matches NAME (quote it: source:"daily ledger");
                              several source: terms widen the filter; alone it lists
                              the passages of those documents in reading order

Method (why it is fast): every passage is tokenised once with :mod:`brieftui.text`
(the same words compare uses) into a vocabulary of normalised terms (case, accents,
possessives and British/American spelling folded). Each term has a postings list of
passage numbers with a BM25 impact (term frequency saturated, normalised by passage
length), all held in a few flat ``array`` objects, so the index pickles compactly and
fast. A query word is expanded against the *vocabulary* — exact term, then prefixes
via bisect on the sorted vocabulary, then typos via rapidfuzz OSA distance over the
terms of similar length and the same first letters — each expansion with a weight
(exact > prefix > typo). Postings of the expansions are combined into one
passage → score dict per query word (cached, since typing repeats words). Passages
are ranked by how many query words they contain, then by the sum of the words'
BM25 scores (rare words count more), plus a bonus when query words are adjacent in
the passage, then by reading order. Match spans are computed only for the hits
returned, by re-tokenising their text. No passage is ever scored with a fuzzy scorer.
"""

from __future__ import annotations

import math
import re
import threading
from array import array
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from heapq import nlargest
from itertools import combinations, repeat
from operator import mul, neg
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from brieftui.model import Document
from brieftui.text import STOPWORDS, TOKEN_RE, fold, normalize, tokenize

__all__ = ["Hit", "SearchIndex", "parse_query"]

_K1 = 1.2
_B = 0.75
_IMPACT_SCALE = 100  # impacts are stored as bytes: round(100 * tf-saturation), 1..220

# Weights of the ways a query word can match a term (exact beats prefix beats typo).
_W_EXACT = 1.0
_W_PREFIX_MIN = 0.5  # prefix weight grows with the share of the term already typed
_W_PREFIX_MAX = 0.7
_W_FUZZY = (1.0, 0.45, 0.35, 0.3)  # by edit distance 0..3
_PREFIX_SCAN = 4000  # vocabulary terms looked at for one prefix
_PREFIX_KEEP = 12  # most frequent completions kept
_FUZZY_KEEP = 8
_ADJACENCY_BONUS = 0.25  # share of an adjacent pair's score added as a bonus
_RERANK_EXTRA = 30  # candidates beyond `limit` that get the adjacency bonus
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


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: fuzzy words, exact phrases and source names."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases or self.sources)


_SOURCE_RE = re.compile(r"""(?i)(?<!\S)source:(?:"([^"]*)"?|'([^']*)'?|(\S*))""")
_QUOTED_PHRASE_RE = re.compile(r"""(?<!\S)'(?:"([^"]*)"?|'([^']*)'?)""")


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
    return Query(tuple(words), tuple(phrases), tuple(sources))


class _WordMatch:
    """What one query word (or phrase) matched: terms to highlight and passage → score."""

    __slots__ = ("phrase_re", "scores", "terms", "top")

    def __init__(
        self,
        terms: frozenset[str],
        scores: dict[int, float],
        phrase_re: re.Pattern[str] | None = None,
    ) -> None:
        self.terms = terms
        self.scores = scores
        self.phrase_re = phrase_re
        self.top: list[int] | None = None


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

        # Pass 1: every passage as a list of term ids.
        term_id: dict[str, int] = {}
        terms: list[str] = []
        raw_tid: dict[str, int] = {}
        findall = TOKEN_RE.findall
        tokens: list[list[int]] = []
        for text in texts:
            ids = []
            for w in findall(text):
                t = raw_tid.get(w)
                if t is None:
                    key = normalize(w)
                    t = term_id.get(key)
                    if t is None:
                        t = term_id[key] = len(terms)
                        terms.append(key)
                    raw_tid[w] = t
                ids.append(t)
            tokens.append(ids)
        n = len(texts)
        avgdl = (sum(map(len, tokens)) / n) if n else 1.0

        # Pass 2: postings with a BM25 impact per (term, passage).
        plist: list[list[int]] = [[] for _ in terms]
        ilist: list[list[int]] = [[] for _ in terms]
        impact_cache: dict[tuple[int, int], int] = {}
        for p, ids in enumerate(tokens):
            dl = len(ids)
            counts = Counter(ids)
            for t, tf in counts.items():
                key = (min(tf, 20), dl)
                imp = impact_cache.get(key)
                if imp is None:
                    norm = _K1 * (1 - _B + _B * dl / avgdl)
                    sat = key[0] * (_K1 + 1) / (key[0] + norm)
                    imp = impact_cache[key] = max(1, min(255, round(_IMPACT_SCALE * sat)))
                plist[t].append(p)
                ilist[t].append(imp)
        del tokens
        offsets = array("I", [0])
        post = array("I")
        impacts = array("B")
        for pl, il in zip(plist, ilist, strict=True):
            post.extend(pl)
            impacts.extend(il)
            offsets.append(len(post))

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
        self._impacts = impacts
        self._init_runtime()

    # -- pickling: plain arrays, lists and strings; derived tables are rebuilt --------
    def __getstate__(self) -> dict[str, Any]:
        lengths = array("I", map(len, self._texts))
        return {
            "version": 1,
            "doc_ids": self._doc_ids,
            "doc_fields": self._doc_fields,
            "doc_start": self._doc_start,
            "pids": "\n".join(self._pids),
            "texts": "".join(self._texts),
            "lengths": lengths,
            "headings": self._headings,
            "heading_of": self._heading_of,
            "doc_of": self._doc_of,
            "terms": "\n".join(self._terms),
            "raw": self._raw_tid,
            "offsets": self._offsets,
            "post": self._post,
            "impacts": self._impacts,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("version") != 1:
            raise ValueError("unknown search index format")
        self._doc_ids = state["doc_ids"]
        self._doc_fields = state["doc_fields"]
        self._doc_start = state["doc_start"]
        self._pids = state["pids"].split("\n") if state["pids"] else []
        joined: str = state["texts"]
        texts: list[str] = []
        at = 0
        for length in state["lengths"]:
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
        self._impacts = state["impacts"]
        self._init_runtime()

    def _init_runtime(self) -> None:
        terms = self._terms
        self._term_id = {t: i for i, t in enumerate(terms)}
        self._sorted_terms = sorted(terms)
        offsets = self._offsets
        n = max(1, len(self._pids))
        self._idf = [
            math.log(1 + (n - df + 0.5) / (df + 0.5))
            for df in (offsets[i + 1] - offsets[i] for i in range(len(terms)))
        ]
        # Typo candidates: terms bucketed by (first letter, length).
        buckets: dict[tuple[str, int], list[str]] = {}
        for t in terms:
            if t and not t[0].isdigit():
                buckets.setdefault((t[0], len(t)), []).append(t)
        self._buckets = buckets
        self._lock = threading.Lock()
        self._word_cache: OrderedDict[Any, _WordMatch] = OrderedDict()
        self._result_cache: OrderedDict[tuple[str, int], list[Hit]] = OrderedDict()

    # -- public -----------------------------------------------------------------------
    @property
    def passage_count(self) -> int:
        return len(self._pids)

    @property
    def vocabulary_size(self) -> int:
        return len(self._terms)

    def clear_cache(self) -> None:
        """Forget cached query words and results (benchmarks use it)."""
        with self._lock:
            self._word_cache.clear()
            self._result_cache.clear()

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The best ``limit`` passages for ``query``, best first; ``[]`` for an empty query."""
        if limit <= 0 or not query or not query.strip():
            return []
        cache_key = (query, limit)
        with self._lock:
            cached = self._result_cache.get(cache_key)
            if cached is not None:
                self._result_cache.move_to_end(cache_key)
                return list(cached)
        hits = self._search(parse_query(query), limit)
        with self._lock:
            self._result_cache[cache_key] = hits
            while len(self._result_cache) > _RESULT_CACHE:
                self._result_cache.popitem(last=False)
        return list(hits)

    # -- query words → expansions → passage scores ------------------------------------
    def expand(self, word: str) -> list[tuple[str, float]]:
        """The vocabulary terms ``word`` matches, with their weights (best first)."""
        key = normalize(word)[:_MAX_WORD_LEN]
        return [(self._terms[t], w) for t, w in self._expand_key(key)]

    def _expand_key(self, key: str) -> list[tuple[int, float]]:
        found: dict[int, float] = {}
        if not key:
            return []
        tid = self._term_id.get(key)
        if tid is not None:
            found[tid] = _W_EXACT
        offsets = self._offsets
        # Prefix: the word the user is still typing.
        sorted_terms = self._sorted_terms
        i = bisect_left(sorted_terms, key)
        completions: list[str] = []
        end = min(len(sorted_terms), i + _PREFIX_SCAN)
        while i < end and sorted_terms[i].startswith(key):
            if sorted_terms[i] != key:
                completions.append(sorted_terms[i])
            i += 1
        if completions:
            term_id = self._term_id
            keep = 3 if len(key) == 1 else _PREFIX_KEEP
            best = nlargest(
                keep,
                (term_id[t] for t in completions),
                key=lambda t: offsets[t + 1] - offsets[t],
            )
            for t in best:
                share = len(key) / len(self._terms[t])
                found.setdefault(t, _W_PREFIX_MIN + (_W_PREFIX_MAX - _W_PREFIX_MIN) * share)
        # Typos and name variants: edit distance on terms of similar length.
        if len(key) >= 4 and not any(c.isdigit() for c in key):
            max_d = 1 if len(key) <= 5 else 2 if len(key) <= 9 else 3
            pool: list[str] = []
            firsts = {key[0], key[1]}
            for first in firsts:
                for length in range(len(key) - max_d, len(key) + max_d + 1):
                    pool.extend(self._buckets.get((first, length), ()))
            if pool:
                for term, dist, _ in process.extract(
                    key, pool, scorer=OSA.distance, score_cutoff=max_d, limit=_FUZZY_KEEP + 1
                ):
                    if dist == 0:
                        continue
                    t = self._term_id[term]
                    w = _W_FUZZY[int(dist)]
                    if found.get(t, 0.0) < w:
                        found[t] = w
        return sorted(found.items(), key=lambda tw: (-tw[1], tw[0]))

    def _word_match(self, word: str) -> _WordMatch | None:
        key = normalize(word)[:_MAX_WORD_LEN]
        if not key:
            return None
        cache_key = ("w", key)
        with self._lock:
            match = self._word_cache.get(cache_key)
            if match is not None:
                self._word_cache.move_to_end(cache_key)
                return match
        expansions = self._expand_key(key)
        scores = self._scores(expansions)
        match = _WordMatch(frozenset(self._terms[t] for t, _ in expansions), scores)
        self._remember(cache_key, match)
        return match

    def _scores(self, expansions: Sequence[tuple[int, float]]) -> dict[int, float]:
        """passage → best weighted BM25 score over the expansions (C-level loops only)."""
        offsets, post, impacts, idf = self._offsets, self._post, self._impacts, self._idf
        if not expansions:
            return {}
        # An expansion never counts more than the word itself: a rare typo-neighbour of
        # a common word must not outrank the word (idf capped at the exact term's, or
        # at the most common expansion's when the word is not in the vocabulary).
        exact = [t for t, w in expansions if w >= _W_EXACT]
        anchor = idf[exact[0]] if exact else min(idf[t] for t, _ in expansions)
        factors = sorted(((w * min(idf[t], anchor) / _IMPACT_SCALE, t) for t, w in expansions))
        scores: dict[int, float] = {}
        for f, t in factors:  # weakest first, so the best expansion's score wins
            a, b = offsets[t], offsets[t + 1]
            scores.update(zip(post[a:b], map(mul, impacts[a:b], repeat(f))))
        return scores

    def _phrase_match(self, phrase: tuple[str, ...]) -> _WordMatch | None:
        cache_key = ("p", tuple(fold(w) for w in phrase))
        with self._lock:
            match = self._word_cache.get(cache_key)
            if match is not None:
                self._word_cache.move_to_end(cache_key)
                return match
        keys = [normalize(w) for w in phrase]
        tids = [self._term_id.get(k) for k in keys]
        pattern = _phrase_pattern(phrase)
        scores: dict[int, float] = {}
        if all(t is not None for t in tids):
            content = [t for t, k in zip(tids, keys, strict=True) if k not in STOPWORDS] or tids
            per = [self._scores([(t, _W_EXACT)]) for t in dict.fromkeys(content) if t is not None]
            per.sort(key=len)
            common = set(per[0])
            for d in per[1:]:
                common.intersection_update(d)
            texts = self._texts
            search = pattern.search
            for p in sorted(common):
                if search(texts[p]):
                    scores[p] = sum(d[p] for d in per) * (1 + _ADJACENCY_BONUS)
        match = _WordMatch(frozenset(), scores, pattern)
        self._remember(cache_key, match)
        return match

    def _remember(self, key: Any, match: _WordMatch) -> None:
        with self._lock:
            self._word_cache[key] = match
            while len(self._word_cache) > _WORD_CACHE:
                self._word_cache.popitem(last=False)

    # -- source filter ----------------------------------------------------------------
    def _allowed_docs(self, names: Sequence[str]) -> list[int]:
        allowed: list[int] = []
        folded = [fold(" ".join(_words(n))) or fold(n) for n in names]
        for d, fields in enumerate(self._doc_fields):
            for name in folded:
                if not name:
                    continue
                if name in fields or (
                    len(name) >= 4 and fuzz.partial_ratio(name, fields, score_cutoff=85)
                ):
                    allowed.append(d)
                    break
        return allowed

    # -- ranking ----------------------------------------------------------------------
    def _search(self, q: Query, limit: int) -> list[Hit]:
        if q.empty:
            return []
        allowed: set[int] | None = None
        if q.sources:
            docs = self._allowed_docs(q.sources)
            starts = self._doc_start
            allowed = set()
            for d in docs:
                allowed.update(range(starts[d], starts[d + 1]))
            if not allowed:
                return []
        words = [w for w in q.words if normalize(w) not in STOPWORDS]
        if not words and not q.phrases:
            words = list(q.words)  # a stopword-only query still searches its words
        matches: list[_WordMatch] = []
        for w in dict.fromkeys(normalize(w) for w in words):
            m = self._word_match(w)
            if m is not None:
                matches.append(m)
        for phrase in q.phrases:
            m = self._phrase_match(phrase)
            if m is not None:
                matches.append(m)
        if not matches:
            if allowed is None:
                return []
            ranked = [(p, 0.0) for p in sorted(allowed)[:limit]]
            return self._hits(ranked, [])
        ranked = self._rank(matches, allowed, limit)
        return self._hits(ranked, matches)

    def _rank(
        self, matches: list[_WordMatch], allowed: set[int] | None, limit: int
    ) -> list[tuple[int, float]]:
        """Top passages: most query words first, then BM25 sum plus adjacency bonus."""
        dicts = [m.scores for m in matches]
        n = len(dicts)
        need = limit + _RERANK_EXTRA
        order = sorted(range(n), key=lambda i: len(dicts[i]))
        taken: set[int] = set()
        out: list[tuple[int, float]] = []
        for level in range(n, 0, -1):
            if n - level > 3 and level > 1:
                continue  # with many words, skip deep subsets and fall to single words
            cands: set[int] = set()
            for subset in combinations(order, level):
                inter = set(dicts[subset[0]])
                for i in subset[1:]:
                    if not inter:
                        break
                    inter.intersection_update(dicts[i].keys())
                cands |= inter
            if allowed is not None:
                cands &= allowed
            cands -= taken
            if not cands:
                continue
            cand_list = list(cands)
            if n == 1:
                scores = list(map(dicts[0].__getitem__, cand_list))
            else:
                scores = list(
                    map(sum, zip(*[map(d.get, cand_list, repeat(0.0)) for d in dicts], strict=True))
                )
            best = nlargest(need - len(out), zip(scores, map(neg, cand_list)))
            if n > 1:
                best = self._adjacency(best, matches, level)
            for score, negp in best:
                out.append((-negp, level + score / (score + 10.0)))
                taken.add(-negp)
            if len(out) >= need:
                break
        return out[:limit]

    def _adjacency(
        self, best: list[tuple[float, int]], matches: list[_WordMatch], level: int
    ) -> list[tuple[float, int]]:
        """Add a bonus when query words follow each other in the passage; re-sort."""
        word_terms = [m.terms for m in matches if m.phrase_re is None]
        if len(word_terms) < 2:
            return best
        raw_tid, terms, texts = self._raw_tid, self._terms, self._texts
        findall = TOKEN_RE.findall
        dicts = [m.scores for m in matches if m.phrase_re is None]
        rescored: list[tuple[float, int]] = []
        for score, negp in best:
            p = -negp
            seq: list[int] = []  # which query word each content token matches (-1: none)
            for w in findall(texts[p]):
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
            bonus = 0.0
            seen: set[tuple[int, int]] = set()
            for a, b in zip(seq, seq[1:]):
                if a >= 0 and b == a + 1 and (a, b) not in seen:
                    seen.add((a, b))
                    bonus += _ADJACENCY_BONUS * (dicts[a].get(p, 0.0) + dicts[b].get(p, 0.0))
            rescored.append((score + bonus, negp))
        rescored.sort(reverse=True)
        return rescored

    # -- hits and spans ---------------------------------------------------------------
    def _hits(self, ranked: list[tuple[int, float]], matches: list[_WordMatch]) -> list[Hit]:
        all_terms: set[str] = set()
        patterns: list[re.Pattern[str]] = []
        for m in matches:
            all_terms |= m.terms
            if m.phrase_re is not None:
                patterns.append(m.phrase_re)
        hits: list[Hit] = []
        for p, score in ranked:
            text = self._texts[p]
            spans: list[tuple[int, int]] = []
            if all_terms:
                for w, s, e in tokenize(text):
                    if normalize(w) in all_terms:
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
                    spans=_merge(spans),
                )
            )
        return hits


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged
