"""The search bar: an Input over a results list, searching as the user types.

The bar owns the query's life: each keystroke starts a thread worker (group
``search``, ``exclusive=True``, so a new query cancels the previous one) and an
answer to a query that is no longer the one typed is dropped. It posts what the
screen needs: :class:`SearchBar.HitsChanged` whenever the hits of the current
query change (the reader highlights them and ``n``/``N`` walk them, whether the
bar was then closed with Enter or Esc), :class:`SearchBar.HitChosen` and
:class:`SearchBar.Closed`.

Results come a page at a time ("50 of 58 hits"); moving past the last one
loads the next page, and :meth:`SearchBar.load_more` lets ``n`` reach every hit.
In an empty bar ``↑``/``↓`` walk the search history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from brieftui.app.content import highlighted, plain
from brieftui.spans import shorten, snippet

if TYPE_CHECKING:
    from brieftui.brief import Brief
    from brieftui.search import Hit, SearchResult

PAGE = 50
"""Hits fetched at a time; the next page loads when the list reaches its end."""
PLACEHOLDER = 'Search the brief…   "exact phrase"   -exclude   source:NAME'
FUZZY_MARK = "≈ "
"""Shown before a hit found only through a typo-neighbour of a query word."""


class SearchBar(Vertical):
    """``/`` opens it; typing searches; Enter opens the hit; Escape closes."""

    HELP_TITLE = "Search bar"

    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Close search",
            id="brieftui.search.close",
            tooltip="Close the search bar (the hits stay for n / N)",
        ),
        Binding(
            "down",
            "step(1)",
            "Next result",
            show=False,
            id="brieftui.search.next_result",
            tooltip="Move down the results (in an empty bar: the next query in the history)",
        ),
        Binding(
            "up",
            "step(-1)",
            "Previous result",
            show=False,
            id="brieftui.search.previous_result",
            tooltip="Move up the results (in an empty bar: the previous query in the history)",
        ),
        Binding("pagedown", "results('page_down')", show=False),
        Binding("pageup", "results('page_up')", show=False),
        Binding(
            "enter",
            "open",
            "Open hit",
            id="brieftui.search.open",
            tooltip="Open the highlighted hit in the reader",
        ),
    ]

    DEFAULT_CSS = """
    SearchBar {
        height: auto;
        max-height: 60%;
        border: round $accent;
        border-title-color: $text-accent;
        padding: 0;
        #search-input {
            border: none;
            height: 1;
            padding: 0 1;
            background: $surface;
        }
        #search-status {
            height: 1;
            text-wrap: nowrap;
            text-overflow: ellipsis;
            padding: 0 1;
            color: $text-muted;
        }
        #search-results {
            height: auto;
            max-height: 100%;
            scrollbar-gutter: stable;  /* heights measured before a scrollbar: see Reader */
            border: none;
            padding: 0;
            & > .option-list--option {
                padding: 0 1;
            }
            & > .option-list--option-highlighted {
                background: $primary 30%;
                color: $foreground;
                text-style: none;
            }
        }
    }
    """

    class HitsChanged(Message):
        """The hits of the current query changed (new query, more loaded, or cleared)."""

        def __init__(self, query: str, hits: Sequence[Hit], total: int) -> None:
            super().__init__()
            self.query = query
            self.hits = list(hits)
            self.total = total

    class HitChosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Closed(Message):
        pass

    class _Answer(Message):
        def __init__(self, query: str, result: SearchResult | None, error: str | None) -> None:
            super().__init__()
            self.query = query
            self.result = result
            self.error = error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.brief: Brief | None = None
        self.hits: list[Hit] = []
        self.total = 0
        self.query_text = ""
        self.history: list[str] = []
        """Earlier queries, oldest first (the screen fills it from remembered state)."""
        self._history_at: int | None = None
        self._recalled: str | None = None
        """The value the history last put in the input (Changed arrives after it)."""
        self._want = PAGE
        self._loading_more = False
        self._describe: Callable[[Hit], tuple[str, str]] = lambda hit: (hit.doc_id, "")

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="search-input", select_on_focus=False)
        yield Static("", id="search-status", markup=False)
        yield OptionList(id="search-results", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    @property
    def current_query(self) -> str:
        return self.input.value.strip()

    def set_brief(self, brief: Brief) -> None:
        """Search ``brief`` from now on (a query typed while it loaded runs now)."""
        self.brief = brief

        def describe(hit: Hit) -> tuple[str, str]:
            try:
                return brief.document(hit.doc_id).title, hit.heading or ""
            except KeyError:
                return hit.doc_id, hit.heading or ""

        self._describe = describe
        if self.current_query:
            self._start(self.current_query)

    def open(self) -> None:
        self.display = True
        # focus now, not after a refresh, so keys typed right after "/" land in the input
        self.screen.set_focus(self.input)
        self._history_at = None

    def set_status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    # -- running queries --------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self._recalled:
            self._history_at = None  # typing leaves the history
        self._want = PAGE
        self._start(event.value.strip())

    def _start(self, query: str) -> None:
        if not query:
            self.workers.cancel_group(self, "search")
            self._set_hits("", [], 0)
            self.set_status("")
            return
        if self.brief is None:
            self.set_status("Searching when the brief has loaded…")
            return
        if not self._loading_more:
            self.set_status("Searching…")
        self._run(self.brief, query, self._want)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="search")
    def _run(self, brief: Brief, query: str, limit: int) -> None:
        worker = get_current_worker()
        try:
            result, error = brief.search_result(query, limit=limit), None
        except Exception as exc:  # search must never take the reader down
            result, error = None, f"{type(exc).__name__}: {exc}"
        if not worker.is_cancelled:
            self.post_message(self._Answer(query, result, error))

    @on(_Answer)
    def _answered(self, answer: _Answer) -> None:
        answer.stop()
        if answer.query != self.current_query:
            return  # a stale answer: the user typed on
        self._loading_more = False
        if answer.error is not None or answer.result is None:
            self.set_status(f"Search failed: {answer.error}")
            return
        result = answer.result
        keep = self.results.highlighted if answer.query == self.query_text else None
        self._set_hits(answer.query, result.hits, result.total)
        self._show(result, keep)

    def _set_hits(self, query: str, hits: Sequence[Hit], total: int) -> None:
        self.hits = list(hits)
        self.total = total
        self.query_text = query
        if not hits:
            self.results.clear_options()
        self.post_message(self.HitsChanged(query, self.hits, total))

    def _show(self, result: SearchResult, keep: int | None) -> None:
        results = self.results
        options = [self._option(n, hit) for n, hit in enumerate(self.hits)]
        results.set_options(options)
        if options:
            results.highlighted = keep if keep is not None and keep < len(options) else 0
        query = result.query
        if not self.hits:
            lines = [*result.notes, f"No match for “{query}”"]
            self.set_status(" · ".join(lines))
            return
        count = (
            f"{len(self.hits):,} of {result.total:,} hits"
            if result.total > len(self.hits)
            else f"{result.total:,} hit{'s' if result.total != 1 else ''}"
        )
        fuzzy = sum(1 for h in self.hits if h.fuzzy)
        parts = [*result.notes, f"{count} for “{query}”"]
        if fuzzy:
            parts.append(f"{FUZZY_MARK}{fuzzy} fuzzy")
        parts.append("↑↓ choose · Enter open · n/N hits · Esc close")
        self.set_status(" · ".join(parts))

    def _option(self, n: int, hit: Hit) -> Option:
        source, section = self._describe(hit)
        text, spans = snippet(hit.text, hit.spans)
        head = plain(shorten(source, 48), "bold $text-secondary", newlines=False)
        if hit.fuzzy:
            head = Content.assemble(Content.styled(FUZZY_MARK, "bold $text-warning"), head)
        if section:
            head = Content.assemble(
                head, plain(f" › {shorten(section, 48)}", "$text-muted", newlines=False)
            )
        return Option(Content.assemble(head, "\n", highlighted(text, spans)), id=str(n))

    def load_more(self) -> bool:
        """Fetch the next page of hits (a ``HitsChanged`` says when); ``False`` if none."""
        if len(self.hits) >= self.total or not self.query_text or self.brief is None:
            return False
        if not self._loading_more:
            self._loading_more = True
            self._want = len(self.hits) + PAGE
            self._run(self.brief, self.query_text, self._want)
        return True

    # -- keys ---------------------------------------------------------------------------
    def action_step(self, step: int) -> None:
        """↑/↓ move through the results; ↑ from the top (or in an empty bar) recalls
        earlier queries, and ↓ from a recalled query with no hits goes forward again."""
        results = self.results
        at_top = results.highlighted in (None, 0)
        empty = not self.input.value.strip()
        if step < 0 and (empty or (self._history_at is not None and at_top)):
            self._walk_history(-1)
            return
        if step > 0 and self._history_at is not None and not self.hits:
            self._walk_history(1)
            return
        if step > 0:
            last = results.highlighted is not None and results.highlighted >= len(self.hits) - 1
            if last and self.load_more():
                return
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def _walk_history(self, step: int) -> None:
        if not self.history:
            return
        at = len(self.history) if self._history_at is None else self._history_at
        at = max(0, min(len(self.history), at + step))
        if at == len(self.history):
            self._history_at = None
            self._recalled = ""
            self.input.value = ""
        else:
            self._history_at = at
            self._recalled = self.history[at]
            self.input.value = self.history[at]
            self.input.cursor_position = len(self.input.value)

    def remember(self, query: str, limit: int = 50) -> None:
        """Put ``query`` at the end of the history (once), keeping the last ``limit``."""
        query = query.strip()
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-limit]

    def action_results(self, action: str) -> None:
        method: Any = getattr(self.results, f"action_{action}", None)
        if method is not None:
            method()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.results.highlighted = event.option_index
        self.action_open()

    @on(OptionList.OptionHighlighted, "#search-results")
    def _result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index >= len(self.hits) - 1:
            self.load_more()  # scrolled (or clicked) to the last hit: the next page

    def action_open(self) -> None:
        index = self.results.highlighted
        if self.hits and index is not None and 0 <= index < len(self.hits):
            self.post_message(self.HitChosen(index))

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
