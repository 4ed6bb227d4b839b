"""The app's notes: the store, the reader's note marks, add / list / export / delete / undo.

``NotesMixin`` is mixed into :class:`~brieftui.app.app.BriefApp`. It owns one lazy
:class:`~brieftui.notes.NoteStore` (opening the app never touches the disk for
notes, so a broken data dir cannot stop a brief from opening) and runs every
store call in a thread worker: the UI never waits on SQLite (a busy store may
wait up to its busy timeout). Every failure is a one-line error notification;
the store's own warnings (a damaged file moved aside) are shown once, the first
time the store is used.

Exports go to ``<data dir>/exports/<brief>-notes.md``: the terminal's working
directory is invisible in a TUI, the data dir is where the notes already live
and follows ``BRIEFTUI_DATA_DIR`` / ``--data-dir``, and the same brief always
exports to the same file (the export is stable, so re-exporting replaces it).
The full path is shown and copied to the clipboard (OSC 52).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brieftui.paths import data_dir

if TYPE_CHECKING:
    from brieftui.app.app import BriefApp
    from brieftui.brief import Brief
    from brieftui.notes import Note, NoteStore


def exports_dir() -> Path:
    """Where ``x`` writes markdown exports."""
    return data_dir() / "exports"


def export_path(brief_name: str) -> Path:
    """``<data dir>/exports/<brief-name>-notes.md`` (the name made file-system safe)."""
    slug = re.sub(r"[^\w.-]+", "-", brief_name, flags=re.UNICODE).strip("-.") or "brief"
    return exports_dir() / f"{slug[:80]}-notes.md"


def describe_error(exc: BaseException) -> str:
    from brieftui.notes import NotesError  # imported on use: not needed for the first frame

    if isinstance(exc, NotesError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        where = f" {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return f"{type(exc).__name__}: {exc}"


class NotesMixin:
    """Notes actions for the app (see the module docstring)."""

    _note_store: NoteStore | None = None
    _store_warnings_shown = 0
    _marks_key: str | None = None
    _deleted_notes: list[Note]
    noted_passages: frozenset[str] = frozenset()

    # -- the store --------------------------------------------------------------------
    @property
    def note_store(self) -> NoteStore:
        if self._note_store is None:
            from brieftui.notes import NoteStore

            self._note_store = NoteStore()
        return self._note_store

    def show_store_warnings(self: Any) -> None:
        """Notify the store's warnings not shown yet (e.g. a damaged file moved aside)."""
        store = self._note_store
        if store is None:
            return
        for warning in store.warnings[self._store_warnings_shown :]:
            self.notify(warning, title="Notes", severity="warning", timeout=20, markup=False)
        self._store_warnings_shown = len(store.warnings)

    def run_store_call(
        self: Any,
        what: str,
        call: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``call`` in a thread worker; ``done(result)`` or an error notification after."""

        def job() -> None:
            try:
                result = call()
            except Exception as exc:  # every failure is shown, none is fatal
                message = describe_error(exc)
                self._from_thread(self._store_failed, what, message, failed)
            else:
                self._from_thread(self._store_done, done, result)

        self.run_worker(job, thread=True, group="notes", exit_on_error=False, description=what)

    def _from_thread(self: Any, callback: Callable[..., Any], *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.call_from_thread(callback, *args)

    def _store_done(self: Any, done: Callable[[Any], None] | None, result: Any) -> None:
        self.show_store_warnings()
        if done is not None:
            done(result)

    def _store_failed(
        self: Any, what: str, message: str, failed: Callable[[str], None] | None
    ) -> None:
        self.show_store_warnings()
        self.notify(message, title=f"Could not {what}", severity="error", markup=False)
        if failed is not None:
            failed(message)

    # -- marks in the reader ----------------------------------------------------------
    def refresh_note_marks(self: Any) -> None:
        """Re-read which passages have notes, then mark them in the reader."""
        brief: Brief | None = self.brief
        if brief is None:
            return
        self._marks_key = brief.key
        store = self.note_store

        def noted() -> frozenset[str]:
            ids: set[str] = set()
            for item in store.notes(brief):
                if item.passage_id is not None:
                    ids.add(item.passage_id)
            return frozenset(ids)

        self.run_store_call("read the notes", noted, self._set_note_marks)

    def _set_note_marks(self: Any, ids: frozenset[str]) -> None:
        self.noted_passages = ids
        try:
            reader = self.main_screen.reader
        except Exception:  # the main screen is not up (closing)
            return
        reader.set_noted(ids)

    def on_reader_passage_changed(self: Any, event: Any) -> None:
        """The first time a brief is shown, read its notes for the reader's marks."""
        brief = self.brief
        if brief is not None and self._marks_key != brief.key:
            self.refresh_note_marks()

    # -- actions ----------------------------------------------------------------------
    def open_note_editor(
        self: Any,
        passage_id: str,
        *,
        note: Note | None = None,
        comparison: Sequence[str] | None = None,
        saved: Callable[[Note], None] | None = None,
        orphaned: bool = False,
    ) -> None:
        """Open the note editor on ``passage_id`` (or for ``note``); marks refresh on save."""
        from brieftui.app.screens.note_editor import NoteEditor

        brief = self.brief
        if brief is None:
            self.bell()
            return

        def closed(result: Note | None) -> None:
            self.show_store_warnings()
            if result is None:
                return
            self.notify("Note saved", timeout=3)
            self.refresh_note_marks()
            if saved is not None:
                saved(result)

        self.push_screen(
            NoteEditor(
                brief,
                self.note_store,
                passage_id,
                note=note,
                comparison=comparison,
                orphaned=orphaned,
            ),
            closed,
        )

    def action_add_note(self: BriefApp) -> None:
        """``a``: a note on the current passage."""
        if self.brief is None:
            self.notify("The brief is still opening.", severity="warning", timeout=3)
            return
        passage_id = self.current_passage_id
        if passage_id is None or not self.brief.has_passage(passage_id):
            self.notify("There is no passage here to note.", severity="warning", timeout=3)
            return
        self.open_note_editor(passage_id)

    def action_notes(self: BriefApp) -> None:
        """``ctrl+n``: every note of the brief."""
        from brieftui.app.screens.note_editor import NoteEditor
        from brieftui.app.screens.notes import NotesScreen

        screen = self.screen
        if isinstance(screen, NotesScreen):
            screen.focus_filter()
            return
        if isinstance(screen, NoteEditor) or screen.is_modal:
            return  # never cover an open editor or question
        if self.brief is None:
            self.notify("The brief is still opening.", severity="warning", timeout=3)
            return
        if any(isinstance(s, NotesScreen) for s in self.screen_stack):
            # back to the one already open (e.g. Notes → Compare → ctrl+n), never a second copy
            while not isinstance(self.screen, NotesScreen):
                self.pop_screen()
            return
        self.push_screen(NotesScreen())

    def action_export_notes(self: BriefApp) -> None:
        """``x``: write the brief's notes as markdown and say where."""
        from brieftui.export import export_markdown
        from brieftui.fileio import write_atomically

        brief = self.brief
        if brief is None:
            self.notify("The brief is still opening.", severity="warning", timeout=3)
            return
        store = self.note_store
        target = export_path(brief.name)

        def export() -> tuple[Path, int]:
            notes = store.notes(brief)
            write_atomically(target, export_markdown(brief, notes))
            return target, len(notes)

        def done(result: tuple[Path, int]) -> None:
            path, count = result
            self.copy_to_clipboard(str(path))
            noun = "note" if count == 1 else "notes"
            self.notify(
                f"Exported {count} {noun} to {path} (path copied to the clipboard)",
                title="Notes exported",
                timeout=10,
                markup=False,
            )

        self.run_store_call("export the notes", export, done)

    # -- quitting -------------------------------------------------------------------
    _quit_confirmed = False

    def quit_would_lose_a_note(self: Any) -> bool:
        """Quitting with typed, unsaved text in a note editor asks first (returns ``True``).

        ``ctrl+q`` is a priority key: it reaches the app even from inside the editor.
        Asked once; quitting again from the question (or choosing "Quit anyway") quits.
        """
        from brieftui.app.screens.confirm import ConfirmScreen
        from brieftui.app.screens.note_editor import NoteEditor

        if self._quit_confirmed:
            return False
        if isinstance(self.screen, ConfirmScreen) and self.screen.id == "confirm-quit":
            return False
        if not any(isinstance(s, NoteEditor) and s.changed for s in self.screen_stack):
            return False

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._quit_confirmed = True
                self.call_later(self.run_action, "quit")

        self.push_screen(
            ConfirmScreen(
                "Quit? The note you are writing is not saved and will be lost.",
                yes="Quit anyway",
                no="Keep editing",
                id="confirm-quit",
            ),
            answered,
        )
        return True

    # -- delete / undo ----------------------------------------------------------------
    def delete_note(self: Any, note: Note, done: Callable[[Note], None] | None = None) -> None:
        store = self.note_store

        def deleted(removed: Note) -> None:
            if not hasattr(self, "_deleted_notes"):
                self._deleted_notes = []
            self._deleted_notes.append(removed)
            self.notify("Note deleted — press u to undo", timeout=6)
            self.refresh_note_marks()
            if done is not None:
                done(removed)

        self.run_store_call("delete the note", lambda: store.delete(note.id), deleted)

    def undo_delete(self: Any, done: Callable[[Note], None] | None = None) -> None:
        stack: list[Note] = getattr(self, "_deleted_notes", [])
        if not stack:
            self.notify("Nothing to undo.", timeout=3)
            return
        note = stack.pop()
        store = self.note_store

        def restored(back: Note) -> None:
            self.notify("Note restored", timeout=3)
            self.refresh_note_marks()
            if done is not None:
                done(back)

        def failed(_message: str) -> None:
            stack.append(note)  # keep it, so undo can be tried again

        self.run_store_call("restore the note", lambda: store.restore(note), restored, failed)
