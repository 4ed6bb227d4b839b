"""The shared normaliser: spelling variants meet, distinct words stay distinct."""

import pytest

from brieftui.text import fold, normalize, tokenize


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("defence", "defense"),
        ("criticising", "criticizing"),
        ("organisation", "organization"),
        ("favour", "favor"),
        ("behaviour", "behavior"),
        ("centre", "center"),
        ("analyse", "analyze"),
        ("catalogue", "catalog"),
        ("licence", "license"),
    ],
)
def test_british_and_american_spellings_meet(british: str, american: str) -> None:
    assert normalize(british) == normalize(american)


@pytest.mark.parametrize(
    "word", ["promise", "exercise", "four", "hour", "rise", "surprise", "your"]
)
def test_real_words_are_not_respelled(word: str) -> None:
    assert normalize(word) == word


def test_fold_drops_case_accents_possessives_and_acronym_dots() -> None:
    assert fold("Trump’s") == "trump"
    assert fold("U.S.") == "us"
    assert fold("Café") == "cafe"


def test_tokenize_gives_spans_into_the_original() -> None:
    text = "Trump’s U.S. 2,000 troops"
    for word, start, end in tokenize(text):
        assert text[start:end] == word
    assert [w for w, _, _ in tokenize(text)] == ["Trump’s", "U.S.", "2,000", "troops"]
