"""The notes store: one SQLite file in the user's data dir, safe under faults.

* Lazy: constructing a :class:`NoteStore` never touches the disk, so a broken
  data dir cannot stop a brief from opening. Reading a store that does not exist
  yet gives no notes and creates nothing; the file is created on the first write.
* WAL mode, ``busy_timeout`` and ``BEGIN IMMEDIATE`` transactions, so several
  processes (the app and the CLI) can add notes at once; ``synchronous=FULL``, so
  a note acknowledged (``add`` returned) survives the process being killed.
* A schema version in ``PRAGMA user_version`` with a list of migrations from the
  first release on. A store written by a *newer* brieftui is refused, untouched:
  its version is read through a read-only connection before anything opens it
  for writing (which would merge a pending write-ahead log into it).
* A damaged file (not a database, or failing ``PRAGMA quick_check``) is moved
  aside to ``notes.sqlite3.corrupt-<timestamp>`` (with its ``-wal``/``-shm``), a
  message saying where is added to :attr:`NoteStore.warnings`, and a new store
  is started. Nothing is deleted.
* A read-only data folder: existing notes are still listed (the file is opened
  read-only), and saving raises :class:`NotesError` naming the folder.
* Every failure the user must know about is a :class:`NotesError` with a
  one-line message naming the file; a failed write leaves nothing half-written
  (the transaction is rolled back).

Which notes belong to a brief, and how they are re-attached when documents
change or move, is described in :mod:`brieftui.notes.anchor`.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from brieftui.notes.anchor import make_anchor
from brieftui.notes.model import (
    AnchoredNote,
    Note,
    NoteNotFound,
    NotesError,
    PassageAnchor,
    normalize_tags,
)
from brieftui.notes.opening import Opener
from brieftui.notes.reattach import NotesOverview, anchor_notes, as_stored, group_by_brief
from brieftui.notes.rows import (
    COLUMNS,
    SCHEMA_VERSION,  # re-exported: brieftui.notes takes it from here
    fetch,
    note_to_row,
    params,
    row_to_note,
)
from brieftui.notes.sqlite_faults import is_corrupt, reason
from brieftui.paths import notes_db_path

if TYPE_CHECKING:
    from brieftui.brief import Brief

__all__ = ["SCHEMA_VERSION", "NoteStore"]

T = TypeVar("T")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class NoteStore(Opener):
    """Notes kept in SQLite at ``path`` (default: :func:`brieftui.paths.notes_db_path`)."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else notes_db_path()
        self.warnings: list[str] = []
        """Things the user should be told that did not stop the store (a file moved aside)."""
        self._conn: sqlite3.Connection | None = None
        self._readonly = False
        self._lock = threading.RLock()

    # -- lifecycle -------------------------------------------------------------------
    def __enter__(self) -> NoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None
                    self._readonly = False

    def _drop_connection(self) -> None:
        try:
            self.close()
        except sqlite3.Error:
            self._conn = None

    # -- transactions ----------------------------------------------------------------
    def _write(self, what: str, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            conn = self._open(create=True)
            assert conn is not None
            try:
                conn.execute("BEGIN IMMEDIATE")
                result = fn(conn)
                conn.execute("COMMIT")
                return result
            except BaseException as exc:
                try:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                except sqlite3.Error:
                    self._drop_connection()
                if isinstance(exc, NotesError) or not isinstance(exc, (sqlite3.Error, OSError)):
                    raise
                if is_corrupt(exc):
                    self._drop_connection()
                raise NotesError(f"could not {what} in {self.path}: {reason(exc)}") from exc

    def _read(self, fn: Callable[[sqlite3.Connection], T], default: T) -> T:
        with self._lock:
            conn = self._open(create=False)
            if conn is None:
                return default
            try:
                return fn(conn)
            except (sqlite3.Error, OSError) as exc:
                if is_corrupt(exc):
                    self._drop_connection()
                raise NotesError(f"could not read notes from {self.path}: {reason(exc)}") from exc

    # -- the API ---------------------------------------------------------------------
    def add(
        self,
        brief: Brief,
        passage_id: str,
        text: str,
        *,
        quote: str | None = None,
        tags: Sequence[str] = (),
        comparison: Sequence[str] | None = None,
    ) -> Note:
        """Save a note on ``passage_id`` (optionally on an exact ``quote`` inside it).

        ``comparison`` lists the passage ids of the matched passages of other
        sources, for a note on a comparison. Returns the saved note once it is
        durably on disk; raises :class:`NotesError` otherwise, and for an empty note
        (no text and no quote: the app and the CLI refuse one too).
        """
        if not (text or "").strip() and not (quote or "").strip():
            raise NotesError("the note is empty: write a note or give a quote")
        try:
            ref = brief.passage(passage_id)
        except KeyError:
            raise NotesError(f"no passage {passage_id} in the brief {brief.name}") from None
        anchor = make_anchor(ref.document, passage_id, quote)
        compared: list[PassageAnchor] = []
        for other in comparison or ():
            if other == passage_id:
                continue
            try:
                other_ref = brief.passage(other)
            except KeyError:
                raise NotesError(f"no passage {other} in the brief {brief.name}") from None
            compared.append(make_anchor(other_ref.document, other))
        now = _now()
        note = Note(
            id=secrets.token_hex(6),
            brief_key=brief.key,
            brief_name=brief.name,
            anchor=anchor,
            text=text,
            quote=anchor.exact if quote else None,  # the passage's own words for it
            tags=normalize_tags(tags),
            comparison=tuple(compared),
            created_at=now,
            updated_at=now,
        )

        def insert(conn: sqlite3.Connection) -> Note:
            nonlocal note
            for _ in range(5):
                exists = conn.execute("SELECT 1 FROM notes WHERE id = ?", (note.id,)).fetchone()
                if not exists:
                    break
                note = _replace_id(note, secrets.token_hex(6))
            conn.execute(
                f"INSERT INTO notes ({COLUMNS}) VALUES ({', '.join('?' * 21)})",
                note_to_row(note),
            )
            return note

        return self._write("save the note", insert)

    def update(
        self, note_id: str, *, text: str | None = None, tags: Sequence[str] | None = None
    ) -> Note:
        """Change a note's text and/or tags; returns the updated note."""

        def change(conn: sqlite3.Connection) -> Note:
            note = fetch(conn, note_id)
            if note is None:
                raise NoteNotFound(f"no note {note_id} in {self.path}")
            if text is not None and not text.strip() and not note.quote:
                raise NotesError("the note would be empty: delete it instead")
            new = Note(
                id=note.id,
                brief_key=note.brief_key,
                brief_name=note.brief_name,
                anchor=note.anchor,
                text=note.text if text is None else text,
                quote=note.quote,
                tags=note.tags if tags is None else normalize_tags(tags),
                comparison=note.comparison,
                created_at=note.created_at,
                updated_at=_now(),
            )
            conn.execute(
                "UPDATE notes SET text = ?, tags = ?, updated_at = ? WHERE id = ?",
                params(
                    new.text, json.dumps(list(new.tags), ensure_ascii=False), new.updated_at, new.id
                ),
            )
            return new

        return self._write("update the note", change)

    def delete(self, note_id: str) -> Note:
        """Delete a note; returns it, so that :meth:`restore` can undo."""

        def remove(conn: sqlite3.Connection) -> Note:
            note = fetch(conn, note_id)
            if note is None:
                raise NoteNotFound(f"no note {note_id} in {self.path}")
            conn.execute("DELETE FROM notes WHERE id = ?", (note.id,))
            return note

        return self._write("delete the note", remove)

    def restore(self, note: Note) -> Note:
        """Put back a deleted note, with the same id (undo of :meth:`delete`)."""

        def put(conn: sqlite3.Connection) -> Note:
            conn.execute(
                f"INSERT OR REPLACE INTO notes ({COLUMNS}) VALUES ({', '.join('?' * 21)})",
                note_to_row(note),
            )
            return note

        return self._write("restore the note", put)

    def get(self, note_id: str) -> Note:
        """The note with ``note_id`` (or a unique prefix of it); :class:`NotesError` if none."""
        note = self._read(lambda conn: fetch(conn, note_id), None)
        if note is None:
            raise NoteNotFound(f"no note {note_id} in {self.path}")
        return note

    def all_notes(self) -> list[Note]:
        """Every stored note, oldest first."""

        def fetch(conn: sqlite3.Connection) -> list[Note]:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM notes ORDER BY created_at, rowid"
            ).fetchall()
            return [row_to_note(row) for row in rows]

        return self._read(fetch, [])

    def notes(self, brief: Brief | None = None) -> list[AnchoredNote]:
        """The notes of ``brief``, re-anchored, in reading order, orphans last.

        Which notes belong to a brief, even after its folder moved and its articles
        changed, is described in :mod:`brieftui.notes.reattach`. Without a brief:
        every note, unresolved (anchored where it was taken), oldest first.
        """
        stored = self.all_notes()
        if brief is None:
            return [
                AnchoredNote(note, as_stored(note.anchor), tuple(map(as_stored, note.comparison)))
                for note in stored
            ]
        return anchor_notes(brief, stored)

    def overview(self, brief: Brief | None = None) -> NotesOverview:
        """Every stored note, for a list that hides none: ``brief``'s own notes re-anchored
        (``current``, as :meth:`notes` gives them), and all the others grouped by the
        brief they were taken in (``others``). Without a brief, all notes are ``others``.
        One read of the store."""
        stored = self.all_notes()
        if brief is None:
            return NotesOverview((), group_by_brief(stored))
        current = anchor_notes(brief, stored)
        shown = {item.note.id for item in current}
        return NotesOverview(
            tuple(current), group_by_brief(stored, skip=lambda note: note.id in shown)
        )


def _replace_id(note: Note, new_id: str) -> Note:
    return Note(
        id=new_id,
        brief_key=note.brief_key,
        brief_name=note.brief_name,
        anchor=note.anchor,
        text=note.text,
        quote=note.quote,
        tags=note.tags,
        comparison=note.comparison,
        created_at=note.created_at,
        updated_at=note.updated_at,
    )
