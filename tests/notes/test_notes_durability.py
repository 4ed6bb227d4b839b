"""Durability: concurrent writers, SIGKILL mid-save, corrupt files, read-only dirs,
newer schemas and full disks. Real SQLite files in tmp dirs (BRIEFTUI_DATA_DIR)."""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from notes_helpers import long_passages

import brieftui
from brieftui.notes import SCHEMA_VERSION, NotesError, NoteStore
from brieftui.notes import store as store_module

CHILD = textwrap.dedent(
    """
    import sys
    import time
    import brieftui
    from brieftui.notes import NoteStore

    folder, label, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    brief = brieftui.load([folder])
    ids = [ref.passage.id for ref in brief.passages()]
    store = NoteStore()
    print("ready", flush=True)
    if len(sys.argv) > 4:
        sys.stdin.readline()  # wait for "go", so that writers really run at the same time
    for i in range(count):
        note = store.add(brief, ids[i % len(ids)], f"{label} {i}", tags=[label])
        print(note.id, flush=True)
        if len(sys.argv) > 4:
            time.sleep(0.002)  # let the other writer in between our transactions
    store.close()
    """
)


def _child(folder: Path, label: str, count: int, *, wait: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), label, str(count), *(["wait"] if wait else [])],
        stdin=subprocess.PIPE if wait else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def test_two_processes_adding_at_once_lose_nothing(brief, brief_dir: Path) -> None:
    count = 100
    children = [_child(brief_dir, label, count, wait=True) for label in ("alpha", "beta")]
    for child in children:
        assert child.stdout.readline().strip() == "ready"
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    acknowledged: set[str] = set()
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        acknowledged.update(out.split())
    assert len(acknowledged) == 2 * count
    with NoteStore() as store:
        stored = {n.id: n for n in store.all_notes()}
        # the writers did overlap: in saving order, the labels alternate more than once
        labels = [n.tags[0] for n in store.all_notes()]
        switches = sum(1 for a, b in itertools.pairwise(labels) if a != b)
        assert switches >= 10, labels
        assert set(stored) == acknowledged
        texts = {n.text for n in stored.values()}
        assert texts == {f"{label} {i}" for label in ("alpha", "beta") for i in range(count)}
        assert len(store.notes(brief)) == 2 * count


def test_sigkill_while_saving_keeps_every_acknowledged_note(brief, brief_dir: Path) -> None:
    child = _child(brief_dir, "killed", 100_000)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    acknowledged = [child.stdout.readline().strip() for _ in range(60)]
    os.kill(child.pid, signal.SIGKILL)  # in the middle of the loop: saves are in flight
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    rest = child.stdout.read().split()  # acknowledged after we stopped reading
    child.stdout.close()
    child.stderr.close()
    acknowledged += rest
    with NoteStore() as store:
        assert store.warnings == []
        ids = {n.id for n in store.all_notes()}
        assert set(acknowledged) <= ids
        conn = store._open(create=False)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # and the store still takes notes
        store.add(brief, long_passages(brief)[0].passage.id, "after the crash")


def _garbage_store(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = b"this is not an SQLite file, it was overwritten by accident\n" * 200
    path.write_bytes(data)
    return data


def test_corrupt_file_is_moved_aside_with_a_message(brief) -> None:
    store = NoteStore()
    original = _garbage_store(store.path)
    assert store.notes(brief) == []
    assert len(store.warnings) == 1
    message = store.warnings[0]
    aside = list(store.path.parent.glob("notes.sqlite3.corrupt-*"))
    assert len(aside) == 1
    assert str(aside[0]) in message and str(store.path) in message
    assert aside[0].read_bytes() == original  # nothing discarded
    note = store.add(brief, long_passages(brief)[0].passage.id, "fresh start")
    store.close()
    with NoteStore() as again:
        assert again.get(note.id) == note
        assert again.warnings == []


def test_damaged_pages_are_detected_and_moved_aside(brief) -> None:
    with NoteStore() as store:
        for ref in long_passages(brief)[:30]:
            store.add(brief, ref.passage.id, "x" * 500)
        path = store.path
    data = bytearray(path.read_bytes())
    assert len(data) > 4 * 4096
    data[4096 + 10 : 4096 * 3] = b"\xff" * (4096 * 2 - 10)  # trash pages 2-3, keep the header
    path.write_bytes(bytes(data))
    with NoteStore() as store:
        assert store.notes(brief) == []
        assert store.warnings and "moved aside" in store.warnings[0]
        assert list(path.parent.glob("notes.sqlite3.corrupt-*"))


def test_newer_schema_is_refused_and_untouched(brief) -> None:
    path = NoteStore().path
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id TEXT PRIMARY KEY, future TEXT)")
    conn.execute("INSERT INTO notes VALUES ('abc', 'from the future')")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    store = NoteStore()
    with pytest.raises(NotesError) as info:
        store.notes(brief)
    message = str(info.value)
    assert f"newer brieftui (schema {SCHEMA_VERSION + 5})" in message
    assert f"reads up to {SCHEMA_VERSION}" in message and str(path) in message
    with pytest.raises(NotesError, match="newer brieftui"):
        store.add(brief, long_passages(brief)[0].passage.id, "x")
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.corrupt-*"))


@contextlib.contextmanager
def _read_only(folder: Path, monkeypatch: pytest.MonkeyPatch):
    """Make ``folder`` read-only for real: chmod for a user; for root (who ignores
    permission bits) the immutable attribute, or, where chattr is unavailable, SQLite
    refusing to open a file there for writing exactly as it does for a user."""
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    immutable = False
    real_connect = sqlite3.connect
    if not is_root:
        folder.chmod(0o500)
    else:
        try:
            done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
            immutable = done.returncode == 0
        except OSError:
            immutable = False
        if not immutable:

            def refuse(database, *args, **kwargs):
                if str(folder) in str(database) and not kwargs.get("uri"):
                    raise sqlite3.OperationalError("unable to open database file")
                return real_connect(database, *args, **kwargs)

            monkeypatch.setattr(store_module.sqlite3, "connect", refuse)
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        if not is_root:
            folder.chmod(0o700)
        monkeypatch.setattr(store_module.sqlite3, "connect", real_connect)


def test_read_only_data_dir_is_a_clear_error_and_the_brief_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, brief_dir: Path
) -> None:
    data = tmp_path / "ro-data"
    data.mkdir()
    monkeypatch.setenv("BRIEFTUI_DATA_DIR", str(data))
    with _read_only(data, monkeypatch):
        store = NoteStore()  # never fails
        brief = brieftui.load([brief_dir])  # the brief opens and reads
        assert brief.passage_count > 0
        assert store.notes(brief) == []  # no store yet: no notes, nothing created
        with pytest.raises(NotesError) as info:
            store.add(brief, long_passages(brief)[0].passage.id, "typed text")
        assert str(data) in str(info.value)
        assert "\n" not in str(info.value)
        assert not (data / "notes.sqlite3").exists()


def test_existing_notes_stay_readable_in_a_read_only_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, brief
) -> None:
    data = tmp_path / "ro-later"
    monkeypatch.setenv("BRIEFTUI_DATA_DIR", str(data))
    with NoteStore() as store:
        kept = [store.add(brief, ref.passage.id, "kept") for ref in long_passages(brief)[:3]]
    with _read_only(data, monkeypatch):
        store = NoteStore()
        assert [n.note for n in store.notes(brief)] == kept
        with pytest.raises(NotesError, match="writable"):
            store.add(brief, long_passages(brief)[4].passage.id, "typed text")
        with pytest.raises(NotesError):
            store.delete(kept[0].id)
        assert store.get(kept[0].id) == kept[0]  # still readable after the failed write
        store.close()
    with NoteStore() as store:  # writable again: everything there, and it takes notes
        assert store.all_notes() == kept
        store.add(brief, long_passages(brief)[4].passage.id, "now saved")


def test_existing_notes_stay_readable_on_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, brief
) -> None:
    """On a full disk SQLite cannot grow the log's shared-memory file and says "disk I/O
    error" on opening: the notes must still list and export (from a trial: every
    `notes list` and `notes export` failed until space was freed)."""
    from brieftui.notes import sqlite_faults

    data = tmp_path / "full"
    monkeypatch.setenv("BRIEFTUI_DATA_DIR", str(data))
    with NoteStore() as store:
        kept = [store.add(brief, ref.passage.id, "kept") for ref in long_passages(brief)[:2]]
    real_connect = sqlite3.connect

    def full(database, *args, **kwargs):
        if not kwargs.get("uri"):  # the read-write opening; read-only ones use a URI
            raise sqlite3.OperationalError("disk I/O error")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(store_module.sqlite3, "connect", full)
    monkeypatch.setattr(sqlite_faults, "disk_full", lambda _folder: True)
    store = NoteStore()
    assert [n.note for n in store.notes(brief)] == kept
    with pytest.raises(NotesError, match="the disk is full"):
        store.add(brief, long_passages(brief)[3].passage.id, "typed text")
    assert store.all_notes() == kept
    store.close()


def test_data_dir_under_a_file_is_a_clear_error(tmp_path: Path, monkeypatch, brief) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFTUI_DATA_DIR", str(blocker / "data"))
    store = NoteStore()
    with pytest.raises(NotesError, match="cannot create the notes folder"):
        store.add(brief, long_passages(brief)[0].passage.id, "x")


def test_db_path_is_a_directory(tmp_path: Path, brief) -> None:
    path = tmp_path / "notes.sqlite3"
    path.mkdir()
    store = NoteStore(path)
    with pytest.raises(NotesError, match="is a directory"):
        store.notes(brief)
    with pytest.raises(NotesError, match="is a directory"):
        store.add(brief, long_passages(brief)[0].passage.id, "x")


class _FailingConnection:
    """Wraps a real connection; statements matching ``when`` fail like a full disk."""

    def __init__(self, real: sqlite3.Connection, when, error: Exception) -> None:
        self._real = real
        self._when = when
        self._error = error

    def execute(self, sql: str, *args):
        if self._when(sql):
            raise self._error
        return self._real.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._real, name)


@pytest.mark.parametrize(
    "when",
    [
        lambda sql: sql.lstrip().startswith(("INSERT", "UPDATE", "DELETE")),
        lambda sql: sql.strip() == "COMMIT",
    ],
    ids=["on-write", "on-commit"],
)
@pytest.mark.parametrize(
    "error",
    [sqlite3.OperationalError("database or disk is full"), OSError(28, "No space left on device")],
    ids=["sqlite-full", "oserror"],
)
def test_disk_full_is_a_clear_error_and_nothing_is_lost(brief, when, error) -> None:
    refs = long_passages(brief)
    store = NoteStore()
    kept = [store.add(brief, ref.passage.id, f"kept {i}") for i, ref in enumerate(refs[:3])]
    real = store._conn
    store._conn = _FailingConnection(real, when, error)
    with pytest.raises(NotesError) as info:
        store.add(brief, refs[4].passage.id, "typed but not saved")
    assert str(store.path) in str(info.value)
    assert "full" in str(info.value) or "No space" in str(info.value)
    with pytest.raises(NotesError):
        store.update(kept[0].id, text="changed")
    with pytest.raises(NotesError):
        store.delete(kept[1].id)
    store._conn = real
    assert not real.in_transaction
    assert store.all_notes() == kept  # nothing lost, nothing half-written
    store.close()
    with NoteStore() as fresh:
        assert fresh.all_notes() == kept
        fresh.add(brief, refs[4].passage.id, "saved once there is room")
        assert len(fresh.all_notes()) == 4


_OPENER = textwrap.dedent(
    """
    import sys, time
    from brieftui.notes import NoteStore
    start = float(sys.argv[1])
    while time.time() < start:  # every process opens the new store at the same instant
        pass
    store = NoteStore(sys.argv[2])
    store._open(create=True)
    print("opened")
    """
)


@pytest.mark.parametrize("round_", range(3))
def test_many_processes_opening_a_new_store_at_once_all_succeed(
    tmp_path: Path, round_: int
) -> None:
    """Creating the store (WAL switch, first migration) can fail at once with "database is
    locked" instead of waiting; opening must retry, not fail a user's save."""
    import time

    db = tmp_path / f"race-{round_}" / "notes.sqlite3"
    db.parent.mkdir()
    start = time.time() + 1.5
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _OPENER, str(start), str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    results = [child.communicate(timeout=60) for child in children]
    failures = [
        err for child, (_out, err) in zip(children, results, strict=True) if child.returncode
    ]
    assert failures == []
    assert all(out.strip() == "opened" for out, _err in results)


_PENDING_WAL = textwrap.dedent(
    """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE notes (id TEXT PRIMARY KEY, future TEXT)")
    conn.execute("INSERT INTO notes VALUES ('abc', 'from the future')")
    conn.execute("PRAGMA user_version = " + sys.argv[2])
    os._exit(0)  # no close: the committed pages stay in the -wal, unmerged
    """
)


def test_newer_schema_with_a_pending_wal_is_refused_and_not_one_byte_changes(brief) -> None:
    path = NoteStore().path
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-c", _PENDING_WAL, str(path), str(SCHEMA_VERSION + 3)], check=True
    )
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0  # the newer brieftui's writes are still in the log
    before = (path.read_bytes(), wal.read_bytes())
    store = NoteStore()
    with pytest.raises(NotesError, match=rf"newer brieftui \(schema {SCHEMA_VERSION + 3}\)"):
        store.notes(brief)
    with pytest.raises(NotesError, match="newer brieftui"):
        store.add(brief, long_passages(brief)[0].passage.id, "x")
    with pytest.raises(NotesError, match="newer brieftui"):
        store.all_notes()
    store.close()
    assert (path.read_bytes(), wal.read_bytes()) == before
    assert not list(path.parent.glob("*.corrupt-*"))
