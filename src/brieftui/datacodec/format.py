"""The format's constants, tags and checks, shared by the writer and the reader.

See :mod:`brieftui.datacodec` for the format and why it exists.
"""

from __future__ import annotations

import struct
import sys
from array import array
from typing import Any

from brieftui.safe_text import BIDI_BYTES

MAX_DEPTH = 64
"""Containers nested deeper than this are refused (both ways)."""

MAX_BIG_INT_BYTES = 1024
BIG_ENDIAN = sys.byteorder == "big"
U64 = struct.Struct("<Q")
I64 = struct.Struct("<q")
F64 = struct.Struct("<d")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
LENGTH_CODE = "I"  # 32-bit unsigned on every platform CPython supports; checked below
ARRAY_CODES = frozenset("bBhHiIlLqQfd")
# Integer lists are stored in the narrowest signed width that holds them all:
INT_WIDTHS = (("b", -(2**7), 2**7 - 1), ("h", -(2**15), 2**15 - 1), ("i", -(2**31), 2**31 - 1))
INT_WIDTHS += (("q", -(2**63), 2**63 - 1),)
INT_CODES = frozenset(code for code, _, _ in INT_WIDTHS)
assert [array(c).itemsize for c, _, _ in INT_WIDTHS] == [1, 2, 4, 8]
assert array(LENGTH_CODE).itemsize == 4

# Tags. Scalars:
NONE, FALSE, TRUE, INT, BIGINT, FLOAT, STR, BYTES = b"NFTiIdsb"
# Containers (each followed by a flag byte: 0 list, 1 tuple, except dict and array):
LIST, DICT, ARRAY = b"l{a"
STRS, OPT_STRS, INTS, FLOATS, BOOLS, RAGGED, TABLE, VOCAB = b"SOQDBRMV"
DICTS, MIXED = b"KX"
# Kinds of the items of a mixed list, each kept in a column of its own:
MIXED_KINDS = {str: ord("s"), int: ord("i"), float: ord("d"), bool: ord("b"), type(None): ord("n")}
VOCAB_MIN = 64
"""A list of at least this many strings, at most half of them distinct, is written as its
distinct strings plus an index per item (decoded by one C call; equal strings shared)."""

NoneType = type(None)


class CodecError(ValueError):
    """The input is not a valid encoding (truncated, damaged, foreign, or too deep)."""


# -- the plain-text check -----------------------------------------------------------
# The characters safe_text.strip_controls removes: C0 except tab and newline, DEL, C1
# (U+0080-U+009F) and the bidi controls. In UTF-8 the first two are single bytes; C1 is
# 0xC2 then 0x80-0x9F, and 0xC2 is never a continuation byte, so each 0xC2 starts a
# character; a bidi control is 0xE2 0x80/0x81 and one byte more (safe_text.BIDI_BYTES).
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
NOT_SUSPICIOUS = bytes(b for b in range(256) if b not in CONTROL_BYTES and b != 0xC2)


def has_control_bytes(raw: bytes) -> bool:
    """Does UTF-8 ``raw`` encode a control character (C0 but tab/newline, DEL, C1, bidi)?

    One ``bytes.translate`` pass (about 3 GB/s) instead of a regex over the text.
    """
    if b"\xe2" in raw and BIDI_BYTES.search(raw) is not None:
        return True
    suspicious = raw.translate(None, NOT_SUSPICIOUS)
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


def check_depth(depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH}")


def array_bytes(values: array) -> bytes:
    if BIG_ENDIAN and values.itemsize > 1:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def lengths_of(items: Any) -> array | None:
    try:
        return array(LENGTH_CODE, map(len, items))
    except OverflowError:
        return None
