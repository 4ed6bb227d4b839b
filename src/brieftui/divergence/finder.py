"""Divergences for one pair of passages, and over a whole brief.

:func:`divergences_of` is what a view asks for one compare match: facts are cached
per passage (:func:`.extract.passage_facts`), so the answer costs one pairing.
:func:`brief_divergences` runs over :func:`same_event_pairs` and merges, per event,
the pairwise divergences that share a value (S1 and S2 say 12, S3 says 15: one
divergence with three values).

:func:`same_event_pairs` is the one place that decides which passages report the same
event: every two passages of different sources within one event of ``brief.events()``
(compare links passages it scores as one happening into events). Measured and dropped:

* gating each pair on ``brief.similarity(a, b) >= 0.5`` lost 8 of the 45 divergences
  found end to end on the gold briefs and removed no false one;
* compare's grades (``bench/divergence_pairs.py``): keeping only the event pairs graded
  "reports this" lowers held-out recall (rail 0.60 → 0.45) at the same precision;
  adding each event passage's best "reports this" match per source leaves rail at 0.60
  and adds 153 pairwise divergences on ECB+, 4 of a random 20 right.

:func:`divergences_with` is Compare's question (an anchor and the passages it shows):
the same pairs, those of the anchor's event.
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
    """Pairs of passages from different sources that report the same event, per event:
    every two passages of different sources in one of ``brief.events()`` (compare's
    grades were measured as the switch and not kept: see the module's docstring).
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


def divergences_with(
    brief: Brief, anchor: str, others: Iterable[str]
) -> dict[str, list[Divergence]]:
    """Where each of ``others`` disagrees with ``anchor``: what Compare shows on its columns.

    Only passages in the anchor's event (``brief.events()``) from another source are
    compared, the pairs :func:`same_event_pairs` takes, so Compare, Events and the CLI
    show the same divergences. A compare match graded "reports this" outside the event
    is not compared: on ECB+ such pairs added 84 divergences to the 67 of the events,
    most of them two offers or two operations taken for one (``bench/divergence_pairs.py``).
    The answer has a key for every passage compared (an empty list: no divergence);
    each divergence holds the anchor's value first. ``KeyError`` for an unknown anchor.
    """
    a = passage_text(brief, anchor)
    event = next(
        (e for e in brief.events() if any(p.passage_id == anchor for p in e.passages)), None
    )
    if event is None or len(event.doc_ids) < 2:
        return {}
    members = {p.passage_id: p.doc_id for p in event.passages}
    out: dict[str, list[Divergence]] = {}
    for pid in others:
        if pid in out or members.get(pid, a.doc_id) == a.doc_id:
            continue
        out[pid] = divergences_between(a, passage_text(brief, pid), event.id)
    return out


def pairs_for(brief: Brief, anchor: str, matches: Iterable[str]) -> list[Divergence]:
    """Divergences of ``anchor`` with each of ``matches`` (a compare column's matches)."""
    a = passage_text(brief, anchor)
    out: list[Divergence] = []
    for m in matches:
        out += divergences_between(a, passage_text(brief, m))
    return out
