"""Ranking: which passages hold the query words, the best of them, and their highlights.

A passage's score is (how many query words it holds, BM25 with tf = 1 plus an adjacency
bonus, reading order): see :mod:`brieftui.search`. Every set here is a
:class:`~brieftui.search.bits.RankSet` or a bare ``int`` of bits in length-rank space,
so the unions, intersections and counts a keystroke needs are C loops over 25 KB, and
only candidates (at most a few hundred passages) are scored one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from heapq import nlargest
from itertools import compress, pairwise, repeat
from operator import is_not

from brieftui.search.bits import RankSet, first_bits, ranks_of
from brieftui.search.results import Hit
from brieftui.spans import merge_spans
from brieftui.text import STOPWORDS, TOKEN_RE

__all__ = ["Ranker", "Word"]

ADJACENCY_BONUS = 0.25  # share of an adjacent pair's score added as a bonus
RERANK_EXTRA = 20  # candidates beyond `limit` that get the adjacency bonus
DIRECT = 600  # candidate sets up to this size are scored passage by passage
RIVALS = 300  # most passages scored beside the certain ones in a large candidate set
TOKEN_CACHE = 2048  # passages whose tokens and their spans are kept (see Ranker._tokens)

_BIT = tuple(1 << i for i in range(8))
_NOT_NONE = partial(is_not, None)
_SPAN = re.Match.span
_GROUP = re.Match.group


class Word:
    """One query word (or phrase) resolved against the index.

    ``sets`` are (passages, factor) pairs, best factor first: a passage matches the
    word through the first set that holds it, and earns that factor (match weight ×
    idf). ``fuzzy`` says, per set, whether its term is only a typo-neighbour of the
    word. ``terms`` are the vocabulary terms to highlight; ``phrase_re`` the pattern
    of an exact phrase.
    """

    __slots__ = ("_all", "_raws", "best", "fuzzy", "phrase_re", "sets", "size", "terms")

    def __init__(
        self,
        sets: list[tuple[RankSet, float]],
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
        self._all: int | None = None
        self._raws: list[tuple[bytes | bytearray | memoryview, float, bool]] | None = None

    def _tests(self) -> list[tuple[bytes | bytearray | memoryview, float, bool]]:
        raws = self._raws
        if raws is None:
            raws = self._raws = [
                (s.raw, f, z) for (s, f), z in zip(self.sets, self.fuzzy, strict=True)
            ]
        return raws

    def factor(self, r: int) -> float:
        """The factor passage rank ``r`` earns (0.0 when the word is not in it)."""
        i, bit = r >> 3, _BIT[r & 7]
        for raw, f, _ in self._tests():
            if raw[i] & bit:
                return f
        return 0.0

    def only_fuzzy(self, r: int) -> bool:
        """Is rank ``r`` matched by this word only through a typo-neighbour?"""
        i, bit = r >> 3, _BIT[r & 7]
        for raw, _, fuzzy in self._tests():
            if raw[i] & bit:
                return fuzzy
        return False

    def members(self, within: int | None = None) -> int:
        """The bits of every passage the word matches (only those in ``within`` when given)."""
        everything = self._all
        if everything is None:
            everything = 0
            for s, _ in self.sets:
                everything |= s.bits
            self._all = everything
        return everything if within is None else everything & within


class Ranker:
    """The ranking half of :class:`~brieftui.search.SearchIndex` (its tables are set there)."""

    _nbytes: int
    _count: int
    _by_length: object  # array of passage numbers by length rank
    _lengths: object
    _avgdl: float
    _passages: list
    _text_of: Callable[[int], str]  # passage number → its text (see SearchIndex._load)
    _id_of: Callable[[int], str]  # … → its id
    _lock: object  # a threading.Lock
    _token_cache: dict[int, tuple[list[str], list[tuple[int, int]]]]

    def _tokens(self, p: int) -> tuple[list[str], list[tuple[int, int]]]:
        """The vocabulary terms of passage ``p``'s words (stopwords included) and the
        words' spans, kept for the last ``TOKEN_CACHE`` passages asked for.

        Adjacency and highlighting look at the words of the passages they rank; typing
        a query asks for mostly the same passages keystroke after keystroke (the top of
        "trump pu" is much the top of "trump put"), and tokenising them again, then
        looking each word up, was half the time of a keystroke at 10,000 articles.
        With the terms at hand both are C loops (``map``, ``compress``) per passage.
        """
        cache = self._token_cache
        found = cache.get(p)
        if found is not None:
            return found
        matches = list(TOKEN_RE.finditer(self._text_of(p)))
        found = (list(map(self._term_of, map(_GROUP, matches))), list(map(_SPAN, matches)))
        with self._lock:  # type: ignore[attr-defined]
            if len(cache) >= TOKEN_CACHE:
                cache.clear()  # cheaper than an LRU; typing refills what it needs at once
            cache[p] = found
        return found

    def _norm(self, p: int) -> float:
        """BM25's length norm of passage ``p`` (tf = 1: passages are paragraphs)."""
        raise NotImplementedError

    def _term_of(self, raw: str) -> str:
        raise NotImplementedError

    def _rank(self, words: list[Word], allowed: int | None, limit: int) -> list[tuple[int, float]]:
        """Top passage ranks: most query words first, then BM25 plus adjacency, then
        reading order; as ``(rank, score)``.

        A passage's score is its length norm times the sum of the factors of the words
        it holds (BM25 with tf = 1). Candidates are bounded: small sets are scored
        passage by passage; of large ones only the lowest ranks (the highest norms)
        can make the top, and bits in rank order give them directly.
        """
        n = len(words)
        need = limit + RERANK_EXTRA
        by_length = self._by_length
        norm = self._norm
        words = sorted(words, key=lambda w: w.size)
        if n == 1:
            # One word: the best of each expansion's passages is enough (a passage's
            # score is at least its norm times the factor of any set that holds it).
            word = words[0]
            factor = word.factor
            scored = []
            for r in self._best_of_word(word, need, allowed):
                p = by_length[r]  # type: ignore[index]
                scored.append((1, factor(r) * norm(p), -p, r))
            return [(r, 1 + s / (s + 10.0)) for _, s, _, r in nlargest(limit, scored)]
        # Passages holding every word: intersect from the rarest word up.
        inter = words[0].members(allowed)
        for w in words[1:]:
            if not inter:
                break
            inter = w.members(inter)
        count = inter.bit_count()
        if count >= need:
            cands = self._best_of(inter, count, need, words)
        else:
            # Everything with all words, plus the best with some of them.
            cands = set(ranks_of(inter))
            for w in words:
                cands |= self._best_of_word(w, need, allowed)
        factors = [w.factor for w in words]
        scored = []
        for r in cands:
            cov = 0
            total = 0.0
            for factor in factors:
                f = factor(r)
                if f:
                    cov += 1
                    total += f
            p = by_length[r]  # type: ignore[index]
            scored.append((cov, total * norm(p), -p, r))
        best = nlargest(need, scored)
        best = self._adjacency(best, words, limit)
        return [(r, cov + s / (s + 10.0)) for cov, s, _, r in best[:limit]]

    def _best_of(self, members: int, count: int, need: int, words: list[Word]) -> set[int]:
        """The ranks of ``members`` (``count`` of them) that can make the top ``need``.

        A passage's score is its norm times its match quality, so in rank order the
        first ``need`` passages that match every word through its best expansion bound
        everything after them; only members before that point are rivals (the best
        ``RIVALS`` of them are kept).
        """
        if count <= DIRECT:
            return set(ranks_of(members))
        full = members
        for w in words:
            full &= w.sets[0][0].bits
        firsts = first_bits(full, need)
        end = firsts[-1] + 1 if len(firsts) == need else self._count
        out = set(firsts)
        out.update(first_bits(members, RIVALS, end))
        return out

    def _best_of_word(self, word: Word, need: int, allowed: int | None) -> set[int]:
        """The ranks that can make the top ``need`` for one word alone."""
        if word.size <= DIRECT:
            return set(ranks_of(word.members(allowed)))
        out: set[int] = set()
        for s, _ in word.sets:
            if allowed is None:
                out.update(s.first(need))
                continue
            members = s.bits & allowed
            out.update(first_bits(members, need))
        return out

    def _adjacency(
        self, best: list[tuple[int, float, int, int]], words: list[Word], limit: int
    ) -> list[tuple[int, float, int, int]]:
        """Add a bonus when query words follow each other in the passage; re-sort.

        ``best`` is sorted best first; the first ``limit`` of the result are exact. A
        passage after the ``limit``-th that could not pass it even with the largest
        bonus is dropped before its words are looked at.
        """
        plain = [w for w in words if w.phrase_re is None]
        if len(plain) < 2:
            return best
        if len(best) > limit > 0:
            cov_l, score_l = best[limit - 1][:2]
            reach = (1 + ADJACENCY_BONUS) * (1 + 1e-9)  # the bonus is at most this share
            best = best[:limit] + [
                b for b in best[limit:] if b[0] == cov_l and b[1] * reach >= score_l
            ]
        # term → 1 + the first query word it matches; None for a stopword (skipped, so
        # "sanctions on russia" is adjacent); other terms are 0
        which: dict[str, int | None] = dict.fromkeys(STOPWORDS)
        for k, w in enumerate(plain, 1):
            for term in w.terms:
                which.setdefault(term, k)
        tokens_of = self._tokens
        get = which.get
        rescored: list[tuple[int, float, int, int]] = []
        for cov, score, negp, r in best:
            terms = tokens_of(-negp)[0]
            seq = list(filter(_NOT_NONE, map(get, terms, repeat(0, len(terms)))))
            pairs = {(a, b) for a, b in set(pairwise(seq)) if a and b and a != b}
            bonus = ADJACENCY_BONUS * score * min(1.0, len(pairs) / (len(plain) - 1))
            rescored.append((cov, score + bonus, negp, r))
        rescored.sort(reverse=True)
        return rescored

    # -- hits and spans ---------------------------------------------------------------
    def _hits(self, ranked: list[tuple[int, int, float]], words: list[Word]) -> list[Hit]:
        """``ranked`` as ``(passage, rank, score)`` → hits with their highlight spans."""
        all_terms: set[str] = set()
        patterns: list[re.Pattern[str]] = []
        for w in words:
            all_terms |= w.terms
            if w.phrase_re is not None:
                patterns.append(w.phrase_re)
        plain = [w for w in words if w.phrase_re is None]
        hits: list[Hit] = []
        tokens_of = self._tokens
        highlights = all_terms.__contains__
        for p, r, score in ranked:
            text = self._text_of(p)
            spans: list[tuple[int, int]] = []
            if all_terms:
                terms, token_spans = tokens_of(p)
                # the spans of the words that match, picked by C calls
                spans = list(compress(token_spans, map(highlights, terms)))
            for pattern in patterns:
                spans.extend(m.span() for m in pattern.finditer(text))
            hits.append(
                Hit(
                    passage_id=self._id_of(p),
                    doc_id=self._doc_ids[self._doc_of[p]],  # type: ignore[attr-defined]
                    heading=self._headings[self._heading_of[p]],  # type: ignore[attr-defined]
                    text=text,
                    score=round(score, 6),
                    spans=merge_spans(spans),
                    fuzzy=any(w.only_fuzzy(r) for w in plain),
                )
            )
        return hits
