"""What Compare shows, computed off the UI thread: the anchor and one column per source.

:func:`build_view` asks the brief for the comparison (``brief.compare``: the
sources of the anchor's story, or of the whole brief when widened) and, for an
event, orders each source's passages of that event; it returns plain data
(:class:`CompareView`) that the screen only lays out.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from brieftui.app.compare.column import ColumnData, Shown

if TYPE_CHECKING:
    from brieftui.brief import Brief
    from brieftui.compare import CompareResult, Event

CENTRAL_LIMIT = 24
"""At most this many event passages are weighed when choosing an event's central passage."""


@dataclass(frozen=True)
class CompareView:
    """Everything the screen shows, computed off the UI thread."""

    anchor_passage_id: str
    anchor_doc_id: str
    anchor_title: str
    anchor_label: str
    anchor_where: str
    anchor_text: str
    anchor_spans: list[tuple[int, int]]
    columns: list[ColumnData]
    event_label: str | None = None
    story: str | None = None
    """The anchor's story id (``s1``…)."""
    story_label: str = ""
    widened: bool = False
    """True when the columns are every other document of the brief, not only the story's."""
    stories: int = 1
    """How many stories the brief has (1: widening changes nothing)."""


def source_labels(brief: Brief) -> dict[str, str]:
    """``S1``, ``S2``… for the documents in brief order: short names where titles do not fit."""
    return {doc.id: f"S{n}" for n, doc in enumerate(brief.documents, start=1)}


IN_EVENT = "in this event"
"""The grade of an event's passage that compare did not itself find for the anchor: it is
in the event through the other sources' passages; its score is a similarity, not the
probability that it reports the anchor."""


def _shown(
    brief: Brief, passage_id: str, text: str, score, evidence, spans, grade: str = ""
) -> Shown:
    section: str | None = None
    number = 0
    if brief.has_passage(passage_id):
        ref = brief.passage(passage_id)
        section = ref.section.heading
        number = ref.index + 1
    return Shown(passage_id, text, score, evidence, list(spans), section, number, grade)


def central_passage(brief: Brief, event: Event) -> str:
    """The event passage most similar to the event's passages from other sources."""
    passages = [p for p in event.passages if brief.has_passage(p.passage_id)][:CENTRAL_LIMIT]
    if not passages:
        return event.passages[0].passage_id
    best, best_total = passages[0].passage_id, -1.0
    for p in passages:
        total = sum(
            brief.similarity(p.passage_id, q.passage_id) for q in passages if q.doc_id != p.doc_id
        )
        if total > best_total + 1e-9:
            best, best_total = p.passage_id, total
    return best


def build_view(
    brief: Brief, passage_id: str, event: Event | None = None, widen: bool = False
) -> CompareView:
    """The comparison for ``passage_id``; with ``event``, the columns show that event's passages.

    Without an event, each column is the source's matches from ``brief.compare``
    (each with its probability and grade). With one, each column lists the event's
    passages of that source, the ones ``compare`` also found first (with their
    evidence and spans), then the rest ("in this event", scored by similarity to the
    anchor); a source with no passage in the event keeps compare's answer (its matches
    and grade, or "not covered"), as the CLI gives it. ``widen``: every other document of the
    brief, not only the anchor's story.
    """
    result: CompareResult = brief.compare(passage_id, widen=widen)
    stories = brief.stories()
    story_label = next((s.label for s in stories if s.id == result.story), "")
    labels = source_labels(brief)
    ref = brief.passage(passage_id)
    doc = ref.document
    columns: list[ColumnData] = []
    for source in result.sources:
        found = [
            _shown(brief, m.passage_id, m.text, m.probability, m.evidence, m.spans, m.grade)
            for m in source.matches
        ]
        wanted = (
            [
                p.passage_id
                for p in event.passages
                if p.doc_id == source.doc_id and brief.has_passage(p.passage_id)
            ]
            if event is not None
            else []
        )
        # A source with no passage in the event keeps compare's own answer (from a trial:
        # "Not covered … at best 52% likely" beside the CLI's "touches on it 52%").
        if wanted:
            by_id = {s.passage_id: s for s in found}
            items = [by_id[pid] for pid in wanted if pid in by_id]
            rest = [
                _shown(
                    brief,
                    pid,
                    brief.passage(pid).passage.text,
                    brief.similarity(passage_id, pid),
                    None,
                    [],
                    IN_EVENT,
                )
                for pid in wanted
                if pid not in by_id
            ]
            rest.sort(key=lambda s: -(s.score or 0.0))
            found = items + rest
        count = 0
        with contextlib.suppress(KeyError):
            count = brief.document(source.doc_id).passage_count
        columns.append(
            ColumnData(
                source.doc_id,
                source.title,
                found,
                labels.get(source.doc_id, ""),
                count,
                source.grade if not (wanted and not source.matches) else IN_EVENT,
                source.probability,
            )
        )
    where = [f"¶ {ref.index + 1}/{doc.passage_count}"]
    if ref.section.heading:
        where.append(ref.section.heading)
    return CompareView(
        anchor_passage_id=passage_id,
        anchor_doc_id=doc.id,
        anchor_title=doc.title,
        anchor_label=labels.get(doc.id, ""),
        anchor_where=" · ".join(where),
        anchor_text=result.anchor_text,
        anchor_spans=list(result.anchor_spans),
        columns=columns,
        event_label=event.label if event is not None else None,
        story=result.story,
        story_label=story_label,
        widened=result.widened,
        stories=len(stories),
    )
