"""Snippets, shortening and span merging: one implementation shared by the CLI and the app."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from brieftui.spans import merge_spans, shorten, snippet


def test_merge_spans_joins_overlaps_and_touching() -> None:
    assert merge_spans([(5, 7), (0, 3), (2, 4), (7, 9)]) == [(0, 4), (5, 9)]


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert shorten("The quick brown fox jumps over the lazy dog", 20) == "The quick brown…"
    assert shorten("short", 20) == "short"
    assert len(shorten("x" * 50, 10)) == 10


def test_snippet_keeps_spans_on_the_same_words_across_newlines() -> None:
    text = "Hello  world\n\nthis is   it"
    out, spans = snippet(text, [(7, 12), (14, 18), (24, 26)])
    assert out == "Hello world this is it"
    assert [out[s:e] for s, e in spans] == ["world", "this", "it"]


@given(st.text(alphabet=st.sampled_from("ab \n"), max_size=300), st.data())
def test_snippet_spans_always_cover_the_same_word(text: str, data: st.DataObject) -> None:
    words = [(i, i + 1) for i, ch in enumerate(text) if ch in "ab"]
    chosen = data.draw(st.lists(st.sampled_from(words), max_size=5, unique=True)) if words else []
    out, spans = snippet(text, sorted(chosen), width=400)
    assert sorted(out[s:e] for s, e in spans) == sorted(text[s:e] for s, e in chosen)
