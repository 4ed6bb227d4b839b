"""Cached documents whose passages are decoded on first use.

Why: a cached brief of 10,000 articles is 200,000 passages and 96 MB of text.
Decoding all of it into ``str`` and building every :class:`~brieftui.model.Passage`
took about 0.6 s of every cached opening, though a reader looks at a few articles
and a search shows 50 hits. So the cache (:mod:`brieftui.cache`) keeps the
passages' UTF-8 as one buffer (:class:`TextStore`), and a :class:`LazyDocument`
cuts and decodes its own part the first time its ``sections`` are read: a few
tens of microseconds, once per document.

A :class:`LazyDocument` *is* a :class:`~brieftui.model.Document` (a subclass): its
scalar fields (id, title, byline…) and its passage count are there at once, and
``sections``, ``passages()``, equality, hashing and pickling behave exactly as a
plain document's. It never changes what it shows: the first read fixes its
sections for good, under a lock (the UI, search and compare threads may race).

The buffer is untrusted like the rest of the cache: each document's part carries
its own CRC-32 (damage), and is decoded strictly (UTF-8, no control character,
character counts that add up). A part that fails is never shown: the document is
read again from its file (what the cache would have given, since the file's size
and mtime are unchanged), and the cache file is removed so the next opening
rebuilds it. Only if the file no longer parses to the same shape is
:class:`CachedDocumentError` raised, with a message that says what to do.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any

from brieftui.datacodec import has_control_bytes
from brieftui.model import Document, Passage, Section

__all__ = ["CachedDocumentError", "LazyDocument", "TextStore", "text_block"]


class CachedDocumentError(ValueError):
    """A cached document's text was damaged and its file no longer gives the same document."""


class _Damaged(Exception):
    """A document's part of the buffer fails its checks (internal)."""


_PASSAGE_FIELDS = ("id", "text")
_FAST_PASSAGES = tuple(f.name for f in fields(Passage)) == _PASSAGE_FIELDS


def make_passages(ids: Iterable[str], texts: list[str]) -> list[Passage]:
    """``Passage(id, text)`` for each pair, built by C calls.

    The frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``
    in Python; here the objects are allocated and their two slots filled by ``map``
    over the slots' descriptors: the same objects, about twice as fast.
    """
    if not _FAST_PASSAGES:  # Passage gained a field: its own constructor
        return list(map(Passage, ids, texts))
    passages = list(map(object.__new__, repeat(Passage, len(texts))))
    set_id, set_text = (Passage.__dict__[name].__set__ for name in _PASSAGE_FIELDS)
    deque(map(set_id, passages, ids), maxlen=0)
    deque(map(set_text, passages, texts), maxlen=0)
    return passages


_suffixes: list[str] = []


def number_suffixes(n: int) -> list[str]:
    """``[":1", ":2", … ":n"]``, made once (a passage id is its document id plus one).

    A longer list replaces the shorter one whole, so loads in two threads never see it
    half-extended."""
    global _suffixes
    known = _suffixes
    if len(known) < n:
        known = _suffixes = [f":{i}" for i in range(1, max(n, 2 * len(known)) + 1)]
    return known[:n]


def build_sections(
    doc_id: str,
    headings: Sequence[str | None],
    levels: Sequence[int],
    counts: Sequence[int],
    texts: list[str],
) -> tuple[Section, ...]:
    """Sections from their flat columns; passage ids re-derived as ingestion makes them."""
    passages = make_passages(map(doc_id.__add__, number_suffixes(len(texts))), texts)
    sections: list[Section] = []
    at = 0
    for heading, level, count in zip(headings, levels, counts, strict=True):
        sections.append(Section(heading, level, tuple(passages[at : at + count])))
        at += count
    return tuple(sections)


def text_block(doc: Document) -> tuple[bytes, list[int]]:
    """A document's passage texts as one UTF-8 block and their lengths in characters
    (what the cache writes); an undecoded :class:`LazyDocument`'s block is copied
    from its buffer as it is, never decoded."""
    if isinstance(doc, LazyDocument):
        store = doc._store
        if store is not None:
            return store.raw(doc._index), store.char_lengths(doc._index)
    texts = [p.text for p in doc.passages()]
    return "".join(texts).encode("utf-8", "surrogatepass"), list(map(len, texts))


class TextStore:
    """The passages of every cached document: one UTF-8 buffer (``bytes``, or a
    :class:`~brieftui.cachefile.FileBulk` read block by block) and, per document, where
    its part starts, its CRC-32, its sections' headings, levels and passage counts, and
    per passage its length in characters. Checked for shape when made (by
    :mod:`brieftui.cache`); each part is checked for content when first decoded."""

    def __init__(
        self,
        bulk: Any,
        byte_sizes: Sequence[int],
        crcs: Sequence[int],
        chars: array,
        headings: list[list[str | None]],
        levels: list[list[int]],
        counts: list[list[int]],
        cache_file: Path | None = None,
    ) -> None:
        self.bulk = bulk
        self.byte_starts = list(accumulate(byte_sizes, initial=0))
        self.pass_starts = list(accumulate(map(sum, counts), initial=0))
        self.crcs = crcs
        self.chars = chars
        self.headings, self.levels, self.counts = headings, levels, counts
        self.cache_file = cache_file
        self.reparse: dict[int, Callable[[], Document | None]] = {}
        self._texts: dict[int, list[str]] = {}

    def raw(self, i: int) -> bytes:
        return self.bulk[self.byte_starts[i] : self.byte_starts[i + 1]]

    def char_lengths(self, i: int) -> list[int]:
        return self.chars[self.pass_starts[i] : self.pass_starts[i + 1]].tolist()

    def sections_of(self, i: int, doc_id: str) -> tuple[Section, ...]:
        """Document ``i``'s sections, decoded from its part; ``_Damaged`` when it fails a check."""
        texts = self._texts.pop(i, None)
        if texts is None:
            texts = self._decode_texts(i)
        return build_sections(doc_id, self.headings[i], self.levels[i], self.counts[i], texts)

    def texts(self, i: int) -> list[str]:
        """Document ``i``'s passage texts alone, decoded and checked as for its sections,
        kept until the document itself is decoded (which then uses them): what search
        reads from the many passages it ranks, without making their documents whole."""
        texts = self._texts.get(i)
        if texts is None:
            texts = self._texts[i] = self._decode_texts(i)
        return texts

    def _decode_texts(self, i: int) -> list[str]:
        try:
            raw = self.raw(i)
        except OSError:  # the cache file could not be read again
            raise _Damaged from None
        if zlib.crc32(raw) != self.crcs[i] or has_control_bytes(raw):
            raise _Damaged
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:  # lone surrogates, as the writer's surrogatepass keeps them
                text = raw.decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                raise _Damaged from None
        ends = list(accumulate(self.char_lengths(i)))
        if (ends[-1] if ends else 0) != len(text):
            raise _Damaged
        return list(map(text.__getitem__, map(slice, [0, *ends[:-1]], ends)))

    def reread(self, i: int, doc_id: str) -> tuple[Section, ...]:
        """Document ``i`` read again from its file, after its cached part failed a check."""
        if self.cache_file is not None:  # the next opening must not meet it again
            with contextlib.suppress(OSError):
                self.cache_file.unlink(missing_ok=True)
        reparse = self.reparse.get(i)
        fresh = reparse() if reparse is not None else None
        if fresh is not None and fresh.id == doc_id:
            shape = [len(s.passages) for s in fresh.sections]
            if shape == list(self.counts[i]):
                return fresh.sections
        raise CachedDocumentError(
            f"the cached text of document {doc_id} is damaged and its file no longer reads "
            "the same; open the brief again to read it afresh"
        )


_LOCK = threading.Lock()
_SECTIONS = Document.__dict__["sections"]  # the slot Document's fields are stored in
_FIELD_SLOTS = {f.name: Document.__dict__[f.name] for f in fields(Document)}


class LazyDocument(Document):
    """A :class:`~brieftui.model.Document` from the cache whose sections are decoded on first
    use (see the module doc). Made by :func:`lazy_documents`, never by its constructor."""

    __slots__ = ("_count", "_index", "_store")
    _store: TextStore | None
    _index: int
    _count: int

    @property  # type: ignore[override]
    def sections(self) -> tuple[Section, ...]:
        if self._store is None:
            return _SECTIONS.__get__(self, Document)  # type: ignore[no-any-return]
        return self._decode()

    @sections.setter
    def sections(self, value: tuple[Section, ...]) -> None:
        # Only object.__setattr__ gets here (the dataclass's __init__ and __setstate__:
        # dataclasses.replace, copy, pickle): a document made whole.
        _SECTIONS.__set__(self, value)
        object.__setattr__(self, "_store", None)
        object.__setattr__(self, "_count", sum(len(s.passages) for s in value))

    def _decode(self) -> tuple[Section, ...]:
        with _LOCK:
            store = self._store
            if store is None:  # another thread decoded it meanwhile
                return _SECTIONS.__get__(self, Document)  # type: ignore[no-any-return]
            try:
                sections = store.sections_of(self._index, self.id)
            except _Damaged:
                sections = store.reread(self._index, self.id)
            _SECTIONS.__set__(self, sections)
            object.__setattr__(self, "_store", None)  # and the buffer goes with the last one
        return sections

    def peek_texts(self) -> list[str] | None:
        """The passages' texts without making the document whole (see
        :meth:`TextStore.texts`); None once it is decoded, or when its block is damaged
        (reading ``sections`` then reads the file again)."""
        store = self._store
        if store is None:
            return None
        try:
            return store.texts(self._index)
        except _Damaged:
            return None

    def passage_ids(self) -> list[str]:
        """As :meth:`Document.passage_ids`, made as ingestion makes them while undecoded."""
        if self._store is None:
            return Document.passage_ids(self)
        return list(map(self.id.__add__, number_suffixes(self._count)))

    def passage_lengths(self) -> list[int]:
        """As :meth:`Document.passage_lengths`, from the cache's columns while undecoded."""
        store = self._store
        if store is None:
            return Document.passage_lengths(self)
        return store.char_lengths(self._index)

    def passage_texts(self) -> list[str]:
        """As :meth:`Document.passage_texts`: the texts alone while undecoded
        (:meth:`peek_texts`), else (decoded, or a damaged block read again) the passages'."""
        texts = self.peek_texts()
        return list(texts) if texts is not None else Document.passage_texts(self)

    def headed_sections(self) -> list[tuple[str, str]]:
        """As :meth:`Document.headed_sections`, from the cache's columns while undecoded
        (passage ids are the document's id and the passage's number, as ingestion makes
        them): the palette lists 10,000 documents' sections without decoding 96 MB."""
        store = self._store
        if store is None:
            return Document.headed_sections(self)
        out: list[tuple[str, str]] = []
        first = 1
        for heading, count in zip(
            store.headings[self._index], store.counts[self._index], strict=True
        ):
            if heading and count:
                out.append((heading, f"{self.id}:{first}"))
            first += count
        return out

    @property
    def decoded(self) -> bool:
        """Have this document's sections been decoded yet? (Tests and benchmarks ask.)"""
        return self._store is None

    @property
    def passage_count(self) -> int:
        return self._count

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _FIELD_SLOTS)

    __hash__ = Document.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as the plain :class:`Document` it equals (a worker process needs no buffer)."""
        return (_plain_document, (tuple(getattr(self, name) for name in _FIELD_SLOTS),))


def _plain_document(values: tuple[Any, ...]) -> Document:
    return Document(**dict(zip(_FIELD_SLOTS, values, strict=True)))


def lazy_documents(
    columns: dict[str, list[Any]], counts: list[list[int]], store: TextStore
) -> list[LazyDocument]:
    """One :class:`LazyDocument` per row of ``columns`` (every field of
    :class:`~brieftui.model.Document` but ``sections``, each a list), filled by C calls:
    10,000 documents at once."""
    n = len(counts)
    docs: list[LazyDocument] = list(map(object.__new__, repeat(LazyDocument, n)))
    for name, values in columns.items():
        deque(map(_FIELD_SLOTS[name].__set__, docs, values), maxlen=0)
    deque(map(LazyDocument.__dict__["_store"].__set__, docs, repeat(store, n)), maxlen=0)
    deque(map(LazyDocument.__dict__["_index"].__set__, docs, range(n)), maxlen=0)
    deque(map(LazyDocument.__dict__["_count"].__set__, docs, map(sum, counts)), maxlen=0)
    return docs
