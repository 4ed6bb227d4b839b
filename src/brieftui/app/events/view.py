"""What Events shows for its current state: the table, its frame and the title line.

The half of :class:`~brieftui.app.events.screen.EventsScreen` that (re)builds the
table for the story shown, the source filter, the sort and the width, and draws the
border, the legend and the title line around it; the screen supplies the state and
runs the workers, the keys and the messages. Kept apart so that the screen reads as
what happens when (events found, a key pressed) and this as what it looks like.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Label, Static

from brieftui.app.content import plain
from brieftui.app.events.detail import empty_reason, legend, no_source, title_line
from brieftui.app.events.divergences import SIGN_EXPLAINED
from brieftui.app.events.table import (
    COVERED,
    NOT_COVERED,
    OTHER,
    OUTLET_CELL,
    count_widths,
    label_cell,
    layout,
    matching_ids,
    needs_other,
    sorted_events,
    source_cells,
    source_haystacks,
)
from brieftui.spans import shorten

if TYPE_CHECKING:
    from textual.geometry import Size

    from brieftui.brief import Brief
    from brieftui.compare import Event, Story
    from brieftui.divergence import Divergence
    from brieftui.model import Document

__all__ = ["EventsView"]


class EventsView:
    """The table and what surrounds it, drawn from the screen's state."""

    brief: Brief
    all_events: list[Event]
    events: list[Event]
    stories: list[Story]
    story: str | None
    source_filter: str
    sort: str
    mode: str
    divergences: dict[str, list[Divergence]] | None
    _labels: dict[str, str]
    _divergence_progress: str

    if TYPE_CHECKING:  # supplied by EventsScreen (a Screen)
        size: Size

        def query_one(self, selector: object, expect_type: object = ...) -> Any: ...
        def refresh_bindings(self) -> None: ...

    def _set_title(self, text: str) -> None:
        self.query_one("#title-line", Static).update(plain(f" brieftui · Events · {text}"))

    def _scope_docs(self) -> list[Document]:
        """The documents of the story shown (every document when all are shown)."""
        brief = self.brief
        story = next((s for s in self.stories if s.id == self.story), None)
        if story is None:
            return list(brief.documents)
        return [brief.document(d) for d in story.doc_ids]

    def _fill(self) -> None:
        """(Re)build the table for the current story, source filter, sort and width; the
        highlighted event stays highlighted when it is still shown (a resize put the
        highlight back on the first row, from a trial)."""
        table = self.query_one("#events-table", DataTable)
        kept = getattr(self, "highlighted_event", None)
        docs = self._scope_docs()
        haystacks = getattr(self, "_haystacks", None)
        if haystacks is None and self.source_filter.strip():
            haystacks = self._haystacks = source_haystacks(self.brief.documents, self._labels)
        wanted = matching_ids(haystacks or {}, self.source_filter)
        self._source_found = wanted is None or bool(wanted)
        events = [
            e
            for e in self.all_events
            if (self.story is None or e.story == self.story)
            and (wanted is None or wanted & set(e.doc_ids))
        ]
        differ = {k: len(v) for k, v in (self.divergences or {}).items()}
        self.events = sorted_events(events, self.sort, differ)
        # a source of another story than the one shown: say where it is, not just "0"
        self._elsewhere = (
            sorted({e.story for e in self.all_events if wanted & set(e.doc_ids)})
            if wanted and not self.events and self.story is not None
            else []
        )
        width = max(self.size.width, 40)
        self.mode, shown_outlets, label_width = layout(width, docs, self.events)
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
        other = False
        if self.mode == "outlets":
            for name in shown_outlets:
                label = shorten(name, OUTLET_CELL - 2)
                table.add_column(  # the width given: measured, the label came out one letter
                    plain(label, "bold", newlines=False), key=f"o:{name}", width=len(label)
                )
            other = needs_other(docs, shown_outlets)
            if other:
                table.add_column(Content.styled(OTHER, "italic"), key="other", width=len(OTHER))
        count_width, who_width = count_widths(len(docs))
        if self.mode == "count":
            table.add_column("Sources", key="count", width=count_width)
            table.add_column("Covered by", key="who", width=who_width)
        else:
            table.add_column("Sources", key="count")
        by_id = {d.id: d for d in docs}
        sizes = {s.id: len(s.doc_ids) for s in self.stories} if len(self.stories) > 1 else {}
        for event in self.events:
            cells = [
                self._label_cell(event),
                *source_cells(
                    event,
                    self.mode,
                    by_id,
                    shown_outlets,
                    self._labels,
                    who_width,
                    sizes.get(event.story),
                    other,
                ),
            ]
            table.add_row(*cells, key=event.id)
        if kept is not None:
            row = next((k for k, e in enumerate(self.events) if e.id == kept.id), None)
            if row:
                table.move_cursor(row=row, animate=False)
        self._shown_outlets = shown_outlets
        self._update_frame()
        self.refresh_bindings()

    def _update_frame(self) -> None:
        """The table's border, the legend and the title line, for what is shown."""
        table = self.query_one("#events-table", DataTable)
        marks = (
            f" · {COVERED} covered  {NOT_COVERED} not"
            if self.mode == "matrix"
            else " · sources counted by outlet"
            if self.mode == "outlets"
            else ""
        )
        if self.divergences and any(e.id in self.divergences for e in self.events):
            marks += f" · {SIGN_EXPLAINED}"  # only when a row shown has the sign
        elsewhere = getattr(self, "_elsewhere", [])
        if elsewhere:  # the source is in another story: the needle is typed text, plain
            where = ", ".join(elsewhere[:5]) + ("…" if len(elsewhere) > 5 else "")
            table.border_title = plain(
                f"No events of “{self.source_filter.strip()}” in story {self.story}: "
                f"its sources' events are in {where} · s for the next story",
                newlines=False,
            )
        elif getattr(self, "_source_found", True):
            table.border_title = f"{len(self.events)} events{marks}"
        else:  # the needle is typed text: shown plain, never as markup
            needle = no_source(self.source_filter.strip())
            table.border_title = plain(f"{needle} · Esc clears", newlines=False)
        keys = ["Enter compares", "o sorts", "f source"]
        if len(self.stories) > 1:
            keys.insert(2, "s story")
        table.border_subtitle = " · ".join(keys)
        box = self.query_one("#events-legend", VerticalScroll)
        box.display = True
        shown_outlets = getattr(self, "_shown_outlets", [])
        box.border_title, lines = legend(self.mode, self._scope_docs(), self._labels, shown_outlets)
        self.query_one("#events-legend-text", Static).update(lines)
        self._title_line()

    def _title_line(self) -> None:
        differ = None
        if self.divergences is not None:
            differ = sum(1 for e in self.events if e.id in self.divergences)
        story = next((s for s in self.stories if s.id == self.story), None)
        self._set_title(
            title_line(
                self.brief.name,
                self.events,
                stories=len(self.stories),
                story=story,
                source=self.source_filter.strip(),
                differ=self._divergence_progress or differ,
                sort=self.sort,
                source_found=getattr(self, "_source_found", True),
            )
        )

    def _show_empty(self, brief: Brief) -> None:
        """No events: say why instead of an empty matrix."""
        self.query_one("#events-progress-bar").display = False
        self.query_one("#events-progress-hint").display = False
        why = empty_reason(brief.name, len(brief.documents))
        self.query_one("#events-progress-label", Label).update(plain(f"{why}\nEsc goes back."))
        self._set_title(f"{brief.name} · no events")

    def _label_cell(self, event: Event) -> Content:
        found = (self.divergences or {}).get(event.id, [])
        width = getattr(self, "_label_width", 80)
        return label_cell(event, width, self._labels, len(found), dated=self.sort == "date")
