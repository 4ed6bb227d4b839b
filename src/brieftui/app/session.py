"""The session: everything the app owns about the brief being read.

One object, owned by :class:`~brieftui.app.app.BriefApp`, holds what several
screens need: the paths asked for, the loaded :class:`~brieftui.brief.Brief`
(``None`` until the load worker finishes), the note store (opened lazily, so a
broken data dir never stops a brief from opening), and the remembered state
(position per brief, theme). Screens never find these by walking the app; they
receive what they need when they are built. No Textual import here: the session
is plain data and calls into the core, so it can be tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from brieftui.state import POSITION_TEXT, AppState, Position, load_state, save_state

if TYPE_CHECKING:
    from brieftui.brief import Brief
    from brieftui.notes import Note, NoteStore

Progress = Callable[[int, int], None]


@dataclass
class Session:
    """The brief being read and what goes with it (see the module docstring)."""

    paths: list[str]
    use_cache: bool = True
    max_file_size: int = 50_000_000
    """Files larger than this are skipped with a message (``--max-file-size``)."""
    brief: Brief | None = None
    state: AppState = field(default_factory=load_state)
    deleted_notes: list[Note] = field(default_factory=list)
    """Notes deleted in this session, newest last: what ``u`` puts back."""
    events_sort: str = "coverage"
    """How Events was last sorted (``o``): it opens so again in this session."""
    _store: NoteStore | None = None

    # -- the brief ------------------------------------------------------------------
    def load(self, progress: Progress, cancelled: Callable[[], bool]) -> Brief:
        """Read the brief (run in a worker: seconds for a big brief). Sets ``self.brief``."""
        import brieftui  # the core is imported here, after the first frame

        brief = brieftui.load(
            list(self.paths) or None,  # none given: the bundled brief
            progress=progress,
            cancelled=cancelled,
            cache=self.use_cache,
            max_file_size=self.max_file_size,
        )
        self.brief = brief
        return brief

    # -- notes ----------------------------------------------------------------------
    @property
    def store(self) -> NoteStore:
        """The note store, opened on first use (it may touch the disk)."""
        if self._store is None:
            from brieftui.notes import NoteStore

            self._store = NoteStore()
        return self._store

    @property
    def store_opened(self) -> NoteStore | None:
        """The store if it was opened, else ``None`` (never opens it)."""
        return self._store

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
                return pos.doc_id, _passage_again(brief, pos)
        return (brief.documents[0].id, None) if brief.documents else (None, None)

    def remember_position(self, doc_id: str, passage_id: str | None) -> None:
        """Remember where the user is in the current brief. Raises ``OSError``."""
        if self.brief is None:
            return
        text = None
        if passage_id is not None and self.brief.has_passage(passage_id):
            text = self.brief.passage(passage_id).passage.text[:POSITION_TEXT]
        self.state.remember(self.brief.key, Position(doc_id, passage_id, text))
        save_state(self.state)

    def save(self) -> None:
        """Write the remembered state. Raises ``OSError`` when the data dir is not writable."""
        save_state(self.state)

    def remember_theme(self, name: str) -> None:
        """Remember the theme. Raises ``OSError`` when the data dir is not writable."""
        if self.state.theme != name:
            self.state.theme = name
            save_state(self.state)


def _passage_again(brief: Brief, pos: Position) -> str | None:
    """The passage the user was on: by its id while its text still starts the same,
    else the passage of the document that starts with the remembered text (a line
    inserted above moved every number), else the id as it is."""
    pid = pos.passage_id if pos.passage_id and brief.has_passage(pos.passage_id) else None
    if not pos.text or (pid is not None and brief.passage(pid).passage.text.startswith(pos.text)):
        return pid
    try:
        document = brief.document(pos.doc_id)
    except KeyError:
        return pid
    found = next((p.id for p in document.passages() if p.text.startswith(pos.text)), None)
    return found or pid
