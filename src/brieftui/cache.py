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
(no pickle, marshal, eval or import anywhere on the read path). Each file is::

    brieftui-cache 2\n  <code version>\n  CRC-32 of the rest  <meta size> <meta> <text>

where ``text`` is a datacodec value: its structure's size, its structure and its
string heap.

The checksum only catches damage (anyone can recompute it). ``meta`` holds file
paths, sizes and load messages; ``text`` holds everything shown as prose (titles,
passages, headings, index terms) and is decoded with ``plain=True``: a control
character there makes the whole file invalid, so a planted cache cannot pass an
escape sequence that ingest would have removed. Every value read is then checked
for its type and shape before use. A file that is missing, truncated, damaged,
from another version or another program, or of the wrong shape is ignored (and
rewritten); any error reading or writing only means the slow path is taken.

Documents are stored as rows of plain columns (see :func:`pack_document`),
which the codec writes as one column per field: all passage texts of a brief are
one UTF-8 blob, so reading 100,000 passages is a few C calls.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from itertools import chain, repeat
from operator import eq, is_, itemgetter
from pathlib import Path
from typing import Any

from brieftui import __version__
from brieftui.datacodec import CodecError, dumps, loads, loads_parts
from brieftui.fileio import write_atomically
from brieftui.model import Document, LoadMessage, Passage, Section
from brieftui.paths import cache_dir

MAGIC = b"brieftui-cache 2\n"
_CHECK_SIZE = 4
_SIZE_BYTES = 8
MAX_FILE_BYTES = 1 << 31
"""A cache file larger than this is ignored unread (10,000 articles make about 100 MB)."""


FINGERPRINT_SKIPS = frozenset({"app"})
"""Top-level folders of the package left out of the code fingerprint: the UI never
changes what is cached, and hashing it would throw the cache away on every UI edit."""


def fingerprint_sources(package: Path) -> list[Path]:
    """Every ``.py`` and ``.json`` (rule weights) under ``package`` (any depth) outside
    :data:`FINGERPRINT_SKIPS`, sorted.

    Any depth, because a stage of a sub-package (``compare/names.py``) changes what
    a cached index holds as much as a top-level module does: a glob of the top level
    and ``ingest/`` once missed ``compare/*.py`` and would have served stale indexes.
    """
    return sorted(
        path
        for pattern in ("*.py", "*.json")
        for path in package.rglob(pattern)
        if path.relative_to(package).parts[0] not in FINGERPRINT_SKIPS
    )


def _code_fingerprint(package: Path | None = None) -> str:
    """The version plus a hash of the core's source, so a changed parser never reads stale parses.

    A release bump alone is not enough: a development install changes its rules
    without changing its version. Reading ~40 small files costs a few milliseconds.
    """
    if package is None:
        package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for source in fingerprint_sources(package):
        try:
            name = source.relative_to(package).as_posix()
            h.update(name.encode() + b"\0" + source.read_bytes())
        except OSError:
            continue
    return f"{__version__}+{h.hexdigest()[:12]}"


CODE_VERSION = _code_fingerprint()


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
_ROW_KEYS = frozenset(DOCUMENT_FIELDS) | frozenset(_LIST_FIELDS)


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


_PASSAGE_FIELDS = ("id", "text")
_FAST_PASSAGES = tuple(f.name for f in fields(Passage)) == _PASSAGE_FIELDS


def _passages(ids: Iterable[str], texts: list[str]) -> list[Passage]:
    """``Passage(id, text)`` for each pair, built by C calls.

    The frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``
    in Python; a cached brief of 10,000 articles makes 200,000 passages. Here the
    objects are allocated and their two slots filled by ``map`` over the slots'
    descriptors: the same objects, about twice as fast.
    """
    if not _FAST_PASSAGES:  # Passage gained a field: its own constructor
        return list(map(Passage, ids, texts))
    passages = list(map(object.__new__, repeat(Passage, len(texts))))
    set_id, set_text = (Passage.__dict__[name].__set__ for name in _PASSAGE_FIELDS)
    deque(map(set_id, passages, ids), maxlen=0)
    deque(map(set_text, passages, texts), maxlen=0)
    return passages


def unpack_document(packed: PackedDocument) -> Document:
    """Rebuild a :class:`Document` from :func:`pack_document`'s row (see :func:`valid_rows`).

    Passage ids are re-derived exactly as ingestion makes them (``<doc-id>:<n>``).
    Built with ``map`` rather than a loop: this runs for every passage of a cached brief.
    """
    texts = packed["texts"]
    ids = map(packed["id"].__add__, _number_suffixes(len(texts)))
    passages = _passages(ids, texts)
    sections: list[Section] = []
    at = 0
    for heading, level, count in zip(
        packed["headings"], packed["levels"], packed["counts"], strict=True
    ):
        sections.append(Section(heading, level, tuple(passages[at : at + count])))
        at += count
    return Document(
        sections=tuple(sections),
        removed=tuple(packed["removed"]),
        removed_why=tuple(packed["removed_why"]),
        **{name: packed[name] for name in DOCUMENT_FIELDS},
    )


_suffixes: list[str] = []


def _number_suffixes(n: int) -> list[str]:
    """``[":1", ":2", … ":n"]``, made once (a passage id is its document id plus one).

    A longer list replaces the shorter one whole, so loads in two threads never see it
    half-extended."""
    global _suffixes
    known = _suffixes
    if len(known) < n:
        known = _suffixes = [f":{i}" for i in range(1, max(n, 2 * len(known)) + 1)]
    return known[:n]


def _types_ok(values: Iterable[Any], kind: type | tuple[type, ...]) -> bool:
    """Are all ``values`` exactly of ``kind`` (bool is not an int here)? One C-speed pass."""
    allowed = kind if isinstance(kind, tuple) else (kind,)
    return set(map(type, values)) <= set(allowed)


def valid_rows(rows: Any) -> bool:
    """Are ``rows`` exactly what :func:`pack_document` makes: fields, types and shapes?

    Checked column by column with ``map`` (a set of types per column), because a
    cache of 5,000 documents holds 100,000 passages and a check per value in Python
    would cost a good part of what the cache saves.
    """
    if type(rows) is not list or not _types_ok(rows, dict):
        return False
    if not all(map(eq, map(dict.keys, rows), repeat(_ROW_KEYS))):
        return False
    for name, kind in DOCUMENT_FIELDS.items():
        if not _types_ok(map(itemgetter(name), rows), kind):
            return False
    columns: dict[str, list[Any]] = {}
    for name, kind in _LIST_FIELDS.items():
        column = columns[name] = list(map(itemgetter(name), rows))
        if not _types_ok(column, list) or not _types_ok(chain.from_iterable(column), kind):
            return False
    levels = list(chain.from_iterable(columns["levels"]))
    counts = list(chain.from_iterable(columns["counts"]))
    if (levels and not 0 <= min(levels) <= max(levels) <= 2) or (counts and min(counts) < 0):
        return False
    sections = list(map(len, columns["counts"]))
    return list(map(len, columns["headings"])) == list(
        map(len, columns["levels"])
    ) == sections and list(map(sum, columns["counts"])) == list(map(len, columns["texts"]))


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


# -- files ------------------------------------------------------------------------------
def _header() -> bytes:
    return MAGIC + CODE_VERSION.encode("utf-8") + b"\n"


def _check(*parts: bytes) -> bytes:
    """A CRC-32 of ``parts`` joined: it catches damage (a torn or flipped file), not
    tampering, which no checksum kept beside the data can; the strict decoder is the
    defence."""
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    return crc.to_bytes(_CHECK_SIZE, "little")


_TextPart = tuple[bytes, bytes]  # the text part's structure and its string heap


def _read_sized(handle: Any, limit: int) -> bytes | None:
    """A 64-bit size, then that many bytes (None when the file is shorter or the size absurd)."""
    head = handle.read(_SIZE_BYTES)
    if len(head) != _SIZE_BYTES:
        return None
    size = int.from_bytes(head, "little")
    if size > limit:
        return None
    data = handle.read(size)
    return data if len(data) == size else None


def _read_checked(path: Path) -> tuple[Any, _TextPart] | None:
    """The decoded ``meta`` part of a cache file and its raw ``text`` part, or None.

    None when the file is missing, too large, damaged, foreign, or from another
    version of brieftui. The text part is decoded by the caller (with ``plain=True``)
    only once the meta part says the file is the one it wants. Each part is read as
    its own buffer, so the string heap (most of the file) is never copied.
    """
    header = _header()
    try:
        with path.open("rb") as handle:
            if handle.read(len(header)) != header:
                return None
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                return None
            digest = handle.read(_CHECK_SIZE)
            meta = _read_sized(handle, size)
            structure = _read_sized(handle, size) if meta is not None else None
            # read(n), not read(): reading to the end grows a buffer step by step
            # (twice the time for a heap of 90 MB)
            heap = handle.read(max(0, size - handle.tell())) if structure is not None else None
            if handle.read(1):  # the file grew while being read: not the file we sized
                return None
    except OSError:
        return None
    if meta is None or structure is None or heap is None:
        return None
    sizes = [len(part).to_bytes(_SIZE_BYTES, "little") for part in (meta, structure)]
    if _check(sizes[0], meta, sizes[1], structure, heap) != digest:
        return None
    try:
        decoded = loads(meta)
    except CodecError:
        return None
    return decoded, (structure, heap)


def _write_checked(path: Path, meta: bytes, text: bytes) -> bool:
    """Write atomically (temp file, then rename). False when the cache cannot be written.

    ``text`` is :func:`~brieftui.datacodec.dumps` output: its structure's size, the
    structure and the string heap, which :func:`_read_checked` reads as two buffers."""
    body = b"".join((len(meta).to_bytes(_SIZE_BYTES, "little"), meta, text))
    blob = b"".join((_header(), _check(body), body))
    try:
        write_atomically(path, blob, durable=False)
    except OSError:
        return False
    return True


def _loads_text(text: _TextPart) -> Any | None:
    try:
        return loads_parts(*text, plain=True)
    except CodecError:
        return None


FileKey = tuple[str, int, int]  # (path, size, mtime_ns)
_Message = tuple[str, str, str]  # (path, message, level)
_FILE_KEYS = frozenset(("path", "size", "mtime_ns", "doc", "doc_path", "messages"))


@dataclass
class CachedFile:
    document: PackedDocument | None
    messages: tuple[_Message, ...]


def _files_from(meta: Any, text: Any) -> dict[FileKey, CachedFile] | None:
    """The file entries of a docs file, or None when anything has the wrong shape."""
    if type(meta) is not dict or type(text) is not dict:
        return None
    rows, documents = meta.get("files"), text.get("documents")
    if type(rows) is not list or type(documents) is not list:
        return None
    if not _types_ok(rows, dict) or not all(map(eq, map(dict.keys, rows), repeat(_FILE_KEYS))):
        return None
    docs = list(map(itemgetter("doc"), rows))
    doc_paths = list(map(itemgetter("doc_path"), rows))
    messages = list(map(itemgetter("messages"), rows))
    flat = list(chain.from_iterable(messages))
    if not (
        _types_ok(map(itemgetter("path"), rows), str)
        and _types_ok(map(itemgetter("size"), rows), int)
        and _types_ok(map(itemgetter("mtime_ns"), rows), int)
        and _types_ok(docs, int)
        and _types_ok(doc_paths, _OPTIONAL_STR)
        and _types_ok(messages, list)
        and _types_ok(flat, tuple)
        and set(map(len, flat)) <= {3}
        and _types_ok(chain.from_iterable(flat), str)
        and sorted(filter((-1).__lt__, docs)) == list(range(len(documents)))
        and list(map((0).__gt__, docs)) == list(map(is_, doc_paths, repeat(None)))
        and _types_ok(documents, dict)
    ):
        return None
    # The text part holds everything but the paths, which may hold any character.
    for doc, doc_path in zip(docs, doc_paths, strict=True):
        if doc >= 0:
            documents[doc]["path"] = doc_path
    if not valid_rows(documents):
        return None
    return {
        (r["path"], r["size"], r["mtime_ns"]): CachedFile(
            documents[r["doc"]] if r["doc"] >= 0 else None, tuple(r["messages"])
        )
        for r in rows
    }


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
        found = _read_checked(cache.folder / "docs.bin")
        if found is not None:
            meta, text = found
            files = _files_from(meta, _loads_text(text))
            if files is not None:
                cache.files = files
        return cache

    def lookup(
        self, file_key: FileKey, doc_id: str
    ) -> tuple[Document | None, list[LoadMessage]] | None:
        """The cached parse of a file whose path, size and mtime are unchanged, else None."""
        entry = self.files.get(file_key)
        if entry is None or (entry.document is not None and entry.document["id"] != doc_id):
            self.misses += 1
            return None
        try:
            document = unpack_document(entry.document) if entry.document is not None else None
            messages = [LoadMessage(*m) for m in entry.messages]
        except Exception:
            self.misses += 1
            return None
        self.hits += 1
        return document, messages

    def store(
        self, file_key: FileKey, document: Document | None, messages: Iterable[LoadMessage]
    ) -> None:
        packed = pack_document(document) if document is not None else None
        self.files[file_key] = CachedFile(
            packed, tuple((m.path, m.message, m.level) for m in messages)
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
            meta, text = self._encode()
        except (TypeError, ValueError):
            return False
        ok = _write_checked(self.folder / "docs.bin", meta, text)
        self._dirty = not ok
        return ok

    def _encode(self) -> tuple[bytes, bytes]:
        """The two parts of ``docs.bin``: paths and messages; the documents' text.

        A document whose text holds a control character (ingest removes them; an
        older rule may not have) is left out, so that one file is parsed again next
        time instead of the whole file being refused on reading.
        """
        entries = list(self.files.items())
        texts = [_without_path(e.document) for _, e in entries if e.document is not None]
        try:
            text = dumps({"documents": texts}, plain=True)
        except ValueError:
            entries = [(k, e) for k, e in entries if e.document is None or _plain(e.document)]
            texts = [_without_path(e.document) for _, e in entries if e.document is not None]
            text = dumps({"documents": texts}, plain=True)
        rows = []
        n = 0
        for (path, size, mtime), entry in entries:
            doc = entry.document
            rows.append(
                {
                    "path": path,
                    "size": size,
                    "mtime_ns": mtime,
                    "doc": n if doc is not None else -1,
                    "doc_path": doc["path"] if doc is not None else None,
                    "messages": list(entry.messages),
                }
            )
            n += doc is not None
        return dumps({"files": rows}), text

    def load_index(self, kind: str, digest: str) -> Any | None:
        """The cached state of index ``kind`` built from documents with ``digest``, or None."""
        found = _read_checked(self.folder / f"{kind}.bin")
        if found is None:
            return None
        meta, text = found
        if type(meta) is not dict or meta.get("digest") != digest:
            return None
        return _loads_text(text)

    def save_index(self, kind: str, digest: str, state: Any) -> bool:
        """Write an index's plain-data state; False when it cannot be (not plain data, unwritable)."""
        try:
            text = dumps(state, plain=True)
            meta = dumps({"digest": digest})
        except (TypeError, ValueError):
            return False
        return _write_checked(self.folder / f"{kind}.bin", meta, text)


def _without_path(row: PackedDocument) -> PackedDocument:
    return {k: v for k, v in row.items() if k != "path"}


def _plain(row: PackedDocument) -> bool:
    try:
        dumps(_without_path(row), plain=True)
    except ValueError:
        return False
    return True
