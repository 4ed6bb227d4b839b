"""The notes table: its schema, its migrations, and notes to and from rows.

Kept apart from :mod:`brieftui.notes.store` and :mod:`brieftui.notes.opening` (which
know files, connections, locking and faults) so that each stays small. Every value
read from a row is made the type the model expects: the file may have been written
by someone else.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from brieftui.notes.model import Note, PassageAnchor

__all__ = [
    "COLUMNS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "fetch",
    "from_db",
    "note_to_row",
    "params",
    "row_to_note",
    "to_db",
]

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

COLUMNS = (
    "id, brief_key, brief_name, passage_id, doc_id, doc_path, doc_title, doc_fingerprint, "
    "doc_author, doc_date, section, quote, exact, prefix, suffix, start, text, tags, "
    "comparison, created_at, updated_at"
)


def to_db(value: Any) -> Any:
    """A value as SQLite stores it, losslessly: text that is not valid Unicode as a BLOB.

    Why: a file or folder name that is not UTF-8 (legal on Linux) reaches Python as
    ``str`` with lone surrogates (``surrogateescape``), and so can a note typed on a
    command line; SQLite cannot bind such text. It is kept as its ``surrogatepass``
    UTF-8 bytes instead, in the same column (SQLite columns take any type), and
    :func:`from_db` turns it back into the very same ``str``, from which
    ``os.fsencode`` gives back the file's real name. Valid text stays TEXT, so
    existing stores need no migration.
    """
    if type(value) is str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogatepass")
    return value


def from_db(value: Any) -> Any:
    """The inverse of :func:`to_db` (no column of the notes table holds real bytes)."""
    if type(value) is bytes:
        try:
            return value.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:  # not written by brieftui: keep every byte anyway
            return value.decode("utf-8", "surrogateescape")
    return value


def params(*values: Any) -> tuple[Any, ...]:
    return tuple(map(to_db, values))


def _str(value: Any) -> str:
    return value if type(value) is str else "" if value is None else str(value)


def _opt(value: Any) -> str | None:
    return None if value is None else _str(value)


def row_to_note(row: Sequence[Any]) -> Note:
    """A row as a :class:`Note`; a value of the wrong type (a file written by another
    program) is made the type the model expects rather than breaking whoever shows it."""
    row = tuple(map(from_db, row))
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
        passage_id=_str(passage_id),
        doc_id=_str(doc_id),
        doc_path=_str(doc_path),
        doc_title=_str(doc_title),
        doc_fingerprint=_str(doc_fingerprint),
        exact=_str(exact),
        prefix=_str(prefix),
        suffix=_str(suffix),
        start=start if type(start) is int else 0,
        section=_opt(section),
        doc_author=_opt(doc_author),
        doc_date=_opt(doc_date),
    )
    try:
        tag_list = tuple(str(t) for t in json.loads(_str(tags) or "[]"))
    except (ValueError, TypeError):
        tag_list = ()
    try:
        comp = tuple(
            PassageAnchor.from_json(item)
            for item in json.loads(_str(comparison) or "[]")
            if isinstance(item, dict)
        )
    except (ValueError, TypeError):
        comp = ()
    return Note(
        id=_str(note_id),
        brief_key=_str(brief_key),
        brief_name=_str(brief_name),
        anchor=anchor,
        text=_str(text),
        quote=_opt(quote),
        tags=tag_list,
        comparison=comp,
        created_at=_str(created_at),
        updated_at=_str(updated_at),
    )


def note_to_row(note: Note) -> tuple[Any, ...]:
    a = note.anchor
    return params(
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


def fetch(conn: sqlite3.Connection, note_id: str) -> Note | None:
    row = conn.execute(f"SELECT {COLUMNS} FROM notes WHERE id = ?", params(note_id)).fetchone()
    if row is None and len(note_id) >= 4:
        # A unique prefix of an id is enough (the CLI shows short ids).
        escaped = note_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = conn.execute(
            f"SELECT {COLUMNS} FROM notes WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
            params(escaped + "%"),
        ).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return row_to_note(row) if row is not None else None
