"""The app's messages: what a screen asks for, posted up to the app, which acts.

Messages up, calls down (the Frogmouth and Toolong pattern): a screen never
pushes another screen or reaches into a sibling; it posts one of these and the
:class:`~brieftui.app.app.BriefApp` decides (it owns the session: the brief,
the note store, the remembered state) and then calls methods on the screens it
holds. Screens bubble their messages to the app, so every handler lives there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from brieftui.compare import Event
    from brieftui.notes import Note


@dataclass
class OpenPassage(Message):
    """Show ``passage_id`` in the reader (back on the main screen)."""

    passage_id: str


@dataclass
class OpenDocument(Message):
    """Show ``doc_id`` in the reader, at ``passage_id`` when given."""

    doc_id: str
    passage_id: str | None = None


@dataclass
class CompareRequested(Message):
    """Open Compare on ``passage_id``; with ``event``, on that event's passages."""

    passage_id: str | None
    event: Event | None = None


@dataclass
class EventsRequested(Message):
    """Open the events overview (or go back to the one already open)."""


@dataclass
class NoteRequested(Message):
    """Open the note editor: a new note on ``passage_id`` (with the passages of a
    comparison), or ``note`` to edit."""

    passage_id: str
    comparison: Sequence[str] = ()
    note: Note | None = None
    orphaned: bool = False


@dataclass
class NotesRequested(Message):
    """Open the notes of the brief (or go back to the list already open)."""


@dataclass
class ExportRequested(Message):
    """Export the brief's notes to markdown."""


@dataclass
class DeleteNoteRequested(Message):
    """Delete ``note`` (the app keeps it for undo)."""

    note: Note


@dataclass
class UndoDeleteRequested(Message):
    """Put back the last deleted note."""


@dataclass
class CancelLoad(Message):
    """Stop opening the brief."""


@dataclass
class CopyRequested(Message):
    """Copy ``text`` to the clipboard and say what was copied (``what``)."""

    text: str
    what: str = "text"


@dataclass
class OpenUrl(Message):
    """Open ``url`` (a document's source) in the system's web browser."""

    url: str
