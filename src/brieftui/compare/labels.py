"""Labels: an event named by its most central sentence, shortened, with its date.

The last stage of compare. A bag of distinctive words ("Trump · landscapes",
"Europe · reduces") does not read as an event; a sentence does. An event is
labelled by its *most central sentence*: the passage most like the event's
passages from other sources, and in it the sentence most like them, shortened to
who did what (:func:`shorten_sentence`: asides in brackets and dashes, appositives
after a name and trailing attributions dropped, then cut at a clause boundary),
followed by the event's date when its passages give one ("Bettie Page has died ·
December 11"). The whole sentence is kept beside the label (``Event.label_sentence``).
"""

from __future__ import annotations

from itertools import chain

import numpy as np

from brieftui.compare.firstseen import nested_group_ids
from brieftui.compare.index import PassageIndex
from brieftui.compare.labeljobs import LabelJob, OccReader, job_of, label_all, label_of
from brieftui.compare.labeltext import LIMIT, Label, shorten_sentence
from brieftui.compare.unitmatrix import UnitMatrix

MEMBERS_MAX = 30
"""An event's label is chosen among (and against) at most this many of its passages."""


def _sums(
    index: PassageIndex, members: list[int]
) -> tuple[dict[str, float], dict[int, dict[str, float]]]:
    """The sum of the members' vectors, and each member document's own sum.

    A sum of one vector is that vector (``0.0 + w`` is ``w``): the first member's
    vector starts the total, and a document with one member (most: an event's core
    holds one passage a document) is its vector, not a copy (nothing writes to these).
    """
    units = index.units
    total: dict[str, float] = dict(units[members[0]].vec)
    get = total.get
    for ui in members[1:]:
        for t, w in units[ui].vec.items():
            total[t] = get(t, 0.0) + w
    by_doc: dict[int, dict[str, float]] = {}
    copied: set[int] = set()
    for ui in members:
        u = units[ui]
        own = by_doc.get(u.doc)
        if own is None:
            by_doc[u.doc] = u.vec
            continue
        if u.doc not in copied:
            copied.add(u.doc)
            own = by_doc[u.doc] = dict(own)
        for t, w in u.vec.items():
            own[t] = own.get(t, 0.0) + w
    return total, by_doc


def _others(total: dict[str, float], own: dict[str, float]) -> dict[str, float]:
    """The sum of the vectors of the members of *other* documents than ``own``'s."""
    return {t: w - own.get(t, 0.0) for t, w in total.items()}


def _central(
    index: PassageIndex,
    members: list[int],
    total: dict[str, float],
    by_doc: dict[int, dict[str, float]],
) -> int:
    """The member most like the event's passages from other documents (linear: one dot
    product with the sum of the other documents' members).

    That sum holds every term of the member, so the dot product runs over the member's
    terms: it is computed term by term as :func:`.scoring.dot` would, without building
    the sum for every document (most of a label's time when it was).
    """
    units = index.units
    if len(members) == 1:
        return members[0]
    best, best_total = members[0], -1.0
    for ui in members:
        u = units[ui]
        own = by_doc[u.doc]
        score = sum(w * (total[t] - own.get(t, 0.0)) for t, w in u.vec.items())
        if score > best_total + 1e-12:
            best, best_total = ui, score
    return best


def sentence_label(index: PassageIndex, members: list[int]) -> Label:
    """The event's most central sentence, shortened, with its date."""
    units = index.units
    if len(members) > MEMBERS_MAX:  # a label needs a central sentence, not every passage
        members = members[:MEMBERS_MAX]
    total, by_doc = _sums(index, members)
    ui = _central(index, members, total, by_doc)
    unit = units[ui]
    other = _others(total, by_doc[unit.doc]) if len(by_doc) > 1 else unit.vec
    return label_of(job_of(index, members, ui, other))


def sentence_labels(
    index: PassageIndex, events: list[list[int]], matrix: UnitMatrix | None = None
) -> list[Label]:
    """:func:`sentence_label` of many events at once: the same labels.

    The sums of an event's vectors and each member's centrality are formed for every
    event together with numpy (:mod:`.unitmatrix`), adding the same numbers in the
    same order as the loops of :func:`sentence_label` (a sum per event and document
    was most of the labels' time); only the choice of the sentence stays per event.
    """
    if not events:
        return []
    if matrix is None:
        matrix = UnitMatrix.of(index)
    units = index.units
    kept = [members[:MEMBERS_MAX] for members in events]
    sizes = np.fromiter(map(len, kept), dtype=np.int64, count=len(kept))
    flat = np.fromiter(chain.from_iterable(kept), dtype=np.int64, count=int(sizes.sum()))
    event_of = np.repeat(np.arange(len(kept)), sizes)
    doc_of = np.asarray(index.unit_doc, dtype=np.int64)[flat]
    n_docs = max(len(index.doc_ids), 1)
    # events of one document: the central passage's own vector is "the others", and
    # every member's score is 0 (its own sums less the same sums): the first is central
    docs_per_event = np.zeros(len(kept), dtype=np.int64)
    first_doc = np.unique(event_of * n_docs + doc_of) // n_docs
    np.add.at(docs_per_event, first_doc, 1)
    pos, member = matrix.entries(flat)
    wide = (docs_per_event > 1)[event_of[member]]  # so only wider events are summed
    pos, member = pos[wide], member[wide]
    term = matrix.term[pos]
    w = matrix.weight[pos]
    e = event_of[member]
    n_terms = max(len(matrix.vocabulary), 1)
    # the sum of the event's vectors, and of each of its documents' members, per term:
    # bincount adds in array order (members in order, each in its vector's order), as
    # the dictionaries were summed
    total_of, own_of = nested_group_ids(e * n_terms + term, doc_of[member], n_docs)
    totals = np.bincount(total_of, weights=w)
    owns = np.bincount(own_of, weights=w)
    others = totals[total_of] - owns[own_of]
    scores = np.bincount(member, weights=w * others, minlength=len(flat)).tolist()
    starts = (np.cumsum(sizes) - sizes).tolist()
    entry_start = np.searchsorted(member, np.arange(len(flat)), side="left").tolist()
    entry_end = np.searchsorted(member, np.arange(len(flat)), side="right").tolist()
    vocabulary = matrix.vocabulary
    reader = OccReader(index)
    docs_per_event = docs_per_event.tolist()

    def central(k: int) -> int:
        members = kept[k]
        start = starts[k]
        best = 0
        if len(members) > 1:  # as _central: the first of (nearly) equal scores
            best_total = -1.0
            for j in range(len(members)):
                score = scores[start + j]
                if score > best_total + 1e-12:
                    best, best_total = j, score
        return best

    best_of = [central(k) for k in range(len(kept))]
    weighed = reader.weighed_terms([kept[k][b] for k, b in enumerate(best_of)])

    def make_job(k: int) -> LabelJob:
        members = kept[k]
        start = starts[k]
        best = best_of[k]
        ui = members[best]
        if docs_per_event[k] > 1:
            lo, hi = entry_start[start + best], entry_end[start + best]
            other = dict(
                zip(
                    [vocabulary[t] for t in term[lo:hi].tolist()],
                    others[lo:hi].tolist(),
                    strict=True,
                )
            )
        else:
            other = units[ui].vec
        return job_of(index, members, ui, other, reader, weighed[k])

    return label_all(make_job, len(kept))


__all__ = [
    "LIMIT",
    "MEMBERS_MAX",
    "Label",
    "sentence_label",
    "sentence_labels",
    "shorten_sentence",
]
