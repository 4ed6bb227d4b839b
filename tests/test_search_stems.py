"""Word families in search: a finished word finds its other inflections, below itself."""

from __future__ import annotations

import pytest

from brieftui.model import Document, Passage, Section
from brieftui.search import SearchIndex
from brieftui.search.stems import inflection_stem


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        (("killed", "killing", "kills", "kill"), "kill"),
        (("injured", "injuring", "injures", "injure"), "injur"),
        (("stopped", "stopping", "stops", "stop"), "stop"),
        (("cities", "city"), "city"),
        (("studied", "studies", "study"), "study"),
        (("housing", "house", "houses"), "hous"),
        (("sanctioned", "sanctions", "sanction"), "sanction"),
    ],
)
def test_the_forms_of_a_word_share_a_stem(words: tuple[str, ...], stem: str) -> None:
    assert {inflection_stem(w) for w in words} == {stem}


@pytest.mark.parametrize("word", ["press", "bus", "analysis", "news", "agreed", "cuts"])
def test_words_that_only_look_inflected_keep_their_form(word: str) -> None:
    """Not plurals ("press", "analysis"), too short to tell ("news", "cuts"), or an "-eed"
    that may be the word itself ("proceed") or a past tense ("agreed")."""
    assert inflection_stem(word) == word


def _index(*paragraphs: str) -> SearchIndex:
    passages = tuple(Passage(f"d:{i}", text) for i, text in enumerate(paragraphs, 1))
    return SearchIndex(
        [Document(id="d", path="/b/d.txt", title="D", sections=(Section(None, 0, passages),))]
    )


def test_a_past_tense_finds_the_other_forms_below_itself() -> None:
    index = _index(
        "The strike killing 15 people was condemned.",
        "Officials said the attack kills hope of talks.",
        "Fifteen were killed on Friday.",
        "A killer whale was seen offshore.",
    )
    hits = index.search("killed", limit=10)
    ids = [h.passage_id for h in hits]
    assert ids[0] == "d:3"  # the word itself first
    assert {"d:1", "d:2"} <= set(ids)
    assert all(h.score < hits[0].score for h in hits[1:])
    found = dict(index.expand("killed"))
    assert found["killing"] == found["kills"] < 1.0
    assert found.get("killer", 0.0) < found["kills"]  # a typo's distance, not the family


def test_family_words_are_highlighted_where_they_match() -> None:
    index = _index("Dozens were injured; more injuring blasts followed.")
    (hit,) = index.search("injures", limit=5)
    matched = [hit.text[s:e] for s, e in hit.spans]
    assert matched == ["injured", "injuring"]
