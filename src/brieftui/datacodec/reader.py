"""Decoding, strict and bounded: plain values or :class:`CodecError` (see :mod:`brieftui.datacodec`)."""

from __future__ import annotations

import struct
from array import array
from itertools import accumulate, repeat
from operator import getitem
from typing import Any

from brieftui.datacodec.format import (
    ARRAY,
    ARRAY_CODES,
    BIG_ENDIAN,
    BIGINT,
    BOOLS,
    BYTES,
    DICT,
    DICTS,
    F64,
    FALSE,
    FLOAT,
    FLOATS,
    I64,
    INT,
    INT_CODES,
    INTS,
    LENGTH_CODE,
    LIST,
    MAX_BIG_INT_BYTES,
    MAX_DEPTH,
    MIXED,
    MIXED_KINDS,
    NONE,
    OPT_STRS,
    RAGGED,
    STR,
    STRS,
    TABLE,
    TRUE,
    U64,
    VOCAB,
    CodecError,
    NoneType,
    has_control_bytes,
)


def loads(data: bytes | memoryview, *, plain: bool = False) -> Any:
    """Decode ``data`` (from :func:`dumps`); :class:`CodecError` when it is not valid.

    ``plain=True`` also refuses any string holding a control character (see the
    module doc). Never executes, imports or looks up anything named by the input.
    """
    view = memoryview(data).cast("B")
    if len(view) < 8:
        raise CodecError("invalid data: truncated")
    (size,) = U64.unpack(view[:8])
    if size > len(view) - 8:
        raise CodecError("invalid data: truncated")
    return loads_parts(view[8 : 8 + size], view[8 + size :].tobytes(), plain=plain)


def loads_parts(structure: bytes | memoryview, heap: bytes, *, plain: bool = False) -> Any:
    """:func:`loads` for input already split into its structure and its string heap (the
    cache reads them as two buffers, so the heap is checked and decoded without a copy)."""
    if plain and has_control_bytes(heap):
        raise CodecError("invalid data: a control character in plain text")
    reader = _Reader(memoryview(structure).cast("B"), heap)
    try:
        value = reader.value(0)
    except CodecError:
        raise
    except (struct.error, ValueError, TypeError, IndexError, OverflowError, MemoryError) as exc:
        raise CodecError(f"invalid data: {exc}") from None
    if reader.pos != len(reader.data) or reader.heap_pos != len(reader.heap):
        raise CodecError("invalid data: trailing bytes")
    return value


class _Reader:
    """One pass over the input; every read checks the length first."""

    def __init__(self, data: memoryview, heap: bytes) -> None:
        self.data = data
        self.pos = 0
        self.heap_bytes = heap
        self.heap = memoryview(heap)
        self.heap_pos = 0
        self.dispatch = {
            NONE: self._none,
            FALSE: self._false,
            TRUE: self._true,
            INT: self._int,
            BIGINT: self._bigint,
            FLOAT: self._float,
            STR: self._str,
            BYTES: self._bytes,
            LIST: self._list,
            DICT: self._dict,
            ARRAY: self._array,
            STRS: self._strs,
            OPT_STRS: self._opt_strs,
            VOCAB: self._vocab,
            DICTS: self._dicts,
            MIXED: self._mixed,
            INTS: self._ints,
            FLOATS: self._floats,
            BOOLS: self._bools,
            RAGGED: self._ragged,
            TABLE: self._table,
        }

    # -- primitives
    def take(self, n: int) -> memoryview:
        """The next ``n`` bytes, not copied (a 40 MB blob of passages is copied once, at most)."""
        pos = self.pos
        if n < 0 or n > len(self.data) - pos:
            raise CodecError("invalid data: truncated")
        self.pos = pos + n
        return self.data[pos : pos + n]

    def take_bytes(self, n: int) -> bytes:
        return self.take(n).tobytes()

    def take_text(self, n: int) -> memoryview:
        """The next ``n`` bytes of the string heap."""
        pos = self.heap_pos
        if n < 0 or n > len(self.heap) - pos:
            raise CodecError("invalid data: strings beyond the heap")
        self.heap_pos = pos + n
        return self.heap[pos : pos + n]

    def byte(self) -> int:
        pos = self.pos
        if pos >= len(self.data):
            raise CodecError("invalid data: truncated")
        self.pos = pos + 1
        return self.data[pos]

    def count(self, unit: int = 1) -> int:
        """A count of items each at least ``unit`` bytes: never more than what is left."""
        (n,) = U64.unpack(self.take(8))
        if unit and n > (len(self.data) - self.pos) // unit:
            raise CodecError("invalid data: a count larger than the input")
        return n

    def flag(self) -> int:
        flag = self.byte()
        if flag > 1:
            raise CodecError("invalid data: bad sequence flag")
        return flag

    @staticmethod
    def text(raw: memoryview) -> str:
        try:
            return str(raw, "utf-8")
        except UnicodeDecodeError:
            return str(raw, "utf-8", "surrogatepass")

    def numbers(self, code: str, n: int) -> array:
        values = array(code)
        values.frombytes(self.take(n * values.itemsize))
        if BIG_ENDIAN and values.itemsize > 1:
            values.byteswap()
        return values

    def value(self, depth: int) -> Any:
        tag = self.byte()
        handler = self.dispatch.get(tag)
        if handler is None:
            raise CodecError(f"invalid data: unknown tag {tag:#04x}")
        return handler(depth)

    def sequence(self, depth: int, length: int) -> list[Any] | tuple[Any, ...]:
        """A nested list or tuple of exactly ``length`` items (keys, columns, flat parts)."""
        items = self.value(depth)
        if type(items) not in (list, tuple) or len(items) != length:
            raise CodecError("invalid data: a part of the wrong shape")
        return items

    @staticmethod
    def shaped(items: list[Any], flag: int) -> list[Any] | tuple[Any, ...]:
        return tuple(items) if flag else items

    # -- scalars
    def _none(self, depth: int) -> None:
        return None

    def _false(self, depth: int) -> bool:
        return False

    def _true(self, depth: int) -> bool:
        return True

    def _int(self, depth: int) -> int:
        return I64.unpack(self.take(8))[0]

    def _bigint(self, depth: int) -> int:
        size = self.count()
        if size > MAX_BIG_INT_BYTES:
            raise CodecError("invalid data: integer too large")
        return int.from_bytes(self.take(size), "little", signed=True)

    def _float(self, depth: int) -> float:
        return F64.unpack(self.take(8))[0]

    def _str(self, depth: int) -> str:
        (size,) = U64.unpack(self.take(8))
        return self.text(self.take_text(size))

    def _bytes(self, depth: int) -> bytes:
        return self.take_bytes(self.count())

    # -- containers
    def _enter(self, depth: int) -> int:
        depth += 1
        if depth > MAX_DEPTH:
            raise CodecError(f"invalid data: nested deeper than {MAX_DEPTH}")
        return depth

    def _list(self, depth: int) -> list[Any] | tuple[Any, ...]:
        depth = self._enter(depth)
        flag = self.flag()
        n = self.count()
        value = self.value
        return self.shaped([value(depth) for _ in range(n)], flag)

    def _dict(self, depth: int) -> dict[Any, Any]:
        depth = self._enter(depth)
        n = self.count(2)
        keys = self.sequence(depth, n)
        values = self.sequence(depth, n)
        result = dict(zip(keys, values, strict=True))
        if len(result) != n:
            raise CodecError("invalid data: duplicate dict keys")
        return result

    def _array(self, depth: int) -> array:
        code = chr(self.byte())
        itemsize = self.byte()
        if code not in ARRAY_CODES or array(code).itemsize != itemsize:
            raise CodecError("invalid data: unknown array type")
        return self.numbers(code, self.count(itemsize))

    def _strs(self, depth: int) -> list[str] | tuple[str, ...]:
        flag = self.flag()
        n = self.count(4)
        sizes = self.numbers(LENGTH_CODE, n)
        base = self.heap_pos
        self.take_text(sum(sizes))  # bounds only: the strings are cut from the heap itself
        ends = list(accumulate(sizes, initial=base))
        starts = ends[:-1]
        del ends[0]
        # Every string cut from the heap and decoded by C calls, with no Python frame
        # per string (the bulk of a cached brief is 100,000 passages; each piece is
        # freed as soon as it is decoded); strict UTF-8 first, and only if that fails
        # (a name that is not UTF-8) with surrogates.
        heap = self.heap_bytes
        try:
            pieces = map(getitem, repeat(heap, n), map(slice, starts, ends))
            items = list(map(bytes.decode, pieces))
        except UnicodeDecodeError:
            pieces = map(getitem, repeat(heap, n), map(slice, starts, ends))
            items = list(map(bytes.decode, pieces, repeat("utf-8", n), repeat("surrogatepass", n)))
        return self.shaped(items, flag)

    def _opt_strs(self, depth: int) -> list[str | None] | tuple[str | None, ...]:
        flag = self.flag()
        n = self.count()
        mask = self.take_bytes(n)
        if mask.translate(None, b"\x00\x01"):
            raise CodecError("invalid data: bad mask")
        if self.byte() != STRS:
            raise CodecError("invalid data: optional strings without strings")
        strings = self._strs(depth)
        if len(strings) != mask.count(1):
            raise CodecError("invalid data: optional strings do not add up")
        present = iter(strings)
        return self.shaped([next(present) if m else None for m in mask], flag)

    def _vocab(self, depth: int) -> list[str] | tuple[str, ...]:
        flag = self.flag()
        indices = self.numbers(LENGTH_CODE, self.count(4))
        if self.byte() != STRS:
            raise CodecError("invalid data: a vocabulary without strings")
        words = self._strs(depth)  # an index out of range raises IndexError: invalid
        return self.shaped(list(map(words.__getitem__, indices)), flag)

    def _dicts(self, depth: int) -> list[dict[Any, Any]] | tuple[dict[Any, Any], ...]:
        depth = self._enter(depth)
        flag = self.flag()
        n = self.count(4)
        lengths = self.numbers(LENGTH_CODE, n)
        total = sum(lengths)
        keys = self.sequence(depth, total)
        values = self.sequence(depth, total)
        ends = list(accumulate(lengths))
        slices = list(map(slice, [0, *ends[:-1]] if ends else [], ends))
        key_parts = map(getitem, repeat(keys, n), slices)
        value_parts = map(getitem, repeat(values, n), slices)
        result = list(map(dict, map(zip, key_parts, value_parts)))
        if list(map(len, result)) != lengths.tolist():
            raise CodecError("invalid data: duplicate dict keys")
        return self.shaped(result, flag)

    def _mixed(self, depth: int) -> list[Any] | tuple[Any, ...]:
        depth = self._enter(depth)
        flag = self.flag()
        n = self.count(1)
        kinds = self.take_bytes(n)
        if kinds.translate(None, bytes(MIXED_KINDS.values())):
            raise CodecError("invalid data: bad kinds")
        # Each item is the next of its kind's column: one pass, two C calls per item.
        sources: list[Any] = [iter(())] * 256
        sources[MIXED_KINDS[NoneType]] = repeat(None)
        for code in MIXED_KINDS.values():
            if code != MIXED_KINDS[NoneType] and code in kinds:
                sources[code] = iter(self.sequence(depth, kinds.count(code)))
        result = list(map(next, map(sources.__getitem__, kinds)))
        if len(result) != n:  # pragma: no cover - the columns were checked for length
            raise CodecError("invalid data: a mixed list does not add up")
        return self.shaped(result, flag)

    def _ints(self, depth: int) -> list[int] | tuple[int, ...]:
        flag = self.flag()
        code = chr(self.byte())
        if code not in INT_CODES:
            raise CodecError("invalid data: unknown integer width")
        values = self.numbers(code, self.count(array(code).itemsize))
        return tuple(values) if flag else values.tolist()

    def _floats(self, depth: int) -> list[float] | tuple[float, ...]:
        flag = self.flag()
        values = self.numbers("d", self.count(8))
        return tuple(values) if flag else values.tolist()

    def _bools(self, depth: int) -> list[bool] | tuple[bool, ...]:
        flag = self.flag()
        raw = self.take_bytes(self.count())
        if raw.translate(None, b"\x00\x01"):
            raise CodecError("invalid data: bad booleans")
        return self.shaped(list(map(bool, raw)), flag)

    def _ragged(self, depth: int) -> list[Any] | tuple[Any, ...]:
        depth = self._enter(depth)
        flag = self.flag()
        inner = self.flag()
        n = self.count(4)
        lengths = self.numbers(LENGTH_CODE, n)
        total = sum(lengths)
        flat = self.sequence(depth, total)
        ends = list(accumulate(lengths))
        starts = [0, *ends[:-1]] if ends else []
        flat = flat if type(flat) is list else list(flat)
        parts = map(getitem, repeat(flat, n), map(slice, starts, ends))
        return self.shaped(list(map(tuple, parts)) if inner else list(parts), flag)

    def _table(self, depth: int) -> list[dict[str, Any]] | tuple[dict[str, Any], ...]:
        depth = self._enter(depth)
        flag = self.flag()
        n = self.count(0)
        width = self.count(1)
        keys = self.sequence(depth, width)
        if not keys or any(type(k) is not str for k in keys) or len(set(keys)) != width:
            raise CodecError("invalid data: bad table keys")
        columns = [self.sequence(depth, n) for _ in keys]
        rows = zip(*columns, strict=True)  # each row has exactly one value per key
        return self.shaped(list(map(dict, map(zip, repeat(keys, n), rows))), flag)
