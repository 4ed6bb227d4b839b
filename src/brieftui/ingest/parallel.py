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

import gc
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brieftui.model import Document, LoadMessage

if TYPE_CHECKING:  # multiprocessing is imported only when a pool starts (30 ms)
    import multiprocessing.context
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

Job = tuple[str, int, int, str, bool]
"""One file to parse: ``(path, size, mtime_ns, doc_id, is_markdown)``."""
PackedMessage = tuple[str, str, str]
ChunkResult = tuple[float, list[tuple[Any, tuple[PackedMessage, ...]]]]
"""CPU seconds the worker spent, and per file its packed document (or None) and messages."""

last_stats: dict[str, float] = {}
"""What the last :func:`parse_in_pool` did: chunks, files, worker CPU seconds, fallback chunks
(for benchmarks: a parent's ``process_time`` does not include its workers)."""


class Cancelled(Exception):
    """The caller's cancel check said stop while chunks were being parsed."""


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a load builds its objects.

    A load allocates hundreds of thousands of small objects that all survive
    (passages, sections, strings); each generation-2 collection on the way walks
    every one of them again, for nothing: parsing makes no reference cycles worth
    collecting. Nested and concurrent uses (loads in two threads) are counted,
    so the collector comes back on when the last one ends. Then everything that
    survived is frozen (``gc.freeze``): the brief is immutable, so later full
    collections need not walk its objects again (at 5,000 articles they cost about
    a second each and were the p95 of compare). Freezing does not keep anything
    alive: a brief that is dropped is still freed by reference counting.
    """
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.freeze()
                gc.enable()


def parse_file(
    path: Path, doc_id: str, *, markdown: bool
) -> tuple[Document | None, list[LoadMessage]]:
    """Read and parse one file; a file that fails becomes a message, never an exception."""
    from brieftui.ingest.files import is_html_name
    from brieftui.ingest.html import parse_html_file
    from brieftui.ingest.reader import _reason, decode
    from brieftui.ingest.structure import parse_document

    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [LoadMessage(name, f"cannot read: {_reason(exc)}")]
    if is_html_name(path.name):
        return parse_html_file(path, data, doc_id)
    text, problem = decode(data)
    messages = [LoadMessage(name, problem)] if problem else []
    if text is None:
        return None, messages
    try:
        document = parse_document(path, text, doc_id=doc_id, markdown=markdown, size=len(data))
    except Exception as exc:  # a parser bug must not stop the brief from opening
        return None, [*messages, LoadMessage(name, f"could not parse: {exc}")]
    return document, messages


def parse_chunk(jobs: Sequence[Job]) -> ChunkResult:
    """The worker: read and parse each file, return packed documents and plain messages."""
    from brieftui.cache import pack_document

    start = time.process_time()
    out: list[tuple[Any, tuple[PackedMessage, ...]]] = []
    with gc_paused():
        for path, _size, _mtime_ns, doc_id, is_markdown in jobs:
            document, messages = parse_file(Path(path), doc_id, markdown=is_markdown)
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


def idle_cores() -> float:
    """Cores not busy over the last minute: the core count less the 1-minute load average."""
    cores = os.cpu_count() or 1
    try:
        return cores - os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average (Windows): assume the cores are free
        return float(cores)


def worth_it(n_files: int, n_bytes: int) -> bool:
    """Whether a pool pays for itself for this many files to parse, on this machine now.

    It needs a second core that is actually free. On a machine whose cores are all
    busy with other work, extra processes add no throughput (Linux shares CPU per
    session, not per process) and the pool's own work (pickling the documents over,
    starting processes) makes the load about a third slower than parsing here.
    """
    if n_files < MIN_FILES and n_bytes < MIN_BYTES:
        return False
    if (os.cpu_count() or 1) < 2 or _in_worker():
        return False  # one core, or already in a worker (no pools inside pools)
    return idle_cores() >= MIN_IDLE_CORES


def _in_worker() -> bool:
    """Is this process a worker of a pool? (Without importing multiprocessing: a worker
    has it imported already.)"""
    mp = sys.modules.get("multiprocessing")
    return mp is not None and mp.parent_process() is not None


def chunk_jobs(jobs: Sequence[Job]) -> list[list[Job]]:
    """Consecutive runs of at most ``CHUNK_FILES`` files or about ``CHUNK_BYTES`` bytes."""
    chunks: list[list[Job]] = []
    current: list[Job] = []
    size = 0
    for job in jobs:
        current.append(job)
        size += job[1]
        if len(current) >= CHUNK_FILES or size >= CHUNK_BYTES:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


def _context() -> multiprocessing.context.BaseContext:
    """A start method that is safe in a process with threads: forkserver, else spawn."""
    import multiprocessing

    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # Workers fork from a server that already imported the parsers: cheap to start.
        ctx.set_forkserver_preload([__name__, "brieftui.ingest.structure", "brieftui.ingest.html"])
        from brieftui.ingest.forkserver import NoMainForkServerContext

        return NoMainForkServerContext()
    return multiprocessing.get_context("spawn")


def make_executor(workers: int) -> ProcessPoolExecutor:
    """The pool (a seam tests patch to simulate a pool that cannot start)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=_context())


def can_use_processes() -> bool:
    """False inside a worker (no pools inside pools)."""
    return not _in_worker()


def call_in_worker(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in a worker process: the caller's thread waits without holding the GIL.

    ``fn`` must be a module-level function; raises whatever went wrong (the caller
    falls back to doing the work itself).
    """
    executor = make_executor(1)
    try:
        return executor.submit(fn, *args).result()
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def stream_to_worker(
    begin: Callable[[], Any],
    feed: Callable[[Any], Any],
    chunks: Iterable[Any],
    finish: Callable[[], Any],
    *,
    in_flight: int = 2,
) -> Any:
    """``begin()``, ``feed(chunk)`` for each chunk, then ``finish()``, all in one worker
    process; returns what ``finish()`` returns.

    For work whose input is large (a brief's whole text): handing it to
    :func:`call_in_worker` pickles all of it into one buffer first (twice its size, at
    once). Here each chunk is pickled only when the worker is at most ``in_flight``
    chunks behind, and the caller waits without holding the GIL. The functions must
    be module-level and keep their state in the worker's module (a pool of one runs
    its tasks in order, in one process). Raises whatever went wrong.
    """
    executor = make_executor(1)
    try:
        pending: deque[Future[Any]] = deque([executor.submit(begin)])
        for chunk in chunks:
            pending.append(executor.submit(feed, chunk))
            while len(pending) > in_flight:
                pending.popleft().result()
        while pending:
            pending.popleft().result()
        return executor.submit(finish).result()
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


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
            executor = make_executor(workers)
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
        yield [parse_file(Path(job[0]), job[3], markdown=job[4]) for job in chunk]
