"""The app's messages: what a screen asks for, posted up to the app, which acts.

Messages up, calls down (the Frogmouth and Toolong pattern): a screen never
pushes another screen or reaches into a sibling; it posts one of these and the
:class:`~brieftui.app.app.BriefApp` decides (it owns the session: the brief,
the note store, the remembered state) and then calls methods on the screens it
holds. Screens bubble their messages to the app, so every handler lives there.

Plain classes rather than dataclasses: this module is imported before the first
frame, where making twelve dataclasses cost about 3 ms of start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from brieftui.compare import Event
    from brieftui.notes import Note


class OpenPassage(Message):
    """Show ``passage_id`` in the reader (back on the main screen)."""

    def __init__(self, passage_id: str) -> None:
        super().__init__()
        self.passage_id = passage_id


class OpenDocument(Message):
    """Show ``doc_id`` in the reader, at ``passage_id`` when given."""

    def __init__(self, doc_id: str, passage_id: str | None = None) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.passage_id = passage_id


class CompareRequested(Message):
    """Open Compare on ``passage_id``; with ``event``, on that event's passages."""

    def __init__(self, passage_id: str | None, event: Event | None = None) -> None:
        super().__init__()
        self.passage_id = passage_id
        self.event = event


class EventsRequested(Message):
    """Open the events overview (or go back to the one already open)."""


class NoteRequested(Message):
    """Open the note editor: a new note on ``passage_id`` (with the passages of a
    comparison), or ``note`` to edit."""

    def __init__(
        self,
        passage_id: str,
        comparison: Sequence[str] = (),
        note: Note | None = None,
        orphaned: bool = False,
    ) -> None:
        super().__init__()
        self.passage_id = passage_id
        self.comparison = comparison
        self.note = note
        self.orphaned = orphaned


class NotesRequested(Message):
    """Open the notes of the brief (or go back to the list already open)."""


class ExportRequested(Message):
    """Export the brief's notes to markdown."""


class DeleteNoteRequested(Message):
    """Delete ``note`` (the app keeps it for undo)."""

    def __init__(self, note: Note) -> None:
        super().__init__()
        self.note = note


class UndoDeleteRequested(Message):
    """Put back the last deleted note."""


class CancelLoad(Message):
    """Stop opening the brief."""


class CopyRequested(Message):
    """Copy ``text`` to the clipboard and say what was copied (``what``)."""

    def __init__(self, text: str, what: str = "text") -> None:
        super().__init__()
        self.text = text
        self.what = what


class OpenUrl(Message):
    """Open ``url`` (a document's source) in the system's web browser."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
