"""The main screen: Sources and Outline beside the Reader, a search bar, a footer.

Long work never runs on the UI thread: the app loads the brief in a thread
worker and calls :meth:`MainScreen.set_progress` and :meth:`MainScreen.show_brief`;
every keystroke in the search bar
starts a thread worker in group ``search`` with ``exclusive=True``, so starting a
new query cancels the previous one, a cancelled worker never posts its result,
and the bar drops any result whose query is no longer the one typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from brieftui.app import messages
from brieftui.app.reading.loading import LoadingPanel
from brieftui.app.reading.outline import OutlineList
from brieftui.app.reading.reader import Reader
from brieftui.app.reading.sources import SourcesList
from brieftui.app.search.search_bar import SearchBar

if TYPE_CHECKING:
    from brieftui.brief import Brief
    from brieftui.search import Hit

SEARCH_LIMIT = 50


class MainScreen(Screen[None]):
    """Sources | Outline | Reader, with search over the whole brief."""

    BINDINGS = [
        Binding(
            "j,down",
            "move(1)",
            "Next",
            key_display="j",
            id="brieftui.next_passage",
            tooltip="Next passage",
        ),
        Binding(
            "k,up",
            "move(-1)",
            "Prev",
            key_display="k",
            id="brieftui.previous_passage",
            tooltip="Previous passage",
            show=False,  # j is shown; the footer keeps room for ? Help at 80 columns
        ),
        Binding(
            "right_square_bracket",
            "document(1)",
            "Next doc",
            key_display="]",
            id="brieftui.next_document",
            tooltip="Open the next document",
        ),
        Binding(
            "left_square_bracket",
            "document(-1)",
            "Prev doc",
            key_display="[",
            id="brieftui.previous_document",
            tooltip="Open the previous document",
            show=False,  # ] is shown; both are in help
        ),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            id="brieftui.search",
            tooltip="Search the whole brief as you type",
            # Priority: the app runs it before forwarding the next key, so letters typed
            # right after "/" (a fast typist, a paste, tmux send-keys) land in the input
            # instead of the reader's queue.
            priority=True,
        ),
        Binding(
            "n",
            "hit(1)",
            "Next hit",
            id="brieftui.next_hit",
            tooltip="Go to the next search hit (across documents)",
        ),
        Binding(
            "N",
            "hit(-1)",
            "Prev hit",
            key_display="N",
            id="brieftui.previous_hit",
            tooltip="Go to the previous search hit",
        ),
        Binding(
            "tab",
            "app.focus_next",
            "Pane",
            show=False,
            id="brieftui.next_pane",
            tooltip="Cycle the panes: Sources, Outline, Reader",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous pane",
            show=False,
            id="brieftui.previous_pane",
            tooltip="Cycle the panes backwards",
        ),
        Binding(
            "escape",
            "cancel_load",
            "Cancel",
            id="brieftui.cancel_load",
            tooltip="Stop loading the brief",
        ),
        Binding(
            "a",
            "add_note",
            "Note",
            id="brieftui.add_note",
            tooltip="Add a note to the current passage",
        ),
        Binding(
            "x",
            "export_notes",
            "Export notes",
            show=False,
            id="brieftui.export_notes",
            tooltip="Export the brief's notes to a markdown file (the path is shown and copied)",
        ),
        Binding(
            "c",
            "compare",
            "Compare",
            id="brieftui.compare",
            tooltip="Compare the current passage (or the highlighted search hit) across sources",
        ),
        Binding(
            "e",
            "events",
            "Events",
            id="brieftui.events",
            tooltip="Every event of the brief by the sources that cover it",
        ),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    class PositionChanged(Message):
        """The reader settled on a new place (posted at most once a second): remember it."""

        def __init__(self, doc_id: str, passage_id: str | None) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.passage_id = passage_id

    class SearchDone(Message):
        def __init__(self, query: str, hits: Sequence[Hit], error: str | None = None) -> None:
            super().__init__()
            self.query = query
            self.hits = hits
            self.error = error

    def __init__(self) -> None:
        super().__init__(id="main")
        self.brief: Brief | None = None
        self.doc_id: str | None = None
        self.hits: list[Hit] = []
        self.hit_index = -1
        self._loading = False
        self._pending_query: str | None = None
        self._save_timer = None
        self._doc_position: dict[str, int] = {}

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("", id="title-line", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield SourcesList(id="sources")
                yield OutlineList(id="outline")
            with Vertical(id="main-column"):
                yield SearchBar(id="search-bar")
                yield LoadingPanel(id="loading")
                yield Reader(id="reader")
        yield Footer()

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def on_mount(self) -> None:
        self.search_bar.display = False
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

    def show_brief(self, brief: Brief, doc_id: str | None, passage_id: str | None) -> None:
        """The brief is loaded: list its sources and open ``doc_id`` at ``passage_id``."""
        self.brief = brief
        self._loading = False
        self.query_one(LoadingPanel).display = False
        self._doc_position = {doc.id: n for n, doc in enumerate(brief.documents)}
        self.refresh_bindings()
        self.query_one(SourcesList).set_documents(brief.documents)
        self._report_messages(brief)
        self._warm_search_index(brief)
        if doc_id is not None:
            self.open_document(doc_id, passage_id)
        else:
            self._set_title("This brief has no readable documents")
        self.reader.focus()
        if self._pending_query is not None:
            query, self._pending_query = self._pending_query, None
            self._search(query)

    def set_noted(self, passage_ids: frozenset[str]) -> None:
        """Mark the passages that have notes."""
        self.reader.set_noted(passage_ids)

    def _report_messages(self, brief: Brief) -> None:
        if not brief.messages:
            return
        warnings = [m for m in brief.messages if m.level == "warning"]
        notes = [m for m in brief.messages if m.level != "warning"]
        lines = [str(m) for m in (warnings + notes)[:5]]
        if len(brief.messages) > 5:
            lines.append(f"… and {len(brief.messages) - 5} more")
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

    # -- navigation -----------------------------------------------------------------
    def open_document(self, doc_id: str, passage_id: str | None = None) -> None:
        """Show ``doc_id`` in the reader at ``passage_id`` (its first passage when ``None``)."""
        brief = self.brief
        if brief is None:
            return
        doc = brief.document(doc_id)
        highlights = {h.passage_id: h.spans for h in self.hits if h.doc_id == doc_id}
        changed = doc_id != self.doc_id
        self.doc_id = doc_id
        if changed:
            self.query_one(OutlineList).set_document(doc)
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
        if self.hits:
            where += f" · hit {self.hit_index + 1}/{len(self.hits)}"
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
            return bool(self.hits)
        if action in ("move", "document", "compare", "add_note", "export_notes", "events"):
            return True if self.brief is not None else None
        return True

    # -- search ---------------------------------------------------------------------
    def action_search(self) -> None:
        bar = self.search_bar
        if self.focused is bar.input:
            # "/" is a priority key: inside the search box it is just a character.
            bar.input.insert_text_at_cursor("/")
            return
        bar.open()
        if bar.input.value.strip():
            self._search(bar.input.value.strip())

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        self._search(event.query)

    def _search(self, query: str) -> None:
        bar = self.search_bar
        if not query:
            self.workers.cancel_group(self, "search")
            bar.clear_results()
            bar.set_status("")
            return
        if self.brief is None:
            self._pending_query = query
            bar.set_status("Searching when the brief has loaded…")
            return
        bar.set_status("Searching…")
        self._run_search(self.brief, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="search")
    def _run_search(self, brief: Brief, query: str) -> None:
        worker = get_current_worker()
        try:
            hits = brief.search(query, limit=SEARCH_LIMIT)
            error = None
        except Exception as exc:  # search must never take the reader down
            hits, error = [], f"{type(exc).__name__}: {exc}"
        if not worker.is_cancelled:
            self.post_message(self.SearchDone(query, hits, error))

    def on_main_screen_search_done(self, event: SearchDone) -> None:
        brief = self.brief
        if brief is None:
            return
        if event.error is not None:
            if event.query == self.search_bar.input.value.strip():
                self.search_bar.set_status(f"Search failed: {event.error}")
            return

        def describe(hit: Hit) -> tuple[str, str]:
            try:
                doc = brief.document(hit.doc_id)
            except KeyError:
                return hit.doc_id, hit.heading or ""
            return doc.title, hit.heading or ""

        self.search_bar.show_results(event.query, event.hits, describe)

    @on(SearchBar.HitChosen)
    def _hit_chosen(self, event: SearchBar.HitChosen) -> None:
        self.hits = event.hits
        self.search_bar.display = False
        self.reader.focus()
        self.go_to_hit(event.index)
        self.refresh_bindings()

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        self.reader.focus()

    def go_to_hit(self, index: int) -> None:
        if not self.hits:
            return
        self.hit_index = index % len(self.hits)
        hit = self.hits[self.hit_index]
        brief = self.brief
        if brief is not None and brief.has_passage(hit.passage_id):
            self.open_document(hit.doc_id, hit.passage_id)

    def action_hit(self, step: int) -> None:
        self.go_to_hit(self.hit_index + step)

    # -- asking the app ---------------------------------------------------------------
    @property
    def current_passage_id(self) -> str | None:
        return self.reader.passage_id

    def compare_target(self) -> str | None:
        """The passage ``c`` compares: the highlighted search hit when the results list
        has focus, else the reader's current passage."""
        bar = self.search_bar
        results = bar.results
        index = results.highlighted
        if (
            bar.display
            and bar.hits
            and self.focused is results
            and index is not None
            and 0 <= index < len(bar.hits)
        ):
            return bar.hits[index].passage_id
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
