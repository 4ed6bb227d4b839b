"""Many sources that do not cover the anchor: one column that names them all.

A widened Compare on a brief of 1,000 articles has 999 other sources, nearly all "not
covered"; a column each took 2.5–8.7 s to mount (a new-user trial) and made a reader
scroll sideways past hundreds of columns that each say the same. Past
:data:`ABSENT_MAX` such sources, the columns are those of the sources that cover the
anchor, then this one, which says plainly how many do not and lists them.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.widgets import Static

from brieftui.app.compare.column import ColumnData
from brieftui.app.content import plain
from brieftui.spans import shorten

ABSENT_MAX = 12
"""Up to this many sources that do not cover the anchor get a column each."""
ABSENT_WIDTH = 38
"""Cells the summary column takes; the source columns share the rest of the width."""
LISTED_MAX = 500
"""Sources named in the summary column (the rest are counted)."""


def split_columns(columns: Sequence[ColumnData]) -> tuple[list[ColumnData], list[ColumnData]]:
    """``(a column each, named in one summary)``: every source a column while at most
    :data:`ABSENT_MAX` do not cover the anchor; past that, those are summarised."""
    absent = [c for c in columns if not c.items]
    if len(absent) <= ABSENT_MAX:
        return list(columns), []
    return [c for c in columns if c.items], absent


class AbsentSources(VerticalScroll):
    """The sources that do not cover the anchor, counted and named (keys scroll it)."""

    DEFAULT_CSS = """
    AbsentSources {
        width: 38;  /* ABSENT_WIDTH */
        height: 1fr;
        border: round $border-blurred;
        border-title-color: $text-warning;
        padding: 0 1;
        &:focus {
            border: round $border;
        }
    }
    """

    def __init__(self, absent: Sequence[ColumnData], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.absent = list(absent)
        self.can_focus = True

    def compose(self):  # type: ignore[no-untyped-def]
        names = [f"{c.label} · {shorten(c.title, 60)}" if c.label else c.title for c in self.absent]
        more = len(names) - LISTED_MAX
        text = "\n".join(names[:LISTED_MAX]) + (f"\n… and {more} more" if more > 0 else "")
        yield Static(plain(text, newlines=True), markup=False)

    def on_mount(self) -> None:
        self.border_title = f"Not covered by {len(self.absent)} other sources"
