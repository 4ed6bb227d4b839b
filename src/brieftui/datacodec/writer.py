"""Encoding: any plain value to the structure and the string heap (see :mod:`brieftui.datacodec`)."""

from __future__ import annotations

from array import array
from itertools import chain, repeat
from typing import Any

from brieftui.datacodec.format import (
    ARRAY,
    ARRAY_CODES,
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
    INT64_MAX,
    INT64_MIN,
    INT_WIDTHS,
    INTS,
    LENGTH_CODE,
    LIST,
    MAX_BIG_INT_BYTES,
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
    VOCAB_MIN,
    NoneType,
    array_bytes,
    check_depth,
    has_control_bytes,
    lengths_of,
)


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
    return b"".join((U64.pack(len(writer.out)), writer.out, heap))


class _Writer:
    def __init__(self) -> None:
        self.out = bytearray()  # the structure
        self.heap: list[bytes] = []  # every string's bytes, in order

    def value(self, value: Any, depth: int) -> None:
        out = self.out
        t = type(value)
        if value is None:
            out.append(NONE)
        elif t is bool:
            out.append(TRUE if value else FALSE)
        elif t is int:
            if INT64_MIN <= value <= INT64_MAX:
                out.append(INT)
                out += I64.pack(value)
            else:
                size = (value.bit_length() + 8) // 8
                if size > MAX_BIG_INT_BYTES:
                    raise ValueError("integer too large to encode")
                out.append(BIGINT)
                out += U64.pack(size)
                out += value.to_bytes(size, "little", signed=True)
        elif t is float:
            out.append(FLOAT)
            out += F64.pack(value)
        elif t is str:
            raw = value.encode("utf-8", "surrogatepass")
            out.append(STR)
            out += U64.pack(len(raw))
            self.heap.append(raw)
        elif t is bytes:
            out.append(BYTES)
            out += U64.pack(len(value))
            out += value
        elif t is list or t is tuple:
            self.sequence(value, t is tuple, depth + 1)
        elif t is dict:
            check_depth(depth + 1)
            out.append(DICT)
            out += U64.pack(len(value))
            self.sequence(list(value), False, depth + 1)
            self.sequence(list(value.values()), False, depth + 1)
        elif t is array:
            if value.typecode not in ARRAY_CODES:
                raise TypeError(f"cannot encode an array of type {value.typecode!r}")
            out.append(ARRAY)
            out += value.typecode.encode("ascii")
            out.append(value.itemsize)
            out += U64.pack(len(value))
            out += array_bytes(value)
        else:
            raise TypeError(f"cannot encode a value of type {t.__name__}")

    def sequence(self, items: list[Any] | tuple[Any, ...], as_tuple: bool, depth: int) -> None:
        """A list or tuple, in its bulk form when all items allow one (see the module doc)."""
        check_depth(depth)
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
                if t is int and low >= INT64_MIN and high <= INT64_MAX:
                    code = next(c for c, lo, hi in INT_WIDTHS if lo <= low and high <= hi)
                    out += bytes((INTS, flag, ord(code)))
                    out += U64.pack(n)
                    out += array_bytes(array(code, items))
                    return
                if t is float:
                    out += bytes((FLOATS, flag))
                    out += U64.pack(n)
                    out += array_bytes(array("d", items))
                    return
                if t is bool:
                    out += bytes((BOOLS, flag))
                    out += U64.pack(n)
                    out += bytes(items)
                    return
                if t is list or t is tuple:
                    lengths = lengths_of(items)
                    if lengths is not None:
                        out += bytes((RAGGED, flag, 1 if t is tuple else 0))
                        out += U64.pack(n)
                        out += array_bytes(lengths)
                        self.sequence(list(chain.from_iterable(items)), False, depth + 1)
                        return
                if t is dict:
                    keys = tuple(items[0])
                    if (
                        keys
                        and all(type(k) is str for k in keys)
                        and all(tuple(row) == keys for row in items)
                    ):
                        out += bytes((TABLE, flag))
                        out += U64.pack(n)
                        out += U64.pack(len(keys))
                        self.sequence(list(keys), False, depth + 1)
                        for key in keys:
                            self.sequence([row[key] for row in items], False, depth + 1)
                        return
                    lengths = lengths_of(items)
                    if lengths is not None:  # dicts with their own keys: keys and values flat
                        out += bytes((DICTS, flag))
                        out += U64.pack(n)
                        out += array_bytes(lengths)
                        self.sequence(list(chain.from_iterable(items)), False, depth + 1)
                        self.sequence(
                            list(chain.from_iterable(map(dict.values, items))), False, depth + 1
                        )
                        return
            if types <= {str, NoneType}:  # str | None (all str was written above)
                present = [s for s in items if s is not None]
                start = len(out)
                out += bytes((OPT_STRS, flag))
                out += U64.pack(n)
                out += bytes(0 if s is None else 1 for s in items)
                if self.strs(present, 0):
                    return
                del out[start:]
            if len(types) > 1 and types <= MIXED_KINDS.keys() and self.mixed(items, flag, depth):
                return
        out += bytes((LIST, flag))
        out += U64.pack(n)
        for item in items:
            self.value(item, depth)

    def mixed(self, items: Any, flag: int, depth: int) -> bool:
        """Scalars of several types (``(term, start, end, kind, ...)``): a kind per item,
        then one column per type, each in its own bulk form."""
        kinds = bytes(map(MIXED_KINDS.__getitem__, map(type, items)))
        columns = []
        for kind, code in MIXED_KINDS.items():
            if kind is not NoneType and code in kinds:
                column = [x for x in items if type(x) is kind]
                if kind is int and not INT64_MIN <= min(column) <= max(column) <= INT64_MAX:
                    return False
                columns.append(column)
        out = self.out
        out += bytes((MIXED, flag))
        out += U64.pack(len(kinds))
        out += kinds
        for column in columns:
            self.sequence(column, False, depth + 1)
        return True

    def vocab(self, items: Any, flag: int) -> bool:
        """Many repeats (a list of words): the distinct strings once, an index per item."""
        n = len(items)
        if n < VOCAB_MIN:
            return False
        distinct = dict.fromkeys(items)
        if len(distinct) * 2 > n:
            return False
        for i, key in enumerate(distinct):
            distinct[key] = i
        out = self.out
        out += bytes((VOCAB, flag))
        out += U64.pack(n)
        out += array_bytes(array(LENGTH_CODE, map(distinct.__getitem__, items)))
        return self.strs(list(distinct), 0)

    def strs(self, items: Any, flag: int) -> bool:
        """Strings as an array of their sizes in bytes here, their bytes in the heap."""
        try:
            raws = list(map(str.encode, items))
        except UnicodeEncodeError:  # lone surrogates (a name that is not UTF-8)
            n = len(items)
            raws = list(map(str.encode, items, repeat("utf-8", n), repeat("surrogatepass", n)))
        sizes = lengths_of(raws)
        if sizes is None:
            return False
        out = self.out
        out += bytes((STRS, flag))
        out += U64.pack(len(sizes))
        out += array_bytes(sizes)
        self.heap.extend(raws)
        return True
