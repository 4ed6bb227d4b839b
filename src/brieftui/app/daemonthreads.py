"""Thread workers that never hold up quitting.

Textual runs a thread worker in the event loop's default executor, and when the app
ends, ``asyncio.run`` shuts that executor down and waits for every call still running.
A big brief's builds (stories, the alignment index and events: 35 s at 10,000
articles) cannot stop half-way, so ``q`` during one left the user looking at a blank
terminal for as long. :class:`DaemonThreadExecutor` runs each call in a daemon thread
of its own and does not wait for them at shutdown: the app ends at once, the terminal
is given back, and Python drops the unfinished work at exit. Nothing the user wrote is
in that work: notes and reading state are saved on the UI thread, and the cache is
written whole or not at all (its own writer thread is waited for).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class DaemonThreadExecutor(ThreadPoolExecutor):
    """Each call in a new daemon thread; :meth:`shutdown` never waits.

    A ``ThreadPoolExecutor`` only because ``loop.set_default_executor`` accepts nothing
    else: its pool is never used."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # handed to whoever awaits the future
                future.set_exception(exc)
            else:
                future.set_result(result)

        threading.Thread(target=run, name="brieftui-worker", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to join: the threads are daemons, left to end with the process."""


def detach_thread_workers() -> None:
    """Make the running loop's thread workers daemons (call from the app's event loop)."""
    asyncio.get_running_loop().set_default_executor(DaemonThreadExecutor())


__all__ = ["DaemonThreadExecutor", "detach_thread_workers"]
