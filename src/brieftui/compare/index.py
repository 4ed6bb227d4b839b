"""The passage index: every passage of a brief as terms and vectors, built once.

:meth:`PassageIndex.build` runs the first three stages, :mod:`.terms` (raw
occurrences), :mod:`.names` (names need the whole brief, so they come second) and
:mod:`.weights` (idf over passages, then one vector per passage), over the whole
brief at once as integer columns (:mod:`.columns`); each passage's occurrences and
vector are made from the columns when first read (:class:`Unit`). Alignment,
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

from brieftui import heap
from brieftui.compare import cacheform, columns
from brieftui.compare.columns import Columns
from brieftui.compare.names import finalise, is_weighed
from brieftui.compare.postings import Postings
from brieftui.compare.terms import (
    WEAK_EVIDENCE,
    Occ,
    only_questions,
    raw_occurrences,
    table_row,
)
from brieftui.compare.weights import (
    INFORMATIVE_IDF,
    MIN_INFORMATIVE,
    Vector,
    sentence_vectors,
    vector,
)
from brieftui.model import Document

first = itemgetter(0)
"""An occurrence's term."""

CACHE_VERSION = 3
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
    """One passage as vectors: passage vector, occurrences; sentence vectors on demand.

    ``occs`` and ``vec`` of an index's units are made from its :class:`~.columns.Columns`
    when first read (a slot left unset falls through to :meth:`__getattr__`, which
    fills it and those of the rest of the document: after that, reading them costs a
    plain slot read). A cached brief's first compare so reads a few dozen passages'
    tuples, not the 100,000 passages' of the brief.
    """

    __slots__ = (
        "_cols",
        "_members",
        "_texts",
        "_units",
        "doc",
        "eligible",
        "occs",
        "pid",
        "sent_mass",
        "sents",
        "text",
        "vec",
    )

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
        self._cols: Columns | None = None
        self._units: list[Unit] | None = None
        self._members: Sequence[int] = ()
        self._texts: DocumentTexts | None = None

    @classmethod
    def lazy(
        cls, pid: str, doc: int, text: str, cols: Columns, units: list[Unit], members: range
    ) -> Unit:
        """A unit whose ``occs`` and ``vec`` come from ``cols`` on first read."""
        self = cls.__new__(cls)
        self.pid = pid
        self.doc = doc
        self.text = text
        self.sents = None
        self.sent_mass = ()
        self.eligible = False
        self._cols = cols
        self._units = units
        self._members = members
        self._texts = None
        return self

    def __getattr__(self, name: str) -> Any:
        # only reached for an unset slot: occs, vec or text of a lazy unit
        if name == "occs":
            self._cols.fill_occs(self._units, self._members)  # type: ignore[union-attr]
        elif name == "vec":
            self._cols.fill_vecs(self._units, self._members)  # type: ignore[union-attr]
        elif name == "text" and object.__getattribute__(self, "_texts") is not None:
            self._texts.fill(self._units, self._members, self.doc)
        else:
            raise AttributeError(name)
        return object.__getattribute__(self, name)

    def __getstate__(self) -> tuple:
        _ = self.occs, self.vec, self.text  # made before pickling: the columns stay behind
        return tuple(
            None if k in ("_cols", "_units", "_texts") else getattr(self, k) for k in self.__slots__
        )

    def __setstate__(self, state: tuple) -> None:
        for k, v in zip(self.__slots__, state, strict=True):
            setattr(self, k, v)


class DocumentTexts:
    """The passage texts of an index read back from the cache, fetched a document at a
    time when a unit's ``text`` is first read: a cached brief's documents are decoded on
    first use (:mod:`brieftui.lazydocs`), and reading the index back must not decode
    100,000 passages for the few dozen a compare shows."""

    __slots__ = ("documents",)

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = documents

    def fill(self, units: list[Unit], members: Sequence[int], doc: int) -> None:
        """Set the text of every unit of document ``doc`` (``members``: their numbers)."""
        texts = self.documents[doc].passage_texts()
        if len(texts) != len(members):
            raise ValueError("cached compare index does not fit these documents")
        for ui, text in zip(members, texts, strict=True):
            units[ui].text = text


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
        """Tokenise, name and weigh every passage at once (:func:`.columns.build`), with
        freed arrays reused (:func:`.heap.held`)."""
        with heap.held():
            return cls._build(documents)

    @classmethod
    def _build(cls, documents: Sequence[Document]) -> PassageIndex:
        self = cls._empty(documents)
        pids, texts, unit_doc = self._passages(documents)
        assert texts is not None
        built = columns.build(texts, np.asarray(unit_doc, dtype=np.int64), len(documents))
        self.names, self.canon = built.names, built.canon
        self.df, self.ddf = built.df, built.ddf
        self.n = max(len(texts), 1)
        self.idf, self.tw = built.idf, built.tw
        self._df_arr, self._ddf_arr = built.df_arr, built.ddf_arr
        informative = built.eligible_terms.tolist()
        eligible = [
            k >= MIN_INFORMATIVE and not only_questions(t) and not table_row(t)
            for k, t in zip(informative, texts, strict=True)
        ]
        self._set_columns(pids, texts, built.columns, eligible)
        return self

    def _passages(
        self, documents: Sequence[Document], with_texts: bool = True
    ) -> tuple[list[str], list[str] | None, list[int]]:
        """Passage ids, texts (``None`` without ``with_texts``: a read-back fetches them
        on first use) and document numbers; fills ``by_pid`` and ``doc_units``."""
        pids: list[str] = []
        texts: list[str] | None = [] if with_texts else None
        unit_doc: list[int] = []
        doc_units: list[range] = []
        for di, doc in enumerate(documents):
            start = len(pids)
            if texts is not None:
                passages = list(doc.passages())
                pids += [p.id for p in passages]
                texts += [p.text for p in passages]
            else:
                pids += doc.passage_ids()
            doc_units.append(range(start, len(pids)))
            unit_doc += repeat(di, len(pids) - start)
        self.by_pid = dict(zip(pids, range(len(pids)), strict=True))
        self.doc_units = [tuple(r) for r in doc_units]
        self.unit_doc = tuple(unit_doc)
        return pids, texts, unit_doc

    def _set_columns(
        self,
        pids: list[str],
        texts: list[str] | DocumentTexts,
        cols: columns.Columns,
        eligible: list[bool],
        order: np.ndarray | None = None,
    ) -> None:
        """The units, made lazy over ``cols``, and the postings over them."""
        self._columns = cols
        lazy_texts = texts if isinstance(texts, DocumentTexts) else None
        units: list[Unit] = []
        self.units = units
        new = Unit.__new__
        append = units.append
        for di, members in enumerate(self.doc_units):
            span = range(members[0], members[-1] + 1) if members else range(0)
            for ui in members:  # Unit.lazy, inlined (100,000 units at 5,000 articles)
                unit = new(Unit)
                unit.pid = pids[ui]
                unit.doc = di
                if lazy_texts is None:
                    unit.text = texts[ui]  # type: ignore[index]
                unit._texts = lazy_texts
                unit.sents = None
                unit.sent_mass = ()
                unit.eligible = eligible[ui]
                unit._cols = cols
                unit._units = units
                unit._members = span
                append(unit)
        self.postings = Postings(cols, order)

    # -- the brief cache: plain data only (no class instances, no sets), so that the
    # cache can store it in a data-only format. The passage texts and ids come back
    # from the documents (the document cache holds them); term statistics and weights
    # that follow from the rest (idf, term weights) are recomputed. Occurrences and
    # vectors are the index's own columns (term ids into one vocabulary, spans,
    # weights), each as the bytes of one array: written and read in bulk, and the
    # units' tuples are made from them only when a compare reads them.
    def cache_state(self) -> dict[str, Any]:
        """This index as plain data: names, variants, frequencies, occurrences, vectors."""
        cols = self._columns
        return {
            "version": CACHE_VERSION,
            "passages": [len(members) for members in self.doc_units],
            "names": sorted(self.names),
            "canon": dict(self.canon),
            "vocab": list(cols.vocab),
            "df": cacheform.pack(self._df_arr),
            "ddf": cacheform.pack(self._ddf_arr),
            "occ_counts": cacheform.pack(np.diff(np.asarray(cols.occ_off))),
            "occ_terms": cacheform.pack(cols.occ_term),
            "occ_starts": cacheform.pack(cols.occ_start),
            "occ_lengths": cacheform.pack(cols.occ_end - cols.occ_start),
            "occ_kinds": cacheform.pack(cols.occ_kind),
            # vectors keep their term order: float sums in dot products follow it
            "vec_counts": cacheform.pack(np.diff(np.asarray(cols.vec_off))),
            "vec_terms": cacheform.pack(cols.vec_term),
            "vec_weights": cacheform.pack(cols.vec_w),
            # the postings' grouping (a sort of 4 million entries at 5,000 articles):
            # kept, so the first compare after a cached opening does not sort again
            "postings_order": cacheform.pack(self.postings.order()),
            "eligible": cacheform.pack(np.asarray([u.eligible for u in self.units], dtype=bool)),
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
        pids, _texts, _unit_doc = self._passages(documents, with_texts=False)
        n_units = len(pids)
        vocab = state["vocab"]
        if not _all_str(vocab):
            raise ValueError("damaged compare index")
        unpack = cacheform.unpack
        df_arr, ddf_arr = unpack(state["df"]), unpack(state["ddf"])
        occ_counts, vec_counts = unpack(state["occ_counts"]), unpack(state["vec_counts"])
        eligible = unpack(state["eligible"])
        if not len(occ_counts) == len(vec_counts) == len(eligible) == n_units:
            raise ValueError("cached compare index does not fit these documents")
        if not len(df_arr) == len(ddf_arr) == len(vocab) or eligible.dtype != bool:
            raise ValueError("damaged compare index")
        occ = tuple(unpack(state[k]) for k in ("occ_terms", "occ_starts", "occ_lengths"))
        kinds = unpack(state["occ_kinds"])
        vec_terms, vec_weights = unpack(state["vec_terms"]), unpack(state["vec_weights"])
        occ_off = cacheform.offsets(occ_counts)
        vec_off = cacheform.offsets(vec_counts)
        lengths = np.fromiter(
            (n for doc in documents for n in doc.passage_lengths()), dtype=np.int64, count=n_units
        )
        ends = cacheform.check(vocab, occ_off, occ, kinds, vec_off, vec_terms, vec_weights, lengths)
        terms, starts, _spans = occ
        cols = columns.Columns(
            vocab, (terms, starts, ends, kinds), occ_off, (vec_terms, vec_weights), vec_off
        )
        self.names = frozenset(state["names"])
        self.canon = dict(state["canon"])
        self.df = Counter(dict(zip(vocab, df_arr.tolist(), strict=True)))
        self.ddf = Counter(dict(zip(vocab, ddf_arr.tolist(), strict=True)))
        self._df_arr, self._ddf_arr = df_arr, ddf_arr
        self.n = max(n_units, 1)
        weighed = np.fromiter(map(is_weighed, vocab), dtype=bool, count=len(vocab))
        self.idf, self.tw, _idf, _tw = columns.statistics(
            vocab, df_arr, self.n, self.names, weighed
        )
        order = unpack(state["postings_order"])
        if len(order) != len(vec_terms) or (
            len(order) and (int(order.min()) < 0 or int(order.max()) >= len(order))
        ):
            raise ValueError("damaged compare index")
        self._set_columns(pids, DocumentTexts(documents), cols, eligible.tolist(), order)
        return self

    @property
    def columns(self) -> Columns:
        """Every passage's occurrences and vector as flat arrays of term ids (read-only):
        for stages that would rather count over ids than read 100,000 units' tuples."""
        return self._columns

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


def _all_str(values: Any) -> bool:
    return type(values) is list and set(map(type, values)) <= {str}
