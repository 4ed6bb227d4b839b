"""The shared normaliser: spelling variants meet, distinct words stay distinct."""

import pytest

from brieftui.text import fold, is_question, normalize, sentence_spans, split_sentences, tokenize


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


def test_one_sentence_splitter_with_spans() -> None:
    """Ingest and compare split with this one rule: titles and abbreviations do not end a sentence."""
    text = '  Dr. Smith met Mr. Jones in Kyiv. "Is it over?" he asked.  Then: 4 March.  '
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == split_sentences(text)
    assert split_sentences(text) == [
        "Dr. Smith met Mr. Jones in Kyiv.",
        '"Is it over?" he asked.',
        "Then: 4 March.",
    ]
    assert split_sentences("Dr. Smith met Mr. Jones in Kyiv.") == [
        "Dr. Smith met Mr. Jones in Kyiv."
    ]
    assert sentence_spans("") == [] and sentence_spans("   ") == []


def test_questions_end_with_a_question_mark_before_closing_quotes() -> None:
    assert is_question('"Is this a move toward peace?"  ')
    assert is_question("(Why now?)")
    assert not is_question('"Is it over?" he asked.')


def test_the_sentence_splitter_is_linear_on_adversarial_input() -> None:
    import time

    text = ("Dr. " * 50_000) + (" " * 200_000) + ("A. " * 50_000)
    start = time.perf_counter()
    sentence_spans(text)
    assert time.perf_counter() - start < 2.0


def test_is_one_sentence_agrees_with_sentence_spans() -> None:
    from brieftui.text import is_one_sentence

    cases = [
        "",
        "   ",
        "One sentence.",
        "One. Two.",
        "Dr. Smith met Mr. Jones in Kyiv.",
        "Dr. Smith met Mr. Jones. He left.",
        ' "Quoted." Then more',
        "U.S. officials said so. A second one follows! And a third?",
        ". Leading mark. Then words",
        "Ends with a split point. ",
    ]
    for text in cases:
        assert is_one_sentence(text) == (len(sentence_spans(text)) <= 1), text
