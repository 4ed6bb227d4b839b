"""Opening the notes file: the half of :class:`~brieftui.notes.store.NoteStore` that
finds, checks and prepares the SQLite file before any note is read or written.

A store written by a newer brieftui is refused untouched, a damaged file is moved
aside (never deleted) and a new store started, a read-only folder still lets the
notes be read, and several processes opening one new store at once retry instead of
failing (see :mod:`brieftui.notes.store` for the guarantees, and
:mod:`brieftui.notes.sqlite_faults` for how the failures are told apart). Kept apart
from the store so that the store reads as what it does (add, update, delete, list).
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from brieftui.notes.model import NotesError
from brieftui.notes.rows import MIGRATIONS, SCHEMA_VERSION
from brieftui.notes.sqlite_faults import (
    BUSY_TIMEOUT_MS,
    Corrupt,
    identity,
    is_corrupt,
    is_full_or_failing,
    is_unwritable,
    read_version,
    reason,
    reason_at,
)

__all__ = ["Opener"]


class Opener:
    """Opens ``path`` for :class:`~brieftui.notes.store.NoteStore` (its state is set
    there, in ``__init__``; every method here runs under its lock)."""

    path: Path
    warnings: list[str]
    _conn: sqlite3.Connection | None
    _readonly: bool
    _lock: Any  # a threading.RLock

    def close(self) -> None:
        """Close the connection (:meth:`NoteStore.close <brieftui.notes.store.NoteStore.close>`)."""
        raise NotImplementedError

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
                        f"cannot create the notes folder {path.parent}: {reason(exc)}"
                    ) from exc
            opened = identity(path)
            if opened is not None:
                self._refuse_if_newer(path)
            try:
                self._conn = self._connect(path)
            except NotesError:
                raise
            except Exception as exc:
                if not is_corrupt(exc):
                    full = is_full_or_failing(exc)
                    if not is_unwritable(exc) and not full:
                        raise NotesError(
                            f"cannot open the notes store {path}: {reason(exc)}"
                        ) from exc
                    if not create and path.exists():
                        # A read-only folder or a full disk: the notes can still be read
                        # (listed, exported), never lost from sight.
                        self._conn = self._connect_readonly(path, exc)
                        self._readonly = True
                        return self._conn
                    hint = "" if full else f" (is {path.parent} writable?)"
                    raise NotesError(
                        f"cannot open the notes store {path} for writing: "
                        f"{reason_at(exc, path.parent)}{hint}"
                    ) from exc
                # Another process may have moved it aside and started a new store
                # meanwhile: only move the very file that was found damaged.
                if opened is not None and identity(path) == opened:
                    self._move_aside(path, exc)
                try:
                    self._conn = self._connect(path)
                except Exception as exc2:
                    raise NotesError(
                        f"cannot start a new notes store at {path}: {reason(exc2)}"
                    ) from exc2
            return self._conn

    def _refuse_if_newer(self, path: Path) -> None:
        """Raise :class:`NotesError` when ``path`` was written by a newer brieftui, touching nothing.

        Why before opening for writing: a read-write connection, when it closes,
        merges a pending write-ahead log into the file (a checkpoint), and switching
        to WAL writes the header; a store we must refuse must keep every byte. So the
        version is read first through a read-only connection: ``mode=ro`` when a log is
        pending (it must be read, it may hold the version; a reader never checkpoints),
        else ``immutable=1`` (no log, no lock files created; a "newer" answer is then
        confirmed by a locked ``mode=ro`` read, since immutable reads take no lock). A
        file that cannot be read this way is left to :meth:`_connect`, which knows
        damaged files.
        """
        wal = path.with_name(path.name + "-wal")
        try:
            pending = wal.exists() and wal.stat().st_size > 0
        except OSError:
            pending = True
        version = read_version(path, "mode=ro" if pending else "mode=ro&immutable=1")
        if version is not None and version > SCHEMA_VERSION and not pending:
            # immutable reads take no lock: confirm with a locked read before refusing,
            # in case another process was writing the header at that moment
            version = read_version(path, "mode=ro")
        if version is not None and version > SCHEMA_VERSION:
            raise NotesError(
                f"the notes store {path} was written by a newer brieftui (schema {version}); "
                f"this version reads up to {SCHEMA_VERSION}"
            )

    def _connect_readonly(self, path: Path, cause: BaseException) -> sqlite3.Connection:
        """Open ``path`` for reading only (its folder is read-only), or explain why not."""
        failure = NotesError(f"cannot open the notes store {path}: {reason(cause)}")
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
                raise Corrupt(f"integrity check failed: {check}")
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
                f"the notes store {path} is damaged ({reason(exc)}) and could not be moved "
                f"aside: {reason(move_exc)}"
            ) from move_exc
        self.warnings.append(
            f"the notes store {path} was damaged ({reason(exc)}); it was moved aside to "
            f"{aside} and a new, empty store was started"
        )
