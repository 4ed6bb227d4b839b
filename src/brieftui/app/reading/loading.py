"""The loading panel: what is being read, a progress bar, and how to cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.widgets import Label, Static

if TYPE_CHECKING:
    from textual.widgets import ProgressBar


class LoadingPanel(Vertical):
    """Shown over the reader while the brief loads in a worker.

    The progress bar is mounted once the first frame is on screen (:meth:`show_bar`,
    which the app calls as it starts the load): it is an animated tree of widgets whose
    styling and rendering were a tenth of the app's start-up, and nothing has progressed
    before the first frame. A blank line holds its place, so nothing moves.
    """

    def compose(self) -> ComposeResult:
        yield Label("Opening the brief…", id="loading-label")
        yield Static("", id="loading-bar-slot")
        yield Label("Esc cancels", id="loading-hint")

    def show_bar(self) -> ProgressBar | None:
        """The progress bar, mounted in its place on first use (None while the panel is
        not in the app: the app is closing)."""
        from textual.widgets import ProgressBar

        try:
            return self.query_one("#loading-bar", ProgressBar)
        except NoMatches:
            pass
        if not self.is_attached:
            return None
        bar = ProgressBar(total=None, show_eta=False, id="loading-bar")
        slot = self.query_one("#loading-bar-slot")
        self.mount(bar, before=slot)
        slot.remove()
        return bar

    def set_progress(self, done: int, total: int) -> None:
        bar = self.show_bar()
        if bar is not None:
            bar.update(total=max(total, 1), progress=done)
        self.query_one("#loading-label", Label).update(f"Reading {done:,} of {total:,} files…")

    def set_message(self, text: str) -> None:
        self.query_one("#loading-label", Label).update(text)
