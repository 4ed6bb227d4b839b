"""Parsing many files on every core: a process pool for big cold loads.

Why: parsing is pure Python and holds the GIL, so threads do not help; a cold
load of thousands of articles is CPU-bound on one core. For a big load
(:func:`worth_it`) the files are cut into chunks (about 1 MB or 100 files), each
chunk is read and parsed in a worker process by :func:`parse_chunk`, and the
documents come back in the compact tuple form of :func:`brieftui.cache.pack_document`
(three times cheaper to pickle than the dataclasses). Results are consumed in
submission order, so the output is identical to a sequential load.

The pool uses a ``forkserver`` context (``spawn`` where there is none), never
plain ``fork``: the app calls ``load`` from a thread, and forking a threaded
process can deadlock the child. Anything that goes wrong with the pool itself
(no processes, a worker killed, a result that cannot be pickled) falls back to
parsing the remaining chunks in this process; the caller sees no difference.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brieftui import workers as workers_module
from brieftui.model import Document, LoadMessage
from brieftui.workers import gc_paused, idle_cores, in_worker

if TYPE_CHECKING:  # concurrent.futures is imported only when a pool starts
    from concurrent.futures import Future, ProcessPoolExecutor

MIN_FILES = 800
"""Parse in a pool when at least this many files need parsing…"""
MIN_BYTES = 8_000_000
"""…or at least this many bytes. Below both, starting the pool (≈0.25 s for the first
one in a process, ≈0.05 s after) and shipping results back cost more than the second
core saves: measured at 300 files (2.7 MB) sequential 0.14 s, pool 0.19–0.47 s."""
MIN_IDLE_CORES = 0.5
"""…and when at least this many cores are idle (see :func:`worth_it`). Not 1: the load
average counts this process too, ≈1 when it has just been busy. Measured at 5,000
articles: load 1.1 → pool 32 MB/s vs 25 sequential; load 1.7–1.9 → pool median 20 vs 23;
load 4–5 → pool 12 vs 16."""
CHUNK_FILES = 100
CHUNK_BYTES = 1_000_000
POLL_SECONDS = 0.05
"""How often a wait for a chunk checks whether the caller cancelled."""

Job = tuple[str, int, int, str, bool, int]
"""One file to parse: ``(path, size, mtime_ns, doc_id, is_markdown, max_bytes)``."""
PackedMessage = tuple[str, str, str]
ChunkResult = tuple[float, list[tuple[Any, tuple[PackedMessage, ...]]]]
"""CPU seconds the worker spent, and per file its packed document (or None) and messages."""

last_stats: dict[str, float] = {}
"""What the last :func:`parse_in_pool` did: chunks, files, worker CPU seconds, fallback chunks
(for benchmarks: a parent's ``process_time`` does not include its workers)."""


PRELOAD = (__name__, "brieftui.ingest.structure", "brieftui.ingest.html")
"""What the forkserver imports once for all the parsing workers (the parsers are
imported lazily here, so preloading this module alone would leave each worker to
import them)."""


class Cancelled(Exception):
    """The caller's cancel check said stop while chunks were being parsed."""


def parse_file(
    path: Path, doc_id: str, *, markdown: bool, max_bytes: int | None = None
) -> tuple[Document | None, list[LoadMessage]]:
    """Read (at most ``max_bytes``) and parse one file; a file that fails becomes a
    message, never an exception."""
    from brieftui.ingest.files import is_html_name
    from brieftui.ingest.reader import MAX_FILE_SIZE, decode, load_message, read_bounded
    from brieftui.ingest.structure import parse_document

    data, why = read_bounded(path, MAX_FILE_SIZE if max_bytes is None else max_bytes)
    if data is None:
        return None, [load_message(path, why or "cannot read")]
    if is_html_name(path.name):
        return parse_html_file(path, data, doc_id)
    size = len(data)
    text, problem = decode(data)
    del data  # a huge file: the bytes need not live while the text is parsed
    messages = [load_message(path, problem)] if problem else []
    if text is None:
        return None, messages
    try:
        document = parse_document(path, text, doc_id=doc_id, markdown=markdown, size=size)
    except Exception as exc:  # a parser bug must not stop the brief from opening
        return None, [*messages, load_message(path, f"could not parse: {exc}")]
    return document, messages


def parse_html_file(
    path: Path, data: bytes, doc_id: str
) -> tuple[Document | None, list[LoadMessage]]:
    """A web page file's bytes → ``(Document or None, messages)``; never raises for a bad page."""
    from brieftui.ingest.html import PageTooLarge, extract, page_bytes
    from brieftui.ingest.reader import load_message
    from brieftui.ingest.structure import parse_html

    try:
        page = extract(page_bytes(path.name, data))
    except PageTooLarge as exc:
        return None, [load_message(path, f"web page {exc}; skipped")]
    except ValueError as exc:
        return None, [load_message(path, f"{exc}; skipped")]
    except Exception as exc:  # an extractor bug must not stop the brief from opening
        return None, [load_message(path, f"could not read the web page: {exc}; skipped")]
    if page is None or not page.blocks:
        return None, [load_message(path, "no article text found in the web page; skipped")]
    try:
        document = parse_html(path, page, doc_id=doc_id, size=len(data))
    except Exception as exc:  # a parser bug must not stop the brief from opening
        return None, [load_message(path, f"could not parse: {exc}")]
    return document, []


def parse_chunk(jobs: Sequence[Job]) -> ChunkResult:
    """The worker: read and parse each file, return packed documents and plain messages."""
    from brieftui.cache import pack_document

    start = time.process_time()
    out: list[tuple[Any, tuple[PackedMessage, ...]]] = []
    with gc_paused():
        for path, _size, _mtime_ns, doc_id, is_markdown, max_bytes in jobs:
            document, messages = parse_file(
                Path(path), doc_id, markdown=is_markdown, max_bytes=max_bytes
            )
            packed = pack_document(document) if document is not None else None
            out.append((packed, tuple((m.path, m.message, m.level) for m in messages)))
    return time.process_time() - start, out


def unpack_chunk(result: ChunkResult) -> list[tuple[Document | None, list[LoadMessage]]]:
    from brieftui.cache import unpack_document

    return [
        (
            unpack_document(packed) if packed is not None else None,
            [LoadMessage(*m) for m in messages],
        )
        for packed, messages in result[1]
    ]


def worth_it(n_files: int, n_bytes: int) -> bool:
    """Whether a pool pays for itself for this many files to parse, on this machine now.

    It needs a second core that is actually free. On a machine whose cores are all
    busy with other work, extra processes add no throughput (Linux shares CPU per
    session, not per process) and the pool's own work (pickling the documents over,
    starting processes) makes the load about a third slower than parsing here.
    """
    if n_files < MIN_FILES and n_bytes < MIN_BYTES:
        return False
    if (os.cpu_count() or 1) < 2 or in_worker():
        return False  # one core, or already in a worker (no pools inside pools)
    return idle_cores() >= MIN_IDLE_CORES


def chunk_jobs(jobs: Sequence[Job]) -> list[list[Job]]:
    """Consecutive runs of at most ``CHUNK_FILES`` files or about ``CHUNK_BYTES`` bytes."""
    chunks: list[list[Job]] = []
    current: list[Job] = []
    size = 0
    for job in jobs:
        current.append(job)
        size += min(job[1], job[5])  # a file over its cap is skipped, not read
        if len(current) >= CHUNK_FILES or size >= CHUNK_BYTES:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


def parse_in_pool(
    jobs: Sequence[Job],
    *,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> Iterator[list[tuple[Document | None, list[LoadMessage]]]]:
    """Yield ``[(document, messages), ...]`` per chunk, in the order of ``jobs``.

    Raises :class:`Cancelled` (after dropping the chunks not yet started) when
    ``cancelled()`` turns true. If the pool fails, the chunks not yet yielded
    are parsed here instead, so every job is answered exactly once.
    """
    from concurrent.futures import FIRST_COMPLETED, wait

    chunks = chunk_jobs(jobs)
    if not chunks:
        return
    workers = max(1, min(workers or os.cpu_count() or 1, len(chunks)))
    last_stats.clear()
    last_stats.update(chunks=len(chunks), files=len(jobs), worker_cpu=0.0, fallback_chunks=0)
    next_chunk = 0  # the first chunk not yet yielded
    executor: ProcessPoolExecutor | None = None
    try:
        try:
            executor = workers_module.make_executor(workers, preload=PRELOAD)
            futures: list[Future[ChunkResult]] = [
                executor.submit(parse_chunk, chunk) for chunk in chunks
            ]
        except Exception:
            futures = []
        for future in futures:
            while not future.done():
                if cancelled is not None and cancelled():
                    raise Cancelled
                wait([future], timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            try:
                result = future.result()
            except Exception:  # a worker died or a result did not pickle: finish here
                break
            if cancelled is not None and cancelled():
                raise Cancelled
            last_stats["worker_cpu"] += result[0]
            yield unpack_chunk(result)
            next_chunk += 1
    finally:
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
    # Sequential fallback for whatever the pool did not deliver.
    last_stats["fallback_chunks"] = len(chunks) - next_chunk
    for chunk in chunks[next_chunk:]:
        if cancelled is not None and cancelled():
            raise Cancelled
        yield [parse_file(Path(job[0]), job[3], markdown=job[4], max_bytes=job[5]) for job in chunk]
