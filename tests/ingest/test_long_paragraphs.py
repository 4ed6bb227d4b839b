"""A paragraph longer than a passage can be (a file with no blank lines, a dump) becomes
several passages: whole sentences where it can, nothing lost, in linear time."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from brieftui.ingest.structure import MAX_PASSAGE_CHARS, parse_document, split_long

WORD = st.text(alphabet=st.sampled_from("abcXYZ"), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORD, st.sampled_from([" ", ". ", "! ", "? "])), max_size=400))
def test_pieces_keep_every_word_in_order_and_fit(parts) -> None:
    text = "".join(w + sep for w, sep in parts).strip()
    if not text:
        return
    pieces = split_long(text, limit=60)
    assert " ".join(pieces).split() == text.split()
    assert all(0 < len(p) <= 60 for p in pieces)


def test_short_paragraphs_are_untouched() -> None:
    text = "One sentence. Another one."
    assert split_long(text) == [text]


def test_a_huge_one_line_paragraph_becomes_many_passages(tmp_path) -> None:
    sentence = "The harbour authority said the dredging would resume on Monday. "
    path = tmp_path / "dump.txt"
    path.write_text("Dump\n\n" + sentence * 40_000 + "\n", encoding="utf-8")  # 2.6 MB
    start = time.perf_counter()
    doc = parse_document(path, path.read_text(encoding="utf-8"), doc_id="dump")
    assert time.perf_counter() - start < 20  # linear: about a second here
    passages = list(doc.passages())
    assert len(passages) > 600
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
    assert all(p.text.endswith("Monday.") for p in passages)  # cut at sentence ends
