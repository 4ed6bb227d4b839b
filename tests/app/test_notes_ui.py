"""Pilot tests for notes in the app: add, mark, list, filter, jump, edit, delete/undo, export.

Every test has its own data dir (the autouse fixture in tests/conftest.py), so
the store starts empty. Failures are injected by patching ``NoteStore`` or by a
data dir that cannot be created; the point of each is that no typed text is lost.
"""

from __future__ import annotations

import shutil

import pytest
from textual.widgets import Input

import brieftui
from brieftui.app import make_app
from brieftui.app.confirm import ConfirmScreen
from brieftui.app.messages import EventsRequested
from brieftui.app.notes.editor import NoteEditor
from brieftui.app.notes.screen import ORPHANED_HEADING, NotesScreen
from brieftui.app.reading.reader import NOTE_MARK
from brieftui.app.reading.screen import MainScreen
from brieftui.notes import NotesError, NoteStore, normalize_tags
from brieftui.paths import brief_export_path, data_dir, notes_db_path

from .conftest import SEEDS, settle


def notes_in_store() -> list:
    with NoteStore() as store:
        return store.all_notes()


async def open_editor(pilot, text: str = "") -> NoteEditor:
    await pilot.press("a")
    await settle(pilot)
    editor = pilot.app.screen
    assert isinstance(editor, NoteEditor)
    if text:
        editor.text_area.insert(text)
        await pilot.pause()
    return editor


def mark_shown(app, passage_id: str) -> bool:
    reader = app.main_screen.reader
    prompt = reader.get_option(passage_id).prompt
    return str(prompt).startswith(NOTE_MARK)


def test_tags_follow_one_rule_in_the_editor_and_the_cli():
    assert normalize_tags(["a, b  c,#d,,"]) == ("a", "b-c", "d")
    assert normalize_tags(["defence spending"]) == ("defence-spending",)
    assert normalize_tags(["#draft #urgent"]) == ("draft", "urgent")
    assert normalize_tags(["[draft]"]) == ("[draft]",)
    assert normalize_tags(["   "]) == ()


async def test_add_note_saves_and_marks_the_passage(pilot):
    app = pilot.app
    await pilot.press("j")
    await settle(pilot)
    pid = app.current_passage_id
    assert pid is not None and not mark_shown(app, pid)
    editor = await open_editor(pilot)
    await pilot.press(*"hello")
    await pilot.press("tab")
    await pilot.press(*"war, kyiv")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, MainScreen)
    assert editor.error is None
    stored = notes_in_store()
    assert [(n.text, n.tags, n.passage_id) for n in stored] == [("hello", ("war", "kyiv"), pid)]
    assert mark_shown(app, pid)
    assert app.current_passage_id == pid


async def test_escape_without_text_closes_at_once(pilot):
    app = pilot.app
    await open_editor(pilot)
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, MainScreen)
    assert notes_in_store() == []


async def test_escape_with_text_asks_keep_then_discard(pilot):
    app = pilot.app
    editor = await open_editor(pilot, "a thought worth keeping")
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("enter")  # the focused, safe answer: keep editing
    await settle(pilot)
    assert app.screen is editor
    assert editor.text_area.text == "a thought worth keeping"
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.click("#confirm-yes")
    await settle(pilot)
    assert isinstance(app.screen, MainScreen)
    assert notes_in_store() == []


async def test_quote_must_be_in_the_passage(pilot):
    app = pilot.app
    pid = app.current_passage_id
    passage = app.brief.passage(pid).passage.text
    editor = await open_editor(pilot, "on the quote")
    quote_input = editor.query_one("#note-quote", Input)
    quote_input.value = "words that are not there at all"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert app.screen is editor
    assert "quote must appear" in (editor.error or "")
    quote = passage.split()[1] + " " + passage.split()[2]
    quote_input.value = quote
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, MainScreen)
    [note] = notes_in_store()
    assert note.quote == quote


async def test_failing_save_keeps_the_editor_and_the_text(seeds, monkeypatch):
    def full(*args, **kwargs):
        raise NotesError("could not save the note in /x/notes.sqlite3: database or disk is full")

    real_add = NoteStore.add
    monkeypatch.setattr(NoteStore, "add", full)
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        editor = await open_editor(pilot, "do not lose me\nsecond line")
        editor.query_one("#note-tags", Input).value = "keep"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert editor.text_area.text == "do not lose me\nsecond line"
        assert editor.query_one("#note-tags", Input).value == "keep"
        assert "disk is full" in (editor.error or "")
        assert any(
            n.severity == "error" and "disk is full" in n.message for n in app._notifications
        )
        # the failure passes: saving again works, with the same text
        monkeypatch.setattr(NoteStore, "add", real_add)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert [n.text for n in notes_in_store()] == ["do not lose me\nsecond line"]


async def test_unexpected_error_on_save_keeps_the_text(seeds, monkeypatch):
    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(NoteStore, "add", boom)
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        editor = await open_editor(pilot, "still here")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert editor.text_area.text == "still here"
        assert "No space left" in (editor.error or "")


async def test_read_only_data_dir_opens_the_brief_and_keeps_the_text(seeds, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFTUI_DATA_DIR", str(blocker / "data"))
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.brief is not None and app.current_passage_id is not None
        await pilot.press("j")
        await settle(pilot)
        editor = await open_editor(pilot, "typed while the disk says no")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert editor.text_area.text == "typed while the disk says no"
        assert "cannot create the notes folder" in (editor.error or "")
        assert any(n.severity == "error" for n in app._notifications)


# -- the Notes screen -------------------------------------------------------------------


def add_notes(app, specs: list[tuple[int, str, tuple[str, ...]]]) -> list:
    """Add notes through the store on the n-th passage of the brief (reading order)."""
    passages = [ref.passage.id for ref in app.brief.passages()]
    with NoteStore() as store:
        return [store.add(app.brief, passages[n], text, tags=tags) for n, text, tags in specs]


async def open_notes(pilot) -> NotesScreen:
    await pilot.press("ctrl+n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, NotesScreen)
    return screen


def listed_ids(screen: NotesScreen) -> list[str]:
    notes_list = screen.notes_list
    return [
        opt.id
        for opt in (notes_list.get_option_at_index(i) for i in range(notes_list.option_count))
        if opt.id is not None
    ]


async def test_notes_screen_lists_filters_and_jumps(pilot):
    app = pilot.app
    first, second, third = add_notes(
        app,
        [
            (3, "NATO spending is the crux", ("nato",)),
            (40, "Zelensky quote to check", ("ukraine", "check")),
            (70, "compare with the wire copy", ()),
        ],
    )
    screen = await open_notes(pilot)
    assert listed_ids(screen) == [first.id, second.id, third.id]
    assert screen.filter_input.has_focus
    await pilot.press(*"zelenksy")  # a typo: fuzzy
    await settle(pilot)
    assert listed_ids(screen) == [second.id]
    await pilot.press(*["backspace"] * 8, *"#check")
    await settle(pilot)
    assert listed_ids(screen) == [second.id]
    await pilot.press(*["backspace"] * 6, *"nothing-like-this")
    await settle(pilot)
    assert listed_ids(screen) == []
    screen.filter_input.value = ""
    await settle(pilot)
    assert len(listed_ids(screen)) == 3
    await pilot.press("down")  # into the list
    await pilot.press("down")  # the second note
    await settle(pilot)
    assert screen.highlighted_id == second.id
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, MainScreen)
    assert app.current_passage_id == second.passage_id


async def test_notes_screen_edit_delete_undo(pilot):
    app = pilot.app
    [note] = add_notes(app, [(2, "first draft", ("draft", "defence spending"))])
    screen = await open_notes(pilot)
    await pilot.press("down")
    await pilot.press("e")
    await settle(pilot)
    editor = app.screen
    assert isinstance(editor, NoteEditor)
    assert editor.text_area.text == "first draft"
    editor.text_area.insert(" — revised")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert app.screen is screen
    [stored] = notes_in_store()
    assert stored.id == note.id and stored.text == "first draft — revised"
    assert stored.tags == ("draft", "defence-spending")  # editing keeps both tags

    await pilot.press("d")
    await settle(pilot)
    assert notes_in_store() == []
    assert listed_ids(screen) == []
    assert any("press u to undo" in n.message for n in app._notifications)
    assert not mark_shown(app, note.passage_id)

    await pilot.press("u")
    await settle(pilot)
    [back] = notes_in_store()
    assert back.id == note.id and back.text == "first draft — revised"
    assert listed_ids(screen) == [note.id]
    assert mark_shown_anywhere(app, note.passage_id)


async def test_a_note_deleted_elsewhere_while_edited_is_saved_again(pilot):
    """`brieftui notes delete` while the editor is open: saving must not fail for ever
    (a retry of the update could never succeed); the text is saved as a new note."""
    app = pilot.app
    [note] = add_notes(app, [(2, "first draft", ("draft",))])
    await open_notes(pilot)
    await pilot.press("down")
    await pilot.press("e")
    await settle(pilot)
    editor = app.screen
    assert isinstance(editor, NoteEditor)
    with NoteStore() as store:  # another process deletes it meanwhile
        store.delete(note.id)
    editor.text_area.insert(" — revised")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(app.screen, NoteEditor)
    [stored] = notes_in_store()
    assert stored.id != note.id and stored.text == "first draft — revised"
    assert stored.passage_id == note.passage_id and stored.tags == ("draft",)
    assert any("deleted elsewhere" in n.message for n in app._notifications)


def mark_shown_anywhere(app, passage_id: str) -> bool:
    return passage_id in app.main_screen.reader.noted


async def test_orphaned_note_is_listed_apart(tmp_path):
    """A note taken on text that is gone is listed under its own heading, with its quote."""
    brief_dir = tmp_path / "brief"
    shutil.copytree(SEEDS, brief_dir)
    target = sorted(brief_dir.iterdir())[1]
    original = target.read_text(encoding="utf-8")
    # a paragraph that exists only in the modified copy
    marker = "Orphanville council voted unanimously to rename every bridge after a goose."
    target.write_text(original.rstrip("\n") + "\n\n" + marker + "\n", encoding="utf-8")
    modified = brieftui.load([str(brief_dir)], cache=False)
    ref = next(r for r in modified.passages() if marker in r.passage.text)
    with NoteStore() as store:
        orphan = store.add(modified, ref.passage.id, "about the geese", quote="rename every bridge")
        kept = store.add(modified, next(modified.passages()).passage.id, "still here")
    target.write_text(original, encoding="utf-8")

    app = make_app([str(brief_dir)])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_notes(pilot)
        notes_list = screen.notes_list
        prompts = [
            str(notes_list.get_option_at_index(i).prompt) for i in range(notes_list.option_count)
        ]
        heading = prompts.index(ORPHANED_HEADING)
        assert listed_ids(screen) == [kept.id, orphan.id]
        assert (
            notes_list.get_option_index(kept.id) < heading < notes_list.get_option_index(orphan.id)
        )
        assert "rename every bridge" in prompts[notes_list.get_option_index(orphan.id)]
        # opening an orphan says why instead of jumping somewhere wrong
        notes_list.focus()
        notes_list.highlighted = notes_list.get_option_index(orphan.id)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert any("orphaned" in n.message for n in app._notifications)
        # editing an orphan shows its stored text, not whatever passage has that id now
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        shown = str(editor.query_one("#note-passage").render())
        assert "rename every bridge" in shown
        editor.text_area.insert(" (still true)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert NoteStore().get(orphan.id).text == "about the geese (still true)"


async def test_export_writes_the_file_and_names_it(pilot):
    app = pilot.app
    [note] = add_notes(app, [(5, "worth exporting", ("export",))])
    await pilot.press("x")
    await settle(pilot)
    path = brief_export_path(app.brief.name, app.brief.key)
    assert path.is_file()
    assert path.parent == data_dir() / "exports"
    text = path.read_text(encoding="utf-8")
    assert "worth exporting" in text and f"^{note.id}" in text and "#export" in text
    assert any(str(path) in n.message for n in app._notifications)
    assert app.clipboard == str(path)
    # a second export asks before replacing the first; "Keep it" leaves it as it was
    path.write_text("edited by hand", encoding="utf-8")
    await pilot.press("x")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("enter")  # the focused, safe answer: keep it
    await settle(pilot)
    assert path.read_text(encoding="utf-8") == "edited by hand"
    await pilot.press("x")
    await settle(pilot)
    await pilot.click("#confirm-yes")
    await settle(pilot)
    assert "worth exporting" in path.read_text(encoding="utf-8")


async def test_export_failure_is_a_clear_error(pilot, tmp_path, monkeypatch):
    app = pilot.app
    add_notes(app, [(1, "kept in the store", ())])
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    monkeypatch.setattr(
        "brieftui.paths.brief_export_path", lambda name, key: blocker / "x" / "n.md"
    )
    await pilot.press("x")
    await settle(pilot)
    errors = [n for n in app._notifications if n.severity == "error"]
    assert errors and "export" in errors[-1].title.lower()
    assert [n.text for n in notes_in_store()] == ["kept in the store"]


async def test_store_warning_is_shown(seeds):
    (data_dir()).mkdir(parents=True, exist_ok=True)
    notes_db_path().write_bytes(b"this is not a database" * 100)
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await settle(pilot)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert any("moved aside" in n.message for n in warnings)


async def test_palette_has_notes_commands(pilot):
    app = pilot.app
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"Notes")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, NotesScreen)


async def test_a_in_compare_notes_the_comparison(seeds):
    from brieftui.app.compare.screen import CompareScreen

    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"oval office", "enter")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        anchor, shown = compare.current_comparison()
        assert shown, "the seeds should give at least one matched source here"
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.comparison == shown
        await pilot.press(*"they disagree on the date")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is compare
        [note] = notes_in_store()
        assert note.passage_id == anchor
        assert [c.passage_id for c in note.comparison] == shown


async def test_ctrl_q_with_a_note_being_written_asks_first(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        editor = await open_editor(pilot, "half a thought")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.return_code is None  # still running
        await pilot.press("enter")  # the focused answer: keep editing
        await settle(pilot)
        assert app.screen is editor and editor.text_area.text == "half a thought"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#confirm-yes")
        await settle(pilot)
    assert app.return_code == 0


async def test_ctrl_q_without_typed_text_quits(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_editor(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0


async def test_store_from_a_newer_brieftui_is_refused_and_the_text_kept(seeds):
    import sqlite3

    data_dir().mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(notes_db_path()) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute("PRAGMA user_version = 99")
    before = notes_db_path().read_bytes()
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert app.brief is not None
        assert any(
            n.severity == "error" and "newer brieftui" in n.message for n in app._notifications
        )
        editor = await open_editor(pilot, "from the past")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert editor.text_area.text == "from the past"
        assert "newer brieftui" in (editor.error or "")
    assert notes_db_path().read_bytes() == before


async def test_ctrl_n_returns_to_an_open_notes_screen_instead_of_stacking_another() -> None:
    from brieftui.app import make_app
    from brieftui.app.notes.screen import NotesScreen

    from .conftest import SEEDS, settle

    app = make_app([str(SEEDS)])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        app.post_message(
            EventsRequested()
        )  # e.g. the palette's "Events overview" while Notes is open
        await settle(pilot)
        assert not isinstance(app.screen, NotesScreen)
        await pilot.press("ctrl+n")  # Notes is lower in the stack now
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        assert sum(isinstance(s, NotesScreen) for s in app.screen_stack) == 1


async def test_the_note_can_be_written_in_editor(pilot, monkeypatch, tmp_path):
    import contextlib

    from textual.app import App

    app = pilot.app
    script = tmp_path / "fake-editor.sh"
    script.write_text('#!/bin/sh\nprintf "\\nfrom my editor" >> "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(script))
    monkeypatch.setattr(App, "suspend", lambda self: contextlib.nullcontext())
    editor = await open_editor(pilot, "typed first")
    await pilot.press("ctrl+g")
    await settle(pilot)
    assert editor.text_area.text == "typed first\nfrom my editor"
    monkeypatch.setenv("VISUAL", "false")  # an editor that fails: the text stays
    await pilot.press("ctrl+g")
    await settle(pilot)
    assert editor.text_area.text == "typed first\nfrom my editor"
    assert any("did not run" in n.message for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_comparison_note_shows_its_passages_and_grows(seeds, size):
    from brieftui.app.messages import EventsRequested

    app = make_app(seeds)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.post_message(EventsRequested())
        await settle(pilot)
        await pilot.press("enter")  # Events → Compare
        await settle(pilot)
        await pilot.press("a")  # → note on the comparison
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor) and editor.comparison
        box = editor.query_one("#note-box")
        assert box.outer_size.height >= int(size[1] * 0.85)  # it grows with the terminal
        scroll = editor.query_one("#note-passage-scroll")
        await pilot.press("shift+tab")  # from the note text back to the passages
        await pilot.pause()
        assert editor.focused is scroll
        await pilot.press("end")
        await pilot.pause()
        compared = editor.query_one("#note-compared")
        assert compared.region.overlaps(scroll.content_region)


async def test_notes_of_other_briefs_are_listed_too(tmp_path):
    import shutil

    import brieftui

    first, second = tmp_path / "ukraine", tmp_path / "markets"
    for folder, seed in ((first, 0), (second, 1)):
        folder.mkdir()
        shutil.copy(sorted(SEEDS.glob("*.txt"))[seed], folder)
    brief = brieftui.load([first], cache=False)
    with NoteStore() as store:
        note = store.add(brief, next(brief.passages()).passage.id, "taken in the other brief")
    app = make_app([str(second)])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert listed_ids(screen) == [note.id]
        headings = [
            screen.notes_list.get_option_at_index(i).prompt
            for i in range(screen.notes_list.option_count)
        ]
        assert any("In another brief: ukraine" in str(h) for h in headings)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)  # not opened: it belongs elsewhere
        assert any("another brief" in n.message for n in app._notifications)


async def test_a_note_added_elsewhere_is_marked_once_the_notes_screen_closes(pilot):
    """A note added by another process (the CLI) while the app is open is listed on the
    Notes screen; closing it marks its passage in the reader (a new-user trial)."""
    app = pilot.app
    await settle(pilot)
    pid = next(r.passage.id for r in app.brief.passages() if r.index == 2)
    assert not mark_shown(app, pid)
    with NoteStore() as store:  # as `brieftui notes add` would, in its own connection
        store.add(app.brief, pid, "from the command line")
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(app.screen, NotesScreen)
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, MainScreen)
    assert mark_shown(app, pid)
