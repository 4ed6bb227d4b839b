"""Compare: one passage on top, and beside each other one column per other source.

``c`` opens it on the current passage (or the highlighted search hit); Events
opens it on an event. The columns are the other sources of the anchor's *story*
(:meth:`brieftui.brief.Brief.stories`); ``w`` widens to every document of the brief
and back. The comparison is computed in a thread worker (group
``compare``, exclusive) while a loading indicator shows; the UI thread only
lays out the result. Each column shows that source's best matching passage
with the shared terms highlighted, the score as a bar, the evidence and its
position among the source's matches ("1/3"); ``↑``/``↓`` step through them,
``←``/``→`` and ``tab`` move between columns, ``Enter`` opens the focused
column's passage in the reader and ``escape`` goes back.

Columns are sized from the screen width (about 40 cells each: two at 80
columns, three at 120) and scroll sideways past what fits.

Where a shown passage gives a fact differently from the anchor (a figure, a date, a
quote: :mod:`brieftui.divergence`), its column says so ("≠ differs from the anchor",
"dead: 12 people vs At least 15 people") and both values are highlighted in both
passages: in the column's passage, and in the anchor for the focused column. They are
found after the columns are shown, in a second worker (group ``compare-divergences``),
through ``Brief.divergences_with``: only passages of the anchor's event are compared,
the same pairs Events and ``brieftui divergences`` use.

For notes: :meth:`CompareScreen.current_comparison` gives the anchor passage id
and the passage ids shown right now in the covered columns, which is what
"note this comparison" records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalScroll, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from brieftui.app import messages
from brieftui.app.compare.absent import ABSENT_WIDTH, AbsentSources, split_columns
from brieftui.app.compare.column import ColumnData, SourceColumn
from brieftui.app.compare.view import CompareView, build_view, central_passage
from brieftui.app.content import highlighted, plain
from brieftui.app.differ import MARK, differ_spans

if TYPE_CHECKING:
    from brieftui.brief import Brief
    from brieftui.compare import Event
    from brieftui.divergence import Divergence

MIN_COLUMN = 38
"""Narrowest column; the screen fits as many as ``width // MIN_COLUMN`` side by side."""
SOURCE_GROUP = Binding.Group("Source", compact=True)
SCORE_EXPLAINED = "% = how likely the source reports this passage's event (a learned estimate)"


class CompareScreen(Screen[None]):
    """The anchor passage on top; one column per other source below, side by side."""

    HELP_TITLE = "Compare"
    HELP_SIGNS = (
        (
            MARK,
            "Differs",
            "The column's passage gives a figure, date, place, role or quote differently "
            "from the anchor; both values are highlighted in both passages",
        ),
    )

    BINDINGS = [
        Binding(
            "left,h",
            "column(-1)",
            "Previous source",
            key_display="←",
            id="brieftui.compare.previous_column",
            tooltip="Move to the previous source's column",
            group=SOURCE_GROUP,
        ),
        Binding(
            "right,l",
            "column(1)",
            "Next source",
            key_display="→",
            id="brieftui.compare.next_column",
            tooltip="Move to the next source's column",
            group=SOURCE_GROUP,
        ),
        Binding(
            "tab",
            "column(1)",
            "Next source",
            show=False,
            id="brieftui.compare.tab_next_column",
            tooltip="Move to the next source's column",
        ),
        Binding(
            "shift+tab",
            "column(-1)",
            "Previous source",
            show=False,
            id="brieftui.compare.tab_previous_column",
            tooltip="Move to the previous source's column",
        ),
        Binding(
            "enter",
            "open",
            "Open",
            id="brieftui.compare.open",
            tooltip="Open the focused column's passage in the reader",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="brieftui.compare.back",
            tooltip="Close Compare and go back",
        ),
        Binding(
            "a",
            "note_comparison",
            "Note",
            id="brieftui.compare.note",
            tooltip="Add a note to this comparison (the anchor and each source's shown passage)",
        ),
        Binding(
            "w",
            "widen",
            "Widen",
            id="brieftui.compare.widen",
            tooltip="Compare with every document of the brief, not only this story's (again: back)",
        ),
    ]

    DEFAULT_CSS = """
    CompareScreen {
        layout: vertical;
        #compare-anchor {
            height: auto;
            max-height: 9;
            border: round $accent 60%;
            border-title-color: $text-accent;
            border-title-style: bold;
            border-subtitle-color: $text-muted;
            padding: 0 1;
            scrollbar-size-vertical: 1;
        }
        #compare-anchor-text {
            height: auto;
        }
        #compare-body {
            height: 1fr;
        }
        #compare-columns {
            height: 1fr;
            width: 1fr;
            scrollbar-size-horizontal: 1;
        }
        #compare-loading {
            height: 1fr;
        }
        #compare-status {
            height: auto;
            padding: 0 1;
            color: $text-muted;
        }
        #compare-hint {
            height: 1;
            padding: 0 1;
            color: $text-muted;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
    }
    CompareScreen.-narrow #compare-anchor {
        max-height: 7;
    }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(
        self,
        brief: Brief,
        passage_id: str | None,
        *,
        event: Event | None = None,
        widen: bool = False,
    ) -> None:
        """Compare ``passage_id``; with ``event``, its passages (anchored on its central
        passage when ``passage_id`` is ``None``); ``widen``: with the whole brief."""
        super().__init__()  # no id: Compare may be open twice (from Events, then from the palette)
        self.brief = brief
        self.passage_id = passage_id
        self.event = event
        self.widen = widen
        self.view: CompareView | None = None
        self._generation = 0
        self.differing = 0
        """How many sources give a fact differently from the anchor (once found)."""

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("", id="title-line", markup=False)
        with VerticalScroll(id="compare-anchor", can_focus=False):
            yield Static("", id="compare-anchor-text", markup=False)
        yield LoadingIndicator(id="compare-loading")
        yield Static("", id="compare-status", markup=False)
        with Horizontal(id="compare-body"):
            # the source columns scroll; the summary of sources that do not cover the
            # anchor is mounted beside them, outside the scroll, so it is always in view
            yield HorizontalScroll(id="compare-columns", can_focus=False)
        yield Static("", id="compare-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#compare-status").display = False
        self.query_one("#compare-columns").display = False
        self._set_title("computing…")
        anchor = self.query_one("#compare-anchor", VerticalScroll)
        anchor.border_title = "Anchor"
        brief = self.brief
        if self.passage_id is not None and brief.has_passage(self.passage_id):
            ref = brief.passage(self.passage_id)
            anchor.border_title = plain(ref.document.title, newlines=False)
            self.query_one("#compare-anchor-text", Static).update(plain(ref.passage.text))
        self._compute(brief, self.passage_id, self.event, self.widen)

    def _set_title(self, text: str) -> None:
        self.query_one("#title-line", Static).update(plain(f" brieftui · Compare · {text}"))

    # -- work -----------------------------------------------------------------------
    @work(
        thread=True,
        exclusive=True,
        group="compare",
        exit_on_error=False,
        description="compare a passage",
    )
    def _compute(
        self, brief: Brief, passage_id: str | None, event: Event | None, widen: bool = False
    ) -> CompareView:
        if passage_id is None:
            if event is None:
                raise ValueError("nothing to compare")
            passage_id = central_passage(brief, event)
        return build_view(brief, passage_id, event, widen)

    @work(
        thread=True,
        exclusive=True,
        group="compare-divergences",
        exit_on_error=False,
        description="find where sources differ",
    )
    def _find_divergences(
        self, brief: Brief, anchor: str, passage_ids: list[str], generation: int
    ) -> tuple[int, dict[str, list[Divergence]]]:
        return generation, brief.divergences_with(anchor, passage_ids)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "compare-divergences":
            if event.state == WorkerState.SUCCESS and worker.result is not None:
                self._show_divergences(*worker.result)
            return
        if worker.group != "compare":
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, CompareView):
            self._show(worker.result)
        elif event.state == WorkerState.ERROR:
            self._show_error(f"Could not compare: {worker.error}")

    def _show_error(self, message: str) -> None:
        self.query_one("#compare-loading").display = False
        status = self.query_one("#compare-status", Static)
        status.display = True
        status.update(message)
        self._set_title("failed")

    def _show(self, view: CompareView) -> None:
        self.view = view
        self.query_one("#compare-loading").display = False
        anchor = self.query_one("#compare-anchor", VerticalScroll)
        label = f"{view.anchor_label} · " if view.anchor_label else ""
        anchor.border_title = plain(f"{label}{view.anchor_title}", newlines=False)
        anchor.border_subtitle = plain(view.anchor_where, newlines=False)
        self.query_one("#compare-anchor-text", Static).update(
            highlighted(view.anchor_text, view.anchor_spans)
        )
        what = f"event “{view.event_label}”" if view.event_label else "this passage"
        where = ""
        if view.stories > 1:
            where = " in the brief" if view.widened else f" in story {view.story}"
        self._set_title(_coverage_title(view.columns, where, what))
        columns = self.query_one("#compare-columns", HorizontalScroll)
        columns.remove_children()
        self._remove_absent()
        columns.display = True
        status = self.query_one("#compare-status", Static)
        if not view.columns:
            status.display = True
            if view.stories > 1 and not view.widened:
                status.update(
                    "No other source tells this story. w compares with every document of the brief."
                )
            else:
                status.update("There is no other source in this brief to compare with.")
            self.refresh_bindings()
            return
        status.display = False
        self._generation += 1  # the columns of a widened view replace these (ids stay unique)
        self.differing = 0
        each, absent = split_columns(view.columns)
        widgets: list[Widget] = [
            SourceColumn(data, id=f"column-{self._generation}-{n}") for n, data in enumerate(each)
        ]
        columns.mount_all(widgets)
        if absent:  # hundreds of "not covered" sources: one column names them
            summary = AbsentSources(absent, id=f"absent-{self._generation}")
            beside = self.size.width - ABSENT_WIDTH >= MIN_COLUMN
            # too narrow for both: it scrolls after the source columns instead
            (self.query_one("#compare-body", Horizontal) if beside else columns).mount(summary)
            widgets.append(summary)
        self._size_columns()
        first = next((w for w in widgets if isinstance(w, SourceColumn) and w.covered), widgets[0])
        self.call_after_refresh(first.focus)
        self.refresh_bindings()
        wanted = [s.passage_id for c in view.columns for s in c.items]
        if wanted:
            self._find_divergences(self.brief, view.anchor_passage_id, wanted, self._generation)

    def _show_divergences(self, generation: int, found: dict[str, list[Divergence]]) -> None:
        """The divergences arrived: each column shows its own, the anchor the focused one's."""
        if generation != self._generation or self.view is None:
            return  # a widened (or narrowed) view replaced the one they were found for
        columns = self.columns
        for column in columns:
            column.set_divergences(found)
        self.differing = sum(1 for c in columns if any(c.divergences.values()))
        self._size_columns()
        self._update_anchor()

    def _update_anchor(self) -> None:
        """The anchor's text: shared terms, and the values the focused column differs on."""
        view = self.view
        if view is None:
            return
        column = self.focused_column
        found = column.current_divergences if column is not None else []
        text = highlighted(view.anchor_text, view.anchor_spans)
        text = differ_spans(text, [d.values[0].span for d in found], len(view.anchor_text))
        self.query_one("#compare-anchor-text", Static).update(text)
        where = view.anchor_where
        if found and column is not None:
            who = column.data.label or column.data.title
            where += f" · {MARK} where {who} differs"
        self.query_one("#compare-anchor", VerticalScroll).border_subtitle = plain(
            where, newlines=False
        )

    def on_resize(self) -> None:
        self._size_columns()
        column = self.focused_column
        if column is not None:  # the focused source stays in view across a resize,
            # the view starting at a column's edge again (the widths just changed)
            self.call_after_refresh(self._scroll_to, column)

    def _scroll_to(self, column: Widget) -> None:
        """Bring ``column`` into view a whole column at a time: the view starts at a
        column's edge, never with a sliver of one (a trial saw a border cut off and a
        fourth column's corner after a dozen →)."""
        scroll = self.query_one("#compare-columns", HorizontalScroll)
        if column.parent is not scroll:
            return
        sources = self.columns
        width = sources[0].outer_size.width if sources else 0
        if column not in sources or width <= 0:
            scroll.scroll_to_widget(column, animate=False)
            return
        k = sources.index(column)
        shown = max(1, scroll.size.width // width)
        first = round(scroll.scroll_x / width)
        if k < first:
            first = k
        elif k >= first + shown:
            first = k - shown + 1
        scroll.scroll_to(x=first * width, animate=False)

    def _remove_absent(self) -> None:
        """Take away the summary column of the view before (it is not in the scroll)."""
        for summary in self.query(AbsentSources):
            summary.remove()

    def _absent(self) -> list[AbsentSources]:
        """The summary column of the view shown, if it has one."""
        current = f"absent-{self._generation}"
        return [a for a in self.query(AbsentSources) if a.id == current]

    def _size_columns(self) -> None:
        columns = self.columns
        if not columns:
            # only the summary of sources that do not cover it (or nothing): no "3 of 8
            # sources shown" left over from the view before (a trial, after w)
            self._set_hint("")
            return
        width = max(self.size.width, MIN_COLUMN)
        absent = self._absent()
        if absent and width - ABSENT_WIDTH >= MIN_COLUMN:
            # the summary column beside the sources, not off-screen to the right (a
            # trial: one source column took the whole width and hid it)
            width -= ABSENT_WIDTH
        visible = max(1, min(len(columns), width // MIN_COLUMN))
        column_width = width // visible
        for column in columns:
            column.styles.width = column_width
        shown = (
            f"{visible} of {len(columns)} sources shown, ← → for more · "
            if visible < len(columns)
            else ""
        )
        self._set_hint(shown)

    def _set_hint(self, shown: str) -> None:
        """The line under the columns: how many are shown, ``w``, divergences, what % is."""
        scope = ""
        view = self.view
        if view is not None and view.stories > 1:
            scope = "w: only this story · " if view.widened else "w: every story · "
        differ = ""
        if self.differing:
            who = "1 source gives" if self.differing == 1 else f"{self.differing} sources give"
            differ = f"{MARK} {who} facts differently from the anchor · "
        self.query_one("#compare-hint", Static).update(f"{shown}{scope}{differ}{SCORE_EXPLAINED}")

    # -- what is shown ----------------------------------------------------------------
    @property
    def columns(self) -> list[SourceColumn]:
        """The columns of the view shown: not those of the view it replaced, which
        ``remove_children`` takes away a frame later (widening at 1,000 articles once
        counted "3 of 1006 sources", and set divergences on a column half removed)."""
        current = f"column-{self._generation}-"
        return [c for c in self.query(SourceColumn) if (c.id or "").startswith(current)]

    @property
    def focused_column(self) -> SourceColumn | None:
        focused = self.focused
        while focused is not None and not isinstance(focused, SourceColumn):
            parent = focused.parent
            focused = parent if parent is not None and parent is not self else None  # type: ignore[assignment]
        return focused if isinstance(focused, SourceColumn) else None

    def column_for(self, doc_id: str) -> SourceColumn | None:
        return next((c for c in self.columns if c.data.doc_id == doc_id), None)

    def current_comparison(self) -> tuple[str, list[str]] | None:
        """(anchor passage id, passage ids shown now in the covered columns), for notes.

        ``None`` while the comparison is still being computed.
        """
        if self.view is None:
            return None
        shown = [c.passage_id for c in self.columns if c.passage_id is not None]
        return self.view.anchor_passage_id, shown

    # -- actions ----------------------------------------------------------------------
    def action_note_comparison(self) -> None:
        """``a``: a note on the anchor passage with the passages shown in each column."""
        current = self.current_comparison()
        if current is None:
            self.app.bell()
            return
        anchor, shown = current
        self.post_message(messages.NoteRequested(anchor, comparison=tuple(shown)))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_widen(self) -> None:
        """``w``: compare with every document of the brief, or back to the anchor's story."""
        view = self.view
        if view is None:
            self.app.bell()
            return
        if view.stories <= 1:
            self.notify("This brief is one story: every source is already compared.")
            return
        self.widen = not view.widened
        self.view = None
        self.query_one("#compare-columns", HorizontalScroll).display = False
        self._remove_absent()
        self.query_one("#compare-status").display = False
        self.query_one("#compare-loading").display = True
        self._set_title("computing…")
        self._compute(self.brief, view.anchor_passage_id, self.event, self.widen)

    def action_column(self, step: int) -> None:
        columns: list[Widget] = [*self.columns, *self._absent()]
        if not columns:
            return
        current = self.focused_column or self.focused
        index = columns.index(current) if current in columns else -1
        target = index + step if index >= 0 else (0 if step > 0 else len(columns) - 1)
        if 0 <= target < len(columns):
            # set_focus now, not Widget.focus (which is deferred): keys typed fast
            # must each start from the column the previous one moved to
            self.set_focus(columns[target], scroll_visible=False)
            self._scroll_to(columns[target])
        else:
            self.app.bell()

    def action_open(self) -> None:
        column = self.focused_column
        if column is None or column.passage_id is None:
            self.app.bell()
            return
        self.post_message(messages.OpenPassage(column.passage_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            column = self.focused_column
            return True if column is not None and column.passage_id is not None else None
        if action == "column":
            return True if self.view and self.view.columns else None
        if action == "widen":
            if self.view is not None and self.view.stories <= 1:
                return False  # a one-story brief: nothing to widen to, and no room at 80
            return True if self.view is not None else None
        return True

    @on(SourceColumn.Moved)
    def _column_moved(self) -> None:
        self.refresh_bindings()
        self._update_anchor()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()
        self._update_anchor()


def _coverage_title(columns: list[ColumnData], where: str, what: str) -> str:
    """The title line's count, by grade: "4 other sources: 1 reports this passage, 2 touch
    on it, 1 does not cover it" (a trial read "14 of 15 cover" as fourteen reports,
    though nine only touched on it). An event's columns ("in this event") count as
    covering."""
    total = len(columns)
    reports = sum(1 for c in columns if c.items and c.grade == "reports this")
    touches = sum(1 for c in columns if c.items and c.grade == "touches on it")
    covered = sum(1 for c in columns if c.items)
    if reports + touches != covered:
        return f"{covered} of {total} other sources{where} cover {what}"
    parts = []
    if reports:
        parts.append(f"{reports} {'reports' if reports == 1 else 'report'} {{what}}")
    if touches:
        parts.append(f"{touches} {'touches' if touches == 1 else 'touch'} on {{what}}")
    if total - covered:
        none = total - covered
        parts.append(f"{none} {'does' if none == 1 else 'do'} not cover {{what}}")
    said = [p.format(what=what if k == 0 else "it") for k, p in enumerate(parts)]
    sources = "other source" if total == 1 else "other sources"
    return f"{total} {sources}{where}: " + ", ".join(said)
