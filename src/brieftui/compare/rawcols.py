"""Raw occurrences of the whole brief as integer columns: the first step of :mod:`.columns`.

Each chunk of passages is split into tokens and the gaps between them by
:mod:`.fasttok` (code point classes in numpy; the regex only for clusters such as
"U.S." or "1,000"), and each token's row in a small table is found by hash, so a
string is made once per distinct token, not once per token. What a per-token loop
decided (the shape of a capitalised word, the tokens inside a date) is decided with
numpy. The names, phrases, counts and weights come after (:func:`.columns.build`).
The regex split (``SPLIT_RE``, a string per token and gap, looked up in dicts) stays
as the path taken when two different tokens share a hash, and as the reference of
``tests/compare/test_fasttok.py``. Apart from :mod:`.columns` so that
:mod:`.tokensplit`, which runs this in a worker process for half the brief, and
:mod:`.columns`, which runs it through :mod:`.tokensplit`, do not import each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import chain
from operator import itemgetter

import numpy as np

from brieftui.compare import fasttok
from brieftui.compare.terms import (
    _INITIAL_BEFORE,
    _MONTH_GATE,
    _UPPER,
    CAPITALISED,
    INITIAL,
    LOWER,
    WORD,
    _token_info,
    date_occurrences,
)
from brieftui.text import TOKEN_RE

SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})", TOKEN_RE.flags)
"""TOKEN_RE with one group: ``split`` gives gap, token, gap, ..., gap, all in C."""
SLICE = 256
"""Passages a C loop of :meth:`Raw.chunk` runs over at once (a few milliseconds)."""
CHUNK = 4096
"""Passages tokenised at a time (bounds the lists of token strings held at once)."""

_ODD = itemgetter(slice(1, None, 2))
_EVEN = itemgetter(slice(0, -1, 2))
_WS, _OPENS, _OTHER = 0, 1, 2
"""A gap before a token: only whitespace, ending in a sentence opener, anything else."""


def _gap_class(gap: str) -> int:
    rest = gap.rstrip()
    if not rest:
        return _WS
    return _OPENS if rest[-1] in _INITIAL_BEFORE else _OTHER


class _Table(dict):
    """str → id, numbering an unseen string by ``add`` on first lookup (``map`` over its
    ``__getitem__`` numbers a list of strings in one C loop, new ones included)."""

    def __init__(self, add: Callable[[str], int]) -> None:
        super().__init__()
        self.add = add

    def __missing__(self, item: str) -> int:
        got = self[item] = self.add(item)
        return got


class _Grown:
    """A list's numpy copy, extended by the items appended since it was last made: a
    token table's column is looked up once per chunk, and converting the whole list
    each time (172,000 tokens at 10,000 articles, five columns, 49 chunks) took 0.7 s."""

    def __init__(self, items: list, dtype: type) -> None:
        self.items = items
        self.dtype = dtype
        self.array = np.zeros(0, dtype=dtype)

    def now(self) -> np.ndarray:
        have = len(self.array)
        if have < len(self.items):
            tail = np.asarray(self.items[have:], dtype=self.dtype)
            self.array = np.concatenate([self.array, tail])
        return self.array


class Raw:
    """Raw occurrences of the whole brief as columns (before names are known)."""

    def __init__(self) -> None:
        self.tokens = _Table(self.add_token)  # raw token -> row of the token tables
        self.rows = fasttok.Rows(self.tokens)  # the same rows, found by hash
        self.tok_key: list[int] = []  # key id, -1 when the token carries nothing
        self.tok_kind: list[int] = []
        self.tok_shape: list[int] = []
        self.tok_opens: list[bool] = []  # ends with a sentence opener ("U.S.")
        self.tok_month: list[bool] = []  # may start a date (see chunk)
        self.tok_len: list[int] = []
        self.gaps = _Table(self.add_gap)  # text between tokens -> row of the gap tables
        self.gap_len: list[int] = []
        self.gap_class: list[int] = []
        self.keys: dict[str, int] = {}
        self.key_kind: list[int] = []
        self.parts: list[tuple[np.ndarray, ...]] = []
        self._key_col = _Grown(self.tok_key, np.int64)
        self._kind_col = _Grown(self.tok_kind, np.int64)
        self._shape_col = _Grown(self.tok_shape, np.int64)
        self._opens_col = _Grown(self.tok_opens, bool)
        self._month_col = _Grown(self.tok_month, bool)

    def key_id(self, key: str, kind: int) -> int:
        k = self.keys.get(key)
        if k is None:
            k = self.keys[key] = len(self.keys)
            self.key_kind.append(kind)
        return k

    def add_token(self, raw: str) -> int:
        info = _token_info(raw)
        if info is None:
            self.tok_key.append(-1)
            self.tok_kind.append(WORD)
            self.tok_shape.append(LOWER)
        else:
            key, kind, shape = info
            self.tok_key.append(self.key_id(key, kind))
            self.tok_kind.append(kind)
            self.tok_shape.append(shape)
        self.tok_opens.append(raw[-1] in _INITIAL_BEFORE)
        self.tok_month.append(_MONTH_GATE.search(raw) is not None)
        self.tok_len.append(len(raw))
        return len(self.tok_len) - 1

    def add_gap(self, gap: str) -> int:
        self.gap_len.append(len(gap))
        self.gap_class.append(_gap_class(gap))
        return len(self.gap_len) - 1

    @staticmethod
    def _ids(
        table: _Table, parts: list[list[str]], pick: Callable[[list[str]], list[str]], slices: range
    ) -> np.ndarray:
        """The table ids of the picked strings of every passage, a slice at a time."""
        if not parts:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate(
            [
                np.fromiter(
                    map(table.__getitem__, chain.from_iterable(map(pick, parts[i : i + SLICE]))),
                    dtype=np.int64,
                )
                for i in slices
            ]
        )

    def chunk(self, texts: Sequence[str], first: int) -> None:
        """Tokenise passages ``first…`` (their texts): append their raw occurrence rows."""
        split = fasttok.split(texts)
        rid = self.rows.rows(split)
        if rid is None:  # two tokens shared a hash: the regex split, a string per token
            self._chunk_rows(texts, first, *self._split_by_regex(texts, first))
            return
        ntok = np.bincount(split.passage, minlength=len(texts))
        self._chunk_rows(
            texts,
            first,
            split.passage + first,
            ntok,
            rid,
            split.start,
            split.length,
            split.gap_class,
        )

    def _split_by_regex(
        self, texts: Sequence[str], first: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(passage, tokens per passage, token row, start, length, gap class) of every
        token, by ``SPLIT_RE`` (the reference :mod:`.fasttok` is checked against)."""
        # each C loop (split, lookups) runs over a slice of passages at a time: over a
        # whole chunk one held the interpreter for 0.1-0.25 s, and the reader's keys with it
        slices = range(0, len(texts), SLICE)
        parts: list[list[str]] = []
        for i in slices:
            parts.extend(map(SPLIT_RE.split, texts[i : i + SLICE]))
        ntok = np.fromiter((len(p) >> 1 for p in parts), dtype=np.int64, count=len(parts))
        passage = np.repeat(np.arange(first, first + len(texts), dtype=np.int64), ntok)
        # tokens and gaps repeat: their lengths and classes are looked up by id (tokens
        # first, in order: a new token numbers its key, and keys are numbered as met)
        rid = self._ids(self.tokens, parts, _ODD, slices)
        gid = self._ids(self.gaps, parts, _EVEN, slices)  # each gap before a token
        del parts
        tlen = np.asarray(self.tok_len, dtype=np.int64)[rid]
        glen = np.asarray(self.gap_len, dtype=np.int64)[gid]
        # spans: a passage's parts are its text, so a token starts after the parts before it
        step = glen + tlen
        ends = np.cumsum(step)
        firsts = (np.cumsum(ntok) - ntok)[ntok > 0]
        base = np.repeat(ends[firsts] - step[firsts], ntok[ntok > 0])
        start = ends - base - tlen
        gcls = np.asarray(self.gap_class, dtype=np.int64)[gid]
        return passage, ntok, rid, start, tlen, gcls

    def _chunk_rows(
        self,
        texts: Sequence[str],
        first: int,
        passage: np.ndarray,
        ntok: np.ndarray,
        rid: np.ndarray,
        start: np.ndarray,
        tlen: np.ndarray,
        gap_class: np.ndarray,
    ) -> None:
        """The raw occurrence rows of the tokens of passages ``first…``: shapes, dates."""
        n = len(rid)
        heads = np.zeros(n, dtype=bool)
        heads[(np.cumsum(ntok) - ntok)[ntok > 0]] = True
        end = start + tlen
        key = self._key_col.now()[rid]
        kind = self._kind_col.now()[rid]
        shape = self._shape_col.now()[rid]
        # a capitalised word opens a sentence when the first non-space before it does
        upper = np.flatnonzero(shape == _UPPER)
        if len(upper):
            opens = self._opens_col.now()
            gcls = gap_class[upper]
            before = np.ones(len(upper), dtype=bool)  # the first token: nothing before it
            inner = ~heads[upper]
            before[inner] = opens[rid[upper[inner] - 1]]
            initial = (gcls == _OPENS) | ((gcls == _WS) & before)
            shape[upper] = np.where(initial, INITIAL, CAPITALISED)
        keep = key >= 0
        # dates: one Python step per passage naming a month, then per date
        d_pass: list[int] = []
        d_start: list[int] = []
        d_end: list[int] = []
        d_key: list[int] = []
        d_kind: list[int] = []
        s_pass: list[int] = []
        s_start: list[int] = []
        s_end: list[int] = []
        # a date needs a month name where a word starts, which is where a token starts
        # or inside one (after an apostrophe or a dot): a passage with no token holding
        # one has no date, and the regex is not run over it (most passages)
        month = self._month_col.now()[rid]
        for i in np.unique(passage[month] - first).tolist():
            text = texts[i]
            occs, spans = date_occurrences(text)
            if not occs:
                continue
            occs.sort(key=lambda o: (o[1], o[0]))  # as raw_occurrences orders them
            for k, s, e, kd, _sh in occs:
                d_pass.append(first + i)
                d_start.append(s)
                d_end.append(e)
                d_key.append(self.key_id(k, kd))
                d_kind.append(kd)
            for s, e in spans:
                s_pass.append(first + i)
                s_start.append(s)
                s_end.append(e)
        at = (passage << 32) + start
        if s_pass:
            lo = (np.asarray(s_pass, dtype=np.int64) << 32) + np.asarray(s_start, dtype=np.int64)
            hi = (np.asarray(s_pass, dtype=np.int64) << 32) + np.asarray(s_end, dtype=np.int64)
            j = np.searchsorted(lo, at, side="right") - 1
            inside = (j >= 0) & (at < hi[np.maximum(j, 0)])
            keep &= ~inside
        cols = [passage[keep], start[keep], end[keep], key[keep], kind[keep], shape[keep]]
        if d_pass:
            where = np.searchsorted(
                at[keep],
                (np.asarray(d_pass, dtype=np.int64) << 32) + np.asarray(d_start, dtype=np.int64),
                side="left",
            )
            extra = (d_pass, d_start, d_end, d_key, d_kind, [LOWER] * len(d_pass))
            cols = [np.insert(c, where, x) for c, x in zip(cols, extra, strict=True)]
        self.parts.append(tuple(cols))

    def columns(self) -> tuple[np.ndarray, ...]:
        """(passage, start, end, key, kind, shape) of every raw occurrence of the brief."""
        if not self.parts:
            return tuple(np.zeros(0, dtype=np.int64) for _ in range(6))
        return tuple(np.concatenate(c) for c in zip(*self.parts, strict=True))


__all__ = ["CHUNK", "SPLIT_RE", "Raw"]
