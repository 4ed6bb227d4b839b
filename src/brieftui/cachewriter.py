"""Cache files written in the background, in the order they were asked for.

Why: at 10,000 articles the compare index's cache file is 200 MB, and encoding and
writing it, then the events after them, took 1.5–2 s of the cold build during which
nothing new could be shown. The user waits for the stories and events, not for
their copy on disk. So an index's cached form (made at once, as plain data that
nothing changes afterwards) is handed to :class:`BackgroundWriter`, which encodes
and writes it in a thread of its own.

The rules that keep the cache right:

* one thread at a time, taking the jobs in order: two saves of one file land in
  the order they were made (the comparer is saved before and after its events);
* a reader of a file, and a direct save of it, wait for that file's pending jobs
  first (:meth:`BackgroundWriter.wait_for`), so nobody reads an older file than
  the one just saved;
* the thread is not a daemon: when the program ends, the interpreter waits for the
  jobs left (a second or two at most) rather than leaving a temp file half-written.
  Each write is still atomic (temp file, then rename), so even a killed process
  leaves the old file or the new one.

The thread is started for a batch of jobs and ends when none are left, so an idle
cache holds no thread.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Callable

from brieftui.workers import gc_paused


class BackgroundWriter:
    """Jobs run in order in one non-daemon thread; :meth:`wait_for` waits for a key's (a file)."""

    def __init__(self) -> None:
        self._jobs: deque[tuple[str, Callable[[], object]]] = deque()
        self._pending: Counter[str] = Counter()
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None
        self.failures = 0
        """Jobs that raised (a cache write only costs speed when it fails)."""

    def submit(self, key: str, job: Callable[[], object]) -> None:
        """Run ``job()`` after the jobs submitted before it, in the writer's thread."""
        with self._condition:
            self._jobs.append((key, job))
            self._pending[key] += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="brieftui-cache-writer", daemon=False
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._condition:
                if not self._jobs:
                    self._thread = None
                    self._condition.notify_all()
                    return
                key, job = self._jobs.popleft()
            try:
                # the encoding allocates a million small objects at 10,000 articles:
                # no collections meanwhile, as when it ran in the caller's thread
                with gc_paused():
                    job()
            except Exception:
                self.failures += 1
            finally:
                with self._condition:
                    self._pending[key] -= 1
                    if self._pending[key] <= 0:
                        del self._pending[key]
                    self._condition.notify_all()

    def wait_for(self, key: str | None = None, timeout: float | None = None) -> bool:
        """Wait until no job of ``key`` (of any key with ``None``) is pending; False
        when ``timeout`` seconds passed first. Called from the writer's own thread it
        returns at once (a job never waits for itself)."""
        if threading.current_thread() is self._thread:
            return True
        with self._condition:
            return self._condition.wait_for(
                lambda: not (self._pending if key is None else self._pending.get(key)),
                timeout,
            )

    @property
    def busy(self) -> bool:
        """Are jobs pending?"""
        with self._condition:
            return bool(self._pending)


__all__ = ["BackgroundWriter"]
