"""The numpy tokeniser gives what the regex split gives, token for token and gap for gap.

:func:`brieftui.compare.fasttok.split` finds token boundaries from code point classes
and sends only "complex" clusters ("U.S.", "1,000") to the regex; :class:`.fasttok.Rows`
finds each token's row by hash and checks it code point by code point. The reference
here is ``SPLIT_RE.split`` (TOKEN_RE with one group: gap, token, gap, ..., gap) and the
regex path of :class:`.rawcols.Raw`, kept for the case where two tokens share a hash.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brieftui.compare import fasttok, rawcols
from brieftui.compare.rawcols import SPLIT_RE, Raw, _gap_class

CASES = [
    "The U.S. and U.N. met at 3.30 p.m. on 1,000.5 days; U.S.A wins.",
    "3rd 10km 2nd's 90's rock'n'roll x'3 ab''cd don't O’Neill’s a.b.. .5 5. ,5",
    "x.y.z. x.y e.g. i.e., A.B.C.D.E 1.2.3 1,2,3 1..2 1,,2 a'.b a.'b '' ’’ ...",
    "٣٤٥abc ²³ ½ abc٣ Café Müller e\u0301te naïve x_y __ 𝐀𝐁𝐂 𝟏𝟐 𝐀.𝐁. ß",
    "",
    "   ",
    "\tTabs\tand\nnew\nlines \u2028 and \u00a0 spaces\u3000here ",
    "“Quoted.” (Brackets) — dash – dash • bullet * star: colon; semi! bang? ask",
    "lone \ud800 surrogate \udfff x\ud800y",
    "'lead",
    "trail'",
    "1",
    "a",
    ".",
    "'",
    "U.S.",
    "3rd",
    "A.",
    "A.B",
]


def reference(texts: list[str]) -> tuple[list[tuple[int, int, int, int, int]], list[str]]:
    """(passage, start, length, gap length, gap class) of each token, and its text."""
    rows, strings = [], []
    for p, text in enumerate(texts):
        parts = SPLIT_RE.split(text)
        at = 0
        for gap, token in zip(parts[0::2], parts[1::2], strict=False):
            at += len(gap)
            rows.append((p, at, len(token), len(gap), _gap_class(gap)))
            strings.append(token)
            at += len(token)
    return rows, strings


def fast(texts: list[str]) -> tuple[list[tuple[int, int, int, int, int]], list[str]]:
    s = fasttok.split(texts)
    rows = list(
        zip(
            s.passage.tolist(),
            s.start.tolist(),
            s.length.tolist(),
            s.gap_length.tolist(),
            s.gap_class.tolist(),
            strict=True,
        )
    )
    strings = [s.text[a : a + n] for a, n in zip(s.at.tolist(), s.length.tolist(), strict=True)]
    return rows, strings


def raw_of(texts: list[str], *, regex: bool, chunk: int = 3) -> Raw:
    raw = Raw()
    for first in range(0, len(texts), chunk):
        part = texts[first : first + chunk]
        if regex:
            raw._chunk_rows(part, first, *raw._split_by_regex(part, first))
        else:
            raw.chunk(part, first)
    return raw


def assert_same_raw(a: Raw, b: Raw) -> None:
    for x, y in zip(a.columns(), b.columns(), strict=True):
        assert np.array_equal(x, y)
    assert list(a.keys) == list(b.keys) and a.key_kind == b.key_kind
    assert list(a.tokens) == list(b.tokens)


@pytest.mark.parametrize("text", CASES)
def test_each_case_splits_as_the_regex_does(text: str) -> None:
    assert fast([text]) == reference([text])


def test_a_chunk_of_passages_splits_as_the_regex_does() -> None:
    assert fast(CASES) == reference(CASES)


def test_the_raw_columns_match_the_regex_path() -> None:
    assert_same_raw(raw_of(CASES, regex=False), raw_of(CASES, regex=True))


ALPHABET = st.sampled_from(
    [*"aZé.,'’ 0\n_-(“”", "٣", "²", "𝐀", "\u0301", "\u00a0", "U.", "S.", "3,", "x'", "May "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(ALPHABET, max_size=40).map("".join), min_size=1, max_size=6))
def test_random_text_splits_as_the_regex_does(texts: list[str]) -> None:
    assert fast(texts) == reference(texts)
    assert_same_raw(raw_of(texts, regex=False, chunk=2), raw_of(texts, regex=True, chunk=2))


def test_tokens_that_share_a_hash_fall_back_to_the_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every hash the same: no chunk may merge different tokens; each takes the regex
    path, nothing half-done is left behind, and the result is the regex's."""
    real = fasttok._hashes
    monkeypatch.setattr(fasttok, "_hashes", lambda cp, s, n: np.zeros_like(real(cp, s, n)))
    texts = ["alpha beta", "gamma alpha", "beta delta"]
    assert_same_raw(raw_of(texts, regex=False, chunk=1), raw_of(texts, regex=True, chunk=1))


def test_a_known_hash_for_another_token_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token whose hash a different, earlier token holds is not given that token's row."""
    raw = Raw()
    raw.chunk(["alpha"], 0)
    real = fasttok._hashes
    first = int(real(*_cp_and_span("alpha"))[0])
    monkeypatch.setattr(
        fasttok, "_hashes", lambda cp, s, n: np.full(len(s), first, dtype=np.uint64)
    )
    split = fasttok.split(["omega"])
    assert raw.rows.rows(split) is None
    raw.chunk(["omega"], 1)  # the regex path
    assert list(raw.tokens) == ["alpha", "omega"]


def _cp_and_span(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cp = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    return cp, np.array([0]), np.array([len(text)])


def test_the_chunk_size_does_not_change_the_columns() -> None:
    texts = CASES * 3
    assert_same_raw(raw_of(texts, regex=False, chunk=2), raw_of(texts, regex=False, chunk=50))
    assert rawcols.CHUNK > 1
