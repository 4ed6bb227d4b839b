"""Every call to the note store, off the UI thread, with one way of reporting failure.

SQLite may wait up to its busy timeout for another writer, so no store call runs
on the UI thread. :class:`StoreRunner` runs a call in a thread worker and calls
back on the UI thread: ``done(result)``, or, on any failure, one error
notification built by :func:`describe_error` and ``failed(message)`` (the note
editor uses it to keep the text and show the reason inline). The store's own
warnings (a damaged file moved aside) are shown once, after the call that raised
them. Adding, editing, listing, deleting, restoring and exporting all go through
here.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from textual.app import App

    from brieftui.app.session import Session

T = TypeVar("T")


def describe_error(exc: BaseException) -> str:
    """One line for the user: the store's own message, or the OS reason and path."""
    from brieftui.notes import NotesError  # imported on use: not needed for the first frame

    if isinstance(exc, NotesError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        where = f" {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return f"{type(exc).__name__}: {exc}"


def _finished_even_at_exit(call: Callable[[], T]) -> T:
    """``call()`` in a thread Python waits for at exit, waited for here.

    The command line's app runs thread workers as daemon threads, which quitting does
    not wait for (:mod:`brieftui.app.daemonthreads`); a note being saved when the user
    quits must still reach the disk, so the store call itself runs in a thread that
    is not a daemon."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as exc:  # raised again in the worker, below
            box["error"] = exc

    thread = threading.Thread(target=run, name="brieftui-notes", daemon=False)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["result"]


class StoreRunner:
    """Runs store calls in workers of ``app`` (see the module docstring)."""

    def __init__(self, app: App[Any], session: Session) -> None:
        self.app = app
        self.session = session
        self._warnings_shown = 0

    def run(
        self,
        what: str,
        call: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``call`` in a thread; then ``done(result)`` or a notification and ``failed``.

        ``what`` completes "Could not …" in the error's title ("save the note").
        """

        def job() -> None:
            try:
                result = _finished_even_at_exit(call)
            except Exception as exc:  # every failure is shown, none is fatal
                self._from_thread(self._failed, what, describe_error(exc), failed)
            else:
                self._from_thread(self._done, done, result)

        self.app.run_worker(job, thread=True, group="notes", exit_on_error=False, description=what)

    def _from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.app.call_from_thread(callback, *args)

    def _done(self, done: Callable[[Any], None] | None, result: Any) -> None:
        self.show_warnings()
        if done is not None:
            done(result)

    def _failed(self, what: str, message: str, failed: Callable[[str], None] | None) -> None:
        self.show_warnings()
        self.app.notify(message, title=f"Could not {what}", severity="error", markup=False)
        if failed is not None:
            failed(message)

    def show_warnings(self) -> None:
        """Notify the store's warnings not shown yet (e.g. a damaged file moved aside)."""
        store = self.session.store_opened
        if store is None:
            return
        for warning in store.warnings[self._warnings_shown :]:
            self.app.notify(warning, title="Notes", severity="warning", timeout=20, markup=False)
        self._warnings_shown = len(store.warnings)
