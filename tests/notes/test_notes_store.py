"""The notes store: add, list, update, delete, restore, and its small promises."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from notes_helpers import long_passages

import brieftui
from brieftui.notes import NotesError, NoteStore
from brieftui.paths import notes_db_path


def test_store_is_lazy_and_reading_creates_nothing(brief, isolated_data_dir: Path) -> None:
    store = NoteStore()
    assert store.path == notes_db_path()
    assert store.path.parent == isolated_data_dir
    assert store.notes(brief) == []
    assert store.notes() == []
    assert not store.path.exists()


def test_add_list_update_delete_restore(brief, store: NoteStore) -> None:
    refs = long_passages(brief)
    first, second = refs[3], refs[1]
    quote = first.passage.text[20:60]
    a = store.add(brief, first.passage.id, "first note", quote=quote, tags=["nato", "#Big Deal"])
    b = store.add(brief, second.passage.id, "second note")
    assert a.id != b.id and len(a.id) == 12
    assert a.tags == ("nato", "Big-Deal")
    assert a.quote == quote and a.anchor.exact == quote
    assert b.quote is None and b.anchor.exact == second.passage.text
    assert store.path.exists()

    listed = store.notes(brief)
    # reading order: second's passage comes before first's
    assert [n.id for n in listed] == [b.id, a.id]
    na = listed[1]
    assert not na.orphaned and na.passage_id == first.passage.id
    assert na.doc_id == first.document.id
    assert na.section == first.section.heading
    start, end = na.span
    assert na.document is not None
    assert first.passage.text[start:end] == quote
    assert listed[0].span is None and listed[0].quote == second.passage.text

    updated = store.update(a.id, text="changed", tags=["x"])
    assert updated.text == "changed" and updated.tags == ("x",)
    assert store.get(a.id).text == "changed"
    assert store.update(a.id, text="again").tags == ("x",)

    deleted = store.delete(a.id)
    assert deleted.id == a.id and deleted.text == "again"
    assert [n.id for n in store.notes(brief)] == [b.id]
    with pytest.raises(NotesError, match=a.id):
        store.get(a.id)
    store.restore(deleted)
    assert store.get(a.id) == deleted
    assert [n.id for n in store.notes(brief)] == [b.id, a.id]


def test_notes_survive_a_new_store_and_prefix_lookup(brief) -> None:
    ref = long_passages(brief)[0]
    with NoteStore() as s1:
        note = s1.add(brief, ref.passage.id, "kept")
    with NoteStore() as s2:
        assert s2.get(note.id) == note
        assert s2.get(note.id[:6]) == note
        assert [n.note for n in s2.notes(brief)] == [note]


def test_bad_input_is_a_clear_error(brief, store: NoteStore) -> None:
    ref = long_passages(brief)[0]
    with pytest.raises(NotesError, match="no passage nope:1"):
        store.add(brief, "nope:1", "x")
    with pytest.raises(NotesError, match="quote is not in passage"):
        store.add(brief, ref.passage.id, "x", quote="this text is not in the passage at all")
    with pytest.raises(NotesError, match="no note"):
        store.update("deadbeef0000", text="x")
    with pytest.raises(NotesError, match="no note"):
        store.delete("deadbeef0000")


def test_comparison_note(brief, store: NoteStore) -> None:
    docs = brief.documents
    anchor = next(iter(docs[0].passages()))
    other = next(iter(docs[1].passages()))
    note = store.add(brief, anchor.id, "they disagree", comparison=[other.id])
    assert note.is_comparison
    (listed,) = store.notes(brief)
    assert listed.passage_id == anchor.id
    (compared,) = listed.comparison
    assert compared.passage_id == other.id and compared.text == other.text
    assert compared.title == docs[1].title


def test_notes_of_another_brief_are_not_listed(brief, store: NoteStore, tmp_path: Path) -> None:
    ref = long_passages(brief)[0]
    store.add(brief, ref.passage.id, "mine")
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    (other_dir / "a.txt").write_text("A title\n\nSomething else entirely happened today.\n")
    other = brieftui.load([other_dir])
    assert store.notes(other) == []
    assert len(store.notes()) == 1


def test_explicit_path(brief, tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "my.sqlite3"
    with NoteStore(path) as s:
        s.add(brief, long_passages(brief)[0].passage.id, "x")
    assert path.exists()
    assert os.environ["BRIEFTUI_DATA_DIR"] not in str(path)


def test_notes_core_imports_no_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, brieftui.notes, brieftui.export; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_api_refuses_an_empty_note_as_the_app_and_the_cli_do(store: NoteStore, brief) -> None:
    """From a trial: `NoteStore.add(brief, pid, "")` saved a blank note the CLI then listed."""
    ref = next(iter(brief.passages()))
    with pytest.raises(NotesError, match="empty"):
        store.add(brief, ref.passage.id, "   ")
    quoted = store.add(brief, ref.passage.id, "", quote=ref.passage.text[:12])
    assert quoted.text == ""  # a quote alone is a note
    note = store.add(brief, ref.passage.id, "kept")
    with pytest.raises(NotesError, match="empty"):
        store.update(note.id, text="")
    assert store.get(note.id).text == "kept"
    assert store.update(quoted.id, text="").quote  # a quoted note may lose its text


def test_a_quote_typed_with_other_quote_marks_is_found_and_stored_as_written(
    store: NoteStore, tmp_path
) -> None:
    """From a trial: the Quote field refused `name "Alex"` where the passage had “Alex”."""
    import brieftui

    (tmp_path / "a.txt").write_text(
        "A title\n\nThe ferry was renamed “Alex” — after its first captain,  officials said.\n",
        encoding="utf-8",
    )
    brief = brieftui.load([tmp_path], cache=False)
    pid = next(iter(brief.passages())).passage.id
    note = store.add(brief, pid, "why", quote='renamed "Alex" - after its first captain, officials')
    text = next(iter(brief.passages())).passage.text
    assert (
        note.quote == "renamed “Alex” — after its first captain, officials" and note.quote in text
    )
    with pytest.raises(NotesError, match="quote is not in passage"):
        store.add(brief, pid, "x", quote="renamed Bob")
