"""How the Events table is laid out for a width and a set of sources (pure functions).

The label column comes first and is pinned; sources get one column each (``S12``)
only while they fit beside a readable label; past that, one column per outlet (a
count of that outlet's covering documents) when the documents name their outlet,
else a count and the covering sources' short names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from brieftui.compare import Event
    from brieftui.model import Document

LABEL_MIN = 36
"""The label column is never narrower than this; source columns go first."""
SOURCE_CELL = 4
"""Width of one source's column (``S12`` plus a gap)."""
OUTLET_CELL = 12
COUNT_CELLS = 26
"""Width of the count and "covered by" columns when neither sources nor outlets fit."""


def sorted_events(events: list[Event], by: str = "coverage") -> list[Event]:
    """Most widely covered first (ties keep the core's order), or by date, undated last."""
    if by == "date":
        return sorted(
            events, key=lambda e: (e.when is None, (e.when or "").lstrip("-"), -len(e.doc_ids))
        )
    return sorted(events, key=lambda e: -len(e.doc_ids))


def outlet(doc: Document) -> str | None:
    """Who published ``doc``: its publisher, else its web site's host (``www.`` dropped)."""
    if doc.publisher:
        return doc.publisher
    if doc.url:
        host = urlsplit(doc.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def layout(width: int, docs: Sequence[Document]) -> tuple[str, list[str], int]:
    """``(mode, outlets shown, label width)`` for a table ``width`` cells wide.

    ``mode``: ``matrix`` (a column per source), ``outlets`` (a column per outlet, the
    most common first, as many as fit) or ``count``.
    """
    outlets = Counter(o for o in (outlet(d) for d in docs) if o)
    shown: list[str] = []
    if len(docs) * SOURCE_CELL + 8 + LABEL_MIN <= width - 6:
        mode = "matrix"
        sources_width = SOURCE_CELL * len(docs) + 8
    elif len(outlets) >= 2:
        mode = "outlets"
        room = max(0, (width - 6 - LABEL_MIN - 9) // OUTLET_CELL)
        shown = [o for o, _n in outlets.most_common(room)]
        sources_width = OUTLET_CELL * len(shown) + 9
    else:
        mode = "count"
        sources_width = COUNT_CELLS
    return mode, shown, max(LABEL_MIN, width - sources_width - 8)
