"""Events: passages of different sources, within one story, that report one happening.

The seventh stage of compare, built from the alignment within each story
(:mod:`.stories`): a passage is only ever linked to passages of its own story.

1. **Best matches.** For every passage, its best two passages in each other document
   of its story (:func:`best_in_stories`, :mod:`.neighbours`): over postings of the
   story's own passages (their heaviest terms; the story's everyday vocabulary
   skipped). In a small brief (up to :data:`EVENT_LARGE` passages) the candidates
   get the full lexical score; in a large one their partial dot product stands in.
2. **Links, decided by the learned "covered" model.** Two passages that are each
   other's best match in their documents (mutual best match) are linked when the
   lexical covered model (:mod:`.covered`) gives the pair, in both directions on
   average, at least its ``touches`` probability. The semantic stage is not used
   here: sentence embeddings for every passage of a large brief would cost more than
   the whole rest of the build.
3. **Grouping.** Linked passages form the event cores, most probable links first
   (one union-find, :mod:`.unionfind`), and a core never holds two passages of one
   document. A passage that is no mutual best match joins the core of its best
   match when that pair is probable enough, without linking further, so events do
   not chain into one giant event; it joins even when the core already holds a
   passage of its document, so an event (unlike its core) can hold several passages
   of one document.
4. **Single-source events.** In a story of several documents, a passage no other
   source reports becomes a single-source event only when it carries specific facts
   a reader would want flagged (a date, a figure, names found in no other document,
   or :data:`OWN_WORDS` words found in no other passage).
5. **Labels** (:mod:`.labels`): the event's most central sentence, shortened, and
   its date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from brieftui.compare import labels
from brieftui.compare.index import PassageIndex, Unit
from brieftui.compare.linear import Logistic
from brieftui.compare.linkdecider import PARTIAL_TO_LEX, Decider
from brieftui.compare.linkrows import BestRows
from brieftui.compare.neighbours import Rows, best_match_rows, best_matches
from brieftui.compare.results import Event, EventPassage
from brieftui.compare.scoring import PASSAGE_FLOOR, dot, raw_score
from brieftui.compare.unionfind import DisjointSets
from brieftui.compare.unitmatrix import UnitMatrix

EVENT_LARGE = 1000
"""Above this many passages, the partial dot product stands in for the full score."""
OWN_WORDS = 8
"""A passage no other source matches is a single-source event when it carries a date, a
figure, names no other source uses, or at least this many words found nowhere else."""
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while pairs are scored."""
Labeller = Callable[[PassageIndex, list[int]], "labels.Label"]
"""Names an event from its unit numbers."""
Best = dict[tuple[int, int], list[tuple[float, int]]]
"""(unit, other document) → its best two (score, unit) there, best first."""
_Decider = Decider
"""The link decisions (:mod:`.linkdecider`), by the name tests and tools knew."""


def _keep(best: Best, key: tuple[int, int], score: float, vi: int) -> None:
    lst = best.get(key)
    if lst is None:
        best[key] = [(score, vi)]
        return
    if any(v == vi for _s, v in lst):
        return
    lst.append((score, vi))
    lst.sort(key=lambda x: (-x[0], x[1]))
    del lst[2:]


def best_in_stories(
    index: PassageIndex,
    story_docs: Sequence[Sequence[int]],
    full: bool,
    progress: Progress | None,
    matrix: UnitMatrix | None = None,
) -> Best:
    """Each passage's best two passages in every other document of its story.

    The partial dot product over the story's own postings picks the candidates
    (:mod:`.neighbours`); with ``full`` (a small brief) they get the full lexical
    score, else the partial product (× :data:`PARTIAL_TO_LEX`) stands in for it.
    """
    units = index.units
    best: Best = {}
    if not full:
        return best_rows_in_stories(index, story_docs, progress, matrix).as_best()
    cache: dict[tuple[int, int], float] = {}
    for ui, d, cands in best_matches(index, story_docs, progress):
        unit = units[ui]
        for _partial, vi in cands:
            key = (ui, vi) if ui < vi else (vi, ui)
            raw = cache.get(key)
            if raw is None:
                other = units[vi]
                cos = dot(unit.vec, other.vec)
                raw = 0.0 if cos < PASSAGE_FLOOR else raw_score(index, unit, other, cos)
                cache[key] = raw
            if raw > 0:
                _keep(best, (ui, d), raw, vi)
    return best


def best_rows_in_stories(
    index: PassageIndex,
    story_docs: Sequence[Sequence[int]],
    progress: Progress | None,
    matrix: UnitMatrix | None = None,
) -> BestRows:
    """:func:`best_in_stories` of a large brief (partial products) as arrays: the rows
    ``BestRows.of(best_in_stories(...))`` gives, without the dictionary between them
    (1.5 s of Python at 10,000 articles to fill, and 0.6 s to read back into arrays)."""
    parts = [
        _partial_columns(rows) for rows in best_match_rows(index, story_docs, progress, matrix)
    ]
    if not parts:
        empty_i, empty_f = np.zeros(0, dtype=np.int64), np.zeros(0)
        parts = [(empty_i, empty_i, empty_f, empty_i, empty_f, empty_i)]
    unit, doc, s0, v0, s1, v1 = (np.concatenate(column) for column in zip(*parts, strict=True))
    return BestRows.of_columns(unit, doc, s0, v0, s1, v1, len(index.doc_ids))


def _partial_columns(rows: Rows) -> tuple[np.ndarray, ...]:
    """The best two of each (unit, document) of ``rows`` as columns ``(unit, doc, s0, v0,
    s1, v1)`` (``v1`` -1 when there is no second), the partial product × :data:`PARTIAL_TO_LEX`
    standing in for the score: positive ones only, best first, a tie to the lower unit
    (two partials can become one score)."""
    ua, db, rank, partial, ub = rows
    score = partial * PARTIAL_TO_LEX
    where = np.cumsum(rank == 0)  # the rows come grouped by (unit, document), in their order
    keep = score > 0
    ua, db, score, ub, where = ua[keep], db[keep], score[keep], ub[keep], where[keep]
    order = _best_first(where, score, ub)
    ua, db, score, ub = ua[order], db[order], score[order], ub[order]
    n = len(ua)
    head = np.ones(n, dtype=bool)
    head[1:] = (ua[1:] != ua[:-1]) | (db[1:] != db[:-1])
    heads = np.flatnonzero(head)
    sizes = np.diff(np.append(heads, n))
    if len(sizes) and sizes.max() > 2:  # best_two_rows keeps two a document, never more
        raise ValueError("more than two matches of a passage in one document")
    second = heads[sizes == 2] + 1
    s1 = np.zeros(len(heads))
    v1 = np.full(len(heads), -1, dtype=np.int64)
    s1[sizes == 2], v1[sizes == 2] = score[second], ub[second]
    return ua[heads], db[heads], score[heads], ub[heads], s1, v1


def _best_first(group: np.ndarray, score: np.ndarray, tie: np.ndarray) -> np.ndarray:
    """``np.lexsort((tie, -score, group))`` for ``group`` ascending in runs of at most two
    (a passage's best two in a document): each pair out of order swapped, no sort."""
    n = len(group)
    order = np.arange(n)
    if n < 2:
        return order
    same = group[1:] == group[:-1]
    if (same[1:] & same[:-1]).any() or (group[1:] < group[:-1]).any():
        return np.lexsort((tie, -score, group))  # not runs of two: the sort itself
    swap = np.flatnonzero(
        same & ((score[:-1] < score[1:]) | ((score[:-1] == score[1:]) & (tie[:-1] > tie[1:])))
    )
    order[swap], order[swap + 1] = swap + 1, swap
    return order


def detect_events(
    index: PassageIndex,
    story_docs: Sequence[Sequence[int]],
    story_of: Sequence[int],
    story_p: Callable[[int, int], float],
    model: Logistic,
    touches_of: Callable[[int], float],
    style_of: Callable[[int], bool] = lambda _d: False,
    progress: Progress | None = None,
    label: Labeller = labels.sentence_label,
) -> list[Event]:
    """The events of the brief, most widely covered first, numbered ``e1``, ``e2``…

    ``touches_of(doc)``: the probability a link needs in document ``doc``'s story;
    ``style_of(doc)``: whether that story's passages are single sentences.
    """
    units = index.units
    total = len(units)
    full = total <= EVENT_LARGE
    matrix = UnitMatrix.of(index)
    best: Best | BestRows = (
        best_in_stories(index, story_docs, full, progress, matrix)
        if full
        else best_rows_in_stories(index, story_docs, progress, matrix)
    )
    decider = Decider(
        index, best, story_p, lambda d: len(story_docs[story_of[d]]), model, style_of, full
    )
    decider._matrix = matrix
    touches: dict[int, float] = {}

    def cut(ui: int) -> float:
        d = units[ui].doc
        if d not in touches:
            touches[d] = touches_of(d)
        return touches[d]

    groups = group_passages(index, best, decider, cut)
    in_event: set[int] = set()
    for members in groups:
        in_event.update(members)
    # single-source events: in a story of several documents, passages with specific
    # facts that no other source reports
    specific = specific_facts(index, matrix).tolist()
    flagged = [
        ui
        for ui, unit in enumerate(units)
        if specific[ui]
        and ui not in in_event
        and unit.eligible
        and len(story_docs[story_of[unit.doc]]) >= 2
    ]
    # reported elsewhere: some other source has a passage probably reporting its event
    top = decider.top_match.tolist()
    asked = [(ui, top[ui]) for ui in flagged if top[ui] >= 0]
    reported = {
        ui for (ui, _vi), p in zip(asked, decider.probabilities(asked), strict=True) if p >= cut(ui)
    }
    groups.extend([ui] for ui in flagged if ui not in reported)
    if label is labels.sentence_label:  # the same labels, formed for all events at once
        named = labels.sentence_labels(index, groups, decider.matrix)
    else:
        named = [label(index, members) for members in groups]
    events = [
        _make_event(index, members, one, story_of)
        for members, one in zip(groups, named, strict=True)
    ]
    if progress is not None:
        progress(total, total)
    events.sort(key=lambda x: x[0])
    return [
        Event(
            f"e{n}",
            ev.label,
            ev.passages,
            ev.doc_ids,
            ev.story,
            ev.label_sentence,
            ev.date,
            ev.when,
        )
        for n, (_key, ev) in enumerate(events, start=1)
    ]


def _reported_elsewhere(ui: int, decider: Decider, touches: float) -> bool:
    """True when some other source has a passage probably reporting ``ui``'s event."""
    top = int(decider.top_match[ui])
    return top >= 0 and decider.probability(ui, top) >= touches


def group_passages(
    index: PassageIndex, best: Best, decider: Decider, touches: Callable[[int], float]
) -> list[list[int]]:
    """Cores of probable mutual best matches, then the passages that join a core.

    Most probable links first; a core never holds two passages of one document, which
    is what stops events from chaining into one giant event. A passage that is no
    mutual best match joins the core of its best match when that pair's probability
    (seen from the passage) reaches ``touches(passage)`` (one hop, no chaining),
    whatever documents the core holds: a group can have several passages of one
    document.
    """
    units = index.units
    sets: DisjointSets[int] = DisjointSets()
    find = sets.find
    # mutual best matches, in the order of ``best`` (arrays: :class:`.BestRows`)
    rows = decider.rows
    unit_doc = np.asarray(index.unit_doc, dtype=np.int64)
    forward = np.flatnonzero(rows.unit < rows.v0)
    back = rows.find(rows.v0[forward], unit_doc[rows.unit[forward]])
    mutual_rows = forward[(back >= 0) & (rows.v0[np.maximum(back, 0)] == rows.unit[forward])]
    pairs = list(zip(rows.unit[mutual_rows].tolist(), rows.v0[mutual_rows].tolist(), strict=True))
    mutual = [
        (-p, ui, vi)
        for (ui, vi), p in zip(pairs, decider.links(pairs), strict=True)
        if p >= touches(ui)
    ]
    mutual.sort()
    docs_of: dict[int, set[int]] = {}
    linked: set[int] = set()
    for _neg, ui, vi in mutual:
        ra, rb = find(ui), find(vi)
        if ra == rb:
            continue
        da = docs_of.get(ra, {units[ui].doc})
        db = docs_of.get(rb, {units[vi].doc})
        if da & db:
            continue
        linked.update((ui, vi))
        root = sets.union(ra, rb)
        docs_of[root] = da | db
        docs_of.pop(rb if root == ra else ra, None)
    groups: dict[int, set[int]] = defaultdict(set)
    for ui in sorted(linked):
        groups[find(ui)].add(ui)
    # each passage outside the cores whose best match is in one: the best such match
    is_linked = np.zeros(len(units), dtype=bool)
    is_linked[list(linked)] = True
    joining, _scores, to = rows.best_of_unit(~is_linked[rows.unit] & is_linked[rows.v0])
    chosen = list(zip(joining.tolist(), to.tolist(), strict=True))
    for (ui, vi), p in zip(chosen, decider.probabilities(chosen), strict=True):
        if p >= touches(ui):
            groups[find(vi)].add(ui)
    return [sorted(members) for members in groups.values()]


def reports_specific_facts(index: PassageIndex, unit: Unit) -> bool:
    """True for a passage worth flagging though no other source reports it.

    It carries a date, or two specific facts (a figure, a name no other source
    uses), or a happening told in words no other source uses ("Police detained
    seven people ... blockade ... scuffles"): :data:`OWN_WORDS` terms found in this
    passage only.
    """
    names = index.names
    ddf = index.ddf
    idf = index.idf
    specific = [
        t
        for t in unit.vec
        if (t[0] == "@" or (t[0] == "#" and len(t) >= 3) or (t in names and ddf[t] == 1))
        and idf[t] > 1.5
    ]
    own = sum(1 for t in unit.vec if index.df[t] == 1 and t not in names)
    return len(specific) >= 2 or any(t[0] == "@" for t in specific) or own >= OWN_WORDS


def specific_facts(index: PassageIndex, matrix: UnitMatrix) -> np.ndarray:
    """:func:`reports_specific_facts` of every passage at once (a bool per unit): each
    term is judged once, and the counts per passage come from the matrix's entries
    (asked passage by passage, every passage's vector had to be made first)."""
    names, ddf, idf, df = index.names, index.ddf, index.idf, index.df
    vocab = matrix.vocabulary
    n = len(vocab)
    is_date = np.fromiter((t[0] == "@" for t in vocab), dtype=bool, count=n)
    kinds = np.fromiter(
        (
            (t[0] == "@" or (t[0] == "#" and len(t) >= 3) or (t in names and ddf[t] == 1))
            and idf[t] > 1.5
            for t in vocab
        ),
        dtype=bool,
        count=n,
    )
    own_t = np.fromiter((df[t] == 1 and t not in names for t in vocab), dtype=bool, count=n)
    n_units = len(matrix.indptr) - 1
    owner = np.repeat(np.arange(n_units), matrix.lengths())
    term = matrix.term
    n_specific = np.bincount(owner[kinds[term]], minlength=n_units)
    dated = np.bincount(owner[(kinds & is_date)[term]], minlength=n_units)
    own = np.bincount(owner[own_t[term]], minlength=n_units)
    return (n_specific >= 2) | (dated > 0) | (own >= OWN_WORDS)


def _make_event(
    index: PassageIndex, members: list[int], named: labels.Label, story_of: Sequence[int]
) -> tuple[tuple, Event]:
    """An event of ``members`` (unit numbers), with its sort key: widest coverage first."""
    units = index.units
    doc_ids = index.doc_ids
    docs = sorted({units[ui].doc for ui in members})
    passages = [EventPassage(units[ui].pid, doc_ids[units[ui].doc]) for ui in members]
    key = (-len(docs), -len(members), members[0])
    story = f"s{story_of[docs[0]] + 1}"
    return key, Event(
        "",
        named.text,
        passages,
        [doc_ids[d] for d in docs],
        story,
        named.sentence,
        named.date,
        named.when,
    )
