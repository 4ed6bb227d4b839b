"""Events: every event of the brief by the sources that cover it (a coverage matrix).

``e`` opens it. Events are detected in a thread worker (group ``events``,
exclusive) that reports progress to a bar; ``escape`` leaves at any time (the
worker's result is then dropped). Rows are sorted by how many sources cover
the event; a single-source event says "only S3 reports this". Source columns
are headed ``S1``, ``S2``… (titles are long), with a legend below the table.
``Enter`` (or a click on a highlighted row) opens the event in Compare,
anchored on its most central passage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from brieftui.app import messages
from brieftui.app.compare.view import source_labels
from brieftui.app.content import plain
from brieftui.app.progress import throttled

if TYPE_CHECKING:
    from brieftui.brief import Brief
    from brieftui.compare import Event

COVERED = "●"
NOT_COVERED = "○"


def sorted_events(events: list[Event]) -> list[Event]:
    """Most widely covered first; ties keep the core's order."""
    return sorted(events, key=lambda e: -len(e.doc_ids))


class EventsScreen(Screen[None]):
    """The coverage matrix: one row per event, one column per source."""

    HELP_TITLE = "Events"

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
    ]

    DEFAULT_CSS = """
    EventsScreen {
        #events-progress {
            height: auto;
            padding: 1 2;
        }
        #events-table {
            height: 1fr;
            border: round $border;
            border-title-color: $text-accent;
            border-title-style: bold;
            scrollbar-size-vertical: 1;
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
        max-height: 5;
    }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    def __init__(self, brief: Brief) -> None:
        super().__init__()
        self.brief = brief
        self.events: list[Event] = []
        self._labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="title-line", markup=False)
        with Vertical(id="events-progress"):
            yield Label("Finding the events of the brief…", id="events-progress-label")
            yield ProgressBar(total=None, show_eta=False, id="events-progress-bar")
            yield Label("Esc goes back", id="events-progress-hint")
        yield DataTable(id="events-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="events-legend", can_focus=False):
            yield Static("", id="events-legend-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#events-table").display = False
        self.query_one("#events-legend").display = False
        self._set_title("finding events…")
        self._detect(self.brief)

    def _set_title(self, text: str) -> None:
        self.query_one("#title-line", Static).update(f" brieftui · Events · {text}")

    # -- work -----------------------------------------------------------------------
    @work(
        thread=True,
        exclusive=True,
        group="events",
        exit_on_error=False,
        description="detect events",
    )
    def _detect(self, brief: Brief) -> list[Event]:
        report = throttled(lambda done, total: self.post_message(self.Progress(done, total)))
        return brief.events(progress=report)

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
            self._show(list(worker.result))
        elif event.state == WorkerState.ERROR:
            self.query_one("#events-progress-bar").display = False
            self.query_one("#events-progress-label", Label).update(
                f"Could not find the events: {worker.error}"
            )
            self._set_title("failed")

    # -- the table ------------------------------------------------------------------
    def _show(self, events: list[Event]) -> None:
        brief = self.brief
        self.events = sorted_events(events)
        self._labels = source_labels(brief)
        if not self.events:
            self._show_empty(brief)
            return
        self.query_one("#events-progress").display = False
        table = self.query_one("#events-table", DataTable)
        table.display = True
        table.clear(columns=True)
        docs = brief.documents
        sources_width = 4 * len(docs) + 9
        label_width = max(18, self.size.width - sources_width - 8)
        table.add_column("Event", width=label_width, key="label")
        for doc in docs:
            table.add_column(
                Content.styled(self._labels[doc.id], "bold"),
                width=max(2, len(self._labels[doc.id])),
                key=doc.id,
            )
        table.add_column("Sources", key="count")
        for event in self.events:
            covered = set(event.doc_ids)
            cells: list[Content | str] = [self._label_cell(event)]
            for doc in docs:
                cells.append(
                    Content.styled(COVERED, "bold $text-success")
                    if doc.id in covered
                    else Content.styled(NOT_COVERED, "$text-muted")
                )
            cells.append(f"{len(covered)}/{len(docs)}")
            table.add_row(*cells, key=event.id)
        table.border_title = f"{len(self.events)} events · {COVERED} covered  {NOT_COVERED} not"
        table.border_subtitle = "Enter compares · Esc goes back"
        legend = self.query_one("#events-legend", VerticalScroll)
        legend.display = True
        legend.border_title = "Sources"
        lines: list[Content | str] = []
        for n, doc in enumerate(docs):
            if n:
                lines.append("\n")
            lines.append(Content.styled(f"{self._labels[doc.id]:>3} ", "bold"))
            lines.append(plain(doc.title, newlines=False))
        self.query_one("#events-legend-text", Static).update(Content.assemble(*lines))
        single = sum(1 for e in self.events if e.single_source)
        self._set_title(
            f"{brief.name} · {len(self.events)} events · {single} reported by one source only"
        )
        table.focus()
        self.refresh_bindings()

    def _show_empty(self, brief: Brief) -> None:
        """No events: say why instead of an empty matrix."""
        self.query_one("#events-progress-bar").display = False
        self.query_one("#events-progress-hint").display = False
        if len(brief.documents) < 2:
            why = (
                f"{brief.name} has {len(brief.documents)} document(s). Events are happenings "
                "reported by the sources of a brief, so they need at least two sources."
            )
        else:
            why = "No event was found: no two passages of different sources report one thing."
        self.query_one("#events-progress-label", Label).update(f"{why}\nEsc goes back.")
        self._set_title(f"{brief.name} · no events")

    def _label_cell(self, event: Event) -> Content:
        if event.single_source:
            only = self._labels.get(event.doc_ids[0], event.doc_ids[0])
            return Content.assemble(
                plain(event.label, newlines=False),
                Content.styled(f" · only {only} reports this", "italic $text-warning"),
            )
        return plain(event.label, newlines=False)

    # -- actions --------------------------------------------------------------------
    @property
    def highlighted_event(self) -> Event | None:
        table = self.query_one("#events-table", DataTable)
        if not self.events or not table.display:
            return None
        row = table.cursor_row
        return self.events[row] if 0 <= row < len(self.events) else None

    def action_back(self) -> None:
        self.workers.cancel_group(self, "events")
        self.app.pop_screen()

    def action_open(self) -> None:
        event = self.highlighted_event
        if event is not None:
            self.open_event(event)

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
        return True
