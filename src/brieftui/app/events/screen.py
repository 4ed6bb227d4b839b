"""Events: every event of the brief by the sources that cover it, at any size.

``e`` opens it. Events are detected in a thread worker (group ``events``,
exclusive) that reports progress to a bar; ``escape`` leaves at any time (the
worker's result is then dropped). One row per event, labelled by its central
sentence (shortened, with its date), the label column pinned while the table
scrolls sideways. Sources are columns (``S1``, ``S2``… with a legend) only while
they fit; past that the row says how many sources cover the event, grouped by
outlet when the documents name their outlet (publisher or web site), else the
covering sources' short names. A single-source event says "only S3 reports this".

Once the events are shown, a second worker (group ``events-divergences``) finds where
their sources disagree (``Brief.divergences``, progress in the title line); then an
event whose sources give facts differently starts with ``≠2`` (two facts) and, when
highlighted, lists them below the table (:mod:`.divergences`).

``s`` cycles the story shown (all stories, then each one), ``f`` filters by source
(title, outlet or id as you type), ``o`` sorts by coverage, by date or by how many
facts the sources give differently. ``Enter`` (or
a click on a highlighted row) opens the event in Compare, anchored on its most
central passage. With 500 articles the table is a few thousand rows and a handful
of columns, which Textual's DataTable renders lazily. The table, its border, the
legend and the title line are drawn from the screen's state by :mod:`.view`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from brieftui.app import messages
from brieftui.app.compare.view import source_labels
from brieftui.app.differ import MARK
from brieftui.app.events.detail import event_detail
from brieftui.app.events.divergences import DivergencePanel
from brieftui.app.events.table import COVERED, NOT_COVERED, sorted_events
from brieftui.app.events.view import EventsView
from brieftui.app.progress import throttled

if TYPE_CHECKING:
    from brieftui.brief import Brief
    from brieftui.compare import Event, Story
    from brieftui.divergence import Divergence

__all__ = ["COVERED", "NOT_COVERED", "EventsScreen", "sorted_events"]

SORTS = ("coverage", "date", "differences")


class EventTable(DataTable):
    """The events table: ``home``/``g`` and ``end``/``G`` go to the first and the last
    event (a DataTable's own home and end scroll sideways, which did nothing visible
    there, from a trial)."""

    HELP_TITLE = "Events table"
    BINDINGS = [
        Binding(
            "home,g",
            "edge(-1)",
            "First event",
            show=False,
            id="brieftui.events.first",
            tooltip="Go to the first event",
        ),
        Binding(
            "end,G",
            "edge(1)",
            "Last event",
            show=False,
            id="brieftui.events.last",
            tooltip="Go to the last event",
        ),
    ]

    def action_edge(self, step: int) -> None:
        if self.row_count:
            self.move_cursor(row=0 if step < 0 else self.row_count - 1)


class EventsScreen(EventsView, Screen[None]):
    """One row per event; sources as columns while they fit, else counted by outlet."""

    HELP_TITLE = "Events"
    HELP_SIGNS = (
        (COVERED, "Covered", "The source of this column reports the event"),
        (NOT_COVERED, "Not covered", "The source of this column does not report it"),
        (
            f"{MARK}2",
            "Sources differ",
            "The event's sources give 2 facts differently (figures, dates, places, roles, "
            "quotes); the highlighted event's are listed below the table",
        ),
        (
            "3",
            "Outlet count",
            "With too many sources for a column each: how many of this outlet's articles "
            "report the event (· none); “other” counts outlets without a column of their "
            "own and articles that name no outlet",
        ),
        ("4/9", "Sources", "How many of the story's articles report the event"),
        ("only S3", "One source", "Reported by one source only"),
    )

    BINDINGS = [
        Binding(
            "escape",
            "back",
            "Back",
            id="brieftui.events.back",
            tooltip="Close Events and go back (stops detecting events)",
        ),
        Binding(
            "enter",
            "open",
            "Compare",
            id="brieftui.events.open",
            tooltip="Open the highlighted event in Compare",
        ),
        Binding(
            "s",
            "story",
            "Story",
            id="brieftui.events.story",
            tooltip="Show the events of one story, the next one, then all again",
        ),
        Binding(
            "f",
            "filter",
            "Source",
            id="brieftui.events.filter",
            tooltip="Show only events a source covers (type part of its title, outlet or id)",
        ),
        Binding(
            "o",
            "sort",
            "Sort",
            id="brieftui.events.sort",
            tooltip="Sort by how many sources cover an event, by its date, or by how many "
            "facts its sources give differently",
        ),
    ]

    DEFAULT_CSS = """
    EventsScreen {
        #events-progress {
            height: auto;
            padding: 1 2;
        }
        #events-filter {
            height: 3;
            margin: 0 1;
        }
        #events-table {
            height: 1fr;
            border: round $border;
            border-title-color: $text-accent;
            border-title-style: bold;
            border-subtitle-color: $text-muted;
            scrollbar-size-vertical: 1;
            scrollbar-size-horizontal: 1;
        }
        #events-detail {
            height: auto;
            max-height: 4;
            padding: 0 1;
        }
        #events-legend {
            height: auto;
            max-height: 7;
            padding: 0 1;
            border: round $border-blurred;
            border-title-color: $text-muted;
            scrollbar-size-vertical: 1;
        }
        #events-legend-text {
            height: auto;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
    }
    EventsScreen.-narrow #events-legend {
        max-height: 4;
    }
    EventsScreen.-narrow #events-divergences {
        max-height: 5;
    }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class SortChosen(Message):
        """``o`` chose another order: the app opens Events in it next time."""

        def __init__(self, sort: str) -> None:
            super().__init__()
            self.sort = sort

    def __init__(self, brief: Brief, sort: str = "coverage") -> None:
        super().__init__()
        self.brief = brief
        self.all_events: list[Event] = []
        self.events: list[Event] = []
        """The rows shown, in order (after the story and source filters)."""
        self.stories: list[Story] = []
        self.story: str | None = None
        """The story shown (``None``: all)."""
        self.source_filter = ""
        self.sort = sort if sort in SORTS else SORTS[0]
        self.mode = "matrix"
        """``matrix`` (a column per source), ``outlets`` (counts per outlet) or ``count``."""
        self._labels: dict[str, str] = {}
        self.divergences: dict[str, list[Divergence]] | None = None
        """Event id → where its sources differ (``None`` until found)."""
        self._divergence_progress = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="title-line", markup=False)
        with Vertical(id="events-progress"):
            yield Label("Finding the events of the brief…", id="events-progress-label")
            yield ProgressBar(total=None, show_eta=False, id="events-progress-bar")
            yield Label("Esc goes back", id="events-progress-hint")
        # disabled while hidden: focused hidden, it took ``q`` as a letter and the app
        # could not be quit until Events had finished (a new-user trial)
        yield Input(
            placeholder="source: part of a title, outlet, author or id (Esc clears)",
            id="events-filter",
            disabled=True,
        )
        yield EventTable(id="events-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="events-detail", markup=False)
        yield DivergencePanel(id="events-divergences")
        with VerticalScroll(id="events-legend", can_focus=False):
            yield Static("", id="events-legend-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#events-table").display = False
        self.query_one("#events-legend").display = False
        self.query_one("#events-detail").display = False
        self.query_one("#events-filter").display = False
        self._set_title("finding events…")
        self._detect(self.brief)

    # -- work -----------------------------------------------------------------------
    @work(
        thread=True,
        exclusive=True,
        group="events",
        exit_on_error=False,
        description="detect events",
    )
    def _detect(self, brief: Brief) -> tuple[list[Event], list[Story]]:
        report = throttled(lambda done, total: self.post_message(self.Progress(done, total)))
        events = brief.events(progress=report)
        return events, brief.stories()

    def on_divergence_panel_progress(self, event: DivergencePanel.Progress) -> None:
        share = event.done / event.total if event.total else 1.0
        self._divergence_progress = f"finding where sources differ… {share:.0%}"
        self._title_line()

    def on_divergence_panel_failed(self, event: DivergencePanel.Failed) -> None:
        self._divergence_progress = f"could not compare the facts: {event.error}"
        self._title_line()

    def on_divergence_panel_found(self, event: DivergencePanel.Found) -> None:
        """The divergences are in: mark the rows, list the highlighted event's."""
        self.divergences = event.by_event
        self._divergence_progress = ""
        if self.sort == "differences":
            self._fill()
        else:
            table = self.query_one("#events-table", DataTable)
            for event in self.events:
                if event.id in self.divergences:
                    table.update_cell(event.id, "label", self._label_cell(event))
            self._update_frame()
        self._show_event_divergences(self.highlighted_event)

    def _show_event_divergences(self, event: Event | None) -> None:
        found = (self.divergences or {}).get(event.id, []) if event is not None else []
        self.query_one(DivergencePanel).show(found, lambda d: self._labels.get(d, d))

    def on_events_screen_progress(self, event: Progress) -> None:
        bar = self.query_one("#events-progress-bar", ProgressBar)
        bar.update(total=max(event.total, 1), progress=event.done)
        self.query_one("#events-progress-label", Label).update(
            f"Finding the events of the brief… {event.done:,} of {event.total:,} passages"
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "events":
            return
        if event.state == WorkerState.SUCCESS and worker.result is not None:
            events, stories = worker.result
            self.stories = list(stories)
            self._show(list(events))
        elif event.state == WorkerState.ERROR:
            self.query_one("#events-progress-bar").display = False
            self.query_one("#events-progress-label", Label).update(
                f"Could not find the events: {worker.error}"
            )
            self._set_title("failed")

    # -- the table ------------------------------------------------------------------
    def _show(self, events: list[Event]) -> None:
        brief = self.brief
        self.all_events = events
        self._labels = source_labels(brief)
        if not events:
            self._show_empty(brief)
            return
        self.query_one("#events-progress").display = False
        self._fill()
        self.query_one("#events-table", DataTable).focus()
        if self.divergences is None:
            self._divergence_progress = "finding where sources differ…"
            self._title_line()
            self.query_one(DivergencePanel).find(brief)

    @on(DataTable.RowHighlighted, "#events-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Below the table: the highlighted event's whole sentence and who reports it."""
        event.stop()
        detail = self.query_one("#events-detail", Static)
        row = event.cursor_row
        if not 0 <= row < len(self.events):
            detail.display = False
            self._show_event_divergences(None)
            return
        chosen = self.events[row]
        detail.update(event_detail(chosen, self._labels, len(self.stories) > 1))
        detail.display = True
        self._show_event_divergences(chosen)

    def on_resize(self) -> None:
        if self.all_events and self.query_one("#events-table").display:
            self._fill()

    # -- actions --------------------------------------------------------------------
    @property
    def highlighted_event(self) -> Event | None:
        table = self.query_one("#events-table", DataTable)
        if not self.events or not table.display:
            return None
        row = table.cursor_row
        return self.events[row] if 0 <= row < len(self.events) else None

    def action_back(self) -> None:
        """``escape``: clear the source filter first (typed or applied with Enter, as the
        title line says "Esc clears"), then leave."""
        box = self.query_one("#events-filter", Input)
        if box.display or self.source_filter:
            self._close_filter(clear=True)
            return
        self.workers.cancel_group(self, "events")
        self.app.pop_screen()

    def action_open(self) -> None:
        event = self.highlighted_event
        if event is not None:
            self.open_event(event)

    def action_story(self) -> None:
        """``s``: the next story's events (after the last, all stories again)."""
        if len(self.stories) <= 1:
            self.notify("This brief is one story.")
            return
        ids = [s.id for s in self.stories]
        if self.story is None:
            self.story = ids[0]
        else:
            k = ids.index(self.story) if self.story in ids else -1
            self.story = ids[k + 1] if k + 1 < len(ids) else None
        self._fill()

    def action_sort(self) -> None:
        """``o``: sort by coverage, by date, or by how many facts the sources give differently."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.post_message(self.SortChosen(self.sort))
        self._fill()

    def action_filter(self) -> None:
        """``f``: type part of a source's title, outlet or id."""
        box = self.query_one("#events-filter", Input)
        box.disabled = False
        box.display = True
        box.value = self.source_filter
        box.focus()

    def _close_filter(self, clear: bool = False) -> None:
        box = self.query_one("#events-filter", Input)
        if clear:
            self.source_filter = ""
            box.value = ""
            self._fill()
        box.display = False
        box.disabled = True
        self.query_one("#events-table", DataTable).focus()

    @on(Input.Changed, "#events-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.source_filter = event.value
        if self.all_events:
            self._fill()

    @on(Input.Submitted, "#events-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close_filter()

    def open_event(self, event: Event) -> None:
        if not event.passages:
            return
        # the central passage is chosen in Compare's worker, off the UI thread
        self.post_message(messages.CompareRequested(None, event=event))

    @on(DataTable.RowSelected, "#events-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.events):
            self.open_event(self.events[event.cursor_row])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return True if self.events else None
        if action in ("sort", "filter"):
            return True if self.all_events else None
        if action == "story":
            return True if len(self.stories) > 1 else None
        return True
