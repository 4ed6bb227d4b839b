"""Keep freed memory in the process while a big index is built, then give it back.

Building the compare model of a large brief makes and frees arrays of tens of
megabytes thousands of times. glibc hands every block over its mmap threshold (32 MB
at most) back to the kernel when it is freed, and the next array faults its pages in
afresh. NumPy also asks for transparent huge pages for every big array (``madvise``),
and each such fault zeroes 2 MB. On the benchmark machine (a virtual machine, where
the host backs every page the guest faults in again) the page faults were 11.6–15.7 s
of kernel time in a 49–59 s build of 10,000 articles on one core.

:func:`held` turns both off for its duration (nested uses counted, from any thread):
glibc serves every allocation from its heap and keeps
what is freed there for the next array, and NumPy stops asking for huge pages. The
same build then spent 3–4 s in the kernel, its peak memory 5% higher (2.85 GB, was
2.70). :data:`LINGER_SECONDS` after the last use ends, the settings come back and
``malloc_trim`` returns the free pages to the system.

Only glibc's allocator is tuned (``mallopt``/``malloc_trim`` found in the running
process: on Linux with glibc); anywhere else :func:`held` changes nothing but NumPy's
huge-page advice.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_MAX = -4
DEFAULT_TRIM_THRESHOLD = 128 * 1024  # glibc's defaults, restored after a build
DEFAULT_MMAP_MAX = 65536
HELD_TRIM_THRESHOLD = 2**31 - 1  # never trim the heap's top while held

LINGER_SECONDS = 1.0
"""How long the heap stays held after the last use: the stages of a cold build (index,
stories, events) follow one another, and each reuses what the one before freed rather
than faulting it in again after a trim (0: give it back at once)."""

_lock = threading.Lock()
_depth = 0
_linger: threading.Timer | None = None
_hugepage_was: bool | None = None
_libc: Any = None
_libc_looked = False


def _glibc() -> Any:
    """The running process's C library when it has glibc's ``mallopt`` and
    ``malloc_trim``, else None (looked up once)."""
    global _libc, _libc_looked
    if not _libc_looked:
        _libc_looked = True
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                libc = ctypes.CDLL(None)
                libc.mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
                libc.malloc_trim.argtypes = (ctypes.c_size_t,)
                # glibc only (musl's mallopt does nothing): it has gnu_get_libc_version
                _libc = libc if hasattr(libc, "gnu_get_libc_version") else None
            except (OSError, AttributeError):
                _libc = None
    return _libc


def _set_hugepage(enabled: bool) -> bool | None:
    """NumPy's huge-page advice on or off; its previous value (None: NumPy not loaded
    or without the switch)."""
    numpy = sys.modules.get("numpy")
    setter = getattr(
        getattr(getattr(numpy, "_core", None), "multiarray", None), "_set_madvise_hugepage", None
    )
    if setter is None:
        return None
    try:
        return bool(setter(enabled))
    except Exception:  # an unexpected NumPy: leave it as it is
        return None


def _hold() -> None:
    global _hugepage_was
    libc = _glibc()
    if libc is not None:
        libc.mallopt(M_MMAP_MAX, 0)
        libc.mallopt(M_TRIM_THRESHOLD, HELD_TRIM_THRESHOLD)
    _hugepage_was = _set_hugepage(False)


def _release() -> None:
    global _hugepage_was
    if _hugepage_was is not None:
        _set_hugepage(_hugepage_was)
        _hugepage_was = None
    libc = _glibc()
    if libc is not None:
        libc.mallopt(M_MMAP_MAX, DEFAULT_MMAP_MAX)
        libc.mallopt(M_TRIM_THRESHOLD, DEFAULT_TRIM_THRESHOLD)
        libc.malloc_trim(0)


def _enter() -> None:
    global _depth, _linger
    with _lock:
        if _depth == 0:
            if _linger is not None:  # still held from the stage before: keep it
                _linger.cancel()
                _linger = None
            else:
                _hold()
        _depth += 1


def _leave() -> None:
    global _depth, _linger
    with _lock:
        _depth -= 1
        if _depth == 0:
            if LINGER_SECONDS > 0:
                _linger = threading.Timer(LINGER_SECONDS, _release_if_unused)
                _linger.daemon = True
                _linger.start()
            else:
                _release()


def _release_if_unused() -> None:
    global _linger
    with _lock:
        if _depth == 0 and _linger is threading.current_thread():
            _linger = None
            _release()


@contextmanager
def held() -> Iterator[None]:
    """Freed memory stays in the process (and no huge pages) until :data:`LINGER_SECONDS`
    after the last use ends.

    In any thread: the settings are the whole process's, which is what a build wants,
    in a script or beside the app's reader. (For one stop this held in the main
    thread only, after the app held a key for seconds in two of ten builds at 10,000
    articles; the stall came back without it, and its cause was the Sources pane
    making 10,000 entries on the event loop when the stories arrived.)"""
    _enter()
    try:
        yield
    finally:
        _leave()


def hold_for_good() -> None:
    """Hold from now on: for a worker process that lives for one stage (started by
    :func:`.workers.spare_worker`), whose memory goes back when it exits."""
    _enter()


__all__ = ["held", "hold_for_good"]
