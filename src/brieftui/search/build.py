"""Building the search index: passages → vocabulary and postings, as plain data.

The build is one pass over every passage's words (:data:`brieftui.text.TOKEN_RE`), with
each raw word normalised once. Its result is the index's *state*: a dict of plain
arrays, lists and strings, which is what the cache stores (:mod:`brieftui.datacodec`)
and what a worker process sends back. Postings are kept in *length-rank* space: rank
``r`` is the ``r``-th shortest passage (reading order on ties), the order ranking
walks in. A term in more than 1 passage in 32 is stored as a bitset (one bit per
passage: smaller than 4 bytes per posting, and what search would build anyway);
every other term as its sorted ranks in one flat array.

For a big brief :mod:`brieftui.brief_indexes` runs :class:`IndexBuilder` in a worker process
and feeds it the passages a chunk at a time (:func:`worker_begin`, :func:`worker_feed`,
:func:`worker_finish`): sending them all at once meant pickling the whole brief's text
into one buffer, which was the peak of the reader's memory.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice, repeat
from operator import le
from typing import Any

from brieftui.model import Document
from brieftui.search.sources import source_fields
from brieftui.text import TOKEN_RE, normalize

__all__ = [
    "STATE_VERSION",
    "IndexBuilder",
    "IndexRow",
    "index_rows",
    "worker_begin",
    "worker_feed",
    "worker_finish",
]

STATE_VERSION = 5
"""5: a headline's words are posted with its document's first passage."""
DENSE_SHARE = 32
"""A term found in more than one passage in this many is stored as a bitset."""
ROWS_PER_CHUNK = 100
"""Documents sent to the worker at a time (about 1 MB of text)."""

IndexRow = tuple[str, str, Any, Any, tuple[tuple[Any, tuple[str, ...]], ...]]
"""A document as the builder reads it: id, title, publisher, author, and per section its
heading and its passages' texts."""


def index_rows(documents: Iterable[Document]) -> Iterator[IndexRow]:
    """Exactly the fields :class:`IndexBuilder` reads, as plain tuples (cheap to pickle)."""
    for doc in documents:
        yield (
            doc.id,
            doc.title,
            doc.publisher,
            doc.author,
            tuple((s.heading, tuple(p.text for p in s.passages)) for s in doc.sections),
        )


Chunk = tuple[bytes, array, bytes, array]
"""Documents on their way to the worker: every string of them as one UTF-8 blob, the
strings' lengths, a mask of the ones present (``None`` for a missing author), and the
shape (per document its number of sections, per section its number of passages)."""


def row_chunks(documents: Sequence[Document], size: int | None = None) -> Iterator[Chunk]:
    """The documents in chunks of ``size`` (:data:`ROWS_PER_CHUNK`), encoded for the worker,
    made only as they are asked for.

    Why encoded: pickling a ``str`` that is not ASCII makes CPython keep a UTF-8 copy
    inside the string object for as long as it lives, so sending the passages as
    strings left a second copy of the brief's text (70 MB at 10,000 articles) attached
    to the reader's documents. ``str.encode`` of a joined chunk keeps nothing.
    """
    size = size or ROWS_PER_CHUNK
    for start in range(0, len(documents), size):
        strings: list[str | None] = []
        shape = array("I")
        for doc in documents[start : start + size]:
            strings += (doc.id, doc.title, doc.publisher, doc.author)
            shape.append(len(doc.sections))
            for section in doc.sections:
                strings.append(section.heading)
                shape.append(len(section.passages))
                strings.extend(p.text for p in section.passages)
        present = [s for s in strings if s is not None]
        blob = "".join(present).encode("utf-8", "surrogatepass")
        yield blob, array("I", map(len, present)), bytes(s is not None for s in strings), shape


def chunk_rows(chunk: Chunk) -> list[IndexRow]:
    """The rows :func:`row_chunks` encoded, as :class:`IndexBuilder` reads them."""
    blob, lengths, mask, shape = chunk
    joined = blob.decode("utf-8", "surrogatepass")
    present: list[str] = []
    at = 0
    for length in lengths:
        present.append(joined[at : at + length])
        at += length
    if at != len(joined) or len(present) != mask.count(1):
        raise ValueError("a chunk that does not add up")
    strings = iter(present)
    values = iter([next(strings) if m else None for m in mask])
    counts = iter(shape)
    rows: list[IndexRow] = []
    for doc_id, title, publisher, author in zip(values, values, values, values, strict=False):
        sections = []
        for _ in range(next(counts)):
            heading = next(values)
            sections.append((heading, tuple(islice(values, next(counts)))))
        rows.append((doc_id, title, publisher, author, tuple(sections)))  # type: ignore[arg-type]
    return rows


def pack_bits(ranks: Sequence[int], nbytes: int) -> bytes:
    """The little-endian bitset of ``ranks`` (distinct, each below ``nbytes * 8``).

    One byte per passage is set in C (``map``), then the bytes of each bit position
    are taken with a strided slice and shifted into place: no Python step per rank.
    """
    spread = bytearray(nbytes * 8)
    deque(map(spread.__setitem__, ranks, repeat(1)), maxlen=0)
    value = 0
    for k in range(8):
        value |= int.from_bytes(spread[k::8], "little") << k
    return value.to_bytes(nbytes, "little")


class IndexBuilder:
    """Accumulates documents into a vocabulary and postings; :meth:`finish` gives the state."""

    def __init__(self) -> None:
        self.doc_ids: list[str] = []
        self.doc_fields: list[str] = []
        self.doc_start = array("I")
        self.headings: list[str | None] = []
        self.heading_index: dict[str | None, int] = {}
        self.heading_of = array("I")
        self.doc_of = array("I")
        self.lengths = array("I")
        self.terms: list[str] = []
        self.term_id: dict[str, int] = {}
        self.raw_tid: dict[str, int] = {}
        self.postings: list[array] = []  # per term, passage numbers in reading order

    def add(self, rows: Iterable[IndexRow]) -> None:
        """Index these documents' passages, after those already added.

        A document's headline is searched with its first passage: its words are
        posted there (the passage's length, which ranking weighs, stays its own), so
        a word only the headline holds ("toll" in "Death toll rises to 40") finds the
        article's opening, and the hit's row shows the headline.
        """
        findall = TOKEN_RE.findall
        postings = self.postings
        lengths, heading_of, doc_of = self.lengths, self.heading_of, self.doc_of
        append = array.append
        ids_of = self._ids_of
        p = len(lengths)
        for doc_id, title, publisher, author, sections in rows:
            d = len(self.doc_ids)
            self.doc_ids.append(doc_id)
            self.doc_fields.append(source_fields(doc_id, title, publisher, author))
            self.doc_start.append(p)
            headline = ids_of(findall(title)) if title else set()
            for heading, texts in sections:
                h = self.heading_index.get(heading)
                if h is None:
                    h = self.heading_index[heading] = len(self.headings)
                    self.headings.append(heading)
                for text in texts:
                    words = findall(text)
                    lengths.append(len(words))
                    ids = ids_of(words)
                    if headline:
                        ids |= headline
                        headline = set()
                    # postings[t].append(p) for every t, looped in C.
                    deque(map(append, map(postings.__getitem__, ids), repeat(p)), maxlen=0)
                    heading_of.append(h)
                    doc_of.append(d)
                    p += 1

    def _ids_of(self, words: list[str]) -> set[int]:
        """The term ids of raw ``words``, numbering the terms not met before."""
        raw_tid = self.raw_tid
        ids = set(map(raw_tid.get, words))
        if None in ids:
            ids.discard(None)
            term_id, terms, postings = self.term_id, self.terms, self.postings
            for w in words:
                if w not in raw_tid:
                    key = normalize(w)
                    t = term_id.get(key)
                    if t is None:
                        t = term_id[key] = len(terms)
                        terms.append(key)
                        postings.append(array("I"))
                    raw_tid[w] = t
                    ids.add(t)
        return ids

    def finish(self) -> dict[str, Any]:
        """The index's state (see the module doc); the builder is spent afterwards."""
        lengths = self.lengths
        n = len(lengths)
        nbytes = (n + 7) >> 3
        by_length = array("I", sorted(range(n), key=lengths.__getitem__))
        rank = array("I", bytes(4 * n))
        deque(map(rank.__setitem__, by_length, range(n)), maxlen=0)
        offsets = array("I", [0])
        post = array("I")
        dense = array("I")
        dense_df = array("I")
        blobs: list[bytes] = []
        to_rank = rank.__getitem__
        for t, passages in enumerate(self.postings):
            ranks = sorted(map(to_rank, passages))
            if len(ranks) * DENSE_SHARE > n:
                dense.append(t)
                dense_df.append(len(ranks))
                blobs.append(pack_bits(ranks, nbytes))
            else:
                post.extend(ranks)
            offsets.append(len(post))
        self.postings = []
        terms = self.terms
        return {
            "version": STATE_VERSION,
            "doc_ids": self.doc_ids,
            "doc_fields": self.doc_fields,
            "doc_start": self.doc_start + array("I", [n]),
            "headings": self.headings,
            "heading_of": self.heading_of,
            "doc_of": self.doc_of,
            "lengths": lengths,
            "by_length": by_length,
            "terms": "\n".join(terms),
            "order": array("I", sorted(range(len(terms)), key=terms.__getitem__)),
            "offsets": offsets,
            "post": post,
            "dense": dense,
            "dense_df": dense_df,
            "bits": b"".join(blobs),
        }


def build_state(rows: Iterable[IndexRow]) -> dict[str, Any]:
    """Index ``rows`` in one go (the in-process build)."""
    builder = IndexBuilder()
    builder.add(rows)
    return builder.finish()


_STATE_TYPES: dict[str, type] = {
    "version": int,
    "doc_ids": list,
    "doc_fields": list,
    "doc_start": array,
    "headings": list,
    "heading_of": array,
    "doc_of": array,
    "lengths": array,
    "by_length": array,
    "terms": str,
    "order": array,
    "offsets": array,
    "post": array,
    "dense": array,
    "dense_df": array,
    "bits": bytes,
}


def check_state(state: Any, n_docs: int, n_passages: int) -> None:
    """Raise ``ValueError`` unless ``state`` has the shape :meth:`IndexBuilder.finish` makes for
    ``n_docs`` documents of ``n_passages`` passages.

    The cache may have been written by someone else (see :mod:`brieftui.cache`): every
    field's type, every table's length and every index into a table is checked, in C
    (``max``, ``map``). The ranks inside ``post`` are checked per term when a search
    first reads them (:meth:`SearchIndex._term_set`).
    """
    if type(state) is not dict or state.keys() != _STATE_TYPES.keys():
        raise ValueError("not a search index state")
    for key, kind in _STATE_TYPES.items():
        value = state[key]
        if type(value) is not kind or (kind is array and value.typecode != "I"):
            raise ValueError(f"search index state: bad {key}")
    if state["version"] != STATE_VERSION:
        raise ValueError("search index state: another version")
    doc_ids, headings, offsets, terms = (
        state[k] for k in ("doc_ids", "headings", "offsets", "terms")
    )
    n_terms = len(offsets) - 1
    dense = state["dense"]
    nbytes = (n_passages + 7) >> 3
    if not (
        len(doc_ids) == len(state["doc_fields"]) == n_docs
        and len(state["doc_start"]) == n_docs + 1
        and len(state["heading_of"])
        == len(state["doc_of"])
        == len(state["lengths"])
        == len(state["by_length"])
        == n_passages
        and set(map(type, doc_ids)) | set(map(type, state["doc_fields"])) <= {str}
        and set(map(type, headings)) <= {str, type(None)}
        and n_terms >= 0
        and offsets[0] == 0
        and offsets[-1] == len(state["post"])
        and (terms.count("\n") + 1 if terms else 0) == n_terms == len(state["order"])
        and len(state["bits"]) == len(dense) * nbytes
        and len(state["dense_df"]) == len(dense)
        and all(
            not values or max(values) < bound
            for values, bound in (
                (state["heading_of"], len(headings)),
                (state["doc_of"], n_docs),
                (state["doc_start"], n_passages + 1),
                (state["by_length"], n_passages),
                (state["order"], n_terms),
                (dense, n_terms),
                (state["dense_df"], n_passages + 1),
            )
        )
        and all(map(le, offsets, islice(offsets, 1, None)))
    ):
        raise ValueError("cached search index does not fit these documents")


# -- the worker side of a streamed build ---------------------------------------------------
# One worker process gets worker_begin(), then worker_feed() once per chunk, then
# worker_finish(), in that order (a pool of one runs its tasks in order).
_worker: IndexBuilder | None = None


def worker_begin() -> None:
    import gc

    global _worker
    gc.disable()  # a one-shot worker: every object it builds lives until it exits
    _worker = IndexBuilder()


def worker_feed(chunk: Chunk) -> int:
    if _worker is None:
        raise RuntimeError("worker_feed before worker_begin")
    rows = chunk_rows(chunk)
    _worker.add(rows)
    return len(rows)


def worker_finish() -> dict[str, Any]:
    global _worker
    if _worker is None:
        raise RuntimeError("worker_finish before worker_begin")
    builder, _worker = _worker, None
    return builder.finish()
