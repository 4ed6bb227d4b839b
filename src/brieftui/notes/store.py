"""The notes store: one SQLite file in the user's data dir, safe under faults.

* Lazy: constructing a :class:`NoteStore` never touches the disk, so a broken
  data dir cannot stop a brief from opening. Reading a store that does not exist
  yet gives no notes and creates nothing; the file is created on the first write.
* WAL mode, ``busy_timeout`` and ``BEGIN IMMEDIATE`` transactions, so several
  processes (the app and the CLI) can add notes at once; ``synchronous=FULL``, so
  a note acknowledged (``add`` returned) survives the process being killed.
* A schema version in ``PRAGMA user_version`` with a list of migrations from the
  first release on. A store written by a *newer* brieftui is refused, untouched.
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
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from brieftui.notes.anchor import candidate_documents, make_anchor, norm_path, resolve
from brieftui.notes.model import (
    AnchoredNote,
    Note,
    NoteNotFound,
    NotesError,
    PassageAnchor,
    ResolvedPassage,
    normalize_tags,
)
from brieftui.paths import notes_db_path

if TYPE_CHECKING:
    from brieftui.brief import Brief

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000

# Each migration is a tuple of statements, run in one transaction; never edit a
# released one, append a new one. ``SCHEMA_VERSION`` is how many there are.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        """
        CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            brief_key TEXT NOT NULL,
            brief_name TEXT NOT NULL,
            passage_id TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            doc_path TEXT NOT NULL,
            doc_title TEXT NOT NULL,
            doc_fingerprint TEXT NOT NULL,
            doc_author TEXT,
            doc_date TEXT,
            section TEXT,
            quote TEXT,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            start INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]',
            comparison TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX notes_fingerprint ON notes (doc_fingerprint)",
        "CREATE INDEX notes_path ON notes (doc_path)",
        "CREATE INDEX notes_brief ON notes (brief_key)",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)

_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

_COLUMNS = (
    "id, brief_key, brief_name, passage_id, doc_id, doc_path, doc_title, doc_fingerprint, "
    "doc_author, doc_date, section, quote, exact, prefix, suffix, start, text, tags, "
    "comparison, created_at, updated_at"
)


class _Corrupt(Exception):
    pass


def _is_corrupt(exc: BaseException) -> bool:
    if isinstance(exc, _Corrupt):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def _is_unwritable(exc: BaseException) -> bool:
    """Does ``exc`` say the file or its folder cannot be written (rather than busy, full...)?"""
    if isinstance(exc, PermissionError):
        return True
    text = str(exc).lower()
    return "unable to open" in text or "readonly" in text or "read-only" in text


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


class NoteStore:
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

    def _open(self, *, create: bool) -> sqlite3.Connection | None:
        with self._lock:
            if self._conn is not None:
                if not (create and self._readonly):
                    return self._conn
                self.close()  # opened read-only for reading; try again to write
            path = self.path
            if path.is_dir():
                raise NotesError(f"cannot open the notes store: {path} is a directory")
            if not path.exists():
                if not create:
                    return None
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise NotesError(
                        f"cannot create the notes folder {path.parent}: {_reason(exc)}"
                    ) from exc
            opened = _identity(path)
            try:
                self._conn = self._connect(path)
            except NotesError:
                raise
            except Exception as exc:
                if not _is_corrupt(exc):
                    if not _is_unwritable(exc):
                        raise NotesError(
                            f"cannot open the notes store {path}: {_reason(exc)}"
                        ) from exc
                    if not create and path.exists():
                        # A read-only folder: the notes can still be read.
                        self._conn = self._connect_readonly(path, exc)
                        self._readonly = True
                        return self._conn
                    raise NotesError(
                        f"cannot open the notes store {path} for writing: {_reason(exc)} "
                        f"(is {path.parent} writable?)"
                    ) from exc
                # Another process may have moved it aside and started a new store
                # meanwhile: only move the very file that was found damaged.
                if opened is not None and _identity(path) == opened:
                    self._move_aside(path, exc)
                try:
                    self._conn = self._connect(path)
                except Exception as exc2:
                    raise NotesError(
                        f"cannot start a new notes store at {path}: {_reason(exc2)}"
                    ) from exc2
            return self._conn

    def _connect_readonly(self, path: Path, cause: BaseException) -> sqlite3.Connection:
        """Open ``path`` for reading only (its folder is read-only), or explain why not."""
        failure = NotesError(f"cannot open the notes store {path}: {_reason(cause)}")
        wal = path.with_name(path.name + "-wal")
        try:
            if wal.exists() and wal.stat().st_size > 0:
                raise failure  # unsaved log pages: reading without them would show old notes
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro&immutable=1",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error):
            raise failure from cause
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            conn.close()
            raise failure from exc
        if version != SCHEMA_VERSION:
            conn.close()
            if version > SCHEMA_VERSION:
                raise NotesError(
                    f"the notes store {path} was written by a newer brieftui (schema {version}); "
                    f"this version reads up to {SCHEMA_VERSION}"
                )
            raise failure
        return conn

    def _connect(self, path: Path) -> sqlite3.Connection:
        """Open and prepare the store, retrying while another process holds it.

        ``busy_timeout`` makes most statements wait for a lock, but not all: when two
        processes open a new store at once, switching it to WAL (or the first
        migration) can fail with "database is locked" at once, without waiting,
        because SQLite refuses rather than risk a deadlock. So the whole opening is
        retried, with backoff, for as long as ``busy_timeout`` would have waited.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        delay = 0.01
        while True:
            try:
                return self._connect_once(path)
            except sqlite3.OperationalError as exc:
                message = str(exc).lower()
                locked = "locked" in message or "busy" in message
                if not locked or time.monotonic() + delay > deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def _connect_once(self, path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NotesError(
                    f"the notes store {path} was written by a newer brieftui (schema {version}); "
                    f"this version reads up to {SCHEMA_VERSION}"
                )
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise _Corrupt(f"integrity check failed: {check}")
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            self._migrate(conn, version)
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        if version == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NotesError(
                    f"the notes store {self.path} was written by a newer brieftui "
                    f"(schema {version}); this version reads up to {SCHEMA_VERSION}"
                )
            for migration in MIGRATIONS[version:]:
                for statement in migration:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _move_aside(self, path: Path, exc: BaseException) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        try:
            os.replace(path, aside)
            for ext in ("-wal", "-shm"):
                side = path.with_name(path.name + ext)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + ext))
        except OSError as move_exc:
            raise NotesError(
                f"the notes store {path} is damaged ({_reason(exc)}) and could not be moved "
                f"aside: {_reason(move_exc)}"
            ) from move_exc
        self.warnings.append(
            f"the notes store {path} was damaged ({_reason(exc)}); it was moved aside to "
            f"{aside} and a new, empty store was started"
        )

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
                if _is_corrupt(exc):
                    self._drop_connection()
                raise NotesError(f"could not {what} in {self.path}: {_reason(exc)}") from exc

    def _read(self, fn: Callable[[sqlite3.Connection], T], default: T) -> T:
        with self._lock:
            conn = self._open(create=False)
            if conn is None:
                return default
            try:
                return fn(conn)
            except (sqlite3.Error, OSError) as exc:
                if _is_corrupt(exc):
                    self._drop_connection()
                raise NotesError(f"could not read notes from {self.path}: {_reason(exc)}") from exc

    # -- rows ------------------------------------------------------------------------
    @staticmethod
    def _row_to_note(row: Sequence[Any]) -> Note:
        (
            note_id,
            brief_key,
            brief_name,
            passage_id,
            doc_id,
            doc_path,
            doc_title,
            doc_fingerprint,
            doc_author,
            doc_date,
            section,
            quote,
            exact,
            prefix,
            suffix,
            start,
            text,
            tags,
            comparison,
            created_at,
            updated_at,
        ) = row
        anchor = PassageAnchor(
            passage_id=passage_id,
            doc_id=doc_id,
            doc_path=doc_path,
            doc_title=doc_title,
            doc_fingerprint=doc_fingerprint,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            start=start,
            section=section,
            doc_author=doc_author,
            doc_date=doc_date,
        )
        try:
            tag_list = tuple(str(t) for t in json.loads(tags or "[]"))
        except (ValueError, TypeError):
            tag_list = ()
        try:
            comp = tuple(
                PassageAnchor.from_json(item)
                for item in json.loads(comparison or "[]")
                if isinstance(item, dict)
            )
        except (ValueError, TypeError):
            comp = ()
        return Note(
            id=note_id,
            brief_key=brief_key,
            brief_name=brief_name,
            anchor=anchor,
            text=text,
            quote=quote,
            tags=tag_list,
            comparison=comp,
            created_at=created_at,
            updated_at=updated_at,
        )

    @staticmethod
    def _note_to_row(note: Note) -> tuple[Any, ...]:
        a = note.anchor
        return (
            note.id,
            note.brief_key,
            note.brief_name,
            a.passage_id,
            a.doc_id,
            a.doc_path,
            a.doc_title,
            a.doc_fingerprint,
            a.doc_author,
            a.doc_date,
            a.section,
            note.quote,
            a.exact,
            a.prefix,
            a.suffix,
            a.start,
            note.text,
            json.dumps(list(note.tags), ensure_ascii=False),
            json.dumps([c.to_json() for c in note.comparison], ensure_ascii=False),
            note.created_at,
            note.updated_at,
        )

    @staticmethod
    def _fetch(conn: sqlite3.Connection, note_id: str) -> Note | None:
        row = conn.execute(f"SELECT {_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None and len(note_id) >= 4:
            # A unique prefix of an id is enough (the CLI shows short ids).
            escaped = note_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM notes WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                (escaped + "%",),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return NoteStore._row_to_note(row) if row is not None else None

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
        durably on disk; raises :class:`NotesError` otherwise.
        """
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
            quote=quote or None,
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
                f"INSERT INTO notes ({_COLUMNS}) VALUES ({', '.join('?' * 21)})",
                self._note_to_row(note),
            )
            return note

        return self._write("save the note", insert)

    def update(
        self, note_id: str, *, text: str | None = None, tags: Sequence[str] | None = None
    ) -> Note:
        """Change a note's text and/or tags; returns the updated note."""

        def change(conn: sqlite3.Connection) -> Note:
            note = self._fetch(conn, note_id)
            if note is None:
                raise NoteNotFound(f"no note {note_id} in {self.path}")
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
                (new.text, json.dumps(list(new.tags), ensure_ascii=False), new.updated_at, new.id),
            )
            return new

        return self._write("update the note", change)

    def delete(self, note_id: str) -> Note:
        """Delete a note; returns it, so that :meth:`restore` can undo."""

        def remove(conn: sqlite3.Connection) -> Note:
            note = self._fetch(conn, note_id)
            if note is None:
                raise NoteNotFound(f"no note {note_id} in {self.path}")
            conn.execute("DELETE FROM notes WHERE id = ?", (note.id,))
            return note

        return self._write("delete the note", remove)

    def restore(self, note: Note) -> Note:
        """Put back a deleted note, with the same id (undo of :meth:`delete`)."""

        def put(conn: sqlite3.Connection) -> Note:
            conn.execute(
                f"INSERT OR REPLACE INTO notes ({_COLUMNS}) VALUES ({', '.join('?' * 21)})",
                self._note_to_row(note),
            )
            return note

        return self._write("restore the note", put)

    def get(self, note_id: str) -> Note:
        """The note with ``note_id`` (or a unique prefix of it); :class:`NotesError` if none."""
        note = self._read(lambda conn: self._fetch(conn, note_id), None)
        if note is None:
            raise NoteNotFound(f"no note {note_id} in {self.path}")
        return note

    def all_notes(self) -> list[Note]:
        """Every stored note, oldest first."""

        def fetch(conn: sqlite3.Connection) -> list[Note]:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM notes ORDER BY created_at, rowid"
            ).fetchall()
            return [self._row_to_note(row) for row in rows]

        return self._read(fetch, [])

    def notes(self, brief: Brief | None = None) -> list[AnchoredNote]:
        """The notes of ``brief``, re-anchored, in reading order, orphans last.

        Without a brief: every note, unresolved (anchored where it was taken),
        oldest first.
        """
        stored = self.all_notes()
        if brief is None:
            return [
                AnchoredNote(
                    note,
                    _as_stored(note.anchor),
                    tuple(_as_stored(c) for c in note.comparison),
                )
                for note in stored
            ]
        return anchor_notes(brief, stored)


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


def _as_stored(anchor: PassageAnchor) -> ResolvedPassage:
    return ResolvedPassage(
        anchor=anchor,
        passage_id=anchor.passage_id,
        section=anchor.section,
        text=anchor.exact,
        method="stored",
    )


def _orphan(anchor: PassageAnchor) -> ResolvedPassage:
    return ResolvedPassage(
        anchor=anchor, passage_id=None, section=anchor.section, text=anchor.exact
    )


def anchor_notes(brief: Brief, notes: Sequence[Note]) -> list[AnchoredNote]:
    """Resolve ``notes`` against ``brief``: those that belong to it, re-anchored and sorted."""
    documents = brief.documents
    doc_paths = {d.id: norm_path(d.path) for d in documents}
    doc_order = {d.id: i for i, d in enumerate(documents)}
    key = brief.key
    result: list[AnchoredNote] = []
    for note in notes:
        found = candidate_documents(note.anchor, note.brief_key, documents, key, doc_paths)
        if found is None:
            continue
        method, docs = found
        resolved = resolve(note.anchor, method, docs, quoted=note.quote is not None)
        compared: list[ResolvedPassage] = []
        for other in note.comparison:
            other_found = candidate_documents(other, note.brief_key, documents, key, doc_paths)
            if other_found is None:
                compared.append(_orphan(other))
            else:
                compared.append(resolve(other, other_found[0], other_found[1], quoted=False))
        result.append(AnchoredNote(note, resolved, tuple(compared)))

    def order(item: AnchoredNote) -> tuple[Any, ...]:
        r = item.resolved
        if r.passage_id is None or r.document is None:
            return (1, 0, 0, 0, item.note.created_at, item.note.id)
        start = r.span[0] if r.span else -1
        return (
            0,
            doc_order.get(r.document.id, 0),
            r.index,
            start,
            item.note.created_at,
            item.note.id,
        )

    result.sort(key=order)
    return result
