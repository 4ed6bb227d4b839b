"""The brieftui Textual app: the factory, app-wide keys, remembered state.

``make_app(paths)`` builds the app for the CLI, tests and screenshots. The app
owns the loaded :class:`~brieftui.brief.Brief` (``app.brief``) and the remembered
state; the main screen owns reading and searching.

Adding a screen (compare, events, notes, export): put it in ``screens/``, add a
``Binding`` (with an ``id=``) to ``BriefApp.BINDINGS`` and an ``action_*`` here that
pushes it, using ``self.brief`` and ``self.current_passage_id``; to send the user
back to the reader call ``self.open_passage(passage_id)``. The help screen lists
the new key by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

from brieftui.app.commands import BriefCommands
from brieftui.app.compare_actions import CompareMixin
from brieftui.app.compare_commands import CompareCommands
from brieftui.app.notes_actions import NotesMixin
from brieftui.app.notes_commands import NotesCommands
from brieftui.app.screens.help import HelpScreen
from brieftui.app.screens.main import MainScreen
from brieftui.state import AppState, Position, load_state, save_state

if TYPE_CHECKING:
    from brieftui.brief import Brief

DEFAULT_THEME = "textual-dark"


class BriefApp(CompareMixin, NotesMixin, App[None]):
    """Read, search (and later compare and annotate) a brief of news articles."""

    TITLE = "brieftui"
    CSS_PATH = "brieftui.tcss"
    COMMANDS = App.COMMANDS | {BriefCommands, CompareCommands, NotesCommands}
    COMMAND_PALETTE_DISPLAY = "^p"

    BINDINGS = [
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            id="brieftui.help",
            tooltip="Every key, generated from the bindings",
        ),
        Binding("q", "quit", "Quit", id="brieftui.quit", tooltip="Quit brieftui"),
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
    ) -> None:
        super().__init__()
        self.paths: list[str] = [str(p) for p in paths or []]
        self.brief: Brief | None = brief
        self.use_cache = use_cache
        self.state: AppState = load_state()
        self._state_error_shown = False
        self.theme = self._valid_theme(self.state.theme)

    def _valid_theme(self, name: str | None) -> str:
        return name if name and name in self.available_themes else DEFAULT_THEME

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    first_frame_shown = False

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_ready(self) -> None:
        """The first frame is on screen: now start the work that would have delayed it."""
        self.first_frame_shown = True
        main = self._main()
        if self.brief is None and not main.load_started:
            main.start_loading()

    # -- where the user is --------------------------------------------------------------
    @property
    def main_screen(self) -> MainScreen:
        return self._main()

    def _main(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise RuntimeError("the main screen is not running")

    @property
    def current_document_id(self) -> str | None:
        return self._main().doc_id

    @property
    def current_passage_id(self) -> str | None:
        return self._main().reader.passage_id

    def open_document(self, doc_id: str, passage_id: str | None = None) -> None:
        """Show ``doc_id`` in the reader (back on the main screen)."""
        while not isinstance(self.screen, MainScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self._main().open_document(doc_id, passage_id)

    def open_passage(self, passage_id: str) -> None:
        """Show the passage in the reader (back on the main screen)."""
        while not isinstance(self.screen, MainScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self._main().open_passage(passage_id)

    # -- remembered state -------------------------------------------------------------
    def initial_position(self, brief: Brief) -> tuple[str | None, str | None]:
        """Where to open ``brief``: where the user left it, else its first document."""
        pos = self.state.position(brief.key)
        if pos is not None:
            try:
                brief.document(pos.doc_id)
            except KeyError:
                pass
            else:
                pid = (
                    pos.passage_id if pos.passage_id and brief.has_passage(pos.passage_id) else None
                )
                return pos.doc_id, pid
        return (brief.documents[0].id, None) if brief.documents else (None, None)

    def remember_position(self, brief: Brief, doc_id: str, passage_id: str | None) -> None:
        self.state.remember(brief.key, Position(doc_id, passage_id))
        self._write_state()

    def _theme_changed(self, theme: Theme) -> None:
        if self.state.theme != theme.name:
            self.state.theme = theme.name
            self._write_state()

    def _write_state(self) -> None:
        try:
            save_state(self.state)
        except OSError as exc:
            if not self._state_error_shown:
                self._state_error_shown = True
                self.notify(f"Cannot remember the position: {exc}", severity="warning")

    # -- actions ----------------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if self.quit_would_lose_a_note():
            return  # it asked first (ctrl+q with a note being written)
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.save_position()
        self.exit()


def make_app(
    paths: Sequence[str] | None = None, *, brief: Brief | None = None, use_cache: bool = True
) -> BriefApp:
    """The app for ``paths`` (the bundled brief when empty), or for an already loaded brief.

    ``use_cache=False`` (the CLI's ``--no-cache``) parses every file afresh.
    """
    return BriefApp([str(Path(p)) for p in paths or []], brief=brief, use_cache=use_cache)
