"""How the notes store tells SQLite's failures apart: a damaged file, an unwritable
folder, a store's schema version read without opening it for writing.

Kept apart from :mod:`brieftui.notes.store` so the store reads as what it does
(add, update, delete, list) and these judgements can be read and tested alone.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000

SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


class Corrupt(Exception):
    """Raised by the store when ``PRAGMA quick_check`` finds damage."""


def _says(exc: BaseException, codes: tuple[int, ...], words: tuple[str, ...]) -> bool:
    """Whether ``exc`` carries one of SQLite's primary result ``codes``, or, from a
    SQLite build that gives no code, one of ``words`` in its message."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in codes:
        return True
    text = str(exc).lower()
    return any(word in text for word in words)


def is_corrupt(exc: BaseException) -> bool:
    return isinstance(exc, Corrupt) or _says(
        exc, (SQLITE_CORRUPT, SQLITE_NOTADB), ("not a database", "malformed")
    )


def is_unwritable(exc: BaseException) -> bool:
    """Does ``exc`` say the file or its folder cannot be written (rather than busy, full...)?"""
    if isinstance(exc, PermissionError):
        return True
    text = str(exc).lower()
    return "unable to open" in text or "readonly" in text or "read-only" in text


SQLITE_IOERR = 10
SQLITE_FULL = 13


def is_full_or_failing(exc: BaseException) -> bool:
    """Does ``exc`` say the disk is full or failing (SQLite's "disk I/O error", raised when
    the shared-memory file of a write-ahead log cannot grow on a full disk)? The store
    can then still be read, as from a read-only folder."""
    return _says(exc, (SQLITE_IOERR, SQLITE_FULL), ("disk i/o error", "disk is full"))


def disk_full(folder: Path) -> bool:
    """True when ``folder``'s file system has (almost) no room left for this user."""
    import os

    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


def reason_at(exc: BaseException, folder: Path) -> str:
    """:func:`reason`, saying so when the disk is full (SQLite only says "disk I/O error")."""
    why = reason(exc)
    return f"{why}: the disk is full" if is_full_or_failing(exc) and disk_full(folder) else why


def identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def read_version(path: Path, mode: str) -> int | None:
    """``PRAGMA user_version`` read through a read-only connection; None if it cannot be read."""
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?{mode}",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        row = conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return row[0] if row and isinstance(row[0], int) else None


def reason(exc: BaseException) -> str:
    """The one-line reason of ``exc``: its OS message, else its text, else its type."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
