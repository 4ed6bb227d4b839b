"""Cached documents decoded on first use: the same documents as a fresh parse, decoded
one by one as they are read, and a damaged or planted block of text never shown (the
file is read again, or a clear error when it no longer reads the same)."""

from __future__ import annotations

import copy
import dataclasses
import os
import pickle
import shutil
import threading
import zlib
from pathlib import Path

import pytest

import brieftui
from brieftui import cache as cache_module
from brieftui.brief import brief_key
from brieftui.cache import BriefCache
from brieftui.datacodec import dumps, loads_parts
from brieftui.lazydocs import CachedDocumentError, LazyDocument
from brieftui.model import Document


@pytest.fixture
def brief_dir(tmp_path: Path, seeds_dir: Path) -> Path:
    target = tmp_path / "brief"
    shutil.copytree(seeds_dir, target)
    return target


def _docs_file(brief_dir: Path) -> Path:
    return BriefCache(brief_key([str(brief_dir.resolve())])).folder / "docs.bin"


def _edit_block(path: Path, doc: int, change, *, fix_crc: bool = True) -> None:
    """Rewrite document ``doc``'s block of text in a docs file with ``change(raw) -> raw``,
    its size (and, with ``fix_crc``, its checksum: what an attacker can do) updated."""
    meta, text, bulk = cache_module._read_checked(path)
    value = loads_parts(*text)
    columns = value["documents"][0]
    sizes = columns["text_bytes"]
    start = sum(sizes[:doc])
    raw = bulk[start : start + sizes[doc]]
    new = change(raw)
    sizes[doc] = len(new)
    if fix_crc:
        columns["text_crc"][doc] = zlib.crc32(new)
    bulk = bulk[:start] + new + bulk[start + len(raw) :]
    cache_module._write_checked(path, dumps(meta), dumps(value), [bulk])


def _lazy(brief) -> list[LazyDocument]:
    assert all(isinstance(d, LazyDocument) for d in brief.documents)
    return list(brief.documents)


def test_cached_documents_are_decoded_one_by_one_as_they_are_read(brief_dir: Path) -> None:
    fresh = brieftui.load([brief_dir], cache=False)
    first = brieftui.load([brief_dir])
    assert first.search_index is not None  # built and cached
    again = brieftui.load([brief_dir])
    docs = _lazy(again)
    assert not any(d.decoded for d in docs)
    assert [d.passage_count for d in docs] == [d.passage_count for d in fresh.documents]
    assert [d.title for d in docs] == [d.title for d in fresh.documents]
    assert again.passage_count == fresh.passage_count
    assert again.search_index is not None  # ready from the cache, nothing decoded
    assert not any(d.decoded for d in docs)
    hits = again.search("zelenksy ceasfire", limit=3)
    assert hits == fresh.search("zelenksy ceasfire", limit=3)
    assert again.search('"the talks"', limit=3) == fresh.search('"the talks"', limit=3)
    # search reads the passages' texts, never makes a document whole
    assert not any(d.decoded for d in docs)
    last = fresh.documents[-1]
    pid = list(last.passages())[-1].id
    assert again.passage(pid) == fresh.passage(pid)
    assert [d.id for d in docs if d.decoded] == [last.id]  # only the passage's document
    assert again.has_passage(pid) and not again.has_passage(pid + "0")
    assert not again.has_passage(f"{last.id}:0") and not again.has_passage(f"{last.id}:x")
    assert again.documents == fresh.documents  # everything decoded, equal field for field
    assert fresh.documents == again.documents
    assert [hash(d) for d in again.documents] == [hash(d) for d in fresh.documents]


def test_a_lazy_document_behaves_as_a_plain_one(brief_dir: Path) -> None:
    brieftui.load([brief_dir])
    doc = brieftui.load([brief_dir]).documents[0]
    plain = brieftui.load([brief_dir], cache=False).documents[0]
    assert isinstance(doc, Document) and not doc.decoded
    restored = pickle.loads(pickle.dumps(doc))
    assert type(restored) is Document and restored == plain
    assert copy.copy(doc) == plain
    renamed = dataclasses.replace(doc, title="Another title")
    assert renamed.title == "Another title" and renamed.sections == plain.sections
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.sections = ()  # type: ignore[misc]
    assert doc.sections == plain.sections and doc.decoded


def test_threads_reading_one_document_at_once_see_the_same_passages(brief_dir: Path) -> None:
    brieftui.load([brief_dir])
    doc = brieftui.load([brief_dir]).documents[1]
    seen: list[object] = []
    start = threading.Barrier(8)

    def read() -> None:
        start.wait()
        seen.append(doc.sections)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and all(s is seen[0] for s in seen)


@pytest.mark.parametrize(
    "damage, fix_crc",
    [
        (lambda raw: raw[:10] + bytes([raw[10] ^ 0x20]) + raw[11:], False),  # a flipped bit
        (lambda raw: b"\x1b]52;c;cHduZWQ=\x07" + raw[13:], True),  # planted escape sequence
        (lambda raw: b"\x9b2J" + raw[3:], True),  # a C1 control character
        (lambda raw: b"\xff\xfe" + raw[2:], True),  # not UTF-8
        (lambda raw: raw[:-1], True),  # lengths in characters that do not add up
        (lambda raw: raw + b"more", True),
    ],
)
def test_a_damaged_block_is_never_shown_the_file_is_read_again(
    brief_dir: Path, damage, fix_crc: bool
) -> None:
    fresh = brieftui.load([brief_dir], cache=False)
    brieftui.load([brief_dir])
    docs_file = _docs_file(brief_dir)
    _edit_block(docs_file, 2, damage, fix_crc=fix_crc)
    again = brieftui.load([brief_dir])
    assert again._cache.hits == 5  # the rest of the file is sound: found at first use
    assert again.documents[0] == fresh.documents[0] and docs_file.exists()
    assert again.documents[2] == fresh.documents[2]  # read again from its file
    assert not docs_file.exists()  # so the next opening rebuilds the cache
    rebuilt = brieftui.load([brief_dir])
    assert rebuilt._cache.hits == 0 and rebuilt.documents == fresh.documents
    assert brieftui.load([brief_dir])._cache.hits == 5


def test_search_over_a_damaged_block_shows_the_file_read_again(brief_dir: Path) -> None:
    fresh = brieftui.load([brief_dir], cache=False)
    brieftui.load([brief_dir]).search_index  # noqa: B018 (built and cached)
    _edit_block(_docs_file(brief_dir), 0, lambda raw: b"\x1b[2J" + raw[4:])
    again = brieftui.load([brief_dir])
    query = "trump"
    assert again.search(query, limit=50) == fresh.search(query, limit=50)
    assert all("\x1b" not in h.text for h in again.search(query, limit=50))


def test_a_damaged_block_whose_file_no_longer_reads_the_same_is_a_clear_error(
    brief_dir: Path,
) -> None:
    brieftui.load([brief_dir])
    docs_file = _docs_file(brief_dir)
    _edit_block(docs_file, 0, lambda raw: raw[:-1])
    again = brieftui.load([brief_dir])
    # the file changed to something else of the same size and mtime (or was swapped):
    path = Path(again.documents[0].path)
    stat = path.stat()
    text = path.read_text()
    path.write_text(("word " * (len(text) // 5 + 1))[: len(text)])
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(CachedDocumentError, match="open the brief again"):
        _ = again.documents[0].sections
    assert again.documents[1].sections  # the others are unharmed


def test_a_changed_file_saves_the_others_without_decoding_them(brief_dir: Path) -> None:
    brieftui.load([brief_dir])
    changed = brief_dir / "002_3ce4c012b06725a2.txt"
    changed.write_text(changed.read_text() + "\nA brand new closing paragraph about tariffs.\n")
    os.utime(changed, ns=(1, 10**18))
    again = brieftui.load([brief_dir])
    assert (again._cache.hits, again._cache.misses) == (4, 1)
    assert sum(isinstance(d, LazyDocument) and not d.decoded for d in again.documents) == 4
    third = brieftui.load([brief_dir])
    assert (third._cache.hits, third._cache.misses) == (5, 0)
    assert third.documents == brieftui.load([brief_dir], cache=False).documents


def test_a_damaged_block_copied_into_a_new_cache_file_stays_damaged(brief_dir: Path) -> None:
    """Saving copies undecoded blocks with their own checksums: damage is not laundered."""
    fresh = brieftui.load([brief_dir], cache=False)
    brieftui.load([brief_dir])
    _edit_block(_docs_file(brief_dir), 0, lambda raw: b"X" + raw[1:], fix_crc=False)
    changed = brief_dir / "002_3ce4c012b06725a2.txt"
    changed.write_text(changed.read_text() + "\nOne more paragraph.\n")
    os.utime(changed, ns=(1, 10**18))
    brieftui.load([brief_dir])  # rewrites the cache, block 0 copied as it was
    again = brieftui.load([brief_dir])
    assert again._cache.hits == 5
    assert again.documents[0] == fresh.documents[0]


def test_a_cache_file_truncated_in_place_after_opening_is_read_around(brief_dir: Path) -> None:
    """The passages are read from the open file on first use: a file cut short meanwhile
    gives short blocks, which fail their checksums; the documents are read again."""
    fresh = brieftui.load([brief_dir], cache=False)
    brieftui.load([brief_dir])
    again = brieftui.load([brief_dir])
    docs_file = _docs_file(brief_dir)
    with docs_file.open("r+b") as handle:
        handle.truncate(docs_file.stat().st_size // 2)
    assert again.documents == fresh.documents


def test_a_replaced_cache_file_does_not_change_documents_already_open(brief_dir: Path) -> None:
    fresh = brieftui.load([brief_dir], cache=False)
    brieftui.load([brief_dir])
    again = brieftui.load([brief_dir])
    _docs_file(brief_dir).unlink()
    brieftui.load([brief_dir])  # writes a new file where the old one was
    assert again._cache.hits == 5 and again.documents == fresh.documents


def test_section_headings_come_without_decoding(brief_dir: Path) -> None:
    """The palette lists every section: a cached document gives them from its columns."""
    brieftui.load([brief_dir])
    docs = _lazy(brieftui.load([brief_dir]))
    fresh = brieftui.load([brief_dir], cache=False).documents
    listed = [d.headed_sections() for d in docs]
    assert not any(d.decoded for d in docs)
    assert listed == [d.headed_sections() for d in fresh]
    assert any(listed)  # the seeds have headed sections
    for doc, heads in zip(docs, listed, strict=True):
        for heading, first in heads:
            assert doc.section_of(first).heading == heading  # decodes: the same place


def test_passage_ids_come_without_decoding(brief_dir: Path) -> None:
    """The events cache numbers every passage by its id: no document is decoded for it."""
    brieftui.load([brief_dir])
    docs = _lazy(brieftui.load([brief_dir]))
    fresh = brieftui.load([brief_dir], cache=False).documents
    ids = [d.passage_ids() for d in docs]
    assert not any(d.decoded for d in docs)
    assert ids == [d.passage_ids() for d in fresh] == [[p.id for p in d.passages()] for d in docs]


def test_the_compare_index_read_back_decodes_only_what_a_compare_reads(brief_dir: Path) -> None:
    """Stories, events and the alignment index come back from the cache without decoding
    the documents; a compare then decodes the documents whose passages it reads."""
    first = brieftui.load([brief_dir])
    pid = list(first.documents[1].passages())[2].id
    expected = first.compare(pid)
    first.events()  # builds the comparer, written to the cache
    again = brieftui.load([brief_dir])
    docs = _lazy(again)
    again.stories()
    again.events()
    index = again.comparer._index
    assert not any(d.decoded for d in docs)
    assert index.units[0].text == first.comparer._index.units[0].text
    assert again.compare(pid) == expected
