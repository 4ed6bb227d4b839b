"""A binary format that can only hold data: what the cache is written in.

Why not pickle: unpickling runs whatever the file asks for, and a checksum in the
same file proves nothing, since whoever can write the file can recompute it (a keyed
HMAC is no better when its key lives in the same folder). This format has no way to
name a class, a function or a module: :func:`loads` can only build ``None``, ``bool``,
``int``, ``float``, ``str``, ``bytes``, ``list``, ``tuple``, ``dict`` and
``array.array`` of numbers. It is strict: every length is checked against what is
left of the buffer before anything is allocated (so a file of N bytes never makes
more than O(N) objects), nesting is limited to :data:`MAX_DEPTH`, an unknown tag,
a duplicate dict key, invalid UTF-8 or trailing bytes make the whole input invalid
(:class:`CodecError`). With ``plain=True``, a string holding a control character
(what :func:`brieftui.safe_text.strip_controls` removes at ingest) is invalid too,
so a planted file cannot smuggle an escape sequence past ingest.

Why not JSON or msgpack: speed, at no new dependency. A cached brief of 5,000
articles is 100,000 passages and an index of 100,000 words; decoding them one value
at a time in Python would cost more than the parse it saves. So homogeneous
sequences have bulk forms, each decoded by one C call: strings as one UTF-8 blob
plus an array of sizes, ints (in the narrowest width that holds them) and floats as arrays, a list of lists as one flat
list plus lengths, a list of strings with many repeats as its distinct strings plus
an index array, a list of dicts with the same keys as one column per key (with
other keys: all keys and all values, flat), a list of scalars of several types as a
kind per item and a column per type, a
``str | None`` list as a mask plus the strings, and a dict as its keys and its
values (so ``dict[str, int]`` is two arrays). :func:`dumps` picks the bulk form
whenever it applies; what comes back is always equal to what went in, types
included (lists stay lists and tuples tuples).

Layout: the size of the *structure* (unsigned 64-bit), the structure, then the
*string heap*. In the structure each value is a one-byte tag then its payload;
counts are unsigned 64-bit, string sizes (in bytes) and list lengths 32-bit,
numbers little-endian. Every string's UTF-8 bytes (``surrogatepass``, so a file
name that is not UTF-8, held as lone surrogates, survives) are in the heap, in
order. So the plain-text check is one pass over the heap, and the cache can read
the heap as its own buffer and decode every string from it without a copy.
"""

from __future__ import annotations

import struct
import sys
from array import array
from itertools import accumulate, chain, repeat
from operator import getitem
from typing import Any

__all__ = ["MAX_DEPTH", "CodecError", "dumps", "has_control_bytes", "loads", "loads_parts"]

MAX_DEPTH = 64
"""Containers nested deeper than this are refused (both ways)."""

_MAX_BIG_INT_BYTES = 1024
_BIG_ENDIAN = sys.byteorder == "big"
_U64 = struct.Struct("<Q")
_I64 = struct.Struct("<q")
_F64 = struct.Struct("<d")
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_LENGTH_CODE = "I"  # 32-bit unsigned on every platform CPython supports; checked below
_ARRAY_CODES = frozenset("bBhHiIlLqQfd")
# Integer lists are stored in the narrowest signed width that holds them all:
_INT_WIDTHS = (("b", -(2**7), 2**7 - 1), ("h", -(2**15), 2**15 - 1), ("i", -(2**31), 2**31 - 1))
_INT_WIDTHS += (("q", -(2**63), 2**63 - 1),)
_INT_CODES = frozenset(code for code, _, _ in _INT_WIDTHS)
assert [array(c).itemsize for c, _, _ in _INT_WIDTHS] == [1, 2, 4, 8]
assert array(_LENGTH_CODE).itemsize == 4

# Tags. Scalars:
_NONE, _FALSE, _TRUE, _INT, _BIGINT, _FLOAT, _STR, _BYTES = b"NFTiIdsb"
# Containers (each followed by a flag byte: 0 list, 1 tuple, except dict and array):
_LIST, _DICT, _ARRAY = b"l{a"
_STRS, _OPT_STRS, _INTS, _FLOATS, _BOOLS, _RAGGED, _TABLE, _VOCAB = b"SOQDBRMV"
_DICTS, _MIXED = b"KX"
# Kinds of the items of a mixed list, each kept in a column of its own:
_MIXED_KINDS = {str: ord("s"), int: ord("i"), float: ord("d"), bool: ord("b"), type(None): ord("n")}
_VOCAB_MIN = 64
"""A list of at least this many strings, at most half of them distinct, is written as its
distinct strings plus an index per item (decoded by one C call; equal strings shared)."""

_NoneType = type(None)


class CodecError(ValueError):
    """The input is not a valid encoding (truncated, damaged, foreign, or too deep)."""


# -- the plain-text check -----------------------------------------------------------
# The characters safe_text.strip_controls removes: C0 except tab and newline, DEL, and
# C1 (U+0080-U+009F). In UTF-8 the first two are single bytes; C1 is 0xC2 then
# 0x80-0x9F, and 0xC2 is never a continuation byte, so each 0xC2 starts a character.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
_NOT_SUSPICIOUS = bytes(b for b in range(256) if b not in _CONTROL_BYTES and b != 0xC2)


def has_control_bytes(raw: bytes) -> bool:
    """Does UTF-8 ``raw`` encode a control character (C0 but tab/newline, DEL, C1)?

    One ``bytes.translate`` pass (about 3 GB/s) instead of a regex over the text.
    """
    suspicious = raw.translate(None, _NOT_SUSPICIOUS)
    if not suspicious:
        return False
    if suspicious.replace(b"\xc2", b""):
        return True
    at = raw.find(b"\xc2")
    while at >= 0:
        if at + 1 < len(raw) and 0x80 <= raw[at + 1] <= 0x9F:
            return True
        at = raw.find(b"\xc2", at + 1)
    return False


# -- encoding ---------------------------------------------------------------------------
def dumps(value: Any, *, plain: bool = False) -> bytes:
    """``value`` encoded.

    ``TypeError`` for anything but the types listed in the module doc; ``ValueError``
    when it nests deeper than :data:`MAX_DEPTH`, or, with ``plain=True``, when a
    string holds a control character (so what is written can be read back plain).
    """
    writer = _Writer()
    writer.value(value, 0)
    heap = b"".join(writer.heap)
    if plain and has_control_bytes(heap):
        raise ValueError("a control character in plain text")
    return b"".join((_U64.pack(len(writer.out)), writer.out, heap))


def _check_depth(depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH}")


def _array_bytes(values: array) -> bytes:
    if _BIG_ENDIAN and values.itemsize > 1:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _lengths(items: Any) -> array | None:
    try:
        return array(_LENGTH_CODE, map(len, items))
    except OverflowError:
        return None


class _Writer:
    def __init__(self) -> None:
        self.out = bytearray()  # the structure
        self.heap: list[bytes] = []  # every string's bytes, in order

    def value(self, value: Any, depth: int) -> None:
        out = self.out
        t = type(value)
        if value is None:
            out.append(_NONE)
        elif t is bool:
            out.append(_TRUE if value else _FALSE)
        elif t is int:
            if _INT64_MIN <= value <= _INT64_MAX:
                out.append(_INT)
                out += _I64.pack(value)
            else:
                size = (value.bit_length() + 8) // 8
                if size > _MAX_BIG_INT_BYTES:
                    raise ValueError("integer too large to encode")
                out.append(_BIGINT)
                out += _U64.pack(size)
                out += value.to_bytes(size, "little", signed=True)
        elif t is float:
            out.append(_FLOAT)
            out += _F64.pack(value)
        elif t is str:
            raw = value.encode("utf-8", "surrogatepass")
            out.append(_STR)
            out += _U64.pack(len(raw))
            self.heap.append(raw)
        elif t is bytes:
            out.append(_BYTES)
            out += _U64.pack(len(value))
            out += value
        elif t is list or t is tuple:
            self.sequence(value, t is tuple, depth + 1)
        elif t is dict:
            _check_depth(depth + 1)
            out.append(_DICT)
            out += _U64.pack(len(value))
            self.sequence(list(value), False, depth + 1)
            self.sequence(list(value.values()), False, depth + 1)
        elif t is array:
            if value.typecode not in _ARRAY_CODES:
                raise TypeError(f"cannot encode an array of type {value.typecode!r}")
            out.append(_ARRAY)
            out += value.typecode.encode("ascii")
            out.append(value.itemsize)
            out += _U64.pack(len(value))
            out += _array_bytes(value)
        else:
            raise TypeError(f"cannot encode a value of type {t.__name__}")

    def sequence(self, items: list[Any] | tuple[Any, ...], as_tuple: bool, depth: int) -> None:
        """A list or tuple, in its bulk form when all items allow one (see the module doc)."""
        _check_depth(depth)
        out = self.out
        flag = 1 if as_tuple else 0
        n = len(items)
        if n:
            types = set(map(type, items))
            if len(types) == 1:
                (t,) = types
                if t is str and self.vocab(items, flag):
                    return
                if t is str and self.strs(items, flag):
                    return
                low, high = (min(items), max(items)) if t is int else (0, 0)
                if t is int and low >= _INT64_MIN and high <= _INT64_MAX:
                    code = next(c for c, lo, hi in _INT_WIDTHS if lo <= low and high <= hi)
                    out += bytes((_INTS, flag, ord(code)))
                    out += _U64.pack(n)
                    out += _array_bytes(array(code, items))
                    return
                if t is float:
                    out += bytes((_FLOATS, flag))
                    out += _U64.pack(n)
                    out += _array_bytes(array("d", items))
                    return
                if t is bool:
                    out += bytes((_BOOLS, flag))
                    out += _U64.pack(n)
                    out += bytes(items)
                    return
                if t is list or t is tuple:
                    lengths = _lengths(items)
                    if lengths is not None:
                        out += bytes((_RAGGED, flag, 1 if t is tuple else 0))
                        out += _U64.pack(n)
                        out += _array_bytes(lengths)
                        self.sequence(list(chain.from_iterable(items)), False, depth + 1)
                        return
                if t is dict:
                    keys = tuple(items[0])
                    if (
                        keys
                        and all(type(k) is str for k in keys)
                        and all(tuple(row) == keys for row in items)
                    ):
                        out += bytes((_TABLE, flag))
                        out += _U64.pack(n)
                        out += _U64.pack(len(keys))
                        self.sequence(list(keys), False, depth + 1)
                        for key in keys:
                            self.sequence([row[key] for row in items], False, depth + 1)
                        return
                    lengths = _lengths(items)
                    if lengths is not None:  # dicts with their own keys: keys and values flat
                        out += bytes((_DICTS, flag))
                        out += _U64.pack(n)
                        out += _array_bytes(lengths)
                        self.sequence(list(chain.from_iterable(items)), False, depth + 1)
                        self.sequence(
                            list(chain.from_iterable(map(dict.values, items))), False, depth + 1
                        )
                        return
            if types <= {str, _NoneType}:  # str | None (all str was written above)
                present = [s for s in items if s is not None]
                start = len(out)
                out += bytes((_OPT_STRS, flag))
                out += _U64.pack(n)
                out += bytes(0 if s is None else 1 for s in items)
                if self.strs(present, 0):
                    return
                del out[start:]
            if len(types) > 1 and types <= _MIXED_KINDS.keys() and self.mixed(items, flag, depth):
                return
        out += bytes((_LIST, flag))
        out += _U64.pack(n)
        for item in items:
            self.value(item, depth)

    def mixed(self, items: Any, flag: int, depth: int) -> bool:
        """Scalars of several types (``(term, start, end, kind, ...)``): a kind per item,
        then one column per type, each in its own bulk form."""
        kinds = bytes(map(_MIXED_KINDS.__getitem__, map(type, items)))
        columns = []
        for kind, code in _MIXED_KINDS.items():
            if kind is not _NoneType and code in kinds:
                column = [x for x in items if type(x) is kind]
                if kind is int and not _INT64_MIN <= min(column) <= max(column) <= _INT64_MAX:
                    return False
                columns.append(column)
        out = self.out
        out += bytes((_MIXED, flag))
        out += _U64.pack(len(kinds))
        out += kinds
        for column in columns:
            self.sequence(column, False, depth + 1)
        return True

    def vocab(self, items: Any, flag: int) -> bool:
        """Many repeats (a list of words): the distinct strings once, an index per item."""
        n = len(items)
        if n < _VOCAB_MIN:
            return False
        distinct = dict.fromkeys(items)
        if len(distinct) * 2 > n:
            return False
        for i, key in enumerate(distinct):
            distinct[key] = i
        out = self.out
        out += bytes((_VOCAB, flag))
        out += _U64.pack(n)
        out += _array_bytes(array(_LENGTH_CODE, map(distinct.__getitem__, items)))
        return self.strs(list(distinct), 0)

    def strs(self, items: Any, flag: int) -> bool:
        """Strings as an array of their sizes in bytes here, their bytes in the heap."""
        try:
            raws = list(map(str.encode, items))
        except UnicodeEncodeError:  # lone surrogates (a name that is not UTF-8)
            n = len(items)
            raws = list(map(str.encode, items, repeat("utf-8", n), repeat("surrogatepass", n)))
        sizes = _lengths(raws)
        if sizes is None:
            return False
        out = self.out
        out += bytes((_STRS, flag))
        out += _U64.pack(len(sizes))
        out += _array_bytes(sizes)
        self.heap.extend(raws)
        return True


# -- decoding ---------------------------------------------------------------------------
def loads(data: bytes | memoryview, *, plain: bool = False) -> Any:
    """Decode ``data`` (from :func:`dumps`); :class:`CodecError` when it is not valid.

    ``plain=True`` also refuses any string holding a control character (see the
    module doc). Never executes, imports or looks up anything named by the input.
    """
    view = memoryview(data).cast("B")
    if len(view) < 8:
        raise CodecError("invalid data: truncated")
    (size,) = _U64.unpack(view[:8])
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
            _NONE: self._none,
            _FALSE: self._false,
            _TRUE: self._true,
            _INT: self._int,
            _BIGINT: self._bigint,
            _FLOAT: self._float,
            _STR: self._str,
            _BYTES: self._bytes,
            _LIST: self._list,
            _DICT: self._dict,
            _ARRAY: self._array,
            _STRS: self._strs,
            _OPT_STRS: self._opt_strs,
            _VOCAB: self._vocab,
            _DICTS: self._dicts,
            _MIXED: self._mixed,
            _INTS: self._ints,
            _FLOATS: self._floats,
            _BOOLS: self._bools,
            _RAGGED: self._ragged,
            _TABLE: self._table,
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
        (n,) = _U64.unpack(self.take(8))
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
        if _BIG_ENDIAN and values.itemsize > 1:
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
        return _I64.unpack(self.take(8))[0]

    def _bigint(self, depth: int) -> int:
        size = self.count()
        if size > _MAX_BIG_INT_BYTES:
            raise CodecError("invalid data: integer too large")
        return int.from_bytes(self.take(size), "little", signed=True)

    def _float(self, depth: int) -> float:
        return _F64.unpack(self.take(8))[0]

    def _str(self, depth: int) -> str:
        (size,) = _U64.unpack(self.take(8))
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
        if code not in _ARRAY_CODES or array(code).itemsize != itemsize:
            raise CodecError("invalid data: unknown array type")
        return self.numbers(code, self.count(itemsize))

    def _strs(self, depth: int) -> list[str] | tuple[str, ...]:
        flag = self.flag()
        n = self.count(4)
        sizes = self.numbers(_LENGTH_CODE, n)
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
        if self.byte() != _STRS:
            raise CodecError("invalid data: optional strings without strings")
        strings = self._strs(depth)
        if len(strings) != mask.count(1):
            raise CodecError("invalid data: optional strings do not add up")
        present = iter(strings)
        return self.shaped([next(present) if m else None for m in mask], flag)

    def _vocab(self, depth: int) -> list[str] | tuple[str, ...]:
        flag = self.flag()
        indices = self.numbers(_LENGTH_CODE, self.count(4))
        if self.byte() != _STRS:
            raise CodecError("invalid data: a vocabulary without strings")
        words = self._strs(depth)  # an index out of range raises IndexError: invalid
        return self.shaped(list(map(words.__getitem__, indices)), flag)

    def _dicts(self, depth: int) -> list[dict[Any, Any]] | tuple[dict[Any, Any], ...]:
        depth = self._enter(depth)
        flag = self.flag()
        n = self.count(4)
        lengths = self.numbers(_LENGTH_CODE, n)
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
        if kinds.translate(None, bytes(_MIXED_KINDS.values())):
            raise CodecError("invalid data: bad kinds")
        # Each item is the next of its kind's column: one pass, two C calls per item.
        sources: list[Any] = [iter(())] * 256
        sources[_MIXED_KINDS[_NoneType]] = repeat(None)
        for code in _MIXED_KINDS.values():
            if code != _MIXED_KINDS[_NoneType] and code in kinds:
                sources[code] = iter(self.sequence(depth, kinds.count(code)))
        result = list(map(next, map(sources.__getitem__, kinds)))
        if len(result) != n:  # pragma: no cover - the columns were checked for length
            raise CodecError("invalid data: a mixed list does not add up")
        return self.shaped(result, flag)

    def _ints(self, depth: int) -> list[int] | tuple[int, ...]:
        flag = self.flag()
        code = chr(self.byte())
        if code not in _INT_CODES:
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
        lengths = self.numbers(_LENGTH_CODE, n)
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
