"""Notes: anchored notes on passages, kept in SQLite in the user's data dir.

No Textual here: the app, the CLI and tests share this. See
:mod:`brieftui.notes.store` for durability and :mod:`brieftui.notes.anchor` for
which notes belong to a brief and how they are re-attached when text changes.
"""

from __future__ import annotations

from brieftui.notes.anchor import QUOTE_THRESHOLD, candidate_documents, make_anchor, resolve
from brieftui.notes.model import (
    CONTEXT_CHARS,
    AnchoredNote,
    Note,
    NoteNotFound,
    NotesError,
    PassageAnchor,
    ResolvedPassage,
    normalize_tags,
)
from brieftui.notes.store import SCHEMA_VERSION, NoteStore, anchor_notes

__all__ = [
    "CONTEXT_CHARS",
    "QUOTE_THRESHOLD",
    "SCHEMA_VERSION",
    "AnchoredNote",
    "Note",
    "NoteNotFound",
    "NoteStore",
    "NotesError",
    "PassageAnchor",
    "ResolvedPassage",
    "anchor_notes",
    "candidate_documents",
    "make_anchor",
    "normalize_tags",
    "resolve",
]
