"""Events: every event of the brief by the sources that cover it, at any size.

``e`` opens it. Events are detected in a thread worker (group ``events``,
exclusive) that reports progress to a bar; ``escape`` leaves at any time (the
worker's result is then dropped). One row per event, labelled by its central
sentence (shortened, with its date), the label column pinned while the table
scrolls sideways. Sources are columns (``S1``, ``S2``… with a legend) only while
they fit; past that the row says how many sources cover the event, grouped by
outlet when the documents name their outlet (publisher or web site), else the
covering sources' short names. A single-source event says "only S3 reports this".

``s`` cycles the story shown (all stories, then each one), ``f`` filters by source
(title, outlet or id as you type), ``o`` sorts by coverage or by date. ``Enter`` (or
a click on a highlighted row) opens the event in Compare, anchored on its most
central passage. With 500 articles the table is a few thousand rows and a handful
of columns, which Textual's DataTable renders lazily.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from brieftui.app import messages
from brieftui.app.compare.view import source_labels
from brieftui.app.content import plain
from brieftui.app.events.table import OUTLET_CELL, layout, outlet, sorted_events
from brieftui.app.progress import throttled
from brieftui.spans import shorten

if TYPE_CHECKING:
    from brieftui.brief import Brief
    from brieftui.compare import Event, Story
    from brieftui.model import Document

__all__ = ["COVERED", "NOT_COVERED", "EventsScreen", "sorted_events"]

COVERED = "●"
NOT_COVERED = "○"
SORTS = ("coverage", "date")


class EventsScreen(Screen[None]):
    """One row per event; sources as columns while they fit, else counted by outlet."""

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
            tooltip="Sort by how many sources cover an event, or by its date",
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
        self.all_events: list[Event] = []
        self.events: list[Event] = []
        """The rows shown, in order (after the story and source filters)."""
        self.stories: list[Story] = []
        self.story: str | None = None
        """The story shown (``None``: all)."""
        self.source_filter = ""
        self.sort = SORTS[0]
        self.mode = "matrix"
        """``matrix`` (a column per source), ``outlets`` (counts per outlet) or ``count``."""
        self._labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="title-line", markup=False)
        with Vertical(id="events-progress"):
            yield Label("Finding the events of the brief…", id="events-progress-label")
            yield ProgressBar(total=None, show_eta=False, id="events-progress-bar")
            yield Label("Esc goes back", id="events-progress-hint")
        yield Input(
            placeholder="source: part of a title, outlet or id (Esc clears)", id="events-filter"
        )
        yield DataTable(id="events-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="events-detail", markup=False)
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

    def _set_title(self, text: str) -> None:
        self.query_one("#title-line", Static).update(plain(f" brieftui · Events · {text}"))

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

    def _scope_docs(self) -> list[Document]:
        """The documents of the story shown (every document when all are shown)."""
        brief = self.brief
        story = next((s for s in self.stories if s.id == self.story), None)
        if story is None:
            return list(brief.documents)
        return [brief.document(d) for d in story.doc_ids]

    def _matching_docs(self) -> set[str] | None:
        """The documents the source filter keeps (``None``: no filter)."""
        needle = self.source_filter.strip().casefold()
        if not needle:
            return None
        keep = set()
        for doc in self.brief.documents:
            hay = " ".join(
                x for x in (doc.id, doc.title, outlet(doc) or "", self._labels.get(doc.id, "")) if x
            ).casefold()
            if needle in hay:
                keep.add(doc.id)
        return keep

    def _fill(self) -> None:
        """(Re)build the table for the current story, source filter, sort and width."""
        table = self.query_one("#events-table", DataTable)
        docs = self._scope_docs()
        wanted = self._matching_docs()
        events = [
            e
            for e in self.all_events
            if (self.story is None or e.story == self.story)
            and (wanted is None or wanted & set(e.doc_ids))
        ]
        self.events = sorted_events(events, self.sort)
        width = max(self.size.width, 40)
        self.mode, shown_outlets, label_width = layout(width, docs)
        table.display = True
        table.clear(columns=True)
        table.fixed_columns = 1
        table.add_column("Event", width=label_width, key="label")
        self._label_width = label_width
        if self.mode == "matrix":
            for doc in docs:
                table.add_column(
                    Content.styled(self._labels[doc.id], "bold"),
                    width=max(2, len(self._labels[doc.id])),
                    key=doc.id,
                )
        elif self.mode == "outlets":
            for name in shown_outlets:
                table.add_column(
                    plain(name[: OUTLET_CELL - 2], "bold", newlines=False), key=f"o:{name}"
                )
        table.add_column("Sources", key="count")
        if self.mode == "count":
            table.add_column("Covered by", key="who")
        by_id = {d.id: d for d in docs}
        n_docs = len(docs)
        for event in self.events:
            covered = set(event.doc_ids)
            cells: list[Content | str] = [self._label_cell(event)]
            if self.mode == "matrix":
                for doc in docs:
                    cells.append(
                        Content.styled(COVERED, "bold $text-success")
                        if doc.id in covered
                        else Content.styled(NOT_COVERED, "$text-muted")
                    )
            elif self.mode == "outlets":
                counts = Counter(outlet(by_id[d]) for d in event.doc_ids if d in by_id)
                for name in shown_outlets:
                    n = counts.get(name, 0)
                    cells.append(
                        Content.styled(str(n), "bold $text-success")
                        if n
                        else Content.styled("·", "$text-muted")
                    )
            cells.append(f"{len(covered)}/{n_docs}")
            if self.mode == "count":
                names = " ".join(self._labels.get(d, d) for d in event.doc_ids)
                cells.append(plain(names if len(names) <= 24 else names[:23] + "…", newlines=False))
            table.add_row(*cells, key=event.id)
        self._update_frame(docs, shown_outlets)
        self.refresh_bindings()

    def _update_frame(self, docs: list[Document], shown_outlets: list[str]) -> None:
        table = self.query_one("#events-table", DataTable)
        marks = (
            f" · {COVERED} covered  {NOT_COVERED} not"
            if self.mode == "matrix"
            else " · sources counted by outlet"
            if self.mode == "outlets"
            else ""
        )
        table.border_title = f"{len(self.events)} events{marks}"
        keys = ["Enter compares", "o sorts", "f source"]
        if len(self.stories) > 1:
            keys.insert(2, "s story")
        table.border_subtitle = " · ".join(keys)
        legend = self.query_one("#events-legend", VerticalScroll)
        legend.display = True
        lines: list[Content | str] = []
        if self.mode == "outlets":
            legend.border_title = "Outlets"
            outlets = Counter(o for o in (outlet(d) for d in docs) if o)
            for n, (name, count) in enumerate(outlets.most_common()):
                if n:
                    lines.append("\n")
                lines.append(Content.styled(f"{count:>4} ", "bold"))
                lines.append(plain(name, newlines=False))
                if name not in shown_outlets:
                    lines.append(Content.styled("  (no column: too many outlets)", "$text-muted"))
        else:
            legend.border_title = "Sources"
            for n, doc in enumerate(docs):
                if n:
                    lines.append("\n")
                lines.append(Content.styled(f"{self._labels[doc.id]:>4} ", "bold"))
                lines.append(plain(doc.title, newlines=False))
        self.query_one("#events-legend-text", Static).update(Content.assemble(*lines))
        single = sum(1 for e in self.events if e.single_source)
        parts = [self.brief.name]
        if self.story is not None:
            story = next((s for s in self.stories if s.id == self.story), None)
            if story is not None:
                parts.append(f"story {story.id} of {len(self.stories)}: {story.label}")
        elif len(self.stories) > 1:
            parts.append(f"{len(self.stories)} stories")
        if self.source_filter.strip():
            parts.append(f"source “{self.source_filter.strip()}”")
        parts.append(f"{len(self.events)} events")
        parts.append(f"{single} reported by one source only")
        parts.append(f"by {self.sort}")
        self._set_title(" · ".join(parts))

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
        self.query_one("#events-progress-label", Label).update(plain(f"{why}\nEsc goes back."))
        self._set_title(f"{brief.name} · no events")

    def _label_cell(self, event: Event) -> Content:
        """The label; a single-source event starts with "only S3 ·" (visible however
        narrow the column)."""
        width = getattr(self, "_label_width", 80)
        if event.single_source:
            only = self._labels.get(event.doc_ids[0], event.doc_ids[0])
            prefix = f"only {only} · "
            return Content.assemble(
                Content.styled(prefix, "italic $text-warning"),
                plain(shorten(event.label, max(8, width - len(prefix))), newlines=False),
            )
        # cut at a word, with an ellipsis, to the column (the table would cut mid-word)
        return plain(shorten(event.label, width), newlines=False)

    @on(DataTable.RowHighlighted, "#events-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Below the table: the highlighted event's whole sentence and who reports it."""
        event.stop()
        detail = self.query_one("#events-detail", Static)
        row = event.cursor_row
        if not 0 <= row < len(self.events):
            detail.display = False
            return
        chosen = self.events[row]
        who = ", ".join(self._labels.get(d, d) for d in chosen.doc_ids[:12])
        if len(chosen.doc_ids) > 12:
            who += f" and {len(chosen.doc_ids) - 12} more"
        parts: list[Content | str] = [plain(chosen.label_sentence or chosen.label, newlines=False)]
        if chosen.date:
            parts += [Content.styled(" · ", "$text-muted"), plain(chosen.date, newlines=False)]
        parts += [Content.styled(f"\n{len(chosen.doc_ids)} source(s): ", "$text-muted")]
        parts.append(plain(who, "$text-muted", newlines=False))
        if chosen.story and len(self.stories) > 1:
            parts.append(Content.styled(f" · story {chosen.story}", "$text-muted"))
        detail.update(Content.assemble(*parts))
        detail.display = True

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
        box = self.query_one("#events-filter", Input)
        if box.display:
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
        """``o``: sort by coverage or by date."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._fill()

    def action_filter(self) -> None:
        """``f``: type part of a source's title, outlet or id."""
        box = self.query_one("#events-filter", Input)
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
