"""The main screen's search: the search bar, its hits in the reader, n / N between them.

A mixin of :class:`~brieftui.app.reading.screen.MainScreen`, apart so that the screen
module keeps to layout, loading and position. The bar is hidden until ``/``, so the
screen mounts it just after the first frame (or at the first ``/``, if that comes
sooner): its input, results list and their styles were a fifth of what the screen
did before it could show anything. Its messages are handled by name
(``on_search_bar_…``) so that its module is imported only when it is mounted.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual.widget import MountError

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.message import Message
    from textual.widget import AwaitMount, Widget

    from brieftui.app.reading.reader import Reader
    from brieftui.app.search.search_bar import SearchBar
    from brieftui.brief import Brief
    from brieftui.search import Hit


class SearchHost:
    """Search on the main screen; the screen supplies the reader and the brief."""

    brief: Brief | None
    doc_id: str | None
    hits: list[Hit]
    hits_total: int
    hit_index: int
    _hits_query: str
    _pending_hit: int | None
    _history: list[str]
    _search_bar: SearchBar | None
    _search_bar_mount: AwaitMount | None

    if TYPE_CHECKING:  # supplied by MainScreen (a Screen)
        reader: Reader
        focused: Widget | None

        def query_one(self, selector: str) -> Widget: ...
        def call_later(self, callback: Callable[[], object]) -> bool: ...
        def post_message(self, message: Message) -> bool: ...
        def refresh_bindings(self) -> None: ...
        def open_document(self, doc_id: str, passage_id: str | None = None) -> None: ...
        def _update_title(self) -> None: ...
        def _query_used_message(self, query: str) -> Message: ...

    def _start_search(self, history: list[str]) -> None:
        """No query yet; ``history``: earlier queries, oldest first (↑ in an empty bar)."""
        self.hits = []
        self.hits_total = 0
        self.hit_index = -1
        self._hits_query = ""
        self._pending_hit = None
        self._history = history
        self._search_bar = None
        self._search_bar_mount = None

    @property
    def search_bar(self) -> SearchBar:
        """The search bar; mounted on first use if the screen has not mounted it yet (a
        caller that needs its input at once awaits :meth:`mount_search_bar`)."""
        if self._search_bar is None:
            self._start_search_bar_mount()
        assert self._search_bar is not None
        return self._search_bar

    def _search_bar_ready(self) -> SearchBar | None:
        """The search bar when it is mounted with its input, else None."""
        bar = self._search_bar
        if bar is None or self._search_bar_mount is not None:
            return None
        return bar

    def _start_search_bar_mount(self) -> None:
        from brieftui.app.search.search_bar import SearchBar  # not needed before it

        bar = SearchBar(id="search-bar")
        bar.display = False
        bar.history = self._history
        self._search_bar_mount = self.query_one("#main-column").mount(bar, before=0)
        self._search_bar = bar
        # whoever started it, the mount is seen through (the brief handed over) soon
        self.call_later(self.mount_search_bar)

    async def mount_search_bar(self) -> SearchBar:
        """Mount the search bar (once) and wait until its input is there; a brief that
        arrived meanwhile is handed to it."""
        if self._search_bar is None:
            self._start_search_bar_mount()
        pending = self._search_bar_mount
        bar = self._search_bar
        assert bar is not None
        if pending is not None:
            await pending
            if self._search_bar_mount is pending:
                self._search_bar_mount = None
                if self.brief is not None:
                    bar.set_brief(self.brief)
        return bar

    async def mount_search_bar_after_first_frame(self) -> None:
        """Mount the search bar, unless the app quit before its first frame was out."""
        if self._search_bar is None:
            with contextlib.suppress(MountError):
                await self.mount_search_bar()

    async def action_search(self) -> None:
        bar = self._search_bar_ready() or await self.mount_search_bar()
        if self.focused is bar.input:
            # "/" is a priority key: inside the search box it is just a character. It
            # reaches us before the keys typed just ahead of it are in the box, so it
            # goes in the box's own queue, after them ("a/b" typed fast stays "a/b").
            bar.input.call_later(bar.input.insert_text_at_cursor, "/")
            return
        bar.open()

    def on_search_bar_hits_changed(self, event: SearchBar.HitsChanged) -> None:
        """The latest query's hits are what the reader highlights and n / N walk."""
        same_query = event.query == self._hits_query
        self.hits = event.hits
        self.hits_total = event.total
        self._hits_query = event.query
        if not same_query:
            self.hit_index = -1
            self._pending_hit = None
        self._refresh_highlights()
        pending, self._pending_hit = self._pending_hit, None
        if pending is not None:  # beyond this page too: go_to_hit asks for the next
            self.go_to_hit(pending)
        self.refresh_bindings()
        self._update_title()

    def _refresh_highlights(self) -> None:
        brief = self.brief
        if brief is None or self.doc_id is None:
            return
        doc = brief.document(self.doc_id)
        self.reader.show_document(doc, self.reader.passage_id, self._highlights(self.doc_id))

    def _highlights(self, doc_id: str) -> dict[str, list[tuple[int, int]]]:
        return {h.passage_id: h.spans for h in self.hits if h.doc_id == doc_id}

    def on_search_bar_hit_chosen(self, event: SearchBar.HitChosen) -> None:
        self._query_used()
        self.search_bar.display = False
        self.reader.focus()
        self.go_to_hit(event.index)

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        self._query_used()
        self.reader.focus()

    def _query_used(self) -> None:
        query = self.search_bar.current_query
        if query and self.hits:
            self.search_bar.remember(query)
            self.post_message(self._query_used_message(query))

    def go_to_hit(self, index: int) -> None:
        """Open hit ``index`` of the latest query (wrapping), loading more hits if needed."""
        if not self.hits:
            return
        total = max(self.hits_total, len(self.hits))
        index %= total
        if index >= len(self.hits):
            if self.search_bar.load_more():
                self._pending_hit = index  # gone to when the next page arrives
                return
            index = 0
        self.hit_index = index
        hit = self.hits[index]
        brief = self.brief
        if brief is not None and brief.has_passage(hit.passage_id):
            self.open_document(hit.doc_id, hit.passage_id)

    def action_hit(self, step: int) -> None:
        """``n`` / ``N``: from the hit waiting for its page, if one is (keys pressed
        fast while the next page loads each count)."""
        base = self.hit_index if self._pending_hit is None else self._pending_hit
        self.go_to_hit(base + step)

    def close_search(self) -> None:
        """Hide the search bar (arriving from Compare or Notes): the reader is what's wanted."""
        bar = self._search_bar
        if bar is not None and bar.display:
            bar.display = False
        if self.focused is not self.reader:
            self.reader.focus()

    def compare_target(self) -> str | None:
        """The passage ``c`` compares: the highlighted search hit when the results list
        has focus, else the reader's current passage."""
        bar = self._search_bar_ready()
        if bar is None:
            return self.reader.passage_id
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
