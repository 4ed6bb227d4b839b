"""The reader's document actions: jump (g, G, :), copy (y), open the URL (o), mark read (m), what cleaning removed (r).

A mixin of :class:`~brieftui.app.reading.screen.MainScreen`, apart so that the
screen module keeps to its own job (layout, loading, search, position): these
act on the open document only and ask the app for the rest through messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from brieftui.app import messages

if TYPE_CHECKING:
    from textual.app import App

    from brieftui.app.reading.reader import Reader
    from brieftui.brief import Brief
    from brieftui.model import Document


class DocumentActions:
    """Actions on the document in the reader; the screen supplies what they read."""

    brief: Brief | None
    doc_id: str | None
    read_docs: set[str]

    if TYPE_CHECKING:  # supplied by MainScreen (a Screen)
        app: App
        reader: Reader

        def notify(self, message: str, *, severity: str = ..., timeout: float = ...) -> None: ...
        def post_message(self, message: Message) -> bool: ...
        def _set_read(self, doc_id: str, read: bool) -> None: ...

    def action_edge(self, direction: int) -> None:
        """``g``/``G``: the first or last passage of the document."""
        if direction < 0:
            self.reader.action_first_passage()
        else:
            self.reader.action_last_passage()

    def action_go_to(self) -> None:
        """``:``: ask for a passage number and jump there."""
        from brieftui.app.reading.goto import GoToScreen

        doc = self._document()
        if doc is None or not doc.passage_count:
            self.app.bell()
            return

        def chosen(number: int | None) -> None:
            if number is not None:
                self.reader.go_to_number(number)

        self.app.push_screen(GoToScreen(doc.passage_count), chosen)

    def _document(self) -> Document | None:
        if self.brief is None or self.doc_id is None:
            return None
        return self.brief.document(self.doc_id)

    def action_copy(self) -> None:
        """``y``: the current passage with a citation line, to the clipboard."""
        from brieftui.cite import quoted

        doc, pid = self._document(), self.reader.passage_id
        if doc is None or pid is None or self.brief is None or not self.brief.has_passage(pid):
            self.app.bell()
            return
        text = self.brief.passage(pid).passage.text
        self.post_message(messages.CopyRequested(quoted(text, doc), "the passage and its citation"))

    def action_open_url(self) -> None:
        """``o``: the document's source URL in the system browser."""
        doc = self._document()
        url = getattr(doc, "url", None) if doc is not None else None
        if not url:
            self.notify("This document has no source URL.", severity="warning", timeout=3)
            return
        self.post_message(messages.OpenUrl(url))

    def action_toggle_read(self) -> None:
        """``m``: mark the document unread (or read again)."""
        if self.doc_id is not None:
            read = self.doc_id not in self.read_docs
            self._set_read(self.doc_id, read)
            self.notify("Marked read" if read else "Marked unread", timeout=2)

    def action_removed(self) -> None:
        """``r``: what cleaning removed from this document."""
        from brieftui.app.reading.removed import RemovedScreen

        doc = self._document()
        if doc is None:
            self.app.bell()
            return
        self.app.push_screen(RemovedScreen(doc))
