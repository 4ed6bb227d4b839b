"""File and folder names that are not UTF-8 (legal on Linux), and text with lone surrogates.

Python gives such names as ``str`` with surrogate escapes; the notes store keeps them
exactly (so the file can be found again), and everything shown or written as text
is valid UTF-8.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

import brieftui
from brieftui.fileio import write_atomically
from brieftui.notes import NoteNotFound, NoteStore
from brieftui.notes.anchor import norm_path

FOLDER = os.fsdecode(b"br\xffief \xe9t\xe9")  # latin-1 bytes: not UTF-8
FILE = os.fsdecode(b"caf\xe9 \x80report.txt")
TYPED = "from a latin-1 terminal: caf\udce9"  # what argv gives for the bytes b"caf\xe9"


@pytest.fixture
def odd_brief(tmp_path: Path) -> Path:
    folder = tmp_path / FOLDER
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    shutil.copy(seeds[0], folder / FILE)
    shutil.copy(seeds[1], folder / "plain.txt")
    assert os.fsencode(folder / FILE) in [os.fsencode(folder / n) for n in os.listdir(folder)]
    return folder


def _first_pid(brief: brieftui.Brief, path_part: str) -> str:
    return next(r.passage.id for r in brief.passages() if path_part in r.document.path)


def test_a_note_on_a_file_whose_name_is_not_utf8_is_saved_and_found(odd_brief: Path) -> None:
    brief = brieftui.load([odd_brief])
    pid = _first_pid(brief, FILE)
    with NoteStore() as store:
        note = store.add(brief, pid, TYPED, tags=["caf\udce9", "ok"])
    with NoteStore() as store:  # a fresh connection reads back exactly what was stored
        (stored,) = store.all_notes()
        (anchored,) = store.notes(brieftui.load([odd_brief]))
    assert stored == note
    assert stored.text == TYPED and stored.tags == ("caf\udce9", "ok")
    assert stored.brief_name == FOLDER
    assert stored.anchor.doc_path == norm_path(str(odd_brief / FILE))
    assert os.path.exists(os.fsencode(stored.anchor.doc_path))  # the real file, found again
    assert anchored.passage_id == pid and not anchored.orphaned


def test_update_delete_restore_and_lookup_with_such_text(odd_brief: Path) -> None:
    brief = brieftui.load([odd_brief])
    with NoteStore() as store:
        note = store.add(brief, _first_pid(brief, FILE), "first")
        changed = store.update(note.id, text=TYPED, tags=["\udcff"])
        assert store.get(note.id) == changed and changed.tags == ("\udcff",)
        with pytest.raises(NoteNotFound):
            store.get("caf\udce9")  # an id typed in a latin-1 terminal: not found, no crash
        removed = store.delete(note.id)
        assert store.all_notes() == []
        store.restore(removed)
        assert store.all_notes() == [changed]


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the real command line (bytes out), as a terminal would."""
    argv = [os.fsencode(a) for a in args]
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"brieftui", *argv], capture_output=True, check=False
    )


def test_the_cli_adds_lists_and_exports_and_writes_only_utf8(
    odd_brief: Path, tmp_path: Path
) -> None:
    brief = brieftui.load([odd_brief])
    pid = _first_pid(brief, FILE)
    added = _cli("notes", "add", pid, TYPED, "--tag", "caf\udce9", str(odd_brief))
    assert added.returncode == 0, added.stderr
    listed = _cli("notes", "list", str(odd_brief))
    assert listed.returncode == 0, listed.stderr
    assert "caf\ufffd" in listed.stdout.decode("utf-8")  # shown with a replacement character
    as_json = _cli("notes", "list", str(odd_brief), "--json")
    (note,) = json.loads(as_json.stdout.decode("utf-8"))["notes"]
    assert note["text"] == "from a latin-1 terminal: caf\ufffd" and note["passage_id"] == pid
    index = _cli("index", str(odd_brief), "--json")
    assert index.returncode == 0
    paths = [d["path"] for d in json.loads(index.stdout.decode("utf-8"))["documents"]]
    assert any("caf\ufffd \ufffdreport" in p for p in paths)
    to_stdout = _cli("notes", "export", str(odd_brief))
    assert to_stdout.returncode == 0 and "caf\ufffd" in to_stdout.stdout.decode("utf-8")
    out_dir = tmp_path / os.fsdecode(b"exp\xf6rts")
    out_dir.mkdir()
    target = out_dir / os.fsdecode(b"n\xf6tes.md")
    exported = _cli("notes", "export", str(odd_brief), "-o", str(target))
    assert exported.returncode == 0, exported.stderr
    exported.stderr.decode("utf-8")  # the message naming the file is valid UTF-8 too
    text = target.read_bytes().decode("utf-8")
    assert "from a latin-1 terminal" in text
    assert os.listdir(out_dir) == [target.name]  # no temp file left beside it


def test_a_failed_write_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / os.fsdecode(b"out\xff")
    target = folder / "notes.md"
    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "text with a lone surrogate \udcff")
    assert not target.exists() and (not folder.exists() or os.listdir(folder) == [])

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "fine text")
    assert os.listdir(folder) == []
    monkeypatch.undo()
    write_atomically(folder / os.fsdecode(b"\xe9" * 120 + b".md"), "a long odd name")
    assert len(os.listdir(folder)) == 1
