"""A loaded brief: its documents, what went wrong while loading, and lazily built indexes.

``load(paths)`` is the public entry point; reading the files (from the cache or
parsed, one after another or in a pool) is :mod:`brieftui.brief_files`. Indexes
(search, compare) are built on first use, once, under a lock, because the app asks
for them from worker threads while the user is already reading.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brieftui import workers
from brieftui.brief_files import (
    LoadCancelled,
    ProgressCallback,
    assign_ids,
    load_parallel,
    load_sequential,
)
from brieftui.cache import BriefCache, documents_digest
from brieftui.ingest import BriefPathError, discover, parallel
from brieftui.ingest.reader import MAX_FILE_SIZE
from brieftui.model import Document, LoadMessage, PassageRef
from brieftui.paths import default_brief_dir

if TYPE_CHECKING:
    from brieftui.compare import Comparer, CompareResult, Event, Story
    from brieftui.divergence import Divergence
    from brieftui.search import Hit, SearchIndex, SearchResult

__all__ = ["Brief", "BriefPathError", "LoadCancelled", "ProgressCallback", "load"]


SEARCH_IN_PROCESS_MIN = 20_000
"""Build the search index in a worker process from this many passages (about 1,000 articles)."""


@dataclass
class Brief:
    """A set of documents about one story, plus everything derived from them."""

    documents: tuple[Document, ...]
    messages: tuple[LoadMessage, ...] = ()
    sources: tuple[str, ...] = ()
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _by_doc: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)
    _by_passage: dict[str, PassageRef] = field(default_factory=dict, repr=False, compare=False)
    _passages_lock: threading.Lock = field(
        default_factory=threading.Lock, repr=False, compare=False
    )
    _events_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _search: Any = field(default=None, repr=False, compare=False)
    _comparer: Any = field(default=None, repr=False, compare=False)
    _cache: BriefCache | None = field(default=None, repr=False, compare=False)

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

    # -- indexes ------------------------------------------------------------------
    def _index(
        self,
        kind: str,
        build: Callable[[], Any],
        *,
        to_cache: Callable[[Any], Any] | None = None,
        from_cache: Callable[[Any], Any] | None = None,
    ) -> Any:
        """Return the ``kind`` index: from the cache when it matches these documents, else built.

        Built once per brief, under a lock, because the app asks from worker threads.
        ``to_cache``/``from_cache`` convert to and from a smaller cached form (e.g. one
        that leaves out the passage texts the document cache already holds).
        """
        attr = f"_{kind}"
        current = getattr(self, attr, None)
        if current is not None:
            return current
        with self._lock:
            current = getattr(self, attr, None)
            if current is None:
                digest = documents_digest(self.documents) if self._cache is not None else ""
                if self._cache is not None:
                    # reading and rebuilding allocate like a build: no collections meanwhile
                    with workers.gc_paused():
                        current = self._cache.load_index(kind, digest)
                        if current is not None and from_cache is not None:
                            try:
                                current = from_cache(current)
                            except Exception:  # a stale or foreign cached form: rebuild
                                current = None
                if current is None:
                    with workers.gc_paused():  # and frozen after: an index never changes
                        current = build()
                    if self._cache is not None:
                        cached_form = to_cache(current) if to_cache is not None else current
                        self._cache.save_index(kind, digest, cached_form)
                setattr(self, attr, current)
        return current

    @property
    def search_index(self) -> SearchIndex:
        """The fuzzy search index, built (or read from the cache) on first use, then kept."""
        from brieftui.search import SearchIndex

        return self._index(
            "search",
            self._build_search_index,
            to_cache=SearchIndex.cache_state,
            from_cache=lambda state: SearchIndex.from_cache_state(state, self.documents),
        )

    def _build_search_index(self) -> SearchIndex:
        """Build the search index: in a worker process for a big brief, else here.

        At 100,000 passages the build is seconds of pure Python; in a thread it would
        hold the GIL and the app's reader would stutter meanwhile. The worker is fed the
        passages a chunk at a time (so their text is never pickled all at once, which
        was this process's peak of memory) and sends back the index's cache form, which
        is completed here from the documents. If the worker cannot run, the index is
        built here: same index, just slower for the UI.
        """
        from brieftui.search import SearchIndex, row_chunks
        from brieftui.search.build import worker_begin, worker_feed, worker_finish

        if self.passage_count >= SEARCH_IN_PROCESS_MIN and workers.can_use_processes():
            try:
                state = workers.stream_to_worker(
                    worker_begin,
                    worker_feed,
                    row_chunks(self.documents),
                    worker_finish,
                    preload=("brieftui.search.build",),
                )
                return SearchIndex.from_cache_state(state, self.documents)
            except Exception:
                pass
        return SearchIndex(self.documents)

    @property
    def comparer(self) -> Comparer:
        """The compare model (stories, alignment, events), built or read from the cache on
        first use, then kept.

        Cached as plain data (:meth:`Comparer.cache_state`), never as pickled objects, in
        two parts: the passage index (``compare-index``, by far the largest) apart from
        the rest, so that a cached brief has its stories and events at once and reads the
        index back only when a compare needs it.
        """
        from brieftui.compare import Comparer

        return self._index(
            "comparer",
            lambda: Comparer(self.documents),
            to_cache=self._comparer_cache_state,
            from_cache=lambda state: Comparer.from_cache_state(
                state, self.documents, index_state=self._compare_index_state
            ),
        )

    def _comparer_cache_state(self, comparer: Comparer) -> Any:
        if self._cache is not None and comparer.index_loaded:
            self._cache.save_index(
                "compare-index", documents_digest(self.documents), comparer.index_cache_state()
            )
        return comparer.cache_state(include_index=False)

    def _compare_index_state(self) -> Any:
        if self._cache is None:
            return None
        return self._cache.load_index("compare-index", documents_digest(self.documents))

    def save_comparer(self) -> None:
        """Write the comparer back to the cache (after events were computed, so they are
        kept); the passage index, cached when it was built, is not written again."""
        if self._cache is not None and self._comparer is not None:
            self._cache.save_index(
                "comparer",
                documents_digest(self.documents),
                self._comparer.cache_state(include_index=False),
            )

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Fuzzy search over every passage: typo- and spelling-tolerant, best first."""
        return self.search_index.search(query, limit=limit)

    def search_result(self, query: str, limit: int = 20) -> SearchResult:
        """Like :meth:`search`, with the total number of matching passages and notes on
        parts of the query that could not be used (an unknown ``source:``)."""
        return self.search_index.query(query, limit=limit)

    def stories(self) -> list[Story]:
        """The news stories of the brief (documents grouped by what they tell), largest first.

        A one-story brief is one story; a folder of many is split. Compare and events
        work within a story (see :meth:`compare`).
        """
        return self.comparer.stories()

    def story_of(self, doc_id: str) -> str:
        """The id (``s1``…) of the story ``doc_id`` belongs to; ``KeyError`` when unknown."""
        return self.comparer.story_of(doc_id)

    def compare(self, passage_id: str, widen: bool = False) -> CompareResult:
        """How every other source of the anchor's story covers the event of ``passage_id``.

        ``widen=True``: every other document of the brief, whatever its story.
        """
        return self.comparer.compare(passage_id, widen=widen)

    def compare_text(self, text: str) -> CompareResult:
        """Like :meth:`compare`, from free text instead of a passage."""
        return self.comparer.compare_text(text)

    def similarity(self, passage_a: str, passage_b: str) -> float:
        """How alike two passages are, calibrated 0..1: 0.5 is the "same event" threshold.

        For views that rank passages they already hold (an event's passages against
        its anchor) without a full :meth:`compare`. ``KeyError`` for an unknown id.
        """
        return self.comparer.score(passage_a, passage_b)

    def events(self, progress: ProgressCallback | None = None) -> list[Event]:
        """The events of the brief: passages from two or more sources about one happening,
        found within each story (``Event.story``), labelled by their central sentence.

        Computed once (``progress(done, total)`` reports it), then kept; when they were
        computed here (not read from the cache), the comparer is written back to the
        cache so the events are kept across runs.
        """
        # One computation at a time: Compare's worker and the Events screen may both ask
        # on a big uncached brief, and the second waits for the first's answer.
        with self._events_lock:
            comparer = self.comparer
            computed = not comparer.has_events
            events = comparer.events(progress=progress)
            if computed and not getattr(self, "_events_cached", False):
                self._events_cached = True
                self.save_comparer()  # not when they came from the cache: 1.5 s at 10,000
        return events

    def divergences(self, progress: ProgressCallback | None = None) -> list[Divergence]:
        """Where sources disagree: figures, dates, places, roles and quotations that differ
        between passages reporting the same event (:mod:`brieftui.divergence`).

        Computed once (after :meth:`events`; ``progress(done, total)`` reports the pairs
        compared), then kept. For one pair of passages, see
        :func:`brieftui.divergence.divergences_of`.
        """
        cached = getattr(self, "_divergence_list", None)
        if cached is None:
            from brieftui.divergence import brief_divergences

            cached = brief_divergences(self, progress=progress)
            self._divergence_list = cached
        return list(cached)

    def divergences_with(self, anchor: str, others: Iterable[str]) -> dict[str, list[Divergence]]:
        """Where each of ``others`` disagrees with the passage ``anchor`` (Compare's columns):
        ``{passage_id: [Divergence, ...]}`` for those in the anchor's event from another
        source, the anchor's value first in each (:func:`brieftui.divergence.divergences_with`).
        """
        from brieftui.divergence import divergences_with

        return divergences_with(self, anchor, others)


def load(
    paths: str | bytes | os.PathLike[str] | Sequence[str | bytes | os.PathLike[str]] | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    cache: bool = True,
    max_file_size: int = MAX_FILE_SIZE,
) -> Brief:
    """Load a brief from files and folders (the bundled brief when ``paths`` is empty).

    Raises :class:`BriefPathError` when a named path does not exist. Every other
    problem (a binary, empty, undecodable, special or sparse file, or one over
    ``max_file_size`` bytes, 50 MB by default) is a message in ``brief.messages``
    and the rest of the brief loads. ``cache=False`` parses every file afresh.
    """
    if paths is None or (isinstance(paths, Sequence) and not isinstance(paths, str) and not paths):
        path_list: list[str | bytes | os.PathLike[str]] = [default_brief_dir()]
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
