"""Tokenising a big brief on two cores: the second half in a worker process.

Splitting every passage into tokens (:meth:`.rawcols.Raw.chunk`) is the largest
single step of the alignment index: about 60% of it, a regex split and dictionary
lookups that hold the GIL, so a thread would not help. When the brief is big and a
core is idle, a worker process tokenises the second half of the passages while
this process tokenises the first; the worker sends back its rows as narrow arrays
with its own table of keys, and the keys are renumbered into this process's table.

The result is the very same :class:`~.rawcols.Raw` a single pass gives: the split
falls on a chunk boundary, so the worker meets its new keys in the order a single
pass would meet them after the first half, and they are numbered in that order.
Anything that goes wrong with the worker (no processes, a worker killed) leaves the
second half to this process; the caller sees no difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from brieftui import workers
from brieftui.compare import rawcols
from brieftui.compare.rawcols import Raw

PARALLEL_MIN = 40_000
"""Passages (about 2,000 articles) from which the second core is worth its start-up:
the worker's start, the texts pickled to it and its rows sent back cost ≈0.5 s."""
PRELOAD = (__name__,)

Packed = tuple[np.ndarray, ...]
"""A worker's rows: per-passage row counts, then start, end, key, kind, shape columns."""


def tokenise(texts: Sequence[str], chunk: int | None = None) -> Raw:
    """The raw occurrence rows of every passage, on two cores when it is worth it
    (``chunk``: passages tokenised at a time, :data:`.rawcols.CHUNK` by default)."""
    chunk = chunk or rawcols.CHUNK
    raw = Raw()
    n = len(texts)
    half = (n // 2 // chunk) * chunk
    spare = workers.spare_worker(PRELOAD) if half and n >= PARALLEL_MIN else None
    worker = None
    if spare is not None:  # the second half a chunk a call: each pickled on its own
        firsts = range(half, n, chunk)
        worker = spare.map(_tokenise_chunk, [(list(texts[f : f + chunk]), f) for f in firsts])
    for first in range(0, half if worker is not None else n, chunk):
        raw.chunk(texts[first : first + chunk], first)
    if worker is None:
        return raw
    try:
        parts = worker.results()
        if len(parts) != len(firsts) or not all(map(_fits, parts)):
            raise ValueError("a worker's chunks do not match")
    except Exception:  # the worker failed: tokenise its half here
        for first in range(half, n, chunk):
            raw.chunk(texts[first : first + chunk], first)
        return raw
    for part, first in zip(parts, firsts, strict=True):
        merge(raw, part, first)
    return raw


def _tokenise_chunk(job: tuple[list[str], int]) -> tuple[Packed, list[str], list[int]]:
    texts, first = job
    return tokenise_part(texts, first, len(texts))


def tokenise_part(texts: list[str], first: int, chunk: int) -> tuple[Packed, list[str], list[int]]:
    """In the worker: the rows of passages ``first…`` and the keys they use, in order."""
    raw = Raw()
    for at in range(0, len(texts), chunk):
        raw.chunk(texts[at : at + chunk], first + at)
    passage, start, end, key, kind, shape = raw.columns()
    counts = np.bincount(passage - first, minlength=len(texts)).astype(np.int32)
    packed = (
        counts,
        start.astype(np.int32),
        end.astype(np.int32),
        key.astype(np.int32),
        kind.astype(np.int8),
        shape.astype(np.int8),
    )
    return packed, list(raw.keys), raw.key_kind


def _fits(part: tuple[Packed, list[str], list[int]]) -> bool:
    """Do a worker's rows fit together (checked for every chunk before any is merged)?"""
    (counts, start, end, key, kind, shape), keys, kinds = part
    rows = len(start)
    return (
        rows == len(end) == len(key) == len(kind) == len(shape) == int(counts.sum())
        and len(keys) == len(kinds)
        and (rows == 0 or (int(key.min()) >= 0 and int(key.max()) < len(keys)))
    )


def merge(raw: Raw, part: tuple[Packed, list[str], list[int]], first: int) -> None:
    """Append a worker's rows to ``raw``, its keys renumbered into ``raw``'s table."""
    (counts, start, end, key, kind, shape), keys, kinds = part
    if not _fits(part):
        raise ValueError("a worker's rows do not fit together")
    renumber = np.fromiter(
        map(raw.key_id, keys, kinds), dtype=np.int64, count=len(keys)
    )  # new keys numbered in the worker's order: as one pass would have met them
    passage = np.repeat(np.arange(first, first + len(counts), dtype=np.int64), counts)
    cols: list[Any] = [
        passage,
        start.astype(np.int64),
        end.astype(np.int64),
        renumber[key],
        kind.astype(np.int64),
        shape.astype(np.int64),
    ]
    raw.parts.append(tuple(cols))


__all__ = ["PARALLEL_MIN", "merge", "tokenise", "tokenise_part"]
