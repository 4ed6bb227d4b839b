"""Tokenising a big brief on two cores: the second half in a worker process.

Splitting every passage into tokens (:meth:`.rawcols.Raw.chunk`) is the largest
single step of the alignment index, and it holds the GIL (a thread would not help).
When the brief is big and a core is idle, a worker process tokenises the second half
of the passages, a chunk a call, while this process tokenises the first. The worker
keeps its token and key tables from chunk to chunk, as one pass does, and sends
each chunk's rows as narrow arrays with the keys first met in that chunk; the keys
are renumbered into this process's table as the chunks are merged, in order.

The result is the very same :class:`~.rawcols.Raw` a single pass gives: the split
falls on a chunk boundary, so the worker meets its new keys in the order a single
pass would meet them after the first half, and they are numbered in that order.
Anything that goes wrong with the worker (no processes, a worker killed) leaves the
second half to this process; the caller sees no difference.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

import numpy as np

from brieftui import workers
from brieftui.compare import rawcols
from brieftui.compare.rawcols import Raw

PARALLEL_MIN = 40_000
"""Passages (about 2,000 articles) from which the second core is worth its start-up:
the worker's start, the texts pickled to it and its rows sent back cost ≈0.5 s."""
OWN_SHARE = 0.54
"""The share of the passages tokenised here when a worker takes the rest."""
PRELOAD = (__name__,)

Packed = tuple[np.ndarray, ...]
"""A worker's rows: per-passage row counts, then start, end, key, kind, shape columns."""


def split_point(n: int, chunk: int) -> int:
    """Where the worker's share starts: a chunk boundary near :data:`OWN_SHARE` of ``n``."""
    return (int(n * OWN_SHARE) // chunk) * chunk


def tokenise(texts: Sequence[str], chunk: int | None = None) -> Raw:
    """The raw occurrence rows of every passage, on two cores when it is worth it
    (``chunk``: passages tokenised at a time, :data:`.rawcols.CHUNK` by default)."""
    chunk = chunk or rawcols.CHUNK
    raw = Raw()
    n = len(texts)
    half = split_point(n, chunk)
    spare = workers.spare_worker(PRELOAD) if half and n >= PARALLEL_MIN else None
    worker = None
    if spare is not None:  # the worker's share a chunk a call: each pickled on its own
        firsts = range(half, n, chunk)
        run = os.urandom(8).hex()  # the worker keeps its tables from chunk to chunk of this run
        worker = spare.map(_tokenise_chunk, ((list(texts[f : f + chunk]), f, run) for f in firsts))
    for first, last in _ranges(texts, 0, half if worker is not None else n, chunk):
        raw.chunk(texts[first:last], first)
    if worker is None:
        return raw
    try:
        parts = worker.results()
        if len(parts) != len(firsts) or not _all_fit(parts):
            raise ValueError("a worker's chunks do not match")
    except Exception:  # the worker failed: tokenise its share here
        for first, last in _ranges(texts, half, n, chunk):
            raw.chunk(texts[first:last], first)
        return raw
    renumber = np.zeros(0, dtype=np.int64)
    for part, first in zip(parts, firsts, strict=True):
        renumber = merge(raw, part, first, renumber)
    return raw


CHUNK_CHARS = 2_000_000
"""Characters tokenised at a time, whatever the passage count: a chunk of 4,096 passages
of a 20 MB one-line file (4,000 characters each) held 5 million token strings at once,
1 GB (from a trial); news passages average about 400 characters, so a chunk of them
stays whole."""


def _ranges(texts: Sequence[str], lo: int, hi: int, chunk: int) -> Iterator[tuple[int, int]]:
    """``(first, last)`` passage ranges of ``lo…hi``: at most ``chunk`` passages and, past
    the first passage, at most :data:`CHUNK_CHARS` characters each."""
    first = lo
    while first < hi:
        last, size = first, 0
        while last < hi and last - first < chunk and (last == first or size < CHUNK_CHARS):
            size += len(texts[last])
            last += 1
        yield first, last
        first = last


_WORKER_RUN: tuple[str, Raw, int] | None = None
"""In the worker: the run it tokenises for, its tables, and the keys sent so far."""


def _tokenise_chunk(job: tuple[list[str], int, str]) -> tuple[Packed, list[str], list[int]]:
    """In the worker: one chunk's rows and the keys first met in it (its tables kept
    from chunk to chunk, as one pass keeps them: a new table for every chunk made
    every distinct token of every chunk afresh)."""
    global _WORKER_RUN
    texts, first, run = job
    if _WORKER_RUN is None or _WORKER_RUN[0] != run:
        _WORKER_RUN = (run, Raw(), 0)
    _run, raw, sent = _WORKER_RUN
    raw.parts.clear()
    raw.chunk(texts, first)
    packed = _pack(raw, first, len(texts))
    keys = list(islice(raw.keys, sent, None))
    kinds = raw.key_kind[sent:]
    _WORKER_RUN = (run, raw, sent + len(keys))
    return packed, keys, kinds


def _pack(raw: Raw, first: int, count: int) -> Packed:
    passage, start, end, key, kind, shape = raw.columns()
    return (
        np.bincount(passage - first, minlength=count).astype(np.int32),
        start.astype(np.int32),
        end.astype(np.int32),
        key.astype(np.int32),
        kind.astype(np.int8),
        shape.astype(np.int8),
    )


def _all_fit(parts: Sequence[tuple[Packed, list[str], list[int]]]) -> bool:
    """Do a worker's chunks fit together (checked for every chunk before any is merged)?
    A chunk's keys are those first met in it: its rows may use any key sent so far."""
    known = 0
    for part in parts:
        known += len(part[1])
        if not _fits(part, known):
            return False
    return True


def _fits(part: tuple[Packed, list[str], list[int]], known: int | None = None) -> bool:
    """Do a chunk's rows fit together, their keys below ``known`` (its own keys' count)?"""
    (counts, start, end, key, kind, shape), keys, kinds = part
    rows = len(start)
    known = len(keys) if known is None else known
    return (
        rows == len(end) == len(key) == len(kind) == len(shape) == int(counts.sum())
        and len(keys) == len(kinds)
        and (rows == 0 or (int(key.min()) >= 0 and int(key.max()) < known))
    )


def merge(
    raw: Raw, part: tuple[Packed, list[str], list[int]], first: int, renumber: np.ndarray
) -> np.ndarray:
    """Append a worker's rows to ``raw``, its keys renumbered into ``raw``'s table; returns
    the worker's key → ``raw`` key table (``renumber``: the table so far), grown by the
    keys first met in this chunk."""
    (counts, start, end, key, kind, shape), keys, kinds = part
    if not _fits(part, len(renumber) + len(keys)):
        raise ValueError("a worker's rows do not fit together")
    fresh = np.fromiter(
        map(raw.key_id, keys, kinds), dtype=np.int64, count=len(keys)
    )  # new keys numbered in the worker's order: as one pass would have met them
    table = np.concatenate([renumber, fresh])
    passage = np.repeat(np.arange(first, first + len(counts), dtype=np.int64), counts)
    cols: list[Any] = [
        passage,
        start.astype(np.int64),
        end.astype(np.int64),
        table[key],
        kind.astype(np.int64),
        shape.astype(np.int64),
    ]
    raw.parts.append(tuple(cols))
    return table


__all__ = ["OWN_SHARE", "PARALLEL_MIN", "merge", "split_point", "tokenise"]
