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

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from brieftui.compare.names import finalise, find_names
from brieftui.compare.terms import Occ, RawOcc, only_questions, raw_occurrences
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

CACHE_VERSION = 1
"""Bumped when :meth:`PassageIndex.cache_state` changes shape."""


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
    def build(cls, documents: Sequence[Document]) -> PassageIndex:
        self = cls.__new__(cls)
        self.doc_ids = [d.id for d in documents]
        self.titles = [d.title for d in documents]
        self.doc_dates = [d.date for d in documents]
        self.units = []
        self.by_pid = {}
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
            terms = [o[0] for o in unit.occs]
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
            ddf.update({t for ui in members for t in term_lists[ui]})
        self.ddf = ddf
        self.tw = term_weights(self.idf, self.names)
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        idf = self.idf
        tw = self.tw
        for ui, (unit, terms) in enumerate(zip(self.units, term_lists, strict=True)):
            unit.vec = vec = vector(terms, tw)[0]
            unit.eligible = sum(
                1 for t in vec if idf[t] > INFORMATIVE_IDF
            ) >= MIN_INFORMATIVE and not only_questions(unit.text)
            for t, w in vec.items():
                postings[t].append((ui, w))
        self.postings = {t: tuple(lst) for t, lst in postings.items()}
        del postings
        self.unit_doc = tuple(u.doc for u in self.units)
        self.doc_units = [tuple(lst) for lst in doc_units]
        return self

    # -- the brief cache: plain data only (no class instances, no sets), so that the
    # cache can store it in a data-only format. The passage texts and ids come back
    # from the documents (the document cache holds them); term statistics and
    # weights that follow from the rest (idf, term weights, postings) are recomputed.
    def cache_state(self) -> dict[str, Any]:
        """This index as plain data: names, variants, frequencies, occurrences, vectors."""
        return {
            "version": CACHE_VERSION,
            "passages": [len(units) for units in self.doc_units],
            "names": sorted(self.names),
            "canon": dict(self.canon),
            "df": dict(self.df),
            "ddf": dict(self.ddf),
            # one flat tuple per passage: (term, start, end, kind, term, start, ...)
            "occs": [tuple(x for occ in u.occs for x in occ) for u in self.units],
            # vectors keep their term order: float sums in dot products follow it
            "vecs": [u.vec for u in self.units],
            "eligible": [u.eligible for u in self.units],
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
        self = cls.__new__(cls)
        self.doc_ids = [d.id for d in documents]
        self.titles = [d.title for d in documents]
        self.doc_dates = [d.date for d in documents]
        self.units = []
        self.by_pid = {}
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
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        rows = zip(self.units, state["occs"], state["vecs"], state["eligible"], strict=True)
        for ui, (unit, flat, vec, eligible) in enumerate(rows):
            at = iter(flat)
            unit.occs = tuple(zip(at, at, at, at, strict=True))
            unit.vec = dict(vec)
            unit.eligible = bool(eligible)
            for t, w in unit.vec.items():
                postings[t].append((ui, w))
        self.postings = {t: tuple(lst) for t, lst in postings.items()}
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
