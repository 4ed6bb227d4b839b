"""Sets of passages as bits: what makes search per keystroke cheap at 200,000 passages.

Why: a query word at 10,000 articles matches up to 180,000 passages, and search needs
unions (a word's spellings), intersections (passages holding every word) and counts
("50 of 58,000 hits") of such sets on every keystroke. As Python ``set`` objects each
of those costs milliseconds; as bits of a Python ``int`` it is one C loop over 25 KB,
microseconds. Bit ``r`` stands for the passage of *length rank* ``r`` (shortest first,
reading order on ties: see :mod:`brieftui.search.build`), so "the first k members in
the order of the BM25 length norm", which ranking asks for, are simply the k lowest
bits.

A :class:`RankSet` is one such set with what each use needs, computed once: the
``int`` (algebra, counts), its little-endian bytes (a membership test is one byte
read) and, when known, the sorted ranks themselves (a term's postings).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

__all__ = ["RankSet", "first_bits", "ranks_of"]

_BIT = tuple(1 << i for i in range(8))
_BYTE_BITS = tuple(tuple(i for i in range(8) if b >> i & 1) for b in range(256))
_NONZERO = bytes([0] + [1] * 255)  # bytes.translate table: any set byte becomes 1
_FEW = 24  # up to this many ranks, summing their bits beats filling a byte buffer


def bits_of(ranks: Sequence[int], nbytes: int) -> tuple[int, bytearray]:
    """The ``int`` whose bits are ``ranks`` (distinct), and its ``nbytes`` little-endian bytes."""
    raw = bytearray(nbytes)
    bit = _BIT
    for r in ranks:
        raw[r >> 3] |= bit[r & 7]
    return int.from_bytes(raw, "little"), raw


def ranks_of(value: int, limit: int | None = None) -> list[int]:
    """The set bits of ``value`` in ascending order (the first ``limit`` of them).

    The bytes are scanned with ``bytes.find`` (C speed) for the non-zero ones, so a
    sparse set costs about one step per member, not one per byte.
    """
    if value <= 0:
        return []
    raw = value.to_bytes((value.bit_length() + 7) >> 3, "little")
    find = raw.translate(_NONZERO).find
    table = _BYTE_BITS
    out: list[int] = []
    i = find(1)
    while i >= 0:
        base = i << 3
        out.extend([base + k for k in table[raw[i]]])
        if limit is not None and len(out) >= limit:
            return out[:limit]
        i = find(1, i + 1)
    return out


def first_bits(value: int, k: int, end: int | None = None) -> list[int]:
    """The ``k`` lowest set bits of ``value`` below bit ``end``, ascending.

    Looks at a low window of the bits first and widens it fourfold until it holds
    ``k`` members, so a dense set is answered from its first bytes.
    """
    if k <= 0 or value <= 0:
        return []
    if end is not None and end < value.bit_length():
        value &= (1 << end) - 1
    width = 256
    length = value.bit_length()
    while width < length:
        low = value & ((1 << width) - 1)
        if low.bit_count() >= k:
            return ranks_of(low, k)
        width <<= 2
    return ranks_of(value, k)


class RankSet:
    """A set of passage ranks: as an ``int`` of bits, as bytes, and maybe as sorted ranks."""

    __slots__ = ("_bits", "_count", "_raw", "nbytes", "ranks")

    def __init__(
        self,
        bits: int | None,
        nbytes: int,
        *,
        raw: bytes | bytearray | memoryview | None = None,
        ranks: Sequence[int] | None = None,
        count: int | None = None,
    ) -> None:
        self._bits = bits  # None: made from ``raw`` on first use
        self.nbytes = nbytes
        self._raw = raw
        self.ranks = ranks
        self._count = count if count is not None else (len(ranks) if ranks is not None else None)

    @classmethod
    def from_ranks(cls, ranks: Sequence[int], nbytes: int, *, ordered: bool = False) -> RankSet:
        """From distinct ranks (kept as the sorted ranks when ``ordered`` says they are)."""
        if len(ranks) <= _FEW:
            one = 1
            bits = sum(one << r for r in ranks)
            return cls(bits, nbytes, ranks=ranks if ordered else None, count=len(ranks))
        bits, raw = bits_of(ranks, nbytes)
        return cls(bits, nbytes, raw=raw, ranks=ranks if ordered else None, count=len(ranks))

    @classmethod
    def from_raw(cls, raw: bytes | memoryview, nbytes: int, count: int | None = None) -> RankSet:
        """A set stored as bits (a dense term's postings): its ``int`` is made when first
        asked for, so loading an index converts none of them."""
        return cls(None, nbytes, raw=raw, count=count)

    @property
    def bits(self) -> int:
        """The set as an ``int``: bit ``r`` set for rank ``r``."""
        bits = self._bits
        if bits is None:
            bits = self._bits = int.from_bytes(self.raw, "little")
        return bits

    @property
    def raw(self) -> bytes | bytearray | memoryview:
        """Little-endian bytes of the bits, ``nbytes`` long (bit ``r`` is in byte ``r >> 3``)."""
        raw = self._raw
        if raw is None:
            raw = self._raw = self.bits.to_bytes(self.nbytes, "little")
        return raw

    def __len__(self) -> int:
        count = self._count
        if count is None:
            count = self._count = self.bits.bit_count()
        return count

    def __bool__(self) -> bool:
        return self.bits != 0

    def __contains__(self, r: int) -> bool:
        return bool(self.raw[r >> 3] >> (r & 7) & 1)

    def first(self, k: int, end: int | None = None) -> list[int]:
        """The ``k`` lowest ranks (below ``end``), ascending."""
        ranks = self.ranks
        if ranks is not None:
            cut = len(ranks) if end is None else bisect_left(ranks, end)
            return list(ranks[: min(k, cut)])
        return first_bits(self.bits, k, end)

    def all(self) -> list[int]:
        """Every rank, ascending."""
        if self.ranks is not None:
            return list(self.ranks)
        return ranks_of(self.bits)
