"""Whole pages saved as text: the line classifier, and the test that keeps it off articles.

The classifier runs only on text that looks like a whole page; every clean article
(the seeds and every text fixture under tests/) must fail that test and so lose
nothing to it, and must keep every body sentence overall.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import brieftui
from brieftui.ingest import page
from brieftui.ingest.metadata import dateline
from brieftui.ingest.structure import parse_document

ROOT = Path(__file__).resolve().parents[2]
WHOLE = Path(__file__).parent / "fixtures" / "whole_page"
CLEAN_TEXTS = sorted(
    p
    for p in [*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/**/*.txt"), *ROOT.glob("tests/**/*.md")]
    if WHOLE not in p.parents
)


def test_there_are_clean_texts_to_check() -> None:
    assert len(CLEAN_TEXTS) >= 25


@pytest.mark.parametrize("path", CLEAN_TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_clean_articles_are_not_pages(path: Path) -> None:
    assert not page.looks_like_page(path.read_text(encoding="utf-8"))


_SENTENCE = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"(]?[A-Z])")


@pytest.mark.parametrize("path", CLEAN_TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_clean_articles_keep_every_body_sentence(path: Path) -> None:
    """Every sentence of five words or more is in a passage, or shown where it went:
    the removed list (boilerplate the rules name), the author bio, or the title."""
    doc = brieftui.load([path], cache=False).documents[0]
    passages = "\n".join(p.text for p in doc.passages())
    headings = [s.heading or "" for s in doc.sections]
    elsewhere = "\n".join([*doc.removed, doc.about or "", doc.title, *headings])
    squeezed = " ".join(passages.split())
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().strip("*_#>-• ").replace("**", "")
        for fragment in doc.removed:  # a prompt glued to a sentence ("…ChannelThe web…")
            if len(fragment) > 12 and fragment in line and fragment != line:
                line = line.replace(fragment, "")
        for sentence in _SENTENCE.split(line):
            sentence = sentence.strip()
            if len(sentence.split()) < 5 or sentence[-1:] not in '.!?"”’':
                continue
            if dateline(sentence) is not None:
                continue  # "Published March 24, 2025, updated 5:41 p.m.": the date
            assert sentence in squeezed or sentence in elsewhere or "](" in sentence, sentence


def test_a_whole_page_keeps_the_article_and_its_head() -> None:
    doc = brieftui.load([WHOLE / "ferry_page.txt"], cache=False).documents[0]
    assert doc.title == "Ferry timetable cut as operator runs short of crews"
    assert doc.author == "Ann Lee"
    assert doc.date == "2025-03-03"
    texts = [p.text for p in doc.passages()]
    assert len(texts) == 5
    assert texts[0].startswith("The island ferry will run four times a day")
    assert texts[-1].startswith("A spokesman said talks would begin on Thursday")
    assert [s.heading for s in doc.sections] == [None, "What the council says"]
    for chrome in ("Home", "Politics", "Most read", "Privacy policy", "Instagram", "Tram fares"):
        assert chrome not in "\n".join(texts)
        assert any(chrome in r for r in doc.removed)


def test_the_model_ships_as_data() -> None:
    model = page.load_model()
    assert len(model.weights) == len(page.FEATURES)
    assert 0 < model.threshold < 1


def test_features_and_classifier_are_linear() -> None:
    text = (
        "* Menu item\n" * 20 + "A sentence of prose that goes on long enough to count. " * 3 + "\n"
    ) * 2000
    start = time.perf_counter()
    assert page.looks_like_page(text)
    parse_document(Path("big.txt"), text)
    assert time.perf_counter() - start < 30  # 44,000 lines: about 2 s here
