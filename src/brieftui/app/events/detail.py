"""What Events shows around its table: the title line, the highlighted event's detail,
the legend, and why there is no table.

Pure functions from the events and documents to :class:`~textual.content.Content`
(article text, titles and outlet names are data: built with :func:`plain`, never
parsed as markup), so the screen only places them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from brieftui.app.content import plain
from brieftui.app.differ import MARK
from brieftui.app.events.table import OTHER, outlet

if TYPE_CHECKING:
    from brieftui.compare import Event, Story
    from brieftui.model import Document

WHO_LIMIT = 12
"""The detail names at most this many covering sources, then "and N more"."""


def event_detail(event: Event, labels: dict[str, str], several_stories: bool) -> Content:
    """The event's whole sentence and date, then who reports it (and its story)."""
    who = ", ".join(labels.get(d, d) for d in event.doc_ids[:WHO_LIMIT])
    if len(event.doc_ids) > WHO_LIMIT:
        who += f" and {len(event.doc_ids) - WHO_LIMIT} more"
    parts: list[Content | str] = [plain(event.label_sentence or event.label, newlines=False)]
    if event.date:
        parts += [Content.styled(" · ", "$text-muted"), plain(event.date, newlines=False)]
    count = len(event.doc_ids)
    parts += [Content.styled(f"\n{count} source{'' if count == 1 else 's'}: ", "$text-muted")]
    parts.append(plain(who, "$text-muted", newlines=False))
    if event.story and several_stories:
        parts.append(Content.styled(f" · story {event.story}", "$text-muted"))
    return Content.assemble(*parts)


def legend(
    mode: str, docs: Sequence[Document], labels: dict[str, str], shown_outlets: Sequence[str]
) -> tuple[str, Content]:
    """(title, lines) of the legend: outlets with their counts, or the sources' short names."""
    lines: list[Content | str] = []
    if mode == "outlets":
        outlets = Counter(o for o in (outlet(d) for d in docs) if o)
        for n, (name, count) in enumerate(outlets.most_common()):
            if n:
                lines.append("\n")
            lines.append(Content.styled(f"{count:>4} ", "bold"))
            lines.append(plain(name, newlines=False))
            if name not in shown_outlets:
                lines.append(Content.styled(f"  (counted under “{OTHER}”)", "$text-muted"))
        unnamed = sum(1 for d in docs if not outlet(d))
        if unnamed:
            lines.append("\n" if lines else "")
            lines.append(Content.styled(f"{unnamed:>4} ", "bold"))
            lines.append(Content.styled(f"name no outlet (counted under “{OTHER}”)", "$text-muted"))
        return "Outlets", Content.assemble(*lines)
    for n, doc in enumerate(docs):
        if n:
            lines.append("\n")
        lines.append(Content.styled(f"{labels[doc.id]:>4} ", "bold"))
        lines.append(plain(doc.title, newlines=False))
    return "Sources", Content.assemble(*lines)


def title_line(
    brief: str,
    events: Sequence[Event],
    *,
    stories: int,
    story: Story | None,
    source: str,
    differ: int | str | None,
    sort: str,
    source_found: bool = True,
) -> str:
    """Brief · story · source filter · events and their order · one-source ones · where
    sources differ.

    ``differ``: how many events' sources differ, or the progress of finding them (a
    string), or ``None`` (not looked for yet). ``source_found``: whether the source
    filter matches any document; when it does not, the line says so, as search does,
    rather than leave an empty table unexplained.
    """
    parts = [brief]
    if story is not None:
        parts.append(f"story {story.id} of {stories}: {story.label}")
    elif stories > 1:
        parts.append(f"{stories} stories")
    if source:
        parts.append(f"source “{source}”" if source_found else no_source(source))
    # the order early in the line: at 120 columns its end was cut off (a trial)
    parts.append(f"{len(events)} events by {sort}")
    parts.append(f"{sum(1 for e in events if e.single_source)} from one source only")
    if isinstance(differ, str):
        parts.append(differ)
    elif differ:
        parts.append(f"{MARK} sources differ in {differ} event{'s' if differ != 1 else ''}")
    elif differ is not None:
        parts.append("no divergence found")
    return " · ".join(parts)


def no_source(source: str) -> str:
    """What the source filter says when ``source`` matches no document (search's words)."""
    return f"No source matches “{source}”"


def empty_reason(brief: str, documents: int) -> str:
    """Why a brief has no events."""
    if documents < 2:
        return (
            f"{brief} has {documents} document(s). Events are happenings reported by the "
            "sources of a brief, so they need at least two sources."
        )
    return "No event was found: no two passages of different sources report one thing."
