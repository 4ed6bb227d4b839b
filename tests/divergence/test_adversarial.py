"""Untrusted text: extraction stays linear on hostile input (generous bounds, no timing claims)."""

from __future__ import annotations

import time

import pytest

from brieftui.divergence import PassageText, divergences_between
from brieftui.divergence.extract import passage_facts

N = 100_000

HOSTILE = {
    "digit commas": "1," * (N // 2),
    "digit dots": "1." * (N // 2),
    "one long number": "9" * N,
    "quote marks": "“" * N,
    "straight quotes": '"a b c ' * (N // 7),
    "unclosed quote": "“" + "word " * (N // 5),
    "apostrophes": "’a" * (N // 2),
    "capitals": "Mr Ab " * (N // 6),
    "initials": "A. " * (N // 3),
    "numbers and words": "12 people were killed and " * (N // 26),
    "death windows": "death 1 " * (N // 8),
    "money": "$1.2bn " * (N // 7),
    "weekdays": "on Friday " * (N // 10),
    "times": "at 7.15pm " * (N // 10),
    "said names": '"a b c d," said Jo Bo. ' * (N // 24),
    "hyphens": "-" * N,
    "brackets in quotes": '"' + "(" * N + '"',
    "ellipses": '"' + "..." * (N // 3) + '"',
    "no spaces": "x" * N,
    "control characters": "\x1b[2J\x07" * (N // 6),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_extraction_is_linear_on_hostile_text(name: str) -> None:
    text = HOSTILE[name]
    passage_facts.cache_clear()
    started = time.perf_counter()
    passage_facts(text, "2025-03-04")
    assert time.perf_counter() - started < 5.0, name  # linear: ~0.6 s of CPU at 100,000


def test_pairing_two_hostile_passages_is_bounded() -> None:
    text = '"we will find out who is responsible," said Jo Bo. 12 people were killed. ' * 300
    a = PassageText("a:1", "a", text, "2025-03-04")
    b = PassageText("b:1", "b", text.replace("12", "15"), "2025-03-04")
    started = time.perf_counter()
    divergences_between(a, b)
    assert time.perf_counter() - started < 5.0
