"""The passage index: every passage of a brief as terms and vectors, built once.

:meth:`PassageIndex.build` runs the first three stages over the brief in one
pass each: :mod:`.terms` (raw occurrences, one token cache per build: most tokens
repeat), :mod:`.names` (names need the whole brief, so they come second) and
:mod:`.weights` (idf over passages, then one vector per passage). Alignment,
evidence, events and labels read it and never change it, except for each
passage's sentence vectors, which are built on first use (a compare scores
sentences of a few dozen passages; building them for every passage would double
the build).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

import numpy as np

from brieftui.compare.names import finalise, find_names
from brieftui.compare.terms import (
    WEAK_EVIDENCE,
    Occ,
    RawOcc,
    only_questions,
    raw_occurrences,
)
from brieftui.compare.weights import (
    INFORMATIVE_IDF,
    MIN_INFORMATIVE,
    Vector,
    bm25_idf,
    sentence_vectors,
    term_weights,
    vector,
)
from brieftui.model import Document

first = itemgetter(0)
"""An occurrence's term."""

CACHE_VERSION = 2
"""Bumped when :meth:`PassageIndex.cache_state` changes shape."""


def group_postings(
    terms: list[str], entries: list[tuple[int, float]]
) -> dict[str, tuple[tuple[int, float], ...]]:
    """Term → its ``(unit, weight)`` entries, in the order given (the units' order), terms
    in order of first appearance: what appending entry by entry to a dict of lists gives,
    with one Python step per term instead of one per entry (2 million at 5,000 articles)."""
    if not terms:
        return {}
    number = dict.fromkeys(terms)
    for k, t in enumerate(number):
        number[t] = k
    ids = np.fromiter(map(number.__getitem__, terms), dtype=np.int64, count=len(terms))
    order = np.argsort(ids, kind="stable").tolist()
    ordered = list(map(entries.__getitem__, order))
    ends = np.cumsum(np.bincount(ids, minlength=len(number))).tolist()
    out: dict[str, tuple[tuple[int, float], ...]] = {}
    start = 0
    for t, end in zip(number, ends, strict=True):
        out[t] = tuple(ordered[start:end])
        start = end
    return out


class Unit:
    """One passage as vectors: passage vector, occurrences; sentence vectors on demand."""

    __slots__ = ("doc", "eligible", "occs", "pid", "sent_mass", "sents", "text", "vec")

    def __init__(self, pid: str, doc: int, text: str) -> None:
        self.pid = pid
        self.doc = doc
        """The document's number in the brief."""
        self.text = text
        self.occs: tuple[Occ, ...] | list[Occ] = ()
        self.vec: Vector = {}
        self.sents: list[Vector] | None = None
        self.sent_mass: list[float] | tuple[float, ...] = ()
        self.eligible = False
        """Enough informative terms and not only questions: may match at all."""

    def __getstate__(self) -> tuple:
        return tuple(getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state: tuple) -> None:
        for k, v in zip(self.__slots__, state, strict=True):
            setattr(self, k, v)


class PassageIndex:
    """Passages (units), vocabulary statistics, term weights and postings of one brief."""

    doc_ids: list[str]
    titles: list[str]
    doc_dates: list[str | None]
    """Each document's date (``YYYY-MM-DD``) when its metadata gives one (stories)."""
    units: list[Unit]
    by_pid: dict[str, int]
    """Passage id → unit number."""
    doc_units: list[tuple[int, ...]]
    """Document number → its unit numbers, in reading order."""
    unit_doc: tuple[int, ...]
    """Unit number → document number."""
    names: frozenset[str]
    canon: dict[str, str]
    df: Counter[str]
    """Term → how many passages use it."""
    ddf: Counter[str]
    """Term → how many documents use it (labels, single-source events)."""
    n: int
    idf: dict[str, float]
    tw: dict[str, float]
    """Term weights (idf · boost) of the weighed terms."""
    postings: dict[str, tuple[tuple[int, float], ...]]
    """Term → (unit number, weight in that unit's vector), for candidates."""

    @classmethod
    def _empty(cls, documents: Sequence[Document]) -> PassageIndex:
        """An index with the documents' ids, titles and dates and no units yet: the
        start of both :meth:`build` and :meth:`from_cache_state`."""
        self = cls.__new__(cls)
        self.doc_ids = [d.id for d in documents]
        self.titles = [d.title for d in documents]
        self.doc_dates = [d.date for d in documents]
        self.units = []
        self.by_pid = {}
        return self

    @classmethod
    def build(cls, documents: Sequence[Document]) -> PassageIndex:
        self = cls._empty(documents)
        doc_units: list[list[int]] = [[] for _ in documents]
        raw: list[list[RawOcc]] = []
        token_cache: dict[str, tuple[str, int, int] | None] = {}
        for di, doc in enumerate(documents):
            for p in doc.passages():
                self.by_pid[p.id] = len(self.units)
                doc_units[di].append(len(self.units))
                self.units.append(Unit(p.id, di, p.text))
                raw.append(raw_occurrences(p.text, token_cache))
        del token_cache
        self.names, self.canon = find_names(raw)
        # final occurrences, with phrase terms for adjacent names
        df: Counter[str] = Counter()
        final_cache: dict[str, tuple[str, bool]] = {}
        term_lists: list[list[str]] = []
        for unit, occs in zip(self.units, raw, strict=True):
            # tuples of str/int are untracked by the cyclic GC after its first pass, so a
            # large built index costs nothing to later collections (lists would be
            # walked element by element on every full collection: ~1 s at 5,000 articles)
            unit.occs = tuple(finalise(unit.text, occs, self.names, self.canon, final_cache))
            terms = list(map(first, unit.occs))
            term_lists.append(terms)
            df.update(set(terms))
        del raw
        self.df = df
        n = max(len(self.units), 1)
        self.n = n
        self.idf = {t: bm25_idf(f, n) for t, f in df.items()}
        # document frequency: how many sources use a term at all (labels, single-source events)
        ddf: Counter[str] = Counter()
        for members in doc_units:
            ddf.update(set().union(*[term_lists[ui] for ui in members]))
        self.ddf = ddf
        self.tw = term_weights(self.idf, self.names)
        tw = self.tw
        high = frozenset(t for t, v in self.idf.items() if v > INFORMATIVE_IDF)
        flat_terms: list[str] = []
        flat_entries: list[tuple[int, float]] = []
        for ui, (unit, terms) in enumerate(zip(self.units, term_lists, strict=True)):
            unit.vec = vec = vector(terms, tw)[0]
            unit.eligible = len(high.intersection(vec)) >= MIN_INFORMATIVE and not only_questions(
                unit.text
            )
            flat_terms.extend(vec)
            flat_entries.extend(zip(repeat(ui), vec.values()))
        self.postings = group_postings(flat_terms, flat_entries)
        self.unit_doc = tuple(u.doc for u in self.units)
        self.doc_units = [tuple(lst) for lst in doc_units]
        return self

    # -- the brief cache: plain data only (no class instances, no sets), so that the
    # cache can store it in a data-only format. The passage texts and ids come back
    # from the documents (the document cache holds them); term statistics and
    # weights that follow from the rest (idf, term weights, postings) are recomputed.
    # Occurrences and vectors are stored as flat columns (every passage's terms in one
    # list, their starts in another...): the codec writes a flat list of one type in
    # bulk (a vocabulary for strings, an array for numbers), where a list per passage
    # of mixed tuples was split by type item by item (10 s of a 5,000-article build).
    def cache_state(self) -> dict[str, Any]:
        """This index as plain data: names, variants, frequencies, occurrences, vectors."""
        units = self.units
        return {
            "version": CACHE_VERSION,
            "passages": [len(members) for members in self.doc_units],
            "names": sorted(self.names),
            "canon": dict(self.canon),
            "df": dict(self.df),
            "ddf": dict(self.ddf),
            "occ_counts": [len(u.occs) for u in units],
            "occ_terms": [o[0] for u in units for o in u.occs],
            "occ_starts": [o[1] for u in units for o in u.occs],
            "occ_ends": [o[2] for u in units for o in u.occs],
            "occ_kinds": [o[3] for u in units for o in u.occs],
            # vectors keep their term order: float sums in dot products follow it
            "vec_counts": [len(u.vec) for u in units],
            "vec_terms": [t for u in units for t in u.vec],
            "vec_weights": [w for u in units for w in u.vec.values()],
            "eligible": [u.eligible for u in units],
        }

    @classmethod
    def from_cache_state(cls, state: dict[str, Any], documents: Sequence[Document]) -> PassageIndex:
        """Rebuild the index from :meth:`cache_state` and the documents it was built from.

        ``ValueError`` when the state is of another version or does not fit the documents.
        """
        if state.get("version") != CACHE_VERSION:
            raise ValueError("unknown compare index format")
        counts = [doc.passage_count for doc in documents]
        if list(state["passages"]) != counts:
            raise ValueError("cached compare index does not fit these documents")
        self = cls._empty(documents)
        doc_units: list[tuple[int, ...]] = []
        for di, doc in enumerate(documents):
            start = len(self.units)
            for p in doc.passages():
                self.by_pid[p.id] = len(self.units)
                self.units.append(Unit(p.id, di, p.text))
            doc_units.append(tuple(range(start, len(self.units))))
        self.doc_units = doc_units
        self.unit_doc = tuple(u.doc for u in self.units)
        self.names = frozenset(state["names"])
        self.canon = dict(state["canon"])
        self.df = Counter(state["df"])
        self.ddf = Counter(state["ddf"])
        n = max(len(self.units), 1)
        self.n = n
        self.idf = {t: bm25_idf(f, n) for t, f in self.df.items()}
        self.tw = term_weights(self.idf, self.names)
        columns = ("occ_terms", "occ_starts", "occ_ends", "occ_kinds")
        occs = list(zip(*(state[c] for c in columns), strict=True))
        vec_terms = list(state["vec_terms"])
        vec_weights = list(state["vec_weights"])
        occ_counts = list(state["occ_counts"])
        vec_counts = list(state["vec_counts"])
        eligible = list(state["eligible"])
        units = self.units
        if not len(occ_counts) == len(vec_counts) == len(eligible) == len(units):
            raise ValueError("cached compare index does not fit these documents")
        if sum(occ_counts) != len(occs) or not sum(vec_counts) == len(vec_terms) == len(
            vec_weights
        ):
            raise ValueError("damaged compare index")
        o = v = 0
        for ui, unit in enumerate(units):
            k = occ_counts[ui]
            unit.occs = tuple(occs[o : o + k])
            o += k
            k = vec_counts[ui]
            unit.vec = dict(zip(vec_terms[v : v + k], vec_weights[v : v + k], strict=True))
            if len(unit.vec) != k:
                raise ValueError("damaged compare index")
            v += k
            unit.eligible = bool(eligible[ui])
        unit_of = [ui for ui, k in enumerate(vec_counts) for _ in range(k)]
        self.postings = group_postings(vec_terms, list(zip(unit_of, vec_weights, strict=True)))
        return self

    def doc_postings(self, doc: int) -> dict[str, list[tuple[int, float]]]:
        """Term → (unit number, weight) over one document's passages, built on first use.

        For "where does a passage stand among this document's passages" without a
        dot product per passage (:func:`.covered.reverse`).
        """
        cache = self.__dict__.setdefault("_doc_postings", {})
        got = cache.get(doc)
        if got is None:
            got = {}
            for ui in self.doc_units[doc]:
                for t, w in self.units[ui].vec.items():
                    got.setdefault(t, []).append((ui, w))
            cache[doc] = got
        return got

    @property
    def informative_terms(self) -> frozenset[str]:
        """The terms of idf above :data:`~.weights.INFORMATIVE_IDF` that are not a weekday
        or a small count (:data:`~.terms.WEAK_EVIDENCE`): what the covered features count.
        Built on first use; a set intersection counts a passage's in C."""
        got = self.__dict__.get("_informative")
        if got is None:
            got = self.__dict__["_informative"] = frozenset(
                t for t, v in self.idf.items() if v > INFORMATIVE_IDF and t not in WEAK_EVIDENCE
            )
        return got

    def sentences(self, unit: Unit) -> list[Vector]:
        """The unit's sentence vectors (computed on first use, then kept)."""
        sents = unit.sents
        if sents is None:
            sents, unit.sent_mass = sentence_vectors(unit.text, unit.occs, unit.vec, self.tw)
            unit.sents = sents
        return sents

    def vector(self, terms: Iterable[str]) -> Vector:
        """The normalised vector of some terms, with this brief's weights."""
        return vector(terms, self.tw)[0]

    def occurrences(self, text: str) -> list[Occ]:
        """Final occurrences of a text outside the brief (a query), with the brief's names."""
        return finalise(text, raw_occurrences(text), self.names, self.canon)
