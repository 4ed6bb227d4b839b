"""Divergences for one pair of passages, and over a whole brief.

:func:`divergences_of` is what a view asks for one compare match: facts are cached
per passage (:func:`.extract.passage_facts`), so the answer costs one pairing.
:func:`brief_divergences` runs over :func:`same_event_pairs` and merges, per event,
the pairwise divergences that share a value (S1 and S2 say 12, S3 says 15: one
divergence with three values).

:func:`same_event_pairs` is the one place that decides which passages report the same
event. Today it takes every two passages of different sources within one event of
``brief.events()`` (compare links passages it scores as one happening into events).
Gating each pair on ``brief.similarity(a, b) >= 0.5`` as well was measured and
dropped: on the three gold briefs it lost 8 of the 45 divergences found end to end and
removed no false one. When compare grades its matches ("reports this" / "touches on it" / "not
covered"), this is the function to change: keep a pair when compare grades it
"reports this".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from brieftui.divergence.extract import passage_facts
from brieftui.divergence.pairing import DIFFERS, Pairing, pair_facts
from brieftui.divergence.results import Divergence, DivergenceValue

if TYPE_CHECKING:
    from brieftui.brief import Brief

ProgressCallback = Callable[[int, int], None]
MAX_EVENT_PASSAGES = 60
"""An event with more passages is compared pairwise only among its first this many
(events list their passages best first); beyond, each passage is compared with those."""


@dataclass(frozen=True, slots=True)
class PassageText:
    """A passage as divergence finding needs it: ids, text, and its article's date."""

    passage_id: str
    doc_id: str
    text: str
    date: str | None = None


@dataclass(frozen=True, slots=True)
class EventPair:
    """Two passages of different sources that report one event."""

    event: str
    passage_a: str
    passage_b: str


def pairings_between(a: PassageText, b: PassageText) -> list[Pairing]:
    """Every paired fact of two passages, agreements and shortenings included (for tests,
    the benchmark and anyone who wants to show what agrees)."""
    return pair_facts(passage_facts(a.text, a.date), passage_facts(b.text, b.date), a.text, b.text)


def divergences_between(
    a: PassageText, b: PassageText, event: str | None = None
) -> list[Divergence]:
    """The divergences of two passages: each with A's value first, then B's."""
    out = []
    for p in pairings_between(a, b):
        if p.verdict != DIFFERS:
            continue
        out.append(
            Divergence(
                kind=p.kind,
                slot=p.label,
                values=(
                    DivergenceValue(a.passage_id, a.doc_id, p.a_text, p.a_span, p.a_value),
                    DivergenceValue(b.passage_id, b.doc_id, p.b_text, p.b_span, p.b_value),
                ),
                event=event,
            )
        )
    return out


def passage_text(brief: Brief, passage_id: str) -> PassageText:
    """``passage_id`` of ``brief`` as a :class:`PassageText`; ``KeyError`` when unknown."""
    ref = brief.passage(passage_id)
    return PassageText(passage_id, ref.document.id, ref.passage.text, ref.document.date)


def divergences_of(brief: Brief, passage_a: str, passage_b: str) -> list[Divergence]:
    """Where two passages of ``brief`` disagree (the caller says they report one event:
    Compare calls this for the anchor and each match). ``KeyError`` for an unknown id."""
    return divergences_between(passage_text(brief, passage_a), passage_text(brief, passage_b))


def same_event_pairs(brief: Brief, progress: ProgressCallback | None = None) -> list[EventPair]:
    """Pairs of passages from different sources that report the same event, per event.

    THE switch for compare's grades (issue 14): today every two passages of different
    sources in one event; then, those compare grades "reports this" of each other.
    """
    pairs: list[EventPair] = []
    for event in brief.events(progress=progress):
        if len(event.doc_ids) < 2:
            continue
        ids = [(p.passage_id, p.doc_id) for p in event.passages]
        head = ids[:MAX_EVENT_PASSAGES]
        for i, (pa, da) in enumerate(ids):
            for pb, db in head[: min(i, len(head))]:
                if da != db:
                    pairs.append(EventPair(event.id, pb, pa))
    return pairs


def brief_divergences(brief: Brief, progress: ProgressCallback | None = None) -> list[Divergence]:
    """Every divergence between sources reporting the same event, grouped per event and slot."""
    pairs = same_event_pairs(brief)
    order = {doc.id: i for i, doc in enumerate(brief.documents)}
    by_event: dict[str, list[Divergence]] = defaultdict(list)
    events: list[str] = []
    texts: dict[str, PassageText] = {}
    total = len(pairs)
    for done, pair in enumerate(pairs, start=1):
        for pid in (pair.passage_a, pair.passage_b):
            if pid not in texts:
                texts[pid] = passage_text(brief, pid)
        found = divergences_between(texts[pair.passage_a], texts[pair.passage_b], pair.event)
        if found:
            if pair.event not in by_event:
                events.append(pair.event)
            by_event[pair.event].extend(found)
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
    out: list[Divergence] = []
    for event in events:
        out += merge(by_event[event], order)
    return out


def merge(pairwise: Sequence[Divergence], doc_order: dict[str, int]) -> list[Divergence]:
    """Join pairwise divergences of one event that share a value into one per slot."""
    parent: dict[tuple, tuple] = {}

    def key(d: Divergence, v: DivergenceValue) -> tuple:
        return (d.kind, v.passage_id, v.span)

    def find(x: tuple) -> tuple:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in pairwise:
        keys = [key(d, v) for v in d.values]
        for k in keys[1:]:
            ra, rb = find(keys[0]), find(k)
            if ra != rb:
                parent[rb] = ra
    groups: dict[tuple, list[Divergence]] = defaultdict(list)
    for d in pairwise:
        groups[find(key(d, d.values[0]))].append(d)
    out: list[Divergence] = []
    for members in groups.values():
        values: dict[tuple, DivergenceValue] = {}
        for d in members:
            for v in d.values:
                values.setdefault((v.passage_id, v.span), v)
        ordered = sorted(
            values.values(),
            key=lambda v: (doc_order.get(v.doc_id, len(doc_order)), _number(v.passage_id), v.span),
        )
        slots = [d.slot for d in members]
        slot = max(set(slots), key=lambda s: (slots.count(s), -slots.index(s)))
        out.append(Divergence(members[0].kind, slot, tuple(ordered), members[0].event))
    out.sort(
        key=lambda d: (
            doc_order.get(d.values[0].doc_id, 0),
            _number(d.values[0].passage_id),
            d.values[0].span,
        )
    )
    return out


def _number(passage_id: str) -> int:
    tail = passage_id.rpartition(":")[2]
    return int(tail) if tail.isdigit() else 0


def pairs_for(brief: Brief, anchor: str, matches: Iterable[str]) -> list[Divergence]:
    """Divergences of ``anchor`` with each of ``matches`` (a compare column's matches)."""
    a = passage_text(brief, anchor)
    out: list[Divergence] = []
    for m in matches:
        out += divergences_between(a, passage_text(brief, m))
    return out
