"""The on-disk cache of parsed briefs and their indexes.

Why: parsing thousands of articles and building the search and compare indexes
takes seconds; reopening the same brief should not. What is cached lives under
``paths.cache_dir()`` in ``briefs/<brief-key>.*``:

* ``docs.bin``: every file's parsed document and load messages, keyed by the
  file's path, size and mtime (and the brieftui version, for the whole file).
  A changed file is re-read alone; the others come from the cache.
* ``<kind>.bin`` (``search``, ``compare``…): an index object, stored with a
  digest of the documents it was built from, so it is used only for exactly
  those documents.

Every file starts with a magic line and the SHA-256 of its payload, and the
payload names the format and brieftui version. A file that is truncated,
corrupt, from another version or another program fails those checks and is
ignored (and then rewritten); it is never unpickled unchecked. The cache is
disposable: any error reading or writing it only means the slow path is taken.
Documents are stored in a compact form (tuples of plain strings) because
unpickling 100,000 dataclass objects is three times slower than rebuilding them.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brieftui import __version__
from brieftui.fileio import write_atomically
from brieftui.model import Document, LoadMessage, Passage, Section
from brieftui.paths import cache_dir

MAGIC = b"brieftui-cache\n"
FORMAT = 1
_DIGEST_SIZE = 32


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

PackedDocument = tuple[Any, ...]


def pack_document(doc: Document) -> PackedDocument:
    """A document as tuples of plain values (fast to pickle and unpickle)."""
    return (
        doc.id,
        doc.path,
        doc.title,
        doc.author,
        doc.date,
        doc.publisher,
        doc.about,
        doc.removed,
        doc.title_is_fallback,
        doc.fingerprint,
        doc.size,
        tuple((s.heading, s.level, tuple(p.text for p in s.passages)) for s in doc.sections),
        doc.url,
        doc.description,
    )


def unpack_document(packed: PackedDocument) -> Document:
    """Rebuild a :class:`Document`; passage ids are re-derived, exactly as ingestion makes them."""
    doc_id = packed[0]
    sections: list[Section] = []
    n = 0
    for heading, level, texts in packed[11]:
        passages = []
        for text in texts:
            n += 1
            passages.append(Passage(f"{doc_id}:{n}", text))
        sections.append(Section(heading, level, tuple(passages)))
    return Document(
        id=doc_id,
        path=packed[1],
        title=packed[2],
        author=packed[3],
        date=packed[4],
        publisher=packed[5],
        about=packed[6],
        sections=tuple(sections),
        removed=packed[7],
        title_is_fallback=packed[8],
        fingerprint=packed[9],
        size=packed[10],
        url=packed[12] if len(packed) > 12 else None,
        description=packed[13] if len(packed) > 13 else None,
    )


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


def _read_checked(path: Path) -> Any | None:
    """The payload of a cache file, or None when it is missing, corrupt or foreign."""
    try:
        with path.open("rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    if not blob.startswith(MAGIC):
        return None
    digest = blob[len(MAGIC) : len(MAGIC) + _DIGEST_SIZE]
    payload = blob[len(MAGIC) + _DIGEST_SIZE :]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        data = pickle.loads(payload)
    except Exception:
        return None
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or data.get("version") != CODE_VERSION
    ):
        return None
    return data


def _write_checked(path: Path, data: dict[str, Any]) -> bool:
    """Write atomically (temp file, then rename). False when the cache cannot be written."""
    data = {**data, "format": FORMAT, "version": CODE_VERSION}
    try:
        payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        blob = b"".join((MAGIC, hashlib.sha256(payload).digest(), payload))
        write_atomically(path, blob, durable=False)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return False
    return True


FileKey = tuple[str, int, int]  # (path, size, mtime_ns)


@dataclass
class CachedFile:
    document: PackedDocument | None
    messages: tuple[tuple[str, str, str], ...]


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
        data = _read_checked(cache.folder / "docs.bin")
        if data is not None and isinstance(data.get("files"), dict):
            cache.files = data["files"]
        return cache

    def lookup(
        self, file_key: FileKey, doc_id: str
    ) -> tuple[Document | None, list[LoadMessage]] | None:
        """The cached parse of a file whose path, size and mtime are unchanged, else None."""
        entry = self.files.get(file_key)
        if entry is None or (entry.document is not None and entry.document[0] != doc_id):
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
        ok = _write_checked(self.folder / "docs.bin", {"files": self.files})
        self._dirty = not ok
        return ok

    def load_index(self, kind: str, digest: str) -> Any | None:
        data = _read_checked(self.folder / f"{kind}.bin")
        if data is None or data.get("digest") != digest:
            return None
        return data.get("index")

    def save_index(self, kind: str, digest: str, index: Any) -> bool:
        return _write_checked(self.folder / f"{kind}.bin", {"digest": digest, "index": index})
