"""Whole pages saved as text: the line classifier, and the test that keeps it off articles.

The classifier runs only on text that looks like a whole page; every clean article
(the seeds and every text fixture under tests/) must fail that test and so lose
nothing to it, and must keep every body sentence overall.
"""

from __future__ import annotations

import math
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


def test_a_whole_page_keeps_the_lead_drops_the_comments() -> None:
    """The lead paragraph (no prose above it, like a teaser) stays; a comment thread
    and related-story summaries below the article go; the headline is found by what
    the article is about, not by position (a share bar and a comment count sit between)."""
    doc = brieftui.load([WHOLE / "library_page.txt"], cache=False).documents[0]
    assert doc.title == "Valley libraries to lend tools, seeds and telescopes from spring"
    assert doc.author == "Omar Haddad"
    assert doc.date == "2025-02-12"
    texts = "\n".join(p.text for p in doc.passages())
    for lead in (
        "The valley's five public libraries will start lending",
        "Members will be able to borrow an item",
        "The head of the library service said",
        "People do not want to buy a ladder",
        "A similar scheme in the coast towns",
        "The service will publish a list of every item",
    ):
        assert lead in texts
    for chrome in (
        "This is a wonderful idea",  # a comment
        "We used the coast scheme",  # a comment
        "Volunteers will run monthly groups",  # a related story's summary
        "Leave a Reply",
        "Share on Facebook",
        "Cookie settings",
    ):
        assert chrome not in texts
        assert any(chrome in r for r in doc.removed)


def test_a_page_does_not_depend_on_the_other_files(tmp_path: Path) -> None:
    """Features read one text only: adding a file beside a page (even one sharing its
    menu and footer) changes none of its passages or their ids."""
    page_file = tmp_path / "library.txt"
    page_file.write_text((WHOLE / "library_page.txt").read_text(encoding="utf-8"), "utf-8")
    alone = brieftui.load([page_file], cache=False).documents[0]
    sibling = tmp_path / "ferry.txt"
    sibling.write_text((WHOLE / "ferry_page.txt").read_text(encoding="utf-8"), "utf-8")
    together = brieftui.load([page_file, sibling], cache=False)
    again = next(d for d in together.documents if d.id == alone.id)
    assert [(p.id, p.text) for p in again.passages()] == [(p.id, p.text) for p in alone.passages()]
    assert again.title == alone.title


def test_the_model_ships_as_data() -> None:
    model = page.load_model()
    assert len(model.weights) == len(page.FEATURES)
    assert 0 < model.threshold < 1
    assert model.switch_cost >= 0


def test_every_line_gets_every_feature() -> None:
    lines = (WHOLE / "library_page.txt").read_text(encoding="utf-8").splitlines()
    rows = page.line_features(lines)
    assert len(rows) == sum(1 for line in lines if line.strip())
    assert {len(row) for row in rows} == {len(page.FEATURES)}
    assert all(math.isfinite(v) for row in rows for v in row)
    assert page.line_features([]) == []
    assert page.line_features(["   ", ""]) == []


def test_a_comments_header_counts_only_below_the_article() -> None:
    """ "3 comments" by the headline is a counter; "Comments" below the article opens
    the thread. Only the second marks the lines after it (a header above the
    article once marked whole articles as comments)."""
    lines = (WHOLE / "library_page.txt").read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if line.strip()]
    column = page.FEATURES.index("after_comment_header")
    marked = [row[column] for row in page.line_features(lines)]
    body = next(i for i, line in enumerate(lines) if line.startswith("The valley's"))
    reply = next(i for i, line in enumerate(lines) if line == "Leave a Reply")
    assert not any(marked[: reply - 5])  # nothing from the top to the thread
    assert marked[body] == 0
    assert all(marked[reply + 1 :])


def test_smoothing_without_a_cost_is_a_threshold() -> None:
    log_odds = [2.0, -0.5, 0.3, -3.0, 0.0]
    assert page.smooth(log_odds, 0.0) == [True, False, True, False, False]
    assert page.smooth([], 2.0) == []


def test_smoothing_fills_a_short_gap_and_drops_a_stray_line() -> None:
    # A sub-heading (weakly page) between article lines stays with the article ...
    assert page.smooth([3.0, 3.0, -1.0, 3.0, 3.0], 2.0) == [True] * 5
    # ... a lone weak teaser among menu lines goes ...
    assert page.smooth([-3.0, -3.0, 1.0, -3.0, -3.0], 2.0) == [False] * 5
    # ... and a confident line or a long stretch is not overruled.
    assert page.smooth([-3.0, 5.0, -3.0], 2.0) == [False, True, False]
    assert page.smooth([3.0, -2.0, -2.0, -2.0, 3.0], 2.0) == [True, False, False, False, True]


def test_the_article_is_never_empty() -> None:
    """A page the test passed holds an article: when every line scores as page, the
    most article-like stretch stays rather than nothing."""
    assert page.decide([-3.0, -0.5, -0.2, -4.0, -1.0], 0.0) == [False, False, True, False, False]
    assert page.decide([-3.0, -0.5, 0.1, -4.0], 0.0) == [False, False, True, False]
    assert page.best_stretch([-1.0, 2.0, 3.0, -1.0, 4.0, -9.0, 5.0]) == (1, 4)
    assert page.best_stretch([-3.0]) == (0, 0)


def test_smoothing_is_linear() -> None:
    log_odds = [(-1.0) ** i * (i % 7) for i in range(300_000)]
    start = time.perf_counter()
    assert len(page.smooth(log_odds, 2.0)) == len(log_odds)
    assert time.perf_counter() - start < 10  # about 0.3 s here


def test_features_and_classifier_are_linear() -> None:
    text = (
        "* Menu item\n" * 20 + "A sentence of prose that goes on long enough to count. " * 3 + "\n"
    ) * 2000
    start = time.perf_counter()
    assert page.looks_like_page(text)
    parse_document(Path("big.txt"), text)
    assert time.perf_counter() - start < 30  # 44,000 lines: about 3 s here


@pytest.mark.parametrize(
    "line",
    [
        "Comments",  # a comments header on every line: the comment zone
        "Joe on May 2, 2019 at 4:47 pm said:",
        "The list follows:",  # every line after a colon
        "1     Kyle Busch     5040     5     1",  # table rows
        "x" * 250,  # long lines with no sentence end
        "Rating: 12 Votes",  # one digit-free shape repeated
    ],
    ids=["comments-header", "said-header", "colon", "table-row", "unfinished", "shape"],
)
def test_features_are_linear_on_repeated_shapes(line: str) -> None:
    lines = ["A sentence of prose that goes on long enough to count as prose here."] * 50
    lines += [line] * 20_000
    start = time.perf_counter()
    rows = page.line_features(lines)
    assert len(rows) == len(lines)
    assert time.perf_counter() - start < 30  # 20,000 lines: 1-2 s here
