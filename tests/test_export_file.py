"""Exports never destroy: an existing file, a symlink, the notes store (however it is
named) and special files are refused; ``-o -`` is standard output; the app's default
export file is unique per brief."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

import brieftui
from brieftui.cli import main
from brieftui.export_file import ExportTargetError, check_export_target, write_export
from brieftui.fileio import write_atomically
from brieftui.notes import NoteStore
from brieftui.paths import brief_export_path, notes_db_path
from tests.conftest import SEEDS_DIR

SEEDS = SEEDS_DIR


@pytest.fixture
def noted(tmp_path: Path) -> Path:
    """A brief with one note, so the store exists (and has a -wal while open)."""
    folder = tmp_path / "brief"
    folder.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder / "a.txt")
    brief = brieftui.load([folder])
    with NoteStore() as store:
        store.add(brief, next(brief.passages()).passage.id, "kept")
    return folder


def _export(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["notes", "export", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _store_state() -> dict[str, bytes]:
    folder = notes_db_path().parent
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_an_existing_file_is_refused_unless_forced(capsys, noted: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.md"
    target.write_text("my own file")
    code, _, err = _export(capsys, "-o", str(target), str(noted))
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_text() == "my own file"
    code, _, err = _export(capsys, "-o", str(target), "--force", str(noted))
    assert code == 0 and "Wrote 1 note" in err
    assert "kept" in target.read_text()
    assert sorted(os.listdir(tmp_path)) == ["brief", "mine.md"]  # no temp file left


def test_dash_is_standard_output(capsys, noted: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = _export(capsys, "-o", "-", str(noted))
    assert code == 0 and out.startswith("---\n") and "kept" in out
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("force", [False, True])
def test_the_store_and_its_side_files_are_never_a_target(
    capsys, noted: Path, suffix: str, force: bool
) -> None:
    store = notes_db_path()
    target = store.with_name(store.name + suffix)
    before = _store_state()
    code, _, err = _export(capsys, "-o", str(target), *(["--force"] if force else []), str(noted))
    assert code == 1 and "notes store" in err
    assert _store_state() == before
    assert main(["notes", "list", str(noted), "--json"]) == 0
    assert '"kept"' in capsys.readouterr().out


@pytest.mark.parametrize("how", ["symlink", "hardlink", "dotdot", "symlinked-folder"])
def test_the_store_is_recognised_however_it_is_named(
    capsys, noted: Path, tmp_path: Path, how: str
) -> None:
    store = notes_db_path()
    if how == "symlink":
        target = tmp_path / "innocent.md"
        target.symlink_to(store)
    elif how == "hardlink":
        target = tmp_path / "innocent.md"
        os.link(store, target)
    elif how == "dotdot":
        target = store.parent / "exports" / ".." / store.name
        (store.parent / "exports").mkdir()
    else:
        link = tmp_path / "data-link"
        link.symlink_to(store.parent, target_is_directory=True)
        target = link / store.name
    before = _store_state()
    code, _, err = _export(capsys, "-o", str(target), "--force", str(noted))
    assert code == 1 and "notes store" in err
    assert _store_state() == before
    assert not list(store.parent.glob("*.corrupt-*"))


def test_a_symlink_is_never_replaced_by_a_file(capsys, noted: Path, tmp_path: Path) -> None:
    real = tmp_path / "vault" / "notes.md"
    real.parent.mkdir()
    real.write_text("old export")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    code, _, err = _export(capsys, "-o", str(link), str(noted))
    assert code == 1 and "symbolic link" in err
    assert link.is_symlink() and real.read_text() == "old export"
    code, _, _ = _export(capsys, "-o", str(link), "--force", str(noted))
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)  # the link is kept...
    assert "kept" in real.read_text()  # ...and the file it points to replaced


def test_folders_and_special_files_are_refused_even_with_force(
    capsys, noted: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _, err = _export(capsys, "-o", str(folder), "--force", str(noted))
    assert code == 1 and "is a folder" in err
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done: list[int] = []
    worker = threading.Thread(
        target=lambda: done.append(
            main(["notes", "export", "-o", str(fifo), "--force", str(noted)])
        )
    )
    worker.start()
    worker.join(timeout=20)
    assert done == [1]  # refused at once: never opened, so never blocks
    assert "not a regular file" in capsys.readouterr().err


def test_a_missing_folder_is_not_created(capsys, noted: Path, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "notes.md"
    code, _, err = _export(capsys, "-o", str(target), str(noted))
    assert code == 1 and "no folder" in err and not target.parent.exists()


def test_no_clobber_holds_when_the_file_appears_during_the_write(tmp_path: Path) -> None:
    target = tmp_path / "race.md"
    target.write_text("appeared meanwhile")
    with pytest.raises(FileExistsError):
        write_atomically(target, "export", replace=False)
    assert target.read_text() == "appeared meanwhile" and os.listdir(tmp_path) == ["race.md"]
    fresh = tmp_path / "fresh.md"
    write_atomically(fresh, "export", replace=False)
    assert fresh.read_text() == "export"


def test_the_core_check_is_one_function_with_reasons(tmp_path: Path) -> None:
    store = tmp_path / "data" / "notes.sqlite3"
    store.parent.mkdir()
    store.write_bytes(b"SQLite format 3\x00")
    existing = tmp_path / "x.md"
    existing.write_text("x")
    cases = {
        "protected": (store.with_name("notes.sqlite3-wal"), True),
        "exists": (existing, False),
        "no_folder": (tmp_path / "no" / "x.md", True),
        "not_a_file": (tmp_path, True),
    }
    for reason, (target, force) in cases.items():
        with pytest.raises(ExportTargetError) as info:
            check_export_target(
                target, force=force, protected=[store, store.with_name("notes.sqlite3-wal")]
            )
        assert info.value.reason == reason
    assert check_export_target(existing, force=True, protected=[store]) == existing
    written = write_export(tmp_path / "out" / "n.md", "text", make_folder=True, protected=[store])
    assert written.read_text() == "text"


def test_default_export_files_are_unique_per_brief(tmp_path: Path) -> None:
    one = tmp_path / "a" / "ukraine"
    two = tmp_path / "b" / "ukraine"
    for folder in (one, two):
        folder.mkdir(parents=True)
        shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder / "x.txt")
    first, second = brieftui.load([one]), brieftui.load([two])
    path_one = brief_export_path(first.name, first.key)
    path_two = brief_export_path(second.name, second.key)
    assert path_one != path_two
    assert path_one.name.startswith("ukraine-") and path_one.name.endswith("-notes.md")
    assert path_one == brief_export_path(brieftui.load([one]).name, brieftui.load([one]).key)
    odd = brief_export_path(os.fsdecode(b"caf\xe9 / [draft]") + "x" * 300, "0123456789abcdef")
    assert odd.parent == path_one.parent
    assert odd.name.encode("utf-8") and len(odd.name) < 100 and "/" not in odd.name


def test_an_exported_file_holds_no_raw_control_character(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "brief"
    folder.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder / "a.txt")
    brief = brieftui.load([folder])
    text = "He said [sic] [/] it was \x1b]52;c;aGk=\x07 \x9b2J \x1b[2J"
    with NoteStore() as store:
        store.add(brief, next(brief.passages()).passage.id, text, tags=["[draft]"])
    target = tmp_path / "out.md"
    assert main(["notes", "export", "-o", str(target), str(folder)]) == 0
    written = target.read_text(encoding="utf-8")
    assert not {"\x1b", "\x07", "\x9b"} & set(written)
    assert "He said" in written and "sic" in written and "␛" in written
