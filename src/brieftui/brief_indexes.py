"""The indexes of a :class:`~brieftui.brief.Brief` and what they answer: search,
stories, compare, events and divergences.

Each index is built on first use, once, under a lock, because the app asks for
them from worker threads while the user is already reading; read from the brief's
cache when it matches the documents, and written back to it once built.
:class:`BriefIndexes` is the half of ``Brief`` that holds them (a mixin, as
:class:`~brieftui.search.SearchIndex` is made of ``Resolver`` and ``Ranker``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from brieftui import workers
from brieftui.cache import documents_digest

if TYPE_CHECKING:
    from brieftui.brief_files import ProgressCallback
    from brieftui.cache import BriefCache
    from brieftui.compare import Comparer, CompareResult, Event, Story
    from brieftui.divergence import Divergence
    from brieftui.model import Document
    from brieftui.search import Hit, SearchIndex, SearchResult

__all__ = ["SEARCH_IN_PROCESS_MIN", "BriefIndexes"]


SEARCH_IN_PROCESS_MIN = 20_000
"""Build the search index in a worker process from this many passages (about 1,000 articles)."""


class BriefIndexes:
    """The index half of :class:`~brieftui.brief.Brief` (the documents and their lookup
    are the other); it reads the brief's fields, declared here."""

    documents: tuple[Document, ...]
    passage_count: int
    _lock: threading.Lock
    _index_locks: dict[str, threading.Lock]
    _events_lock: threading.Lock
    _search: Any
    _comparer: Any
    _cache: BriefCache | None
    search_worker_error: str | None

    def _index(
        self,
        kind: str,
        build: Callable[[], Any],
        *,
        to_cache: Callable[[Any], Any] | None = None,
        from_cache: Callable[[Any], Any] | None = None,
    ) -> Any:
        """Return the ``kind`` index: from the cache when it matches these documents, else built.

        Built once per brief, under a lock of its own kind, because the app asks from
        worker threads: one lock for every kind made the search index wait for the
        whole compare build (17 s at 5,000 articles) when the stories worker started
        first. ``to_cache``/``from_cache`` convert to and from a smaller cached form
        (e.g. one that leaves out the passage texts the document cache already holds).
        """
        attr = f"_{kind}"
        current = getattr(self, attr, None)
        if current is not None:
            return current
        with self._lock:  # held only to find the kind's lock
            kind_lock = self._index_locks.setdefault(kind, threading.Lock())
        with kind_lock:
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
                        if self._cache is not None:  # its cached form allocates as much
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
            except Exception as exc:  # kept, not raised: the index is built here instead
                self.search_worker_error = f"{type(exc).__name__}: {exc}".splitlines()[0]
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
            # written in the background: 200 MB at 10,000 articles, and the stories and
            # events come next (the state is fresh plain data over arrays never changed)
            self._cache.save_index_soon(
                "compare-index", documents_digest(self.documents), comparer.index_cache_state()
            )
        return comparer.cache_state(include_index=False)

    def _compare_index_state(self) -> Any:
        if self._cache is None:
            return None
        return self._cache.load_index("compare-index", documents_digest(self.documents))

    def save_comparer(self) -> None:
        """Write the comparer back to the cache (after events were computed, so they are
        kept); the passage index, cached when it was built, is not written again. Its
        state is made here and encoded and written in the background (0.8 s at 10,000
        articles that the events need not wait for)."""
        if self._cache is not None and self._comparer is not None:
            # the cached form of 38,000 events allocates a million small objects: with
            # the collector on, its full collections walked the whole index meanwhile
            with workers.gc_paused():
                self._cache.save_index_soon(
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
        """The events of the brief: passages about one happening, found within each story
        (``Event.story``), mostly from two or more sources (an event one source alone
        reports is kept: ``len(event.doc_ids) == 1``), labelled by their central sentence.

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
