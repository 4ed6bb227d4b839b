"""Events in the brief cache as flat columns, so that a cached brief has them at once.

An event as a tuple of strings and lists (each passage an ``(id, document id)``
pair) made the cached comparer a list of mixed lists, which the cache's codec reads
item by item: 0.6 s at 5,000 articles, most of reading stories and events back.
Here each field is one flat list of one type (the codec reads those in bulk), and
passages and documents are numbers: the passage ids and document ids come back from
the documents, which the document cache already holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from brieftui.compare.results import Event, EventPassage
from brieftui.model import Document


def _passage_numbers(documents: Sequence[Document]) -> tuple[list[str], list[int]]:
    """Every passage's id and its document's number, in brief order (the index's units)."""
    ids: list[str] = []
    docs: list[int] = []
    for d, doc in enumerate(documents):
        passages = doc.passage_ids()  # a cached document is not decoded for them
        ids.extend(passages)
        docs.extend([d] * len(passages))
    return ids, docs


def events_state(events: Sequence[Event], documents: Sequence[Document]) -> dict[str, Any]:
    """The events as flat columns of one type each (``""`` stands for no story or date)."""
    pids, _docs = _passage_numbers(documents)
    unit_of = {pid: k for k, pid in enumerate(pids)}
    doc_of = {doc.id: d for d, doc in enumerate(documents)}
    return {
        "ids": [e.id for e in events],
        "labels": [e.label for e in events],
        "sentences": [e.label_sentence for e in events],
        "stories": [e.story or "" for e in events],
        "dates": [e.date or "" for e in events],
        "whens": [e.when or "" for e in events],
        "passage_counts": [len(e.passages) for e in events],
        "passages": [unit_of[p.passage_id] for e in events for p in e.passages],
        "doc_counts": [len(e.doc_ids) for e in events],
        "docs": [doc_of[d] for e in events for d in e.doc_ids],
    }


def events_from_state(state: dict[str, Any], documents: Sequence[Document]) -> list[Event]:
    """The events of :func:`events_state` (``ValueError``/``IndexError`` when they do not
    fit these documents: the caller builds afresh)."""
    pids, unit_docs = _passage_numbers(documents)
    doc_ids = [doc.id for doc in documents]
    units = [int(u) for u in state["passages"]]
    # one reference per passage that is in an event (most passages are in none)
    refs: dict[int, EventPassage] = {
        u: EventPassage(pids[u], doc_ids[unit_docs[u]]) for u in set(units)
    }
    docs = [int(d) for d in state["docs"]]
    p_counts = [int(c) for c in state["passage_counts"]]
    d_counts = [int(c) for c in state["doc_counts"]]
    if sum(p_counts) != len(units) or sum(d_counts) != len(docs):
        raise ValueError("cached events are damaged")
    if min(units, default=0) < 0 or min(docs, default=0) < 0:
        raise ValueError("cached events do not fit these documents")
    p_ends = list(accumulate(p_counts))
    d_ends = list(accumulate(d_counts))
    columns = (
        state["ids"],
        state["labels"],
        state["sentences"],
        state["stories"],
        state["dates"],
        state["whens"],
        p_ends,
        d_ends,
    )
    if len({len(c) for c in columns}) > 1:
        raise ValueError("cached events are damaged")
    out: list[Event] = []
    p_start = d_start = 0
    for event_id, label, sentence, story, date, when, p_end, d_end in zip(*columns, strict=True):
        out.append(
            Event(
                str(event_id),
                str(label),
                list(map(refs.__getitem__, units[p_start:p_end])),
                [doc_ids[d] for d in docs[d_start:d_end]],
                str(story) or None,
                str(sentence),
                str(date) or None,
                str(when) or None,
            )
        )
        p_start, d_start = p_end, d_end
    return out
