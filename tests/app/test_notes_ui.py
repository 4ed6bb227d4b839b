"""Pilot tests for notes in the app: add, mark, list, filter, jump, edit, delete/undo, export.

Every test has its own data dir (the autouse fixture in tests/conftest.py), so
the store starts empty. Failures are injected by patching ``NoteStore`` or by a
data dir that cannot be created; the point of each is that no typed text is lost.
"""

from __future__ import annotations

from textual.widgets import Input

from brieftui.app import make_app
from brieftui.app.screens.confirm import ConfirmScreen
from brieftui.app.screens.main import MainScreen
from brieftui.app.screens.note_editor import NoteEditor, parse_tags
from brieftui.app.widgets.reader import NOTE_MARK
from brieftui.notes import NotesError, NoteStore

from .conftest import settle


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


def test_parse_tags():
    assert parse_tags("a, b  c,#d,,") == ["a", "b", "c", "d"]
    assert parse_tags("   ") == []


async def test_add_note_saves_and_marks_the_passage(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
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


async def test_escape_without_text_closes_at_once(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_editor(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert notes_in_store() == []


async def test_escape_with_text_asks_keep_then_discard(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
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


async def test_quote_must_be_in_the_passage(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
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
