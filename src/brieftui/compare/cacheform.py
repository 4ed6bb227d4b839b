"""The passage index's cache form: each column as the bytes of one array.

The data-only codec of the cache writes ``bytes`` in bulk; an array so travels as
``{"dtype", "data"}`` (integers in the narrowest width that holds them) and comes back
as a read-only numpy view of the read bytes, checked before any of it is used.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from brieftui.compare.terms import PHRASE

_DTYPES = frozenset({"|u1", "<u2", "<i4", "<i8", "<f8", "|b1"})


def pack(values: np.ndarray) -> dict[str, Any]:
    """An array as plain data (``{"dtype", "data"}``), integers in the narrowest width."""
    values = np.asarray(values)
    if values.dtype == bool:
        dtype = "|b1"
    elif values.dtype.kind == "f":
        dtype = "<f8"
    else:
        low = int(values.min(initial=0))
        high = int(values.max(initial=0))
        dtype = (
            "|u1"
            if low >= 0 and high < 1 << 8
            else "<u2"
            if low >= 0 and high < 1 << 16
            else "<i4"
            if low >= -(1 << 31) and high < 1 << 31
            else "<i8"
        )
    return {"dtype": dtype, "data": values.astype(dtype, copy=False).tobytes()}


def unpack(packed: Any) -> np.ndarray:
    """The array :func:`pack` gave (read-only, over the cached bytes); ``ValueError`` when
    it is not one."""
    if type(packed) is not dict or set(packed) != {"dtype", "data"}:
        raise ValueError("damaged compare index")
    dtype, data = packed["dtype"], packed["data"]
    if dtype not in _DTYPES or type(data) is not bytes:
        raise ValueError("damaged compare index")
    size = np.dtype(dtype).itemsize
    if len(data) % size:
        raise ValueError("damaged compare index")
    values = np.frombuffer(data, dtype=dtype)
    if dtype == "|b1" and len(data) and max(data) > 1:
        raise ValueError("damaged compare index")
    return values


def offsets(counts: np.ndarray) -> np.ndarray:
    """Start of each unit's rows, and the end of the last: ``[0, c0, c0 + c1, ...]``."""
    out = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


def check(
    vocab: list[str],
    occ_off: np.ndarray,
    occ: tuple[np.ndarray, np.ndarray, np.ndarray],
    kinds: np.ndarray,
    vec_off: np.ndarray,
    vec_terms: np.ndarray,
    vec_weights: np.ndarray,
    lengths: np.ndarray,
) -> np.ndarray:
    """``ValueError`` unless cached columns fit together and the passages' texts: every
    id in the vocabulary, every span inside its passage, every weight a number. Returns
    the occurrences' ends."""
    terms, starts, spans = occ
    n_occ, n_vec = int(occ_off[-1]), int(vec_off[-1])
    if not (len(terms) == len(starts) == len(spans) == len(kinds) == n_occ):
        raise ValueError("damaged compare index")
    if not len(vec_terms) == len(vec_weights) == n_vec:
        raise ValueError("damaged compare index")
    if bool((np.diff(occ_off) < 0).any()) or bool((np.diff(vec_off) < 0).any()):
        raise ValueError("damaged compare index")
    v = len(vocab)
    for ids in (terms, vec_terms):
        if len(ids) and (int(ids.min()) < 0 or int(ids.max()) >= v):
            raise ValueError("damaged compare index")
    if n_occ and (int(kinds.max()) > PHRASE or int(starts.min()) < 0 or int(spans.min()) < 0):
        raise ValueError("damaged compare index")
    ends = starts.astype(np.int64) + spans
    if n_occ:  # every span inside its passage: each passage's last end against its length
        counts = np.diff(occ_off)
        used = np.flatnonzero(counts)
        last = np.maximum.reduceat(ends, occ_off[:-1][used])
        if bool((last > lengths[used]).any()):
            raise ValueError("damaged compare index")
    if n_vec and not bool(np.isfinite(vec_weights).all()):
        raise ValueError("damaged compare index")
    return ends
