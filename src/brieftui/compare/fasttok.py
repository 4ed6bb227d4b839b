"""Token boundaries of many passages at once with numpy: the regex split without a string per token.

:meth:`.rawcols.Raw.chunk` used to split every passage with ``SPLIT_RE`` and look up
every token and gap string in a dict: at 10,000 articles that made 20 million small
strings, about 60% of the alignment index's time. Here the same boundaries come from
arrays over the code points of a whole chunk of passages:

* a *cluster* is a maximal run of word characters and the connectors ``. , ' ’``
  (:data:`.text.TOKEN_RE` matches only those, and none of its branches starts on a
  connector, so the regex meets every cluster afresh and never leaves it);
* in a *simple* cluster (no ``.`` or ``,`` between two word characters, and no
  apostrophe joint where a run opens with a digit) a token is a run of word
  characters and the apostrophes joining them, except that a run opening with digits
  is two tokens, the digits and the rest (the number branch, then the word branch);
* a *complex* cluster ("U.S.", "1,000", "3.5") goes to the regex itself, a few
  per passage.

Identical tokens are grouped by a polynomial hash of their code points, and the
grouping is then checked code point by code point, so it is exact: a collision makes
:meth:`Rows.rows` answer ``None`` and the chunk goes back to the regex. One string is
made per distinct token.
``tests/compare/test_fasttok.py`` checks the boundaries, gaps and groups against the
regex split on real-looking, hostile and random text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import numpy as np

from brieftui.compare.terms import _INITIAL_BEFORE
from brieftui.text import TOKEN_RE

WORD, DIGIT, CONNECTOR, DOT_COMMA, SPACE, OPENER = 1, 2, 4, 8, 16, 32
"""Bits of a code point's class: a word character (``[^\\W_]``), a decimal digit
(``\\d``), a connector (``. , ' ’``), a ``.`` or ``,``, whitespace (what ``rstrip``
strips) and a character that opens a sentence before a capital (``_INITIAL_BEFORE``)."""
WS_GAP, OPENS_GAP, OTHER_GAP = 0, 1, 2
"""A gap before a token: only whitespace, ending in a sentence opener, anything else
(:func:`.rawcols._gap_class`)."""
SEPARATOR = "\n"
"""Between passages in a chunk's joined text: no token can hold it."""
_P = 0x100000001B3
_Q = pow(_P, -1, 1 << 64)
"""The hash's base and its inverse modulo 2**64 (so a token's hash is position-free)."""


def _classes(chars: str) -> np.ndarray:
    """The class bits of each character of ``chars``."""
    n = len(chars)
    word = np.fromiter(map(str.isalnum, chars), dtype=bool, count=n)
    digit = np.fromiter(map(str.isdecimal, chars), dtype=bool, count=n)
    space = np.fromiter(map(str.isspace, chars), dtype=bool, count=n)
    opener = np.fromiter((c in _INITIAL_BEFORE for c in chars), dtype=bool, count=n)
    connector = np.fromiter((c in ".,'’" for c in chars), dtype=bool, count=n)
    dot_comma = np.fromiter((c in ".," for c in chars), dtype=bool, count=n)
    out = word * WORD + digit * DIGIT + connector * CONNECTOR + dot_comma * DOT_COMMA
    return (out + space * SPACE + opener * OPENER).astype(np.uint8)


@lru_cache(maxsize=1)
def _bmp_table() -> np.ndarray:
    """Class bits of every code point below 0x10000 (about 30 ms, once)."""
    return _classes("".join(map(chr, range(0x10000))))


def char_classes(cp: np.ndarray) -> np.ndarray:
    """Class bits of each code point (astral ones looked up one distinct point at a time)."""
    table = _bmp_table()
    low = cp < 0x10000
    if low.all():
        return table[cp]
    out = np.zeros(len(cp), dtype=np.uint8)
    out[low] = table[cp[low]]
    high = np.flatnonzero(~low)
    distinct, inverse = np.unique(cp[high], return_inverse=True)
    out[high] = _classes("".join(map(chr, distinct.tolist())))[inverse]
    return out


@lru_cache(maxsize=1)
def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """(P**j, Q**j) modulo 2**64 for j < n (uint64 arithmetic wraps)."""
    p = np.full(n, _P, dtype=np.uint64)
    q = np.full(n, _Q, dtype=np.uint64)
    p[0] = q[0] = 1
    return np.cumprod(p), np.cumprod(q)


def _powers_for(n: int) -> tuple[np.ndarray, np.ndarray]:
    size = 1 << max(n - 1, 1).bit_length()  # a few sizes, so the cache keeps its table
    return _powers(size)


@dataclass
class Split:
    """Every token of a chunk of passages, in text order."""

    passage: np.ndarray  # the passage it is in (0 for the chunk's first)
    start: np.ndarray  # where it starts in its passage
    length: np.ndarray
    gap_length: np.ndarray  # the text between it and the token before (or the passage start)
    gap_class: np.ndarray  # WS_GAP, OPENS_GAP or OTHER_GAP
    hashes: np.ndarray  # of its code points (equal tokens, equal hashes; not the reverse)
    text: str  # the chunk's passages joined by SEPARATOR
    code_points: np.ndarray  # of ``text``
    at: np.ndarray  # where it starts in ``text``


def _shifted(mask: np.ndarray, by: int) -> np.ndarray:
    """``mask`` moved ``by`` places right (positive) or left, False where nothing moved in."""
    out = np.zeros_like(mask)
    if by > 0:
        out[by:] = mask[:-by]
    else:
        out[:by] = mask[-by:]
    return out


def _bounds(cls: np.ndarray, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of every token of ``text`` (``cls``: its class bits), in order."""
    word = (cls & WORD) != 0
    before, after = _shifted(word, 1), _shifted(word, -1)
    joint = np.flatnonzero((cls & CONNECTOR != 0) & before & after)
    in_cluster = (cls & (WORD | CONNECTOR)) != 0
    opens = np.flatnonzero(in_cluster & ~_shifted(in_cluster, 1))
    closes = np.flatnonzero(in_cluster & ~_shifted(in_cluster, -1)) + 1
    # complex: a "." or "," joint, or an apostrophe joint where a run opens with a digit
    digit = (cls & DIGIT) != 0
    dot_comma = (cls[joint] & DOT_COMMA) != 0
    complex_ = np.zeros(len(opens), dtype=bool)
    complex_[np.searchsorted(opens, joint[dot_comma], side="right") - 1] = True
    apostrophe = joint[~dot_comma]
    if len(apostrophe):
        mixed = np.zeros(len(opens), dtype=bool)
        mixed[np.searchsorted(opens, apostrophe, side="right") - 1] = True
        digit_open = np.flatnonzero(word & ~before & digit)
        led = np.zeros(len(opens), dtype=bool)
        led[np.searchsorted(opens, digit_open, side="right") - 1] = True
        complex_ |= mixed & led
    # simple clusters: a chain of runs and apostrophe joints is a token, split once
    # after the digits that open it (only a chain of one run can open with a digit)
    chain = word.copy()
    chain[apostrophe] = True
    head = chain & ~_shifted(chain, 1)
    tail = chain & ~_shifted(chain, -1)
    led = np.flatnonzero(head & digit)
    if len(led):  # where the digits opening each such chain end, when a letter follows
        digits_end = np.flatnonzero(digit & ~_shifted(digit, -1)) + 1
        turn = digits_end[np.searchsorted(digits_end, led, side="right")]
        turn = turn[chain[np.minimum(turn, len(chain) - 1)] & (turn < len(chain))]
        head[turn] = True
        tail[turn - 1] = True
    # complex clusters, a few per passage: what the regex finds in them, nothing else
    for s, e in zip(opens[complex_].tolist(), closes[complex_].tolist(), strict=True):
        head[s:e] = False
        tail[s:e] = False
        for m in TOKEN_RE.finditer(text, s, e):
            a, b = m.span()
            head[a] = True
            tail[b - 1] = True
    return np.flatnonzero(head), np.flatnonzero(tail) + 1


def split(texts: Sequence[str]) -> Split:
    """Every token of ``texts``, in order (see the module doc)."""
    text = SEPARATOR.join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    offsets = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=offsets[1:])
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    cls = char_classes(cp)
    starts, ends = _bounds(cls, text)
    length = ends - starts
    passage = np.searchsorted(offsets, starts, side="right") - 1
    head = np.ones(len(starts), dtype=bool)
    head[1:] = passage[1:] != passage[:-1]
    before = np.empty(len(starts), dtype=np.int64)  # where the gap before each starts
    before[1:] = ends[:-1]
    before[head] = offsets[passage[head]]
    # the last non-space character before each token: inside its gap or not
    n = len(cp)
    last_solid = np.maximum.accumulate(
        np.where((cls & SPACE) != 0, -1, np.arange(n, dtype=np.int64))
    )
    solid = np.where(starts > 0, last_solid[np.maximum(starts - 1, 0)], -1)
    gap_class = np.full(len(starts), WS_GAP, dtype=np.int64)
    inside = solid >= before
    gap_class[inside] = np.where((cls[solid[inside]] & OPENER) != 0, OPENS_GAP, OTHER_GAP)
    return Split(
        passage=passage,
        start=starts - offsets[passage],
        length=length,
        gap_length=starts - before,
        gap_class=gap_class,
        hashes=_hashes(cp, starts, length),
        text=text,
        code_points=cp,
        at=starts,
    )


def _hashes(cp: np.ndarray, starts: np.ndarray, length: np.ndarray) -> np.ndarray:
    """A polynomial hash of each token's code points, the same wherever it stands."""
    n = len(cp)
    p_pow, q_pow = _powers_for(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(cp.astype(np.uint64) * q_pow[:n], out=prefix[1:])
    return (prefix[starts + length] - prefix[starts]) * p_pow[starts]


def _same(
    a: np.ndarray, a_at: np.ndarray, b: np.ndarray, b_at: np.ndarray, lens: np.ndarray
) -> bool:
    """Are ``a[a_at[i] : a_at[i] + lens[i]]`` and the same span of ``b`` equal for every i?"""
    inner = np.arange(int(lens.sum()), dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)
    return np.array_equal(a[np.repeat(a_at, lens) + inner], b[np.repeat(b_at, lens) + inner])


class Rows:
    """The row of each token in a table of distinct tokens, found by hash, checked exactly.

    ``table`` maps a token's text to its row and numbers a new one on first lookup
    (:class:`.rawcols._Table`, whose insertion order is its row order). Tokens already
    met are found by hash without making their string; every one is then compared,
    code point by code point, with the text of the row it was given. New tokens are
    made strings once each, in order of first occurrence, as one pass would meet them.
    """

    def __init__(self, table: dict[str, int]) -> None:
        self.table = table
        self._hashes = np.zeros(0, dtype=np.uint64)  # of the rows found by hash, sorted
        self._hash_rows = np.zeros(0, dtype=np.int64)
        self._cp = np.zeros(0, dtype=np.uint32)  # the rows' texts, one after another
        self._off = np.zeros(1, dtype=np.int64)

    def rows(self, split: Split) -> np.ndarray | None:
        """The row of each token (``None``, and nothing changed: two tokens shared a hash)."""
        hashes = split.hashes
        rows = np.full(len(hashes), -1, dtype=np.int64)
        if len(self._hashes):
            at = np.minimum(np.searchsorted(self._hashes, hashes), len(self._hashes) - 1)
            found = self._hashes[at] == hashes
            rows[found] = self._hash_rows[at[found]]
        known = np.flatnonzero(rows >= 0)
        if len(known) and not self._match_rows(split, known, rows[known]):
            return None
        new = np.flatnonzero(rows < 0)
        if not len(new):
            return rows
        _, first, inverse = np.unique(hashes[new], return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        rep = new[first[inverse]]
        lens = split.length[new]
        if not np.array_equal(lens, split.length[rep]) or not _same(
            split.code_points, split.at[new], split.code_points, split.at[rep], lens
        ):
            return None
        # one string per new token, made and numbered in order of first occurrence
        order = np.argsort(first, kind="stable")
        heads = new[first[order]]
        text = split.text
        starts = split.at[heads].tolist()
        ends = (split.at[heads] + split.length[heads]).tolist()
        strings = [text[s:e] for s, e in zip(starts, ends, strict=True)]
        got = np.empty(len(first), dtype=np.int64)
        got[order] = np.fromiter(
            map(self.table.__getitem__, strings), dtype=np.int64, count=len(strings)
        )
        rows[new] = got[inverse]
        merged = np.concatenate([self._hashes, hashes[heads]])
        by = np.argsort(merged, kind="stable")
        self._hashes = merged[by]
        self._hash_rows = np.concatenate([self._hash_rows, got[order]])[by]
        return rows

    def _match_rows(self, split: Split, tokens: np.ndarray, rows: np.ndarray) -> bool:
        """Is each of ``tokens`` the very text of its row?"""
        self._store_up_to(len(self.table))
        lens = split.length[tokens]
        if not np.array_equal(self._off[rows + 1] - self._off[rows], lens):
            return False
        return _same(split.code_points, split.at[tokens], self._cp, self._off[rows], lens)

    def _store_up_to(self, n_rows: int) -> None:
        """Keep the code points of the table's first ``n_rows`` rows."""
        have = len(self._off) - 1
        if have >= n_rows:
            return
        texts = list(islice(self.table, have, n_rows))
        cp = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
        lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self._cp = np.concatenate([self._cp, cp])
        self._off = np.concatenate([self._off, self._off[-1] + np.cumsum(lens)])


__all__ = ["OPENS_GAP", "OTHER_GAP", "WS_GAP", "Rows", "Split", "char_classes", "split"]
