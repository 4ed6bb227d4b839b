"""The brieftui Textual app: owns the session, answers the screens' requests.

``make_app(paths)`` builds the app for the CLI, tests and screenshots. The app
owns one :class:`~brieftui.app.session.Session` (the brief, the note store,
the remembered state) and the load worker. Screens get what they need when they
are built and post :mod:`~brieftui.app.messages` up; the handlers here decide
and call down (push a screen, open a passage in the reader).

Adding a screen: put it in the feature's folder (``reading/``, ``search/``,
``compare/``, ``events/``, ``notes/``), give it what it shows in its
constructor, add a message in ``messages.py`` for the key that opens it, and a
handler here that pushes it. Adding a key: a ``Binding`` with an ``id=``
(``brieftui.…``) on the screen or widget where it works; help lists it by itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.theme import Theme
from textual.worker import Worker, WorkerState, get_current_worker

from brieftui.app import messages
from brieftui.app.notes.controller import NotesController
from brieftui.app.notes.runner import StoreRunner
from brieftui.app.progress import throttled
from brieftui.app.reading.screen import MainScreen
from brieftui.app.session import Session

if TYPE_CHECKING:
    from textual.command import Provider

    from brieftui.brief import Brief

DEFAULT_THEME = "textual-dark"


def _brief_commands() -> type[Provider]:
    """The palette's brieftui commands, imported when the palette first opens (the
    palette's module imports Textual's command machinery: a tenth of the start-up)."""
    from brieftui.app.palette import BriefCommands

    return BriefCommands


class BriefApp(App[None]):
    """Read, search, compare and annotate a brief of news articles."""

    TITLE = "brieftui"
    CSS_PATH = "brieftui.tcss"
    COMMANDS = App.COMMANDS | {lambda: _brief_commands()}
    COMMAND_PALETTE_DISPLAY = "^p"

    BINDINGS = [
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            id="brieftui.help",
            tooltip="Every key that works here, generated from the bindings",
        ),
        Binding("q", "quit", "Quit", id="brieftui.quit", tooltip="Quit brieftui"),
        # ctrl+c quits as in other terminal programs (Textual's default only says to use
        # ctrl+q); a field that copies with ctrl+c gets it first.
        Binding("ctrl+c", "quit", "Quit", show=False, id="brieftui.quit_ctrl_c", tooltip="Quit"),
        Binding(
            "ctrl+n",
            "notes",
            "Notes",
            key_display="^n",
            id="brieftui.notes",
            tooltip="Every note of the brief: filter, jump, edit, delete, export",
        ),
    ]

    def __init__(
        self,
        paths: Sequence[str] | None = None,
        *,
        brief: Brief | None = None,
        use_cache: bool = True,
        max_file_size: int = 50_000_000,
    ) -> None:
        super().__init__()
        from brieftui.config import load_config

        self.config = load_config()
        if not paths and brief is None:
            paths = self.config.default_brief
        self.session = Session(
            [str(p) for p in paths or []],
            use_cache=use_cache,
            max_file_size=max_file_size,
            brief=brief,
        )
        self.store_runner = StoreRunner(self, self.session)
        self.notes = NotesController(self, self.session, self.store_runner)
        self._state_error_shown = False
        self.theme = self._valid_theme(self.config.theme or self.session.state.theme)

    # -- what screens and tests read ---------------------------------------------------
    @property
    def brief(self) -> Brief | None:
        """The loaded brief (``None`` while it opens)."""
        return self.session.brief

    @property
    def main_screen(self) -> MainScreen | None:
        """The reading screen, wherever it is in the stack (``None`` while closing)."""
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    @property
    def current_document_id(self) -> str | None:
        main = self.main_screen
        return main.doc_id if main is not None else None

    @property
    def current_passage_id(self) -> str | None:
        main = self.main_screen
        return main.current_passage_id if main is not None else None

    def _valid_theme(self, name: str | None) -> str:
        return name if name and name in self.available_themes else DEFAULT_THEME

    def get_default_screen(self) -> MainScreen:
        return MainScreen(
            history=self.session.state.search_history, reading_width=self.config.reading_width
        )

    # -- loading ------------------------------------------------------------------------
    detach_on_exit = False
    """Quit at once even while a big build runs in a thread worker (the command line sets
    it; see :mod:`.daemonthreads`). Off under tests, which wait for their workers."""

    def on_mount(self) -> None:
        if self.detach_on_exit:
            from brieftui.app.daemonthreads import detach_thread_workers

            detach_thread_workers()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._apply_config()

    def _apply_config(self) -> None:
        """The config file's keymap and reading width; its problems, one line each."""
        from brieftui.app.keymap import check_keymap

        config = self.config
        # Checking a keymap imports every screen to collect its binding ids (a fifth of
        # the start-up): only when there is a keymap to check.
        keymap, warnings = check_keymap(config.keymap, self.BINDINGS) if config.keymap else ({}, [])
        if keymap:
            self.set_keymap(keymap)
        if config.theme and config.theme not in self.available_themes:
            warnings.append(f"theme {config.theme!r} is not a theme (ctrl+p lists them)")
        for warning in [*config.warnings, *warnings]:
            self.notify(warning, title="Config", severity="warning", timeout=10, markup=False)

    def on_ready(self) -> None:
        """The first frame is on screen: now start the work that would have delayed it."""
        if self.session.brief is not None:
            self._brief_ready(self.session.brief)
        else:
            main = self.main_screen
            if main is not None:
                main.show_loading_bar()
            self._load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load")
    def _load(self) -> Brief:
        worker = get_current_worker()

        def report(done: int, total: int) -> None:
            self.call_from_thread(self._load_progress, done, total)

        return self.session.load(throttled(report), lambda: worker.is_cancelled)

    def _load_progress(self, done: int, total: int) -> None:
        main = self.main_screen
        if main is not None:
            main.set_progress(done, total)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "load":
            return
        main = self.main_screen
        if event.state == WorkerState.SUCCESS and worker.result is not None:
            self._brief_ready(worker.result)
        elif event.state == WorkerState.ERROR and main is not None:
            from brieftui.brief import LoadCancelled  # the core loads after the first frame

            error = worker.error
            if isinstance(error, LoadCancelled):
                main.show_load_stopped("Loading cancelled. q quits.")
            else:
                main.show_load_stopped(f"Could not open the brief: {error}")
                self.notify(str(error), title="Could not open the brief", severity="error")
        elif event.state == WorkerState.CANCELLED and main is not None:
            main.show_load_stopped("Loading cancelled. q quits.")

    def _brief_ready(self, brief: Brief) -> None:
        main = self.main_screen
        if main is None:
            return
        doc_id, passage_id = self.session.initial_position(brief)
        main.show_brief(brief, doc_id, passage_id, self.session.state.read_documents(brief.key))
        self.notes.marks_needed()

    @on(messages.CancelLoad)
    def _cancel_load(self) -> None:
        self.workers.cancel_group(self, "load")
        main = self.main_screen
        if main is not None:
            main.show_load_stopped("Loading cancelled. q quits.")

    # -- going places ---------------------------------------------------------------------
    def _back_to_main(self) -> MainScreen | None:
        while not isinstance(self.screen, MainScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        return self.main_screen

    @on(messages.OpenPassage)
    def _open_passage(self, message: messages.OpenPassage) -> None:
        self.open_passage(message.passage_id)

    @on(messages.OpenDocument)
    def _open_document(self, message: messages.OpenDocument) -> None:
        self.open_document(message.doc_id, message.passage_id)

    def open_passage(self, passage_id: str) -> None:
        """Show the passage in the reader (back on the main screen, search bar closed)."""
        main = self._back_to_main()
        if main is not None:
            main.close_search()
            main.open_passage(passage_id)

    def open_document(self, doc_id: str, passage_id: str | None = None) -> None:
        """Show ``doc_id`` in the reader (back on the main screen, search bar closed)."""
        main = self._back_to_main()
        if main is not None:
            main.close_search()
            main.open_document(doc_id, passage_id)

    # -- the clipboard and the browser ----------------------------------------------------
    def copy_text(self, text: str, what: str) -> None:
        """Send ``text`` to the terminal's clipboard (OSC 52, works over SSH) and say so,
        only when there is a terminal to send it to."""
        self.copy_to_clipboard(text)
        if self.is_headless:
            self.notify(f"Not copied: no terminal to send {what} to.", severity="warning")
        else:
            self.notify(
                f"Copied {what} (sent to the terminal's clipboard)", timeout=4, markup=False
            )

    @on(messages.CopyRequested)
    def _copy_requested(self, message: messages.CopyRequested) -> None:
        self.copy_text(message.text, message.what)

    @on(messages.OpenUrl)
    def _open_url(self, message: messages.OpenUrl) -> None:
        """Only http(s) links are opened: a file from the web must not launch anything else."""
        import webbrowser

        url = message.url
        if not url.lower().startswith(("http://", "https://")):
            self.notify(f"Not a web address: {url}", severity="warning", markup=False)
            return
        try:
            opened = webbrowser.open(url)
        except Exception as exc:  # no browser, a broken BROWSER variable
            opened = False
            self.notify(f"Could not open the browser: {exc}", severity="error", markup=False)
            return
        if opened:
            self.notify(f"Opened {url}", timeout=3, markup=False)
        else:
            self.notify(f"No web browser to open {url}", severity="warning", markup=False)

    @on(messages.CompareRequested)
    def _compare(self, message: messages.CompareRequested) -> None:
        from brieftui.app.compare.screen import CompareScreen

        brief = self._brief_or_say()
        if brief is None:
            return
        if message.event is None:
            pid = message.passage_id
            if pid is None or not brief.has_passage(pid):
                self.notify("There is no passage here to compare.", severity="warning", timeout=3)
                return
            if len(brief.documents) < 2:
                self.notify("Compare needs at least two sources.", severity="warning", timeout=3)
                return
        self.push_screen(CompareScreen(brief, message.passage_id, event=message.event))

    @on(messages.EventsRequested)
    def _events(self) -> None:
        from brieftui.app.events.screen import EventsScreen

        brief = self._brief_or_say()
        if brief is None or isinstance(self.screen, EventsScreen):
            return
        if any(isinstance(s, EventsScreen) for s in self.screen_stack):
            # back to the one already open (e.g. Events → Compare → palette "Events overview")
            while not isinstance(self.screen, EventsScreen):
                self.pop_screen()
            return
        self.push_screen(EventsScreen(brief, sort=self.session.events_sort))

    def on_events_screen_sort_chosen(self, message: object) -> None:
        """Events opens in the order last chosen (its module is imported on first use)."""
        self.session.events_sort = getattr(message, "sort", self.session.events_sort)

    def _brief_or_say(self) -> Brief | None:
        brief = self.session.brief
        if brief is None:
            self.notify("The brief is still opening.", severity="warning", timeout=3)
        return brief

    # -- notes ------------------------------------------------------------------------------
    @on(messages.NoteRequested)
    def _note_requested(self, message: messages.NoteRequested) -> None:
        brief = self._brief_or_say()
        if brief is None:
            return
        if message.note is None and not brief.has_passage(message.passage_id):
            self.notify("There is no passage here to note.", severity="warning", timeout=3)
            return
        self.notes.open_editor(message)

    @on(messages.NotesRequested)
    def _notes_requested(self) -> None:
        self.notes.open_list()

    @on(messages.ExportRequested)
    def _export_requested(self) -> None:
        self.notes.export()

    @on(messages.DeleteNoteRequested)
    def _delete_requested(self, message: messages.DeleteNoteRequested) -> None:
        self.notes.delete(message.note)

    @on(messages.UndoDeleteRequested)
    def _undo_requested(self) -> None:
        self.notes.undo_delete()

    def action_notes(self) -> None:
        self.notes.open_list()

    # -- remembered state -------------------------------------------------------------
    @on(MainScreen.PositionChanged)
    def _position_changed(self, message: MainScreen.PositionChanged) -> None:
        self._remember(lambda: self.session.remember_position(message.doc_id, message.passage_id))

    @on(MainScreen.ReadChanged)
    def _read_changed(self, message: MainScreen.ReadChanged) -> None:
        brief = self.session.brief
        if brief is not None and self.session.state.mark_read(
            brief.key, message.doc_id, message.read
        ):
            self._remember(self.session.save)

    @on(MainScreen.QueryUsed)
    def _query_used(self, message: MainScreen.QueryUsed) -> None:
        if self.session.state.remember_query(message.query):
            self._remember(self.session.save)

    def _theme_changed(self, theme: Theme) -> None:
        self._remember(lambda: self.session.remember_theme(theme.name))

    def _remember(self, write: Callable[[], None]) -> None:
        """Write remembered state; an unwritable data dir is said once, never fatal."""
        try:
            write()
        except OSError as exc:
            if not self._state_error_shown:
                self._state_error_shown = True
                self.notify(
                    f"Cannot remember where you were: {exc}", severity="warning", markup=False
                )

    # -- actions ----------------------------------------------------------------------
    def action_help(self) -> None:
        from brieftui.app.help import HelpScreen  # imported on first use: not at start-up

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if self.notes.quit_would_lose_a_note():
            return  # it asked first (ctrl+q with a note being written)
        main = self.main_screen
        position = main.position() if main is not None else None
        if position is not None:
            self._remember(lambda: self.session.remember_position(*position))
        self.exit()


def make_app(
    paths: Sequence[str] | None = None,
    *,
    brief: Brief | None = None,
    use_cache: bool = True,
    max_file_size: int = 50_000_000,
) -> BriefApp:
    """The app for ``paths`` (the bundled brief when empty), or for an already loaded brief.

    ``use_cache=False`` (the CLI's ``--no-cache``) parses every file afresh;
    ``max_file_size`` (``--max-file-size``) skips larger files with a message.
    """
    return BriefApp(
        [str(Path(p)) for p in paths or []],
        brief=brief,
        use_cache=use_cache,
        max_file_size=max_file_size,
    )
