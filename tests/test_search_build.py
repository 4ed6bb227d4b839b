"""Building the search index in a worker: what travels, and what it leaves behind."""

from __future__ import annotations

import sys

import pytest

from brieftui.brief import Brief
from brieftui.model import Document, Passage, Section
from brieftui.search import SearchIndex, row_chunks
from brieftui.search import build as search_build
from brieftui.search.build import chunk_rows, index_rows


def _docs() -> list[Document]:
    return [
        Document(
            id="a",
            path="/a.txt",
            title="Café talks “resume”",
            author=None,
            publisher="Ledger",
            sections=(
                Section(None, 0, (Passage("a:1", "Zelensky met Trump’s envoy."),)),
                Section("Reaction — day two", 1, (Passage("a:2", "A name \udcff not UTF-8."),)),
            ),
        ),
        Document(id="b", path="/b.txt", title="Empty", sections=()),
        Document(
            id="c",
            path="/c.txt",
            title="Three",
            author="Jane Doe",
            sections=(Section(None, 0, tuple(Passage(f"c:{i}", f"Text {i}") for i in (1, 2, 3))),),
        ),
    ]


@pytest.mark.parametrize("size", [1, 2, 100])
def test_chunks_for_the_worker_give_back_exactly_the_rows(size: int) -> None:
    docs = _docs()
    rows = [row for chunk in row_chunks(docs, size) for row in chunk_rows(chunk)]
    assert rows == list(index_rows(docs))


def test_a_chunk_that_does_not_add_up_is_refused() -> None:
    blob, lengths, mask, shape = next(row_chunks(_docs()))
    with pytest.raises(ValueError):
        chunk_rows((blob + b"x", lengths, mask, shape))


def test_building_in_a_worker_leaves_no_second_copy_of_the_text(
    seed_brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pickling a non-ASCII str caches its UTF-8 inside it for good (sys.getsizeof shows
    it): the passages must travel encoded, so the reader's texts keep their size."""
    from brieftui import brief_indexes

    monkeypatch.setattr(brief_indexes, "SEARCH_IN_PROCESS_MIN", 1)
    monkeypatch.setattr(search_build, "ROWS_PER_CHUNK", 3)
    fresh = Brief(seed_brief.documents, seed_brief.messages, seed_brief.sources)
    texts = [p.text for doc in fresh.documents for p in doc.passages()]
    assert any(not t.isascii() for t in texts)
    before = [sys.getsizeof(t) for t in texts]
    index = fresh.search_index
    assert [sys.getsizeof(t) for t in texts] == before
    assert index.__getstate__() == SearchIndex(seed_brief.documents).__getstate__()
