"""A second brief in other scraped styles, written for these tests, to show the rules generalise.

Four articles: a wire story with share bars, ads and a tag line; a markdown
article with ``#`` headings, an image and wrapped lines; a blog post with a
read-time counter, an engagement call and an "About the author" block; and a
one-line-per-paragraph wire copy with prompts glued to sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import brieftui
from brieftui.model import Document

OTHER = Path(__file__).resolve().parent / "fixtures" / "other_brief"

CHROME_WORDS = (
    "Follow us",
    "Subscribe",
    "Advertisement",
    "advertisement",
    "Photo:",
    "Image:",
    "Related:",
    "RELATED",
    "Also read",
    "Click here",
    "Tags:",
    "Share this",
    "Comments",
    "min read",
    "Reading time",
    "(c) 2025",
    "![",
    "Google News",
    "Facebook",
)


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    brief = brieftui.load([OTHER], cache=False)
    assert not [m for m in brief.messages if m.level == "warning"]
    return {d.id: d for d in brief.documents}


def _headings(doc: Document) -> list[tuple[str, int]]:
    return [(s.heading, s.level) for s in doc.sections if s.heading is not None]


def test_all_four_loaded(docs: dict[str, Document]) -> None:
    assert sorted(docs) == ["ceasefire_blog", "glued_wire", "nato_spending.md", "wire_sanctions"]


def test_no_chrome_left_in_any_passage_or_heading(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for text in [*(p.text for p in doc.passages()), *(h for h, _ in _headings(doc))]:
            for word in CHROME_WORDS:
                assert word not in text, (doc.id, word, text)


def test_wire_story(docs: dict[str, Document]) -> None:
    doc = docs["wire_sanctions"]
    assert doc.title == "EU ministers agree new sanctions package on Russian oil"
    assert doc.author == "Jane Doe and Tom Roe"
    assert doc.date == "2025-03-04"
    assert doc.publisher == "Reuters"  # from the "BRUSSELS (Reuters) -" dateline
    assert _headings(doc) == [("What the package contains", 1), ("Why Hungary changed course", 1)]
    assert list(doc.removed) == [
        "Advertisement",
        "Facebook Twitter WhatsApp Email",
        "Photo: Reuters/Yves Herman",
        "Follow us on X for live updates from Brussels",
        "Related: EU weighs a lower price cap on Russian gas",
        "Story continues below advertisement",
        "Subscribe to our newsletter for the latest updates",
        "Tags: EU, Russia, Sanctions, Oil",
    ]
    assert doc.passage_count == 5
    assert list(doc.passages())[-1].text.startswith("The sanctions take effect")


def test_markdown_article(docs: dict[str, Document]) -> None:
    doc = docs["nato_spending.md"]  # a plain .md name keeps its suffix in the id
    assert doc.title == "NATO summit: allies split over spending"
    assert doc.author == "Marcus Webb"
    assert doc.date == "2025-03-06"
    assert _headings(doc) == [
        ("Who pays what", 1),
        ("The numbers behind the target", 2),
        ("What comes next", 1),
    ]
    first = next(doc.passages()).text
    # wrapped lines joined, **bold** and [links](…) reduced to their words
    assert first == (
        "Allied leaders arrived in The Hague on Wednesday deeply divided over a proposal "
        "to raise the defence spending target to five per cent of national output."
    )
    texts = [p.text for p in doc.passages()]
    assert "• Poland plans to spend 4.7 per cent this year." in texts
    assert "Image: AFP via Getty Images" in doc.removed
    assert "Click here to subscribe to our podcast." in doc.removed


def test_blog_post(docs: dict[str, Document]) -> None:
    doc = docs["ceasefire_blog"]
    assert doc.title == "Why the ceasefire talks keep stalling"
    assert doc.author == "Lena Fischer"
    assert doc.date == "2025-03-05"
    assert _headings(doc) == [("The sticking points", 1), ("What mediators are trying now", 1)]
    assert doc.publisher is None
    assert doc.about == (
        "Lena Fischer is a freelance journalist covering Eastern Europe. "
        "She previously reported from Kyiv and Warsaw."
    )
    assert "Let us know in the comments below." in doc.removed
    assert "5 min read" in doc.removed and "Comments (12)" in doc.removed
    assert list(doc.passages())[-1].text.startswith("Mediators are exploring")


def test_glued_prompts(docs: dict[str, Document]) -> None:
    doc = docs["glued_wire"]
    assert doc.title == "Trump and Putin to speak again on Friday, Kremlin says"
    assert doc.author == "Kofi Mensah" and doc.date == "2025-03-07"
    texts = [p.text for p in doc.passages()]
    assert texts[0].startswith("The Kremlin said on Thursday")
    assert texts[1].endswith("a possible ceasefire in Ukraine.")
    assert doc.removed[:3] == (
        "Reading time: 4 minutes",
        "Follow us on Google News",
        "Subscribe to our newsletter for daily updates.",
    )
    assert "(c) 2025 Northern Post. All rights reserved." in doc.removed
    assert doc.publisher == "Northern Post"  # named by the copyright line
    assert _headings(doc) == []
