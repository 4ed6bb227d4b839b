"""The loading panel: what is being read, a progress bar, and how to cancel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar


class LoadingPanel(Vertical):
    """Shown over the reader while the brief loads in a worker."""

    def compose(self) -> ComposeResult:
        yield Label("Opening the brief…", id="loading-label")
        yield ProgressBar(total=None, show_eta=False, id="loading-bar")
        yield Label("Esc cancels", id="loading-hint")

    def set_progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
        self.query_one("#loading-label", Label).update(f"Reading {done:,} of {total:,} files…")

    def set_message(self, text: str) -> None:
        self.query_one("#loading-label", Label).update(text)
