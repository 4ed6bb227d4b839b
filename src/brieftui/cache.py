"""The on-disk cache of parsed briefs and their indexes.

Why: parsing thousands of articles and building the search and compare indexes
takes seconds; reopening the same brief should not. What is cached lives under
``paths.cache_dir()`` in ``briefs/<brief-key>/``:

* ``docs.bin``: every file's parsed document and load messages, keyed by the
  file's path, size and mtime (and the brieftui version, for the whole file).
  A changed file is re-read alone; the others come from the cache.
* ``<kind>.bin`` (``search``, ``comparer``): an index's ``cache_state()``, stored
  with a digest of the documents it was built from, so it is used only for
  exactly those documents.

The cache is never trusted. It may sit in a folder others can write (with
``BRIEFTUI_DATA_DIR`` on a shared disk), so reading it must not be able to run
code: files are written in :mod:`brieftui.datacodec`, a format that can only
hold numbers, strings, bytes, lists, tuples, dicts and arrays, decoded strictly
(no pickle, marshal, eval or import anywhere on the read path). How a file is
framed (header, CRC-32, parts) is :mod:`brieftui.cachefile`.

The checksum only catches damage (anyone can recompute it). ``meta`` holds file
paths, sizes and load messages; ``text`` holds everything else shown as prose
(titles, headings, index terms) and is decoded with ``plain=True``: a control
character there makes the whole file invalid, so a planted cache cannot pass an
escape sequence that ingest would have removed. Every value read is then checked
for its type and shape before use. A file that is missing, truncated, damaged,
from another version or another program, or of the wrong shape is ignored (and
rewritten); any error reading or writing only means the slow path is taken.

Documents are stored as columns (one per field; the codec writes each in its bulk
form), and their passages' text as the file's *bulk*: one block of UTF-8 per
document with its own CRC-32 and its passages' lengths. Opening a cached brief
makes :class:`~brieftui.lazydocs.LazyDocument` objects that decode their block on
first use, with the same strict checks (a block that fails is read again from its
file): 10,000 articles open without decoding 200,000 passages.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import is_
from pathlib import Path
from typing import Any, NamedTuple

# The framing, re-exported: callers and tests know it as part of the cache.
from brieftui.cachefile import (  # noqa: F401
    CODE_VERSION,
    FINGERPRINT_SKIPS,
    MAGIC,
    Bulk,
    _check,
    _code_fingerprint,
    _header,
    _loads_text,
    _read_checked,
    _write_checked,
    fingerprint_sources,
)
from brieftui.cachewriter import BackgroundWriter
from brieftui.datacodec import dumps, has_control_bytes
from brieftui.lazydocs import (
    LazyDocument,
    TextStore,
    build_sections,
    lazy_documents,
    text_block,
)
from brieftui.model import Document, LoadMessage
from brieftui.paths import cache_dir

# -- documents as plain rows ------------------------------------------------------------
PackedDocument = dict[str, Any]

_OPTIONAL_STR = (str, type(None))
DOCUMENT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "path": str,
    "title": str,
    "author": _OPTIONAL_STR,
    "date": _OPTIONAL_STR,
    "publisher": _OPTIONAL_STR,
    "about": _OPTIONAL_STR,
    "title_is_fallback": bool,
    "fingerprint": str,
    "size": int,
    "url": _OPTIONAL_STR,
    "description": _OPTIONAL_STR,
}
"""The scalar fields of a :class:`Document` kept as they are, with their types.

A new scalar field of ``Document`` is cached by adding it here (the code
fingerprint changes with this file, so older caches are simply rebuilt)."""

# Sections, flattened: per document, lists of these items.
_LIST_FIELDS: dict[str, type | tuple[type, ...]] = {
    "removed": str,
    "removed_why": str,
    "headings": _OPTIONAL_STR,
    "levels": int,
    "counts": int,
    "texts": str,
}

# What the cache's text part holds per document: one column per name (the path is in
# the meta part; the passages' texts are in the bulk part, one block per document).
_TEXT_SCALARS = {k: v for k, v in DOCUMENT_FIELDS.items() if k != "path"}
_TEXT_LISTS = {k: v for k, v in _LIST_FIELDS.items() if k != "texts"}
_TEXT_COLUMNS = frozenset(_TEXT_SCALARS) | frozenset(_TEXT_LISTS) | {"text_bytes", "text_crc"}


def pack_document(doc: Document) -> PackedDocument:
    """A document as one row of plain values: its fields, and its sections as flat lists.

    Sections become parallel lists (``headings``, ``levels``, passage ``counts``)
    and one list of passage ``texts``; passage ids are not stored, they are
    re-derived exactly as ingestion makes them. Also what worker processes send back.
    """
    row: PackedDocument = {name: getattr(doc, name) for name in DOCUMENT_FIELDS}
    row["removed"] = list(doc.removed)
    row["removed_why"] = list(doc.removed_why)
    row["headings"] = [s.heading for s in doc.sections]
    row["levels"] = [s.level for s in doc.sections]
    row["counts"] = [len(s.passages) for s in doc.sections]
    row["texts"] = [p.text for s in doc.sections for p in s.passages]
    return row


def unpack_document(packed: PackedDocument) -> Document:
    """Rebuild a :class:`Document` from :func:`pack_document`'s row.

    Passage ids are re-derived exactly as ingestion makes them (``<doc-id>:<n>``).
    """
    sections = build_sections(
        packed["id"], packed["headings"], packed["levels"], packed["counts"], packed["texts"]
    )
    return Document(
        sections=sections,
        removed=tuple(packed["removed"]),
        removed_why=tuple(packed["removed_why"]),
        **{name: packed[name] for name in DOCUMENT_FIELDS},
    )


def _types_ok(values: Iterable[Any], kind: type | tuple[type, ...]) -> bool:
    """Are all ``values`` exactly of ``kind`` (bool is not an int here)? One C-speed pass."""
    allowed = kind if isinstance(kind, tuple) else (kind,)
    return set(map(type, values)) <= set(allowed)


def _valid_columns(columns: Any, chars: Any, bulk_size: int) -> bool:
    """Are the text part's ``columns`` (and the passages' lengths ``chars``) exactly what
    :meth:`BriefCache._encode` writes for a bulk part of ``bulk_size`` bytes: names, types,
    shapes and sizes?

    Checked column by column with ``map`` (a set of types per column), because a cache
    of 10,000 documents holds 200,000 passages and a check per value in Python would
    cost a good part of what the cache saves. What is left for first use is each
    document's block of text itself (:mod:`brieftui.lazydocs`).
    """
    if type(columns) is not dict or columns.keys() != _TEXT_COLUMNS:
        return False
    if type(chars) is not array or chars.typecode != "I":
        return False
    if not _types_ok(columns.values(), list) or len(set(map(len, columns.values()))) > 1:
        return False
    for name, kind in (*_TEXT_SCALARS.items(), ("text_bytes", int), ("text_crc", int)):
        if not _types_ok(columns[name], kind):
            return False
    for name, kind in _TEXT_LISTS.items():
        column = columns[name]
        if not _types_ok(column, list) or not _types_ok(chain.from_iterable(column), kind):
            return False
    sizes, crcs = columns["text_bytes"], columns["text_crc"]
    if sizes and (min(sizes) < 0 or min(crcs) < 0 or max(crcs) >= 1 << 32):
        return False
    if sum(sizes) != bulk_size:
        return False
    levels = list(chain.from_iterable(columns["levels"]))
    counts = list(chain.from_iterable(columns["counts"]))
    if (levels and not 0 <= min(levels) <= max(levels) <= 2) or (counts and min(counts) < 0):
        return False
    sections = list(map(len, columns["counts"]))
    return list(map(len, columns["headings"])) == list(
        map(len, columns["levels"])
    ) == sections and sum(counts) == len(chars)


def documents_digest(documents: Iterable[Document]) -> str:
    """Identity of a document set: ids, paths and content fingerprints, in order."""
    h = hashlib.sha256()
    for doc in documents:
        h.update(
            f"{doc.id}\0{doc.path}\0{doc.fingerprint}\0{doc.passage_count}\n".encode(
                "utf-8", "surrogatepass"
            )
        )
    return h.hexdigest()


# -- files: the framing is in brieftui.cachefile ----------------------------------------------
FileKey = tuple[str, int, int]  # (path, size, mtime_ns)
_Message = tuple[str, str, str]  # (path, message, level)
_FILE_KEYS = frozenset(("path", "size", "mtime_ns", "doc", "doc_path", "messages"))


class CachedFile(NamedTuple):
    """What the cache knows of one file: its document (None when it gave none) and the
    messages its reading gave."""

    document: Document | None
    messages: tuple[_Message, ...]


def _files_from(
    meta: Any, text: Any, bulk: Bulk, source: Path | None = None
) -> dict[FileKey, CachedFile] | None:
    """The file entries of a docs file, or None when anything has the wrong shape.

    The documents are :class:`~brieftui.lazydocs.LazyDocument`: their passages stay in
    ``bulk`` until first used. ``source`` is the file they came from (removed when a
    document's text is found damaged on first use)."""
    if type(meta) is not dict or type(text) is not dict or text.keys() != {"documents", "chars"}:
        return None
    rows = _columns(meta.get("files"), _FILE_KEYS)
    columns = _columns(text["documents"], _TEXT_COLUMNS)
    if rows is None or columns is None:
        return None
    docs, doc_paths, messages = rows["doc"], rows["doc_path"], rows["messages"]
    flat = list(chain.from_iterable(messages))
    n_docs = len(columns.get("id", ()))
    if not (
        _types_ok(rows["path"], str)
        and _types_ok(rows["size"], int)
        and _types_ok(rows["mtime_ns"], int)
        and _types_ok(docs, int)
        and _types_ok(doc_paths, _OPTIONAL_STR)
        and _types_ok(messages, list)
        and _types_ok(flat, tuple)
        and set(map(len, flat)) <= {3}
        and _types_ok(chain.from_iterable(flat), str)
        and sorted(filter((-1).__lt__, docs)) == list(range(n_docs))
        and set(filter((0).__gt__, docs)) <= {-1}
        and list(map((0).__gt__, docs)) == list(map(is_, doc_paths, repeat(None)))
        and _valid_columns(columns, text["chars"], len(bulk))
    ):
        return None
    # The text part holds everything but the paths, which may hold any character.
    paths: list[str] = [""] * n_docs
    for doc, doc_path in zip(docs, doc_paths, strict=True):
        if doc >= 0:
            paths[doc] = doc_path
    store = TextStore(
        bulk,
        columns["text_bytes"],
        columns["text_crc"],
        text["chars"],
        columns["headings"],
        columns["levels"],
        columns["counts"],
        source,
    )
    values = {name: columns[name] for name in _TEXT_SCALARS}
    values["path"] = paths
    values["removed"] = list(map(tuple, columns["removed"]))
    values["removed_why"] = list(map(tuple, columns["removed_why"]))
    documents: list[Document | None] = [*lazy_documents(values, columns["counts"], store), None]
    # documents[-1] is None: the document of a file that gave none (doc -1)
    entries = zip(map(documents.__getitem__, docs), map(tuple, messages), strict=True)
    keys = zip(rows["path"], rows["size"], rows["mtime_ns"], strict=True)
    # tuple.__new__ by map: a CachedFile per file with no Python step (10,000 of them)
    return dict(zip(keys, map(tuple.__new__, repeat(CachedFile), entries), strict=True))


@dataclass
class BriefCache:
    """The cache of one brief (one set of input paths)."""

    key: str
    root: Path = field(default_factory=cache_dir)
    files: dict[FileKey, CachedFile] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    _dirty: bool = False

    @property
    def folder(self) -> Path:
        return self.root / "briefs" / self.key

    @classmethod
    def open(cls, key: str) -> BriefCache:
        cache = cls(key)
        _remove_stale_temps(cache.folder)
        path = cache.folder / "docs.bin"
        found = _read_checked(path, open_bulk=True)
        if found is not None:
            meta, text, bulk = found
            files = _files_from(meta, _loads_text(text), bulk, path)
            if files is not None:
                cache.files = files
        return cache

    def lookup(
        self,
        file_key: FileKey,
        doc_id: str,
        reparse: Callable[[], Document | None] | None = None,
    ) -> tuple[Document | None, list[LoadMessage]] | None:
        """The cached parse of a file whose path, size and mtime are unchanged, else None.

        ``reparse`` reads the file afresh: what a cached document falls back on when its
        text turns out damaged on first use."""
        entry = self.files.get(file_key)
        if entry is None or (entry.document is not None and entry.document.id != doc_id):
            self.misses += 1
            return None
        document = entry.document
        if reparse is not None and isinstance(document, LazyDocument):
            store = document._store
            if store is not None:
                store.reparse[document._index] = reparse
        self.hits += 1
        return document, [LoadMessage(*m) for m in entry.messages]

    def store(
        self, file_key: FileKey, document: Document | None, messages: Iterable[LoadMessage]
    ) -> None:
        self.files[file_key] = CachedFile(
            document, tuple((m.path, m.message, m.level) for m in messages)
        )
        self._dirty = True

    def save(self, live_keys: Iterable[FileKey]) -> bool:
        """Write the documents back when anything changed, keeping only files still in the brief."""
        live = set(live_keys)
        if set(self.files) != live:
            self.files = {k: v for k, v in self.files.items() if k in live}
            self._dirty = True
        if not self._dirty:
            return True
        try:
            meta, text, bulk = self._encode()
        except (TypeError, ValueError):
            return False
        ok = _write_checked(self.folder / "docs.bin", meta, text, bulk)
        self._dirty = not ok
        return ok

    def _encode(self) -> tuple[bytes, bytes, list[bytes]]:
        """The three parts of ``docs.bin``: paths and messages; the documents' fields as
        columns; their passages' text, one block (with its CRC-32) per document.

        A document whose text holds a control character (ingest removes them; an
        older rule may not have) is left out, so that one file is parsed again next
        time instead of the whole file being refused on reading. A cached document not
        yet decoded is copied block for block, checksum included (so damage is never
        laundered into a fresh checksum: it is found when the block is first used).
        """
        entries: list[tuple[FileKey, CachedFile, tuple[bytes, list[int], int] | None]] = []
        for key, entry in self.files.items():
            block = _block_of(entry.document) if entry.document is not None else None
            if entry.document is None or block is not None:
                entries.append((key, entry, block))
        try:
            text = _text_part(entries)
        except ValueError:
            entries = [e for e in entries if e[1].document is None or _plain(e[1].document)]
            text = _text_part(entries)
        rows: dict[str, list[Any]] = {name: [] for name in _FILE_KEYS}
        n = 0
        for (path, size, mtime), entry, _ in entries:
            doc = entry.document
            for name, value in (
                ("path", path),
                ("size", size),
                ("mtime_ns", mtime),
                ("doc", n if doc is not None else -1),
                ("doc_path", doc.path if doc is not None else None),
                ("messages", list(entry.messages)),
            ):
                rows[name].append(value)
            n += doc is not None
        blocks = [b[0] for _, _, b in entries if b is not None]
        return dumps({"files": _rows(rows)}), text, blocks

    def load_index(self, kind: str, digest: str) -> Any | None:
        """The cached state of index ``kind`` built from documents with ``digest``, or None
        (after any save of ``kind`` still being written: never an older file)."""
        _WRITER.wait_for(str(self.folder / f"{kind}.bin"))
        found = _read_checked(self.folder / f"{kind}.bin")
        if found is None:
            return None
        meta, text, bulk = found
        if type(meta) is not dict or meta.get("digest") != digest or bulk:
            return None
        return _loads_text(text)

    def save_index(self, kind: str, digest: str, state: Any) -> bool:
        """Write an index's plain-data state; False when it cannot be (not plain data, unwritable).

        A save of ``kind`` still pending in the background is written first, so the
        file ends as this save leaves it."""
        _WRITER.wait_for(str(self.folder / f"{kind}.bin"))
        try:
            text = dumps(state, plain=True)
            meta = dumps({"digest": digest})
        except (TypeError, ValueError):
            return False
        return _write_checked(self.folder / f"{kind}.bin", meta, text)

    def save_index_soon(self, kind: str, digest: str, state: Any) -> None:
        """:meth:`save_index` in the background (:mod:`brieftui.cachewriter`): for a state
        that nothing changes afterwards (fresh plain data), so the caller need not wait
        for its encoding and writing (1.5 s for the compare index and events at 10,000
        articles). Saves run in the order they were asked for; a failure only costs
        speed, as with :meth:`save_index`."""
        _WRITER.submit(
            str(self.folder / f"{kind}.bin"), lambda: self.save_index(kind, digest, state)
        )


STALE_TEMP_SECONDS = 600.0
"""A cache temp file this old belongs to no write still running: removed on open."""


def _remove_stale_temps(folder: Path) -> int:
    """Remove the temp files of cache writes that never finished (a program killed, or
    quit mid-build: the app does not wait for a build's thread), returning how many.
    Only ``.<name>.bin.*`` files older than :data:`STALE_TEMP_SECONDS`, so a write
    still running in another process keeps its file."""
    removed = 0
    try:
        entries = list(folder.glob(".*.bin.*"))
    except OSError:
        return 0
    cutoff = time.time() - STALE_TEMP_SECONDS
    for path in entries:
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:  # gone meanwhile, or not ours to remove: the cache still works
            continue
    return removed


_WRITER = BackgroundWriter()
"""One writer for the process: every cache object of one brief (a brief opened twice)
sees the saves of the others in order."""


def wait_for_writes(timeout: float | None = None) -> bool:
    """Wait for the cache saves still being written; False when ``timeout`` passed first."""
    return _WRITER.wait_for(None, timeout)


def _block_of(doc: Document) -> tuple[bytes, list[int], int] | None:
    """A document's passages as the bulk part holds them (UTF-8, the lengths in characters,
    a CRC-32), or None when the text holds a control character."""
    if isinstance(doc, LazyDocument):
        store = doc._store
        if store is not None:  # not decoded: copied as it is, with its own checksum
            try:
                raw = store.raw(doc._index)
            except OSError:  # the old file cannot be read: left out, parsed next time
                return None
            return raw, store.char_lengths(doc._index), store.crcs[doc._index]
    raw, chars = text_block(doc)
    if has_control_bytes(raw):
        return None
    return raw, chars, zlib.crc32(raw)


def _shape(doc: Document) -> tuple[list[str | None], list[int], list[int]]:
    """A document's sections' headings, levels and passage counts (an undecoded cached
    document's from its store: saving never decodes what was not read)."""
    if isinstance(doc, LazyDocument):
        store, i = doc._store, doc._index
        if store is not None:
            return list(store.headings[i]), list(store.levels[i]), list(store.counts[i])
    sections = doc.sections
    return (
        [s.heading for s in sections],
        [s.level for s in sections],
        [len(s.passages) for s in sections],
    )


def _text_part(entries: list[tuple[FileKey, CachedFile, Any]]) -> bytes:
    """The text part: the documents' fields as columns (``ValueError`` when one holds a
    control character), and every passage's length in characters."""
    docs = [(e.document, b) for _, e, b in entries if e.document is not None]
    columns: dict[str, list[Any]] = {}
    for name in _TEXT_SCALARS:
        columns[name] = [getattr(d, name) for d, _ in docs]
    columns["removed"] = [list(d.removed) for d, _ in docs]
    columns["removed_why"] = [list(d.removed_why) for d, _ in docs]
    shapes = [_shape(d) for d, _ in docs]
    for i, name in enumerate(("headings", "levels", "counts")):
        columns[name] = [shape[i] for shape in shapes]
    columns["text_bytes"] = [len(b[0]) for _, b in docs]
    columns["text_crc"] = [b[2] for _, b in docs]
    chars = array("I", chain.from_iterable(b[1] for _, b in docs))
    return dumps({"documents": _rows(columns), "chars": chars}, plain=True)


def _rows(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Columns as a table of one row whose values are the columns: the codec writes a
    list of dicts with the same keys one column per key, so each column is in its bulk
    form (a dict of lists would be flattened into one list of everything), and reading
    it back makes one dict, not one per document."""
    return [columns]


def _columns(rows: Any, keys: frozenset[str]) -> dict[str, list[Any]] | None:
    """:func:`_rows` undone: the columns, or None unless ``rows`` is one dict of exactly
    ``keys``, each a list, all of one length."""
    if type(rows) is not list or len(rows) != 1 or type(rows[0]) is not dict:
        return None
    columns = rows[0]
    if columns.keys() != keys or not _types_ok(columns.values(), list):
        return None
    if len(set(map(len, columns.values()))) > 1:
        return None
    return columns


def _plain(doc: Document) -> bool:
    try:
        dumps([getattr(doc, name) for name in _TEXT_SCALARS], plain=True)
        dumps([list(doc.removed), list(doc.removed_why)], plain=True)
        dumps(_shape(doc)[0], plain=True)
    except ValueError:
        return False
    return True
