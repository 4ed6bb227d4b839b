"""Work off the UI thread and off the GIL: worker processes and the garbage collector.

Shared by the ingest (parsing a big brief in a process pool) and the brief
(building the search index in a worker process), so both start workers the same
safe way (forkserver, no re-import of the caller's script) and pause the
collector the same way while they build millions of objects that never form
cycles. No Textual here: the app's thread workers call into these.

``multiprocessing`` and ``concurrent.futures`` (30 ms to import) are imported when a
worker is first started, not by every load: a cached brief needs neither.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from brieftui import heap

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

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


def idle_cores() -> float:
    """Cores not busy over the last minute: the core count less the 1-minute load average."""
    cores = os.cpu_count() or 1
    try:
        return cores - os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average (Windows): assume the cores are free
        return float(cores)


def _context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    """A start method that is safe in a process with threads: forkserver, else spawn."""
    import multiprocessing

    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # Workers fork from a server that already imported ``preload`` (the parser, the
        # index builder): cheap to start.
        ctx.set_forkserver_preload([__name__, *preload])
        from brieftui.forkserver import NoMainForkServerContext

        return NoMainForkServerContext()
    return multiprocessing.get_context("spawn")


_live_pools: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()
"""Every pool made here that may still run (:func:`abandon_all` stops them)."""
_closing = False


def make_executor(workers: int, preload: Sequence[str] = ()) -> ProcessPoolExecutor:
    """The pool (a seam tests patch to simulate a pool that cannot start).

    ``RuntimeError`` once the program is quitting (:func:`abandon_all`): callers then
    do the work in their own thread, as when no process can start."""
    from concurrent.futures import ProcessPoolExecutor

    if _closing:
        raise RuntimeError("brieftui is quitting: no new worker processes")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(preload))
    _live_pools.add(pool)
    return pool


def abandon_all() -> int:
    """Stop every worker process still running and start no more; returns how many pools
    were stopped. For quitting the app while a big build runs: at exit, Python waits for
    the work a pool has started (a search index at 10,000 articles: 25 s), and a user
    who quits wants the prompt back now. The work is lost, which only costs time: the
    caches are written whole or not at all."""
    global _closing
    _closing = True
    stopped = 0
    for pool in list(_live_pools):
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(Exception):  # already gone
                process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        stopped += 1
    return stopped


def in_worker() -> bool:
    """Is this process a worker of a pool? (Without importing multiprocessing: a worker
    has it imported already.)"""
    mp = sys.modules.get("multiprocessing")
    return mp is not None and mp.parent_process() is not None


def can_use_processes() -> bool:
    """False inside a worker (no pools inside pools)."""
    return not in_worker()


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


SPARE_CORE = 1.5
"""Cores that nothing else uses (:func:`others_idle`, sampled while this thread waits)
from which a worker process is started for one stage (:func:`spare_worker`): the caller
takes one back when it resumes, and the worker needs one more, most of it."""
SAMPLE_SECONDS = 0.05


def _cpu_ticks() -> tuple[int, int] | None:
    """(busy, total) clock ticks of all cores since boot (Linux), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if len(fields) < 9 or fields[0] != "cpu":
        return None
    ticks = [int(x) for x in fields[1:9]]  # user nice system idle iowait irq softirq steal
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


def others_idle(window: float = SAMPLE_SECONDS) -> float:
    """Cores idle over the next ``window`` seconds while this thread waits: what other
    work leaves free now. The 1-minute load average (:func:`idle_cores`) lags: just
    after a minute of this process's own work it still reads as a busy core, and a
    stage would run on one core beside an idle one. Falls back to it off Linux."""
    cores = os.cpu_count() or 1
    before = _cpu_ticks()
    if before is not None:
        time.sleep(window)
        after = _cpu_ticks()
        if after is not None and after[1] > before[1]:
            busy = (after[0] - before[0]) / (after[1] - before[1])
            return cores * (1.0 - busy)
    return idle_cores() + 1.0  # the load average counts this process


class Offloaded:
    """Calls running in a worker process; :meth:`result` waits for them and closes the
    worker (raising whatever went wrong, for the caller to do the work itself)."""

    def __init__(self, executor: ProcessPoolExecutor, futures: list[Future[Any]]) -> None:
        self._executor = executor
        self._futures = futures

    def result(self) -> Any:
        """The one call's result (:meth:`SpareWorker.run`)."""
        return self.results()[0]

    def results(self) -> list[Any]:
        """Every call's result, in the order they were sent (:meth:`SpareWorker.map`)."""
        try:
            return [future.result() for future in self._futures]
        finally:
            self._executor.shutdown(wait=False, cancel_futures=True)


class SpareWorker:
    """A worker process started ahead of its work (it starts while the caller prepares
    what to send it: about 0.3 s of a cold start saved)."""

    def __init__(self, executor: ProcessPoolExecutor) -> None:
        self._executor = executor

    def run(self, fn: Callable[..., Any], *args: Any) -> Offloaded | None:
        """``fn(*args)`` in the worker; ``None`` when it cannot be sent there."""
        return self._submit([(fn, args)])

    def map(self, fn: Callable[[Any], Any], chunks: Iterable[Any]) -> Offloaded | None:
        """``fn(chunk)`` for each chunk, in order, in the worker.

        Each call is pickled on its own (by the queue's feeder thread, holding the
        interpreter meanwhile): sent as one, 30 MB of a big brief's label jobs held it
        for 0.3 s and stalled the reader's keys for as long; in chunks of about a
        megabyte each pause is a few milliseconds. ``chunks`` may be a generator: each
        is sent as soon as it is made, so the worker starts on the first while this
        process makes the next."""
        return self._submit((fn, (chunk,)) for chunk in chunks)

    def _submit(
        self, calls: Iterable[tuple[Callable[..., Any], tuple[Any, ...]]]
    ) -> Offloaded | None:
        futures: list[Future[Any]] = []
        try:
            for fn, args in calls:
                futures.append(self._executor.submit(fn, *args))
        except Exception:
            self._executor.shutdown(wait=False, cancel_futures=True)
            return None
        return Offloaded(self._executor, futures)

    def close(self) -> None:
        """Not needed after all."""
        self._executor.shutdown(wait=False, cancel_futures=True)


spare_counts = {"asked": 0, "started": 0}
"""How often a stage asked for a spare core's worker and got one (for benchmarks: a
stage that found no idle core ran on one)."""


def spare_worker(preload: Sequence[str] = ()) -> SpareWorker | None:
    """A worker process for one stage when a core is idle, started now; ``None`` when no
    core is spare or no process can start (the caller then does all the work)."""
    spare_counts["asked"] += 1
    if not can_use_processes() or others_idle() < SPARE_CORE:
        return None
    try:
        executor = make_executor(1, preload)
        # starts the process now (the work follows), keeping what it frees for its next
        # arrays: it lives for this stage only
        executor.submit(heap.hold_for_good)
    except Exception:  # no processes here: one core it is
        return None
    spare_counts["started"] += 1
    return SpareWorker(executor)


def offload(fn: Callable[..., Any], *args: Any, preload: Sequence[str] = ()) -> Offloaded | None:
    """``fn(*args)`` started in a worker process when a core is idle, while the caller
    does its own share of the work; ``None`` when no core is spare or no process can
    start (the caller then does all of it). ``fn`` must be a module-level function."""
    spare = spare_worker(preload)
    return spare.run(fn, *args) if spare is not None else None


def stream_to_worker(
    begin: Callable[[], Any],
    feed: Callable[[Any], Any],
    chunks: Iterable[Any],
    finish: Callable[[], Any],
    *,
    in_flight: int = 2,
    preload: Sequence[str] = (),
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
    executor = make_executor(1, preload)
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
