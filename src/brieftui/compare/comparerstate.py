"""The comparer's cached form: what :meth:`.Comparer.cache_state` saves, and a comparer
filled back from it.

Split from :mod:`.comparer`, the facade, because the cached form has its own rules:
plain data only (lists, numbers, strings: nothing read from disk can become an object
that runs code), no passage texts or ids (the document cache holds them), no
embeddings (computed again, a story at a time, when a compare needs them), and
every part checked against the documents before it is trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from brieftui.compare import stories
from brieftui.compare.eventcache import events_from_state, events_state
from brieftui.compare.index import PassageIndex
from brieftui.workers import gc_paused

if TYPE_CHECKING:
    from brieftui.compare.comparer import Comparer

__all__ = ["CACHE_VERSION", "restore", "state_of"]

CACHE_VERSION = 3
"""Bumped when :func:`state_of` changes shape."""


def state_of(comparer: Comparer, include_index: bool) -> dict[str, Any]:
    """``comparer`` as plain data: its threshold and stage, stories with their scored
    document pairs, events, and (with ``include_index``) the passage index."""
    documents = comparer._documents
    events = None
    if comparer._events is not None:
        events = events_state(comparer._events, documents)
    groups = None
    if comparer._groups is not None:
        n = len(comparer._doc_ids)
        pair_p = comparer._pair_p
        keys = sorted(pair_p)
        groups = {
            "groups": [list(g) for g in comparer._groups.groups],
            "labels": list(comparer._groups.labels),
            "centres": list(comparer._groups.centres),
            "pairs": [[k // n for k in keys], [k % n for k in keys], [pair_p[k] for k in keys]],
        }
    return {
        "version": CACHE_VERSION,
        "threshold": comparer.threshold,
        "hybrid": comparer.hybrid,
        "index": comparer._index.cache_state() if include_index else None,
        "stories": groups,
        "events": events,
    }


def restore(
    comparer: Comparer,
    state: dict[str, Any],
    index_state: Callable[[], dict[str, Any] | None] | None,
) -> None:
    """Fill a freshly started ``comparer`` (its documents set) from :func:`state_of`.

    ``ValueError`` (or ``KeyError``/``TypeError`` from a damaged state) when a part does
    not fit the documents. A state saved without its index gets it on first use from
    ``index_state()``, else by building it again from the documents.
    """
    documents = comparer._documents
    if state["index"] is not None:
        comparer._index_obj = PassageIndex.from_cache_state(state["index"], documents)
    else:

        def load_index() -> PassageIndex:
            # millions of tuples that never form cycles: no collections meanwhile
            # (a third of the time at 10,000 articles), and frozen after
            with gc_paused():
                cached = index_state() if index_state is not None else None
                if cached is not None:
                    try:
                        return PassageIndex.from_cache_state(cached, documents)
                    except (ValueError, KeyError, TypeError):
                        pass  # stale or damaged: build it again
                return PassageIndex.build(documents)

        comparer._index_loader = load_index
    cached = state["stories"]
    if cached is not None:
        groups = stories.StoryGroups(
            [[int(d) for d in g] for g in cached["groups"]],
            [str(x) for x in cached["labels"]],
            [int(c) for c in cached["centres"]],
        )
        if sorted(d for g in groups.groups for d in g) != list(range(len(documents))):
            raise ValueError("cached stories do not fit these documents")
        a, b, p = cached["pairs"]
        if not len(a) == len(b) == len(p):
            raise ValueError("cached story pairs are damaged")
        comparer._set_groups(groups, (list(map(int, a)), list(map(int, b)), list(map(float, p))))
    events = state["events"]
    if events is not None:
        try:
            with gc_paused():  # tens of thousands of small objects that form no cycles
                comparer._events = events_from_state(events, documents)
        except IndexError as exc:
            raise ValueError("cached events do not fit these documents") from exc
