"""The app's notes: reader marks, the editor, export, delete and undo, quitting safely.

:class:`NotesController` is owned by the app and acts for it when a screen asks
(``NoteRequested``, ``ExportRequested``, ``DeleteNoteRequested``…); it reads and
writes through the one :class:`~brieftui.app.notes.runner.StoreRunner`, and calls
down to the screens that show notes (the reader's marks, an open Notes list).

Exports go to ``<data dir>/exports/<brief>-<key>-notes.md``
(:func:`brieftui.paths.brief_export_path`): the terminal's working directory is
invisible in a TUI, the data dir is where the notes already live and follows
``BRIEFTUI_DATA_DIR`` / ``--data-dir``, and each brief has its own file (two
folders both called ``ukraine`` never share one). An existing export is replaced
only after the user says so; the checks are the core's
(:func:`brieftui.export_file.write_export`), the same as the CLI's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from brieftui.app import messages
from brieftui.safe_text import display_path

if TYPE_CHECKING:
    from brieftui.app.app import BriefApp
    from brieftui.app.notes.runner import StoreRunner
    from brieftui.app.session import Session
    from brieftui.notes import Note


class NotesController:
    """Notes work for the app (see the module docstring)."""

    def __init__(self, app: BriefApp, session: Session, runner: StoreRunner) -> None:
        self.app = app
        self.session = session
        self.runner = runner
        self.noted_passages: frozenset[str] = frozenset()
        self._marks_key: str | None = None
        self._quit_confirmed = False

    # -- marks in the reader ----------------------------------------------------------
    def refresh_marks(self) -> None:
        """Re-read which passages have notes, then mark them in the reader."""
        brief = self.session.brief
        if brief is None:
            return
        self._marks_key = brief.key
        store = self.session.store

        def noted() -> frozenset[str]:
            return frozenset(
                item.passage_id for item in store.notes(brief) if item.passage_id is not None
            )

        self.runner.run("read the notes", noted, self._set_marks)

    def marks_needed(self) -> None:
        """The reader showed a brief: read its notes once for the marks."""
        brief = self.session.brief
        if brief is not None and self._marks_key != brief.key:
            self.refresh_marks()

    def _set_marks(self, ids: frozenset[str]) -> None:
        self.noted_passages = ids
        main = self.app.main_screen
        if main is not None:
            main.set_noted(ids)

    # -- the editor -------------------------------------------------------------------
    def open_editor(self, request: messages.NoteRequested) -> None:
        """Open the note editor for ``request``; marks and an open Notes list refresh on save."""
        from brieftui.app.notes.editor import NoteEditor

        brief = self.session.brief
        if brief is None:
            self.app.bell()
            return

        def closed(result: Note | None) -> None:
            self.runner.show_warnings()
            if result is None:
                return
            self.app.notify("Note saved", timeout=3)
            self.refresh_marks()
            self._reload_notes_screen(keep=result.id)

        self.app.push_screen(
            NoteEditor(
                brief,
                self.session.store,
                self.runner,
                request.passage_id,
                note=request.note,
                comparison=request.comparison,
                orphaned=request.orphaned,
            ),
            closed,
        )

    def _reload_notes_screen(self, keep: str | None = None) -> None:
        from brieftui.app.notes.screen import NotesScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, NotesScreen):
                screen.reload(keep=keep)

    def open_list(self) -> None:
        """The notes of the brief: back to the list already open, or a new one."""
        from brieftui.app.notes.editor import NoteEditor
        from brieftui.app.notes.screen import NotesScreen

        app = self.app
        screen = app.screen
        if isinstance(screen, NotesScreen):
            screen.focus_filter()
            return
        if isinstance(screen, NoteEditor) or screen.is_modal:
            return  # never cover an open editor or question
        brief = self.session.brief
        if brief is None:
            app.notify("The brief is still opening.", severity="warning", timeout=3)
            return
        if any(isinstance(s, NotesScreen) for s in app.screen_stack):
            # back to the one already open (e.g. Notes → Compare → ctrl+n), never a second copy
            while not isinstance(app.screen, NotesScreen):
                app.pop_screen()
            return
        # closing it re-reads the marks: notes added meanwhile by another process (the
        # CLI) are listed there, and were never marked in the reader (a new-user trial)
        app.push_screen(
            NotesScreen(brief, self.session.store, self.runner),
            lambda _result=None: self.refresh_marks(),
        )

    # -- export -----------------------------------------------------------------------
    def export(self, *, force: bool = False) -> None:
        """Write the brief's notes as markdown and say where (asking before replacing)."""
        from brieftui.export import export_markdown
        from brieftui.export_file import ExportTargetError, write_export
        from brieftui.paths import brief_export_path

        brief = self.session.brief
        if brief is None:
            self.app.notify("The brief is still opening.", severity="warning", timeout=3)
            return
        store = self.session.store
        target = brief_export_path(brief.name, brief.key)

        def export() -> tuple[Path, int] | None:
            notes = store.notes(brief)
            try:
                path = write_export(
                    target, export_markdown(brief, notes), force=force, make_folder=True
                )
            except ExportTargetError as exc:
                if exc.reason == "exists" and not force:
                    return None  # asked on the UI thread, then written with force
                raise
            return path, len(notes)

        def done(result: tuple[Path, int] | None) -> None:
            if result is None:
                self._ask_to_replace(target)
                return
            path, count = result
            noun = "note" if count == 1 else "notes"
            self.app.copy_to_clipboard(str(path))
            copied = "" if self.app.is_headless else " (the path was sent to the clipboard)"
            self.app.notify(
                f"Exported {count} {noun} to {display_path(path)}{copied}",
                title="Notes exported",
                timeout=10,
                markup=False,
            )

        self.runner.run("export the notes", export, done)

    def _ask_to_replace(self, target: Path) -> None:
        from brieftui.app.confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self.export(force=True)

        self.app.push_screen(
            ConfirmScreen(
                f"{display_path(target)} exists (an earlier export). Replace it?",
                yes="Replace",
                no="Keep it",
                id="confirm-export",
            ),
            answered,
        )

    # -- delete / undo ----------------------------------------------------------------
    def delete(self, note: Note) -> None:
        """Delete ``note``; ``u`` puts it back."""
        store = self.session.store

        def deleted(removed: Note) -> None:
            self.session.deleted_notes.append(removed)
            self.app.notify("Note deleted — press u to undo", timeout=6)
            self.refresh_marks()
            self._reload_notes_screen()

        self.runner.run("delete the note", lambda: store.delete(note.id), deleted)

    def undo_delete(self) -> None:
        """Restore the last deleted note."""
        stack = self.session.deleted_notes
        if not stack:
            self.app.notify("Nothing to undo.", timeout=3)
            return
        note = stack.pop()
        store = self.session.store

        def restored(back: Note) -> None:
            self.app.notify("Note restored", timeout=3)
            self.refresh_marks()
            self._reload_notes_screen(keep=back.id)

        def failed(_message: str) -> None:
            stack.append(note)  # keep it, so undo can be tried again

        self.runner.run("restore the note", lambda: store.restore(note), restored, failed)

    # -- quitting -------------------------------------------------------------------
    def quit_would_lose_a_note(self) -> bool:
        """Quitting with typed, unsaved text in a note editor asks first (returns ``True``).

        ``ctrl+q`` is a priority key: it reaches the app even from inside the editor.
        Asked once; quitting again from the question (or choosing "Quit anyway") quits.
        """
        from brieftui.app.confirm import ConfirmScreen
        from brieftui.app.notes.editor import NoteEditor

        app = self.app
        if self._quit_confirmed:
            return False
        if isinstance(app.screen, ConfirmScreen) and app.screen.id == "confirm-quit":
            return False
        if not any(isinstance(s, NoteEditor) and s.changed for s in app.screen_stack):
            return False

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._quit_confirmed = True
                app.call_later(app.run_action, "quit")

        app.push_screen(
            ConfirmScreen(
                "Quit? The note you are writing is not saved and will be lost.",
                yes="Quit anyway",
                no="Keep editing",
                id="confirm-quit",
            ),
            answered,
        )
        return True
