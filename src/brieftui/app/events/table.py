"""How the Events table is laid out for a width and a set of sources (pure functions).

The label column comes first and is pinned; sources get one column each (``S12``)
only while they fit beside a readable label; past that, one column per outlet (a
count of that outlet's covering documents) when the documents name their outlet,
else a count and the covering sources' short names. Cells are built as ``Content``
from plain text (outlet names and titles are data, never markup).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual.content import Content

from brieftui.app.content import plain
from brieftui.app.differ import mark
from brieftui.search.sources import matching_sources, source_fields
from brieftui.spans import shorten

if TYPE_CHECKING:
    from brieftui.compare import Event
    from brieftui.model import Document

COVERED = "●"
NOT_COVERED = "○"
LABEL_MIN = 36
"""The label column is never narrower than this; source columns go first."""
SOURCE_CELL = 4
"""Width of one source's column up to S9 (``S9`` and the table's padding of one cell each
side); from S10 on a column is a cell wider (:func:`source_cell`)."""
COUNT_CELL = 10
"""Width of the "Sources" count column ("12/30" under its heading, with padding)."""


def source_cell(sources: int) -> int:
    """Cells one source's column takes: its widest label (``S12``) and the padding (a trial
    saw the last column, "Sources", cut to "Sourc" once there were ten sources or more)."""
    return len(f"S{sources}") + 2


OUTLET_CELL = 11
OTHER = "other"
"""The heading of the outlets table's last count: the sources of outlets without a column
of their own, and those that name no outlet (else their events' rows were all "·")."""
OTHER_CELL = len(OTHER) + 2
COUNT_CELLS = 26
"""Width of the count and "covered by" columns' text when neither sources nor outlets fit."""


def sorted_events(
    events: list[Event], by: str = "coverage", differ: dict[str, int] | None = None
) -> list[Event]:
    """Most widely covered first (ties keep the core's order), by date (days without a
    year after the dated ones, undated last), or
    by ``differences``: most facts given differently (``differ``: event id → count) first."""
    if by == "differences":
        counts = differ or {}
        return sorted(events, key=lambda e: (-counts.get(e.id, 0), -len(e.doc_ids)))
    if by == "date":
        # a day without a year ("--04-19") cannot be placed among dated ones: after them,
        # by month and day (it sorted first, before "2001-09-11", in a trial)
        return sorted(
            events,
            key=lambda e: (
                e.when is None,
                (e.when or "").startswith("--"),
                (e.when or "").lstrip("-"),
                -len(e.doc_ids),
            ),
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


def layout(
    width: int, docs: Sequence[Document], events: Sequence[Event] = ()
) -> tuple[str, list[str], int]:
    """``(mode, outlets shown, label width)`` for a table ``width`` cells wide.

    ``mode``: ``matrix`` (a column per source), ``outlets`` (a column per outlet, as
    many as fit: those in the most ``events`` shown first, then those with the most
    documents; a trial saw columns of "·" for outlets in no event shown while the one
    outlet that had events was counted under "other") or ``count``.
    """
    outlets = Counter(o for o in (outlet(d) for d in docs) if o)
    if events:
        of_doc = {d.id: outlet(d) for d in docs}
        seen = Counter(o for e in events for o in {of_doc.get(i) for i in e.doc_ids} if o)
        outlets = Counter({o: seen[o] * (len(docs) + 1) + n for o, n in outlets.items()})
    shown: list[str] = []
    cell = source_cell(len(docs))
    if len(docs) * cell + COUNT_CELL + LABEL_MIN <= width - 6:
        mode = "matrix"
        sources_width = cell * len(docs) + COUNT_CELL
    elif len(outlets) >= 2:
        mode = "outlets"
        room = max(0, (width - 6 - LABEL_MIN - 9 - OTHER_CELL) // OUTLET_CELL)
        shown = [o for o, _n in outlets.most_common(room)]
        sources_width = OUTLET_CELL * len(shown) + 9
    else:
        mode = "count"
        sources_width = COUNT_CELLS
    return mode, shown, max(LABEL_MIN, width - sources_width - 8)


def needs_other(docs: Iterable[Document], shown_outlets: Sequence[str]) -> bool:
    """Whether an outlets table needs its :data:`OTHER` column: some document's outlet
    has no column, or it names none."""
    shown = set(shown_outlets)
    return any(outlet(d) not in shown for d in docs)


def count_widths(sources: int) -> tuple[int, int]:
    """The widths of the count column ("12/1396") and the "covered by" column, in
    ``count`` mode: together :data:`COUNT_CELLS`, so the names are not cut off-screen."""
    count = max(len("Sources"), len(f"{sources}/{sources}"))  # the heading whole ("Sourc")
    return count, max(8, COUNT_CELLS - count)


def source_haystacks(docs: Iterable[Document], labels: dict[str, str]) -> dict[str, str]:
    """Document id → what the source filter looks in: id, title, outlet, author and short
    name, folded (:func:`brieftui.search.sources.source_fields`). Made once per screen,
    not per key typed: folding 10,000 documents' fields is most of a filter's time."""
    return {
        doc.id: source_fields(doc.id, doc.title, outlet(doc), doc.author, labels.get(doc.id))
        for doc in docs
    }


def matching_ids(haystacks: dict[str, str], needle: str) -> set[str] | None:
    """The ids whose haystack (:func:`source_haystacks`) ``needle`` matches, as search's
    ``source:`` matches a name (any case or accent, and a typo of four characters or
    more, when nothing matches as typed: :func:`brieftui.search.sources.matching_sources`); ``None`` for an empty needle
    (no filter)."""
    if not needle.strip():
        return None
    ids = list(haystacks)
    return {ids[k] for k in matching_sources(needle, [haystacks[i] for i in ids])}


def matching_docs(docs: Iterable[Document], needle: str, labels: dict[str, str]) -> set[str] | None:
    """The ids of ``docs`` whose id, title, outlet, author or short name ``needle``
    matches (:func:`matching_ids`); ``None`` for an empty needle (no filter)."""
    return matching_ids(source_haystacks(docs, labels), needle)


def source_cells(
    event: Event,
    mode: str,
    docs: dict[str, Document],
    shown_outlets: Sequence[str],
    labels: dict[str, str],
    who_width: int,
    story_size: int | None = None,
    other: bool = False,
) -> list[Content | str]:
    """The cells after the label: a mark per source (``matrix``) or a count per outlet
    (``outlets``), then ``covering/all``, then (``count``) the covering sources' names in
    ``who_width`` columns (:func:`count_widths`).
    ``docs``: the documents shown, by id, in column order; ``story_size``: how many
    documents tell the event's story, what "all" counts (an event of a 9-article story
    in a brief of 30 is "4/9", not "4/30": no article of another story could cover it);
    ``other``: the outlets table has an :data:`OTHER` column (:func:`needs_other`)."""
    covered = set(event.doc_ids)
    cells: list[Content | str] = []
    if mode == "matrix":
        for doc_id in docs:
            cells.append(
                Content.styled(COVERED, "bold $text-success")
                if doc_id in covered
                else Content.styled(NOT_COVERED, "$text-muted")
            )
    elif mode == "outlets":
        counts = Counter(outlet(docs[d]) for d in event.doc_ids if d in docs)
        rest = sum(counts.values())
        for name in shown_outlets:
            n = counts.get(name, 0)
            rest -= n
            cells.append(_count_cell(n))
        if other:
            cells.append(_count_cell(rest))
    cells.append(f"{len(covered)}/{story_size or len(docs)}")
    if mode == "count":
        cells.append(plain(covering_names([labels.get(d, d) for d in event.doc_ids], who_width)))
    return cells


def _count_cell(n: int) -> Content:
    return Content.styled(str(n), "bold $text-success") if n else Content.styled("·", "$text-muted")


def covering_names(names: Sequence[str], width: int) -> str:
    """The covering sources' labels in ``width`` columns, whole ("S89", never "S8"),
    and how many more did not fit ("S1 S2 S3 +14")."""
    shown = ""
    for i, name in enumerate(names):
        rest = len(names) - i - 1
        candidate = f"{shown} {name}" if shown else name
        if len(candidate) + (len(f" +{rest}") if rest else 0) > width:
            return f"{shown} +{rest + 1}" if shown else f"+{rest + 1}"
        shown = candidate
    return shown


def label_cell(
    event: Event, width: int, labels: dict[str, str], differ: int = 0, dated: bool = False
) -> Content:
    """The event's label cut at a word to ``width``; a single-source event starts with
    "only S3 ·", one whose sources give ``differ`` facts differently with ``≠2`` (both
    visible however narrow the column). ``dated`` (sorted by date): the date comes first,
    so the order can be seen (at the end it was cut off in all but the widest tables)."""
    if dated and event.date:
        rest = dataclasses.replace(event, label=event.label.removesuffix(f" · {event.date}"))
        inner = label_cell(rest, max(8, width - len(event.date) - 3), labels, differ)
        return Content.assemble(Content.styled(f"{event.date} · ", "bold"), inner)
    prefix: Content | None = None
    if event.single_source:
        only = labels.get(event.doc_ids[0], event.doc_ids[0])
        prefix = Content.styled(f"only {only} · ", "italic $text-warning")
    elif differ:
        prefix = Content.assemble(mark(differ), " ")
    if prefix is None:  # the table would cut mid-word: cut at a word, with an ellipsis
        return plain(shorten(event.label, width), newlines=False)
    rest = shorten(event.label, max(8, width - len(prefix.plain)))
    return Content.assemble(prefix, plain(rest, newlines=False))
