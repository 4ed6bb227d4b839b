"""A loaded brief: its documents, what went wrong while loading, and lazily built indexes.

``load(paths)`` is the public entry point; reading the files (from the cache or
parsed, one after another or in a pool) is :mod:`brieftui.brief_files`. Indexes
(search, compare) are built on first use, once, under a lock, because the app asks
for them from worker threads while the user is already reading: that half of
:class:`Brief` is :class:`~brieftui.brief_indexes.BriefIndexes`.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brieftui import workers
from brieftui.brief_files import (
    LoadCancelled,
    ProgressCallback,
    assign_ids,
    load_parallel,
    load_sequential,
)
from brieftui.brief_indexes import BriefIndexes
from brieftui.cache import BriefCache
from brieftui.ingest import BriefPathError, discover, parallel
from brieftui.ingest.reader import MAX_FILE_SIZE
from brieftui.model import Document, LoadMessage, PassageRef
from brieftui.paths import default_brief_dir

__all__ = ["Brief", "BriefPathError", "LoadCancelled", "ProgressCallback", "load"]


@dataclass
class Brief(BriefIndexes):
    """A set of documents about one story, plus everything derived from them."""

    documents: tuple[Document, ...]
    messages: tuple[LoadMessage, ...] = ()
    sources: tuple[str, ...] = ()
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _index_locks: dict[str, threading.Lock] = field(default_factory=dict, repr=False, compare=False)
    _by_doc: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)
    _by_passage: dict[str, PassageRef] = field(default_factory=dict, repr=False, compare=False)
    _passages_lock: threading.Lock = field(
        default_factory=threading.Lock, repr=False, compare=False
    )
    _events_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _search: Any = field(default=None, repr=False, compare=False)
    _comparer: Any = field(default=None, repr=False, compare=False)
    _cache: BriefCache | None = field(default=None, repr=False, compare=False)
    search_worker_error: str | None = field(default=None, repr=False, compare=False)
    """Why the search index was built in this process although the brief is big enough
    for a worker process (the worker could not start or failed), as one line; ``None``
    when it was not. The index is the same either way; only the UI may stutter."""

    def __post_init__(self) -> None:
        self._by_doc.update((doc.id, doc) for doc in self.documents)

    def _passage_map(self) -> dict[str, PassageRef]:
        """Passage id → :class:`PassageRef`, built on first use (a loaded brief may
        hold 100,000 passages; building their refs up front slowed every load)."""
        by_passage = self._by_passage
        if by_passage or not self.documents:
            return by_passage
        with self._passages_lock:  # not self._lock: an index build holds that for seconds
            if self._by_passage:
                return self._by_passage
            by_passage = {}
            for doc in self.documents:
                index = 0
                for section in doc.sections:
                    for passage in section.passages:
                        by_passage[passage.id] = PassageRef(doc, section, passage, index)
                        index += 1
            self._by_passage = by_passage  # published whole, so readers never see it half-built
        return by_passage

    # -- identity -----------------------------------------------------------------
    @property
    def key(self) -> str:
        """A stable id for this brief (its resolved input paths), used to remember state."""
        return brief_key(self.sources)

    @property
    def name(self) -> str:
        """A short human name: the folder or file the user opened."""
        if len(self.sources) == 1:
            return Path(self.sources[0]).name or self.sources[0]
        if self.sources:
            return f"{Path(self.sources[0]).name} and {len(self.sources) - 1} more"
        return "empty brief"

    # -- lookup -------------------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        """The document with ``doc_id``; ``KeyError`` when there is none."""
        return self._by_doc[doc_id]

    def passage(self, passage_id: str) -> PassageRef:
        """Where ``passage_id`` lives; ``KeyError`` when it is not in this brief.

        Found through its document (the id is ``<doc-id>:<n>``), so looking up one
        passage decodes one cached document, not the whole brief's 200,000 passages."""
        if self._by_passage:
            return self._by_passage[passage_id]
        ref = self._find_passage(passage_id)
        if ref is None:
            raise KeyError(passage_id)
        return ref

    def has_passage(self, passage_id: str) -> bool:
        if self._by_passage:
            return passage_id in self._by_passage
        return self._find_passage(passage_id) is not None

    def _find_passage(self, passage_id: str) -> PassageRef | None:
        doc_id, _, number = passage_id.rpartition(":")
        doc = self._by_doc.get(doc_id)
        if doc is None or not number.isdigit() or not number.isascii():
            return None
        index = int(number) - 1
        if not 0 <= index < doc.passage_count:
            return None
        at = 0
        for section in doc.sections:
            if index < at + len(section.passages):
                passage = section.passages[index - at]
                return (
                    PassageRef(doc, section, passage, index) if passage.id == passage_id else None
                )
            at += len(section.passages)
        return None

    def passages(self) -> Iterator[PassageRef]:
        """Every passage of every document, in reading order."""
        return iter(self._passage_map().values())

    @property
    def passage_count(self) -> int:
        if self._by_passage:
            return len(self._by_passage)
        return sum(doc.passage_count for doc in self.documents)


def load(
    paths: str | bytes | os.PathLike[str] | Sequence[str | bytes | os.PathLike[str]] | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    cache: bool = True,
    max_file_size: int = MAX_FILE_SIZE,
) -> Brief:
    """Load a brief from files and folders (the bundled brief when ``paths`` is ``None``).

    Raises :class:`BriefPathError` when a named path does not exist, and when ``paths``
    is an empty list: a script whose glob matched nothing gets an error, not the
    bundled brief (from a trial). Every other
    problem (a binary, empty, undecodable, special or sparse file, or one over
    ``max_file_size`` bytes, 50 MB by default) is a message in ``brief.messages``
    and the rest of the brief loads. ``cache=False`` parses every file afresh.
    """
    if paths is None:
        path_list: list[str | bytes | os.PathLike[str]] = [default_brief_dir()]
    elif isinstance(paths, Sequence) and not isinstance(paths, (str, bytes)) and not paths:
        raise BriefPathError("no files or folders given (None loads the bundled brief)")
    elif isinstance(paths, (str, bytes, os.PathLike)):
        path_list = [paths]
    else:
        path_list = list(paths)
    with workers.gc_paused():
        return _load(path_list, progress, cancelled, cache=cache, max_bytes=max_file_size)


def _load(
    path_list: list[str | bytes | os.PathLike[str]],
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
    *,
    cache: bool,
    max_bytes: int,
) -> Brief:
    files, messages = discover(path_list)
    sources = tuple(
        str(Path(os.fsdecode(p) if isinstance(p, bytes) else p).expanduser().resolve())
        for p in path_list
    )
    brief_cache = BriefCache.open(brief_key(sources)) if cache else None
    # Every file's id is fixed before anything is parsed (and reserved even when the
    # file turns out to be unreadable), so ids do not depend on how parsing went.
    doc_ids = assign_ids(files)
    if brief_cache is not None:
        to_parse = [
            i
            for i, f in enumerate(files)
            if (str(f.path), f.size, f.mtime_ns) not in brief_cache.files or f.size > max_bytes
        ]
    else:
        to_parse = list(range(len(files)))
    if parallel.worth_it(len(to_parse), sum(min(files[i].work_size, max_bytes) for i in to_parse)):
        results = load_parallel(
            files, doc_ids, to_parse, brief_cache, progress, cancelled, max_bytes
        )
    else:
        results = load_sequential(files, doc_ids, brief_cache, progress, cancelled, max_bytes)
    documents: list[Document] = []
    for document, file_messages in results:
        messages.extend(file_messages)
        if document is not None:
            documents.append(document)
    if brief_cache is not None:
        brief_cache.save((str(f.path), f.size, f.mtime_ns) for f in files)
    return Brief(tuple(documents), tuple(messages), sources, _cache=brief_cache)


def brief_key(sources: Iterable[str]) -> str:
    """A stable id for a set of input paths (order does not matter)."""
    joined = "\n".join(sorted(sources))
    return hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]
