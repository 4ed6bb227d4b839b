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


def test_token_regex_matches_the_reference_pattern() -> None:
    """TOKEN_RE carries a speed-only lookahead; it must tokenise exactly as the plain pattern."""
    import re

    from brieftui.text import TOKEN_RE

    reference = re.compile(
        r"(?:[^\W\d_]\.){2,}|\d+(?:[.,]\d+)*|[^\W_]+(?:['’][^\W_]+)*", re.UNICODE
    )
    samples = [
        "Trump’s U.S. 2,000 troops; J.D. Vance, e.g. a.b. A. B.C",
        "U.S.-led N.A.T.O. talks, 6-12 months, 2.5% of GDP, 1.2.3.",
        "Zelenskyy's Kyiv — Café «naïve» ü.ö. x.y_z __init__ 3rd 1st.",
        "a. b.c.d. e.1 f.g",
        "",
        "....",
        "rock'n'roll o’clock 'quoted'",
    ]
    for text in samples:
        assert TOKEN_RE.findall(text) == reference.findall(text)
        assert [m.span() for m in TOKEN_RE.finditer(text)] == [
            m.span() for m in reference.finditer(text)
        ]
