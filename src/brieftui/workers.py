"""Work off the UI thread and off the GIL: worker processes and the garbage collector.

Shared by the ingest (parsing a big brief in a process pool) and the brief
(building the search index in a worker process), so both start workers the same
safe way (forkserver, no re-import of the caller's script) and pause the
collector the same way while they build millions of objects that never form
cycles. No Textual here: the app's thread workers call into these.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

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
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # Workers fork from a server that already imported ``preload`` (the parser, the
        # index builder): cheap to start.
        ctx.set_forkserver_preload([__name__, *preload])
        return _NoMainForkServerContext()
    return multiprocessing.get_context("spawn")


def _no_main_popen() -> type:
    """A forkserver ``Popen`` that does not make the worker re-import the caller's ``__main__``.

    The worker runs a module-level function (the parser's, the index builder's) and
    needs nothing from the caller's script; re-importing it would re-run a script without a
    ``if __name__ == "__main__"`` guard (its whole load, in every worker).
    """
    import io
    from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
    from multiprocessing.context import set_spawning_popen

    class Popen(popen_forkserver.Popen):
        def _launch(self, process_obj: Any) -> None:  # as the stdlib's, minus the main module
            prep_data = spawn.get_preparation_data(process_obj._name)
            prep_data.pop("init_main_from_path", None)
            prep_data.pop("init_main_from_name", None)
            buf = io.BytesIO()
            set_spawning_popen(self)
            try:
                reduction.dump(prep_data, buf)
                reduction.dump(process_obj, buf)
            finally:
                set_spawning_popen(None)
            self.sentinel, w = forkserver.connect_to_new_process(self._fds)
            _parent_w = os.dup(w)
            self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
            with open(w, "wb", closefd=True) as f:
                f.write(buf.getbuffer())
            self.pid = forkserver.read_signed(self.sentinel)

    return Popen


class _NoMainForkServerContext(multiprocessing.context.ForkServerContext):
    class Process(multiprocessing.context.ForkServerProcess):
        @staticmethod
        def _Popen(process_obj: Any) -> Any:
            return _no_main_popen()(process_obj)


def make_executor(workers: int, preload: Sequence[str] = ()) -> ProcessPoolExecutor:
    """The pool (a seam tests patch to simulate a pool that cannot start)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(preload))


def can_use_processes() -> bool:
    """False inside a worker (no pools inside pools)."""
    return multiprocessing.parent_process() is None


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
