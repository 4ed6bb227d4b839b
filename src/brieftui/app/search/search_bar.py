"""The search bar: an Input over a results list, updated as the user types.

The bar only shows results and reports intent (query changed, hit chosen,
closed); the screen runs the queries in a worker and hands results back with
:meth:`SearchBar.show_results`, which ignores any answer to a stale query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from brieftui.app.content import highlighted, plain
from brieftui.spans import snippet

if TYPE_CHECKING:
    from brieftui.search import Hit


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


PLACEHOLDER = "Search the brief…   'exact phrase   source:NAME"


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
            "results('cursor_down')",
            "Next result",
            show=False,
            id="brieftui.search.next_result",
            tooltip="Move down the results list",
        ),
        Binding(
            "up",
            "results('cursor_up')",
            "Previous result",
            show=False,
            id="brieftui.search.previous_result",
            tooltip="Move up the results list",
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

    class QueryChanged(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class HitChosen(Message):
        def __init__(self, hits: Sequence[Hit], index: int) -> None:
            super().__init__()
            self.hits = list(hits)
            self.index = index

    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self.query_text = ""

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

    def open(self) -> None:
        self.display = True
        # focus now, not after a refresh, so keys typed right after "/" land in the input
        self.screen.set_focus(self.input)

    def set_status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    def show_results(
        self, query: str, hits: Sequence[Hit], describe: Callable[[Hit], tuple[str, str]]
    ) -> bool:
        """Show ``hits`` for ``query``; returns ``False`` (and shows nothing) if stale.

        ``describe(hit)`` gives the (source, section) labels of a hit.
        """
        if query != self.input.value.strip():
            return False
        self.hits = list(hits)
        self.query_text = query
        results = self.results
        options = []
        for n, hit in enumerate(self.hits):
            source, section = describe(hit)
            text, spans = snippet(hit.text, hit.spans)
            head = plain(_clip(source, 48), "bold $text-secondary", newlines=False)
            if section:
                head = Content.assemble(
                    head, plain(f" › {_clip(section, 48)}", "$text-muted", newlines=False)
                )
            options.append(
                Option(Content.assemble(head, "\n", highlighted(text, spans)), id=str(n))
            )
        results.set_options(options)
        if options:
            results.highlighted = 0
        if not query:
            self.set_status("")
        elif not hits:
            self.set_status(f"No match for “{query}”")
        else:
            many = "s" if len(hits) != 1 else ""
            self.set_status(
                f"{len(hits)} hit{many} for “{query}” · ↑↓ choose · Enter open · Esc close"
            )
        return True

    def clear_results(self) -> None:
        self.hits = []
        self.results.clear_options()

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value.strip()))

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

    def action_results(self, action: str) -> None:
        method: Any = getattr(self.results, f"action_{action}", None)
        if method is not None:
            method()

    def action_open(self) -> None:
        index = self.results.highlighted
        if self.hits and index is not None and 0 <= index < len(self.hits):
            self.post_message(self.HitChosen(self.hits, index))

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
