"""The main screen: Sources and Outline beside the Reader, a search bar, a footer.

Search (the bar, its hits, n / N) is the :class:`SearchHost` mixin, in its own module.

Long work never runs on the UI thread: the app loads the brief in a thread
worker and calls :meth:`MainScreen.set_progress` and :meth:`MainScreen.show_brief`;
every keystroke in the search bar
starts a thread worker in group ``search`` with ``exclusive=True``, so starting a
new query cancels the previous one, a cancelled worker never posts its result,
and the bar drops any result whose query is no longer the one typed.
"""

from __future__ import annotations

import contextlib
from pathlib import PurePath
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from brieftui.app import messages
from brieftui.app.reading.actions import DocumentActions
from brieftui.app.reading.keys import READING_KEYS
from brieftui.app.reading.loading import LoadingPanel
from brieftui.app.reading.outline import OutlineList
from brieftui.app.reading.reader import Reader
from brieftui.app.reading.search_host import SearchHost
from brieftui.app.reading.sources import SourcesList
from brieftui.config import DEFAULT_READING_WIDTH

if TYPE_CHECKING:
    from brieftui.brief import Brief

SEARCH_LIMIT = 50


_NEEDS_BRIEF = frozenset(
    {"move", "document", "compare", "add_note", "export_notes", "events", "edge", "go_to"}
    | {"copy", "open_url", "toggle_read", "removed"}
)


def _empty_brief_text(brief: Brief) -> str:
    """What an empty reader says: why there is nothing to read, and what to do."""
    skipped = len(brief.messages)
    why = f" {skipped} file(s) were skipped; the notification says why." if skipped else ""
    return (
        f"{brief.name} has no readable document.{why}\n\n"
        "brieftui reads .txt and .md files (and saved web pages). "
        "Open a folder of articles with: brieftui PATH"
    )


class MainScreen(DocumentActions, SearchHost, Screen[None]):
    """Sources | Outline | Reader, with search over the whole brief."""

    BINDINGS = READING_KEYS

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    class PositionChanged(Message):
        """The reader settled on a new place (posted at most once a second): remember it."""

        def __init__(self, doc_id: str, passage_id: str | None) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.passage_id = passage_id

    class QueryUsed(Message):
        """A query was used (a hit opened, or the bar closed on hits): keep it in history."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class ReadChanged(Message):
        """A document was opened (read) or marked unread: remember it."""

        def __init__(self, doc_id: str, read: bool) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.read = read

    def __init__(
        self, history: list[str] | None = None, reading_width: int = DEFAULT_READING_WIDTH
    ) -> None:
        """``history``: earlier search queries, oldest first (↑ in an empty search bar);
        ``reading_width``: the columns of text in the reader (centred when wider)."""
        super().__init__(id="main")
        self._reading_width = reading_width
        self.brief: Brief | None = None
        self.doc_id: str | None = None
        self._start_search(history if history is not None else [])
        self._loading = False
        self._save_timer: Timer | None = None
        self._doc_position: dict[str, int] = {}
        self.read_docs: set[str] = set()
        self._start_with_breakpoint_class()

    def _start_with_breakpoint_class(self) -> None:
        """Start with the breakpoint class the first resize will give (when the size is
        known already): that resize then changes no class, and Textual does not style
        every widget a second time before the first frame (about a tenth of start-up)."""
        try:
            width = self.app.size.width
        except Exception:  # no running app yet: the first resize sets it, as before
            return
        if width > 0:
            name = max((bp for bp in self.HORIZONTAL_BREAKPOINTS if width >= bp[0]), default=None)
            if name is not None:
                self.add_class(name[1])

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("", id="title-line", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield SourcesList(id="sources")
                yield OutlineList(id="outline")
            with Vertical(id="main-column"):
                yield LoadingPanel(id="loading")
                yield Reader(id="reader")
        yield Footer()

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    def on_mount(self) -> None:
        self.call_after_refresh(self.mount_search_bar_after_first_frame)
        self.set_reading_width(self._reading_width)
        self.reader.border_title = "Reader"
        self.show_opening()

    # -- loading (the app runs the load and calls these) -----------------------------
    def show_opening(self) -> None:
        """Show "Opening…" until :meth:`show_brief` (the brief loads in the app's worker)."""
        if self.brief is not None:
            return
        self._loading = True
        self.query_one(LoadingPanel).display = True
        self._set_title("Opening…")
        self.refresh_bindings()

    def show_loading_bar(self) -> None:
        """The load has started (after the first frame): show its progress bar."""
        if self._loading:
            self.query_one(LoadingPanel).show_bar()

    def set_progress(self, done: int, total: int) -> None:
        if self._loading:
            self.query_one(LoadingPanel).set_progress(done, total)

    def show_load_stopped(self, message: str) -> None:
        """Loading failed or was cancelled: say so (q still quits)."""
        self._loading = False
        self.query_one(LoadingPanel).set_message(message)
        self.refresh_bindings()

    def action_cancel_load(self) -> None:
        if self._loading:
            self.post_message(messages.CancelLoad())

    def show_brief(
        self,
        brief: Brief,
        doc_id: str | None,
        passage_id: str | None,
        read: set[str] | None = None,
    ) -> None:
        """The brief is loaded: list its sources and open ``doc_id`` at ``passage_id``.

        ``read``: the documents read before (dimmed in Sources).
        """
        self.brief = brief
        self._loading = False
        self.query_one(LoadingPanel).display = False
        self._doc_position = {doc.id: n for n, doc in enumerate(brief.documents)}
        self.read_docs = set(read or ())
        self.refresh_bindings()
        sources = self.query_one(SourcesList)
        sources.set_documents(brief.documents, self.read_docs)
        self._report_messages(brief)
        self._warm_search_index(brief)
        if len(brief.documents) > 1:
            self._group_sources(brief)
        bar = self._search_bar_ready()
        if bar is not None:  # else it gets the brief once mounted
            bar.set_brief(brief)
        if doc_id is not None:
            self.open_document(doc_id, passage_id)
        else:
            self.reader.show_empty(_empty_brief_text(brief))
            self._set_title("This brief has no readable documents")
        if bar is None or not bar.display:  # a query typed while loading keeps its box
            self.reader.focus()

    def set_reading_width(self, columns: int) -> None:
        """Wrap passages at ``columns`` (the config's ``reading_width``), centred when wider."""
        # border (2) + padding (2) + option padding (2) around the text, and the
        # scrollbar's columns (kept even when it does not show: the stylesheet's Reader)
        reader = self.reader
        reader.styles.max_width = columns + 6 + reader.styles.scrollbar_size_vertical

    def set_noted(self, passage_ids: frozenset[str]) -> None:
        """Mark the passages that have notes."""
        self.reader.set_noted(passage_ids)

    def _report_messages(self, brief: Brief) -> None:
        if not brief.messages:
            return
        warnings = [m for m in brief.messages if m.level == "warning"]
        notes = [m for m in brief.messages if m.level != "warning"]
        # a toast over the reader: on a small terminal, fewer lines; each names its file
        # (the folder is the brief's) rather than its whole path, so it wraps less
        shown = 5 if self.size.height >= 30 else 2
        lines = [
            f"{m.level}: {PurePath(m.path).name or m.path}: {m.message}"
            for m in (warnings + notes)[:shown]
        ]
        if len(brief.messages) > shown:
            lines.append(f"… and {len(brief.messages) - shown} more (all are listed when you quit)")
        title = f"{len(warnings)} warning(s), {len(notes)} note(s) while loading"
        self.notify(
            "\n".join(lines),
            title=title,
            severity="warning" if warnings else "information",
            timeout=8,
            markup=False,
        )

    @work(
        thread=True,
        exclusive=True,
        group="index",
        exit_on_error=False,
        description="build the search index",
    )
    def _warm_search_index(self, brief: Brief) -> None:
        """Build the search index now, so the first keystroke does not wait for it."""
        try:
            _ = brief.search_index
        except Exception:  # reported when the user searches; reading goes on
            return

    @work(
        thread=True,
        exclusive=True,
        group="stories",
        exit_on_error=False,
        description="group the sources by story",
    )
    def _group_sources(self, brief: Brief) -> None:
        """Group the Sources pane by story (builds the compare index: compare is then fast).

        The search index first: built at once, the two starved the event loop on two
        cores (10,000 articles: keys p95 60 ms, one 921 ms; 9 ms with search alone).
        A screen that needs stories sooner (Compare, Events) asks for them itself.
        """
        with contextlib.suppress(Exception):  # a failed search build: stories anyway
            _ = brief.search_index
        try:
            stories = brief.stories()
        except Exception:  # compare reports it when asked; reading goes on
            return
        sources = self.query_one(SourcesList)
        # the entries are made here, in the worker: on the event loop, 10,000 of them
        # held a key for seconds while the build shared the interpreter
        self.app.call_from_thread(sources.show_grouped, sources.group(stories))

    # -- navigation -----------------------------------------------------------------
    def open_document(self, doc_id: str, passage_id: str | None = None) -> None:
        """Show ``doc_id`` in the reader at ``passage_id`` (its first passage when ``None``)."""
        brief = self.brief
        if brief is None:
            return
        doc = brief.document(doc_id)
        highlights = self._highlights(doc_id)
        changed = doc_id != self.doc_id
        self.doc_id = doc_id
        if changed:
            self.query_one(OutlineList).set_document(doc)
            if doc_id not in self.read_docs:
                self._set_read(doc_id, True)
        self.query_one(SourcesList).mark(doc_id)
        self.reader.show_document(doc, passage_id, highlights)
        self._after_move()

    def open_passage(self, passage_id: str) -> None:
        """Open the document holding ``passage_id`` at that passage."""
        brief = self.brief
        if brief is not None and brief.has_passage(passage_id):
            self.open_document(brief.passage(passage_id).document.id, passage_id)

    def _after_move(self) -> None:
        brief = self.brief
        pid = self.reader.passage_id
        if brief is None or self.doc_id is None:
            return
        if pid is not None and brief.has_passage(pid):
            self.query_one(OutlineList).mark(brief.passage(pid).section)
        self._update_title()
        self._schedule_save()

    def _update_title(self) -> None:
        brief = self.brief
        if brief is None or self.doc_id is None:
            return
        doc = brief.document(self.doc_id)
        n = self._doc_position.get(self.doc_id, -1) + 1
        where = f"{brief.name} · {n}/{len(brief.documents)}"
        pid = self.reader.passage_id
        if pid is not None and brief.has_passage(pid):
            where += f" · ¶ {brief.passage(pid).index + 1}/{doc.passage_count}"
        if 0 <= self.hit_index < len(self.hits) and self.hits[self.hit_index].passage_id == pid:
            where += f" · hit {self.hit_index + 1}/{max(self.hits_total, len(self.hits))}"
        self._set_title(where)

    def _set_title(self, text: str) -> None:
        self.query_one("#title-line", Static).update(f" brieftui · {text}")

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(1.0, self.save_position)

    def position(self) -> tuple[str, str | None] | None:
        """(document id, passage id) of where the reader is, once a brief is shown."""
        if self.brief is None or self.doc_id is None:
            return None
        return self.doc_id, self.reader.passage_id

    def save_position(self) -> None:
        """Ask the app to remember where the reader is (now, not after the debounce)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.brief is not None and self.doc_id is not None:
            self.post_message(self.PositionChanged(self.doc_id, self.reader.passage_id))

    @on(Reader.PassageChanged)
    def _passage_changed(self, event: Reader.PassageChanged) -> None:
        self._after_move()

    @on(SourcesList.Chosen)
    def _source_chosen(self, event: SourcesList.Chosen) -> None:
        self.open_document(event.doc_id)

    @on(OutlineList.Chosen)
    def _section_chosen(self, event: OutlineList.Chosen) -> None:
        self.open_passage(event.passage_id)

    def action_move(self, direction: int) -> None:
        self.reader.move(direction)

    def action_document(self, direction: int) -> None:
        brief = self.brief
        if brief is None or not brief.documents:
            return
        current = self._doc_position.get(self.doc_id or "", -1)
        target = current + direction
        if 0 <= target < len(brief.documents):
            self.open_document(brief.documents[target].id)
        else:
            self.app.bell()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_load":
            return self._loading
        if action == "hit":
            return True if self.hits else None
        if action in _NEEDS_BRIEF:
            return True if self.brief is not None else None
        return True

    def _set_read(self, doc_id: str, read: bool) -> None:
        if read:
            self.read_docs.add(doc_id)
        else:
            self.read_docs.discard(doc_id)
        self.query_one(SourcesList).set_read(doc_id, read)
        self.post_message(self.ReadChanged(doc_id, read))

    def _query_used_message(self, query: str) -> Message:
        return self.QueryUsed(query)

    # -- asking the app ---------------------------------------------------------------
    @property
    def current_passage_id(self) -> str | None:
        return self.reader.passage_id

    def action_compare(self) -> None:
        """``c``: compare the current passage (or the highlighted search hit)."""
        self.post_message(messages.CompareRequested(self.compare_target()))

    def action_events(self) -> None:
        self.post_message(messages.EventsRequested())

    def action_add_note(self) -> None:
        passage_id = self.reader.passage_id
        if passage_id is None:
            self.notify("There is no passage here to note.", severity="warning", timeout=3)
            return
        self.post_message(messages.NoteRequested(passage_id))

    def action_export_notes(self) -> None:
        self.post_message(messages.ExportRequested())
