"""The files of a brief read into documents: each file's id, then each file from the
cache when it is unchanged, else read and parsed, one after another or in a process pool.

The half of :func:`brieftui.brief.load` below the :class:`~brieftui.brief.Brief`:
it knows files, the cache and the parser, and nothing of indexes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from functools import partial

from brieftui.cache import BriefCache
from brieftui.ingest import SourceFile, parallel
from brieftui.ingest.files import doc_id_for
from brieftui.model import Document, LoadMessage

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while files are read."""


class LoadCancelled(Exception):
    """Raised inside ``load`` when the caller's cancel check says stop."""


def assign_ids(files: Sequence[SourceFile]) -> list[str]:
    """Each file's document id: :func:`doc_id_for` of its path relative to the brief's root.

    That id depends on the file's own path only, so adding, removing or renaming
    other files never changes it. Two paths can share an id only through a hash
    collision or two spellings of one name (NFC and NFD, as a Mac writes it) in one
    folder; then the NFC one keeps it and the others get ``~2``, ``~3``
    (deterministic, and only ever for such twins).
    """
    ids = [doc_id_for(source.relative or source.path.name) for source in files]
    if len(set(ids)) == len(ids):
        return ids
    groups: dict[str, list[int]] = {}
    for i, doc_id in enumerate(ids):
        groups.setdefault(doc_id, []).append(i)
    taken = set(ids)
    for doc_id, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: _twin_order(files[i].relative))
        for n, i in enumerate(members[1:], start=2):
            candidate = f"{doc_id}~{n}"
            while candidate in taken:
                n += 1
                candidate = f"{doc_id}~{n}"
            taken.add(candidate)
            ids[i] = candidate
    return ids


def _twin_order(relative: str) -> tuple[bool, bytes]:
    """Which of two paths with one id keeps it: the one already in NFC, then by bytes."""
    return (
        unicodedata.normalize("NFC", relative) != relative,
        relative.encode("utf-8", "surrogatepass"),
    )


_FileResult = tuple[Document | None, list[LoadMessage]]


def load_sequential(
    files: Sequence[SourceFile],
    doc_ids: Sequence[str],
    brief_cache: BriefCache | None,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
    max_bytes: int,
) -> list[_FileResult]:
    """One file after another: from the cache when unchanged, else read and parsed here.

    A file over ``max_bytes`` bypasses the cache both ways: a parse cached under a
    bigger cap must not be served, and a "too big" skip must not outlive the cap.
    """
    results: list[_FileResult] = []
    total = len(files)
    for done, (source, doc_id) in enumerate(zip(files, doc_ids, strict=True), start=1):
        if cancelled is not None and cancelled():
            raise LoadCancelled
        file_key = (str(source.path), source.size, source.mtime_ns)
        use_cache = brief_cache is not None and source.size <= max_bytes
        cached = (
            brief_cache.lookup(file_key, doc_id, partial(_reparse, source, doc_id, max_bytes))
            if use_cache and brief_cache is not None
            else None
        )
        if cached is None:
            cached = _parse_file(source, doc_id, max_bytes)
            if use_cache and brief_cache is not None:
                brief_cache.store(file_key, *cached)
        results.append(cached)
        if progress is not None:
            progress(done, total)
    return results


def load_parallel(
    files: Sequence[SourceFile],
    doc_ids: Sequence[str],
    to_parse: Sequence[int],
    brief_cache: BriefCache | None,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
    max_bytes: int,
) -> list[_FileResult]:
    """Cached files first, here; the rest parsed in a process pool, in file order."""
    results: list[_FileResult | None] = [None] * len(files)
    total = len(files)
    parse_set = set(to_parse)
    if brief_cache is not None:
        for i, source in enumerate(files):
            if i in parse_set:
                continue
            if cancelled is not None and cancelled():
                raise LoadCancelled
            file_key = (str(source.path), source.size, source.mtime_ns)
            cached = brief_cache.lookup(
                file_key, doc_ids[i], partial(_reparse, source, doc_ids[i], max_bytes)
            )
            if cached is None:  # unreadable entry: parse it with the others
                parse_set.add(i)
            else:
                results[i] = cached
    order = sorted(parse_set)
    done = total - len(order)
    if progress is not None and done:
        progress(done, total)
    jobs = [
        (
            str(files[i].path),
            files[i].size,
            files[i].mtime_ns,
            doc_ids[i],
            files[i].is_markdown,
            max_bytes,
        )
        for i in order
    ]
    position = 0
    try:
        for chunk in parallel.parse_in_pool(jobs, cancelled=cancelled):
            for result in chunk:
                i = order[position]
                position += 1
                results[i] = result
                source = files[i]
                if brief_cache is not None and source.size <= max_bytes:
                    brief_cache.store((str(source.path), source.size, source.mtime_ns), *result)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    except parallel.Cancelled:
        raise LoadCancelled from None
    return [r if r is not None else (None, []) for r in results]


def _parse_file(
    source: SourceFile, doc_id: str, max_bytes: int
) -> tuple[Document | None, list[LoadMessage]]:
    """Read and parse one file; a file that fails becomes a message, never an exception."""
    return parallel.parse_file(
        source.path, doc_id, markdown=source.is_markdown, max_bytes=max_bytes
    )


def _reparse(source: SourceFile, doc_id: str, max_bytes: int) -> Document | None:
    """The document of one file read afresh: what a cached document whose text is found
    damaged on first use falls back on (:mod:`brieftui.lazydocs`)."""
    return _parse_file(source, doc_id, max_bytes)[0]
