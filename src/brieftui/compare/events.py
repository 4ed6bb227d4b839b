"""Events: passages of different sources that report one happening, grouped.

The seventh stage of compare. In a small brief every passage is matched against
every other document (:func:`pairs_small`: the candidate pruning of
:mod:`.align`, the full score). In a large one (more than :data:`EVENT_LARGE`
passages) a passage looks only at passages that share at least two of its rarest
informative terms and links by cosine (:func:`pairs_large`).

Two passages are linked when each is the other's best match in its document
(mutual best match) and the pair clears the threshold; linked passages form the
event cores, strongest pairs first, joined with one union-find, and a core never
holds two passages of one document. Passages that clear the threshold against a
core passage but are not mutual best matches join the best such core, without
linking further, so events do not chain into one giant event. Passages with no
match in any other document become single-source events only when they carry
specific facts a reader would want flagged. Each event is labelled by a
:data:`Labeller` (:func:`.labels.label` by default).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from operator import itemgetter

from brieftui.compare import labels
from brieftui.compare.align import candidates
from brieftui.compare.index import PassageIndex, Unit
from brieftui.compare.results import Event, EventPassage
from brieftui.compare.scoring import PASSAGE_FLOOR, dot, enough, profile, raw_score
from brieftui.compare.unionfind import DisjointSets

EVENT_LARGE = 1000
"""Above this many passages, events use rare-term candidates and cosine links."""
EVENT_MAX_DF = 0.01
"""In large briefs, a term used by at most this share of passages is rare."""
EVENT_RARE_TERMS = 8
OWN_WORDS = 8
"""A passage no other source matches is a single-source event when it carries a date, a
figure, names no other source uses, or at least this many words found nowhere else."""
EVENT_CANDIDATES = 8

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while pairs are scored."""
Labeller = Callable[[PassageIndex, list[int]], str]
"""Names an event from its unit numbers."""
Pairs = tuple[dict[tuple[int, int], tuple[float, int]], dict[int, list[tuple[float, int]]]]
"""``best``: (unit, other document) → its best (raw score, unit) there; ``over``: unit →
every (raw score, unit) over the threshold."""


def pairs_large(index: PassageIndex, threshold: float, progress: Progress | None) -> Pairs:
    """Candidate links in a large brief: passages sharing rare terms, scored by cosine.

    Each passage looks only at the passages that share at least two of its
    :data:`EVENT_RARE_TERMS` most informative rare terms (a term is rare when
    at most :data:`EVENT_MAX_DF` of passages use it); counting is one C-level
    ``Counter.update`` per term, and only the :data:`EVENT_CANDIDATES` passages
    sharing the most get an exact cosine and the evidence check.
    """
    units = index.units
    total = len(units)
    df = index.df
    cap = max(20, int(EVENT_MAX_DF * total))
    ids: dict[str, list[int]] = {}
    postings = index.postings
    eligible = [u.eligible for u in units]
    best: dict[tuple[int, int], tuple[float, int]] = {}
    over: dict[int, list[tuple[float, int]]] = defaultdict(list)
    cache: dict[tuple[int, int], float] = {}
    step = max(1, total // 100)
    second = itemgetter(1)
    for ui, unit in enumerate(units):
        if progress is not None and ui % step == 0:
            progress(ui, total)
        if not eligible[ui]:
            continue
        vec = unit.vec
        rare = [(w, t) for t, w in vec.items() if 2 <= df[t] <= cap]
        if len(rare) < 2:
            continue
        if len(rare) > EVENT_RARE_TERMS:
            rare.sort(reverse=True)
            del rare[EVENT_RARE_TERMS:]
        counts: Counter[int] = Counter()
        for _w, t in rare:
            lst = ids.get(t)
            if lst is None:
                lst = ids[t] = [vi for vi, _pw in postings[t]]
            counts.update(lst)
        del counts[ui]
        ranked = sorted(counts.items(), key=second, reverse=True)
        doc = unit.doc
        taken = 0
        terms_a = None
        for vi, c in ranked:
            if c < 2 or taken >= EVENT_CANDIDATES:
                break
            other = units[vi]
            if other.doc == doc or not eligible[vi]:
                continue
            taken += 1
            key = (ui, vi) if ui < vi else (vi, ui)
            raw = cache.get(key)
            if raw is None:
                raw = dot(vec, other.vec)
                if raw >= threshold:
                    if terms_a is None:
                        terms_a = profile(vec, index.idf)
                    if not enough(terms_a, other.vec):
                        raw = 0.0
                else:
                    raw = 0.0
                cache[key] = raw
            if raw < threshold:
                continue
            over[ui].append((raw, vi))
            cur = best.get((ui, other.doc))
            if cur is None or (raw, -vi) > (cur[0], -cur[1]):
                best[(ui, other.doc)] = (raw, vi)
    return best, over


def pairs_small(index: PassageIndex, threshold: float, progress: Progress | None) -> Pairs:
    """Candidate links in a small brief: the full score against the best candidates per document."""
    units = index.units
    total = len(units)
    best: dict[tuple[int, int], tuple[float, int]] = {}  # (unit, other doc) -> best (raw, unit)
    over: dict[int, list[tuple[float, int]]] = defaultdict(list)  # all pairs over threshold
    cache: dict[tuple[int, int], float] = {}
    step = max(1, total // 100)
    for ui, unit in enumerate(units):
        if progress is not None and ui % step == 0:
            progress(ui, total)
        if not unit.eligible:
            continue
        cand_map = candidates(index, unit.vec, unit.doc, 2)
        terms_a = profile(unit.vec, index.idf)
        for d, cands in cand_map.items():
            for _p, vi in cands:
                other = units[vi]
                if not other.eligible:
                    continue
                key = (ui, vi) if ui < vi else (vi, ui)
                raw = cache.get(key)
                if raw is None:
                    cos = dot(unit.vec, other.vec)
                    if cos < PASSAGE_FLOOR:
                        raw = 0.0
                    else:
                        raw = raw_score(index, unit, other, cos)
                        if raw >= threshold and not enough(terms_a, other.vec):
                            raw = 0.0
                    cache[key] = raw
                if raw < threshold:
                    continue
                over[ui].append((raw, vi))
                cur = best.get((ui, d))
                if cur is None or (raw, -vi) > (cur[0], -cur[1]):
                    best[(ui, d)] = (raw, vi)
    return best, over


def detect_events(
    index: PassageIndex,
    threshold: float,
    progress: Progress | None = None,
    label: Labeller = labels.label,
) -> list[Event]:
    """The events of the brief, most widely covered first, numbered ``e1``, ``e2``…"""
    units = index.units
    total = len(units)
    if total > EVENT_LARGE:
        best, over = pairs_large(index, threshold, progress)
    else:
        best, over = pairs_small(index, threshold, progress)
    events: list[tuple[tuple, Event]] = []
    in_event: set[int] = set()
    for members in group_passages(index, best, over):
        in_event.update(members)
        events.append(_make_event(index, members, label))
    # single-source events: passages with specific facts no other source reports
    for ui, unit in enumerate(units):
        if ui in in_event or over.get(ui) or not unit.eligible:
            continue
        if reports_specific_facts(index, unit):
            events.append(_make_event(index, [ui], label))
    if progress is not None:
        progress(total, total)
    events.sort(key=lambda x: x[0])
    out = []
    for n, (_key, ev) in enumerate(events, start=1):
        out.append(Event(f"e{n}", ev.label, ev.passages, ev.doc_ids))
    return out


def group_passages(
    index: PassageIndex,
    best: dict[tuple[int, int], tuple[float, int]],
    over: dict[int, list[tuple[float, int]]],
) -> list[list[int]]:
    """Cores of mutual best matches, then the passages that join a core; unit numbers, sorted.

    Strongest mutual pairs first; a core never holds two passages of one document,
    which is what stops events from chaining into one giant event. A passage that
    is no mutual best match joins the core it matches best (one hop, no chaining).
    """
    units = index.units
    sets: DisjointSets[int] = DisjointSets()
    find = sets.find
    mutual = []
    for (ui, _d), (raw, vi) in best.items():
        back = best.get((vi, units[ui].doc))
        if ui < vi and back is not None and back[1] == ui:
            mutual.append((-raw, ui, vi))
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
    for ui in range(len(units)):
        if ui in linked or not over.get(ui):
            continue
        cands = [(raw, vi) for raw, vi in over[ui] if vi in linked]
        if cands:
            _raw, vi = max(cands, key=lambda x: (x[0], -x[1]))
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


def _make_event(index: PassageIndex, members: list[int], label: Labeller) -> tuple[tuple, Event]:
    """An event of ``members`` (unit numbers), with its sort key: widest coverage first."""
    units = index.units
    doc_ids = index.doc_ids
    docs = sorted({units[ui].doc for ui in members})
    passages = [EventPassage(units[ui].pid, doc_ids[units[ui].doc]) for ui in members]
    key = (-len(docs), -len(members), members[0])
    return key, Event("", label(index, members), passages, [doc_ids[d] for d in docs])
