"""The five seed articles: headings, boilerplate, metadata, and no body sentence lost.

The expected headings were written by reading each article as a person would;
they are asserted exactly, so a rule change that finds a new heading or loses
one fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import brieftui
from brieftui.model import Document
from tests.conftest import SEEDS_DIR

SEEDS = SEEDS_DIR

EXPECTED_HEADINGS: dict[str, list[tuple[str, int]]] = {
    "000": [
        ("The Current State of U.S.-Russia, NATO, and Europe Relations", 1),
        ("Trump’s current policies are consistent with his past actions", 1),
        ("As America’s Move Towards Russia", 1),
        ("So, What Does Trump Want?", 1),
        ("How Europe Should Respond: The Way Forward for Ukraine, NATO, and Europe", 1),
    ],
    "001": [
        ("Understanding the Shift in U.S.-Russia Relations", 1),
        ("Trump’s Controversial Rhetoric", 1),
        ("Impacts on NATO Unity", 1),
        ("Rising Tensions in Eastern Europe", 1),
        ("The Role of NATO Exercises", 1),
        ("Geopolitical Ramifications: What Lies Ahead?", 1),
        ("The Economic Dimension", 1),
        ("Looking Beyond Trump", 1),
        ("The Need for a Cohesive Response", 1),
    ],
    "002": [
        ("A Reversal of Legacy Policy", 1),
        ("Moscow’s Dual Agenda", 1),
        ("Strategic Manipulation of Transatlantic Ties", 1),
        ("The Limits of U.S.-Russia Rapprochement", 1),
        ("Potential Blowback in Europe", 1),
        ("Putin’s Calculated Risk", 1),
    ],
    "003": [
        ("A Shift in Global Alliances?", 1),
        ("Trump’s Russia Diplomacy: Should the U.S. Worry Less About Putin?", 1),
        ("NATO’s Concerns: The Future of the Alliance", 1),
        ("Bypassing NATO: Why Europe Is Alarmed", 2),
        ("European Response: Reclaiming Influence in Diplomacy", 1),
        ("The “Trump-Putin Deal”: What’s Next for Ukraine?", 1),
        ("Possible Outcomes of a Trump-Putin Peace Deal", 1),
        ("Independent Forecast: What’s Next for NATO and Global Security?", 1),
        ("Short-Term (6-12 months)", 2),
        ("Mid-Term (1-3 years)", 2),
        ("Long-Term (3+ years)", 2),
        ("Conclusion: NATO at a Crossroads", 1),
        ("What’s Your Take?", 1),
    ],
    "004": [
        ("Trump's Stance on NATO and International Alliances", 1),
        ("Near Exit in 2018: A Prelude to Future Actions?", 1),
        ("The Implications of a Second Trump Term", 1),
    ],
}

EXPECTED_REMOVED: dict[str, list[str]] = {
    "000": [
        "Join our WhatsApp Channel",
        "READ ALSO: Zelenskyy Not Ready For Peace, Says Trump After Oval Office Clash",
        "READ ALSO: Russia-Ukraine War: We’re Ready For Talks With Trump – Putin",
    ],
    "001": [
        "22 views 5 mins 0 comments",
        "In geopolitics, international, politics",
        "To learn about the disclaimer of liability for the content of this website, click here",
    ],
    "002": [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ],
    "003": [
        "Share your thoughts in the comments and let’s discuss!",
        "If you found this analysis valuable, consider sharing it with others.",
        "Comments",
        "Post a Comment",
    ],
    "004": [
        "Donald Trump's Potential Impact on NATO and Global Security in a Second Term",
        "© Getty Images/Win McNamee",
        "Donald Trump Nato United States",
    ],
}

# Lines that are metadata (consumed into fields), not body and not boilerplate.
METADATA_LINES: dict[str, list[str]] = {
    "001": ["March 04, 2025"],
    "002": ["By: Gerard Bundersen"],
}


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    brief = brieftui.load([SEEDS])
    return {d.id[:3]: d for d in brief.documents}


def _raw_lines(key: str) -> list[str]:
    (path,) = SEEDS.glob(f"{key}_*.txt")
    return [s for line in path.read_text(encoding="utf-8").splitlines() if (s := line.strip())]


@pytest.mark.parametrize("key", sorted(EXPECTED_HEADINGS))
def test_headings_exact(docs: dict[str, Document], key: str) -> None:
    found = [(s.heading, s.level) for s in docs[key].sections if s.heading is not None]
    assert found == EXPECTED_HEADINGS[key]


@pytest.mark.parametrize("key", sorted(EXPECTED_HEADINGS))
def test_lead_section_and_levels(docs: dict[str, Document], key: str) -> None:
    sections = docs[key].sections
    for i, section in enumerate(sections):
        if section.heading is None:
            assert i == 0 and section.level == 0 and section.passages
        else:
            assert section.level in (1, 2)


def test_list_items_are_body_not_headings(docs: dict[str, Document]) -> None:
    texts = [p.text for p in docs["003"].passages()]
    for item in (
        "This stance has sparked controversy for several reasons:",
        "Will European countries feel excluded from the decision-making process?",
        "Is the U.S. positioning itself as the sole mediator between Russia and Ukraine?",
    ):
        assert item in texts


@pytest.mark.parametrize("key", sorted(EXPECTED_REMOVED))
def test_removed_exact_and_gone_from_body(docs: dict[str, Document], key: str) -> None:
    doc = docs[key]
    assert list(doc.removed) == EXPECTED_REMOVED[key]
    body = "\n".join(p.text for p in doc.passages())
    headings = [s.heading for s in doc.sections if s.heading]
    for fragment in EXPECTED_REMOVED[key]:
        if fragment == doc.title:
            continue
        assert fragment not in body
        assert fragment not in headings


def test_glued_prompt_keeps_the_sentence(docs: dict[str, Document]) -> None:
    texts = [p.text for p in docs["000"].passages()]
    assert any(t.startswith("The intricate web of global politics") for t in texts)
    assert not any("WhatsApp" in t for t in texts)


def test_engagement_question_stays(docs: dict[str, Document]) -> None:
    last = list(docs["003"].passages())[-1].text
    assert last.startswith("Is Trump’s approach to Russia a strategic move toward peace")
    assert "Share your thoughts" not in last


def test_author_bio_moves_to_about(docs: dict[str, Document]) -> None:
    doc = docs["000"]
    assert doc.about is not None
    assert doc.about.startswith("Dr Mbamalu, a Jefferson Journalism Fellow")
    assert "Bloomberg Financial Journalism Training" in doc.about
    body = "\n".join(p.text for p in doc.passages())
    assert "Mbamalu" not in body
    assert list(doc.passages())[-1].text.startswith("NATO, on the other hand")
    for key in ("001", "002", "003", "004"):
        assert docs[key].about is None


def test_metadata(docs: dict[str, Document]) -> None:
    d1 = docs["001"]
    assert d1.title == "Trump’s Embrace of Russia: A Shift in NATO Dynamics"
    assert not d1.title_is_fallback
    assert d1.date == "2025-03-04"
    assert d1.author is None
    d2 = docs["002"]
    assert d2.author == "Gerard Bundersen"
    assert d2.title_is_fallback and d2.title.startswith("In a matter of weeks, Trump has reversed")
    assert d2.date is None
    d4 = docs["004"]
    assert (
        d4.title == "Donald Trump's Potential Impact on NATO and Global Security in a Second Term"
    )
    assert not d4.title_is_fallback
    body = [d4.title, *(s.heading or "" for s in d4.sections), *(p.text for p in d4.passages())]
    assert sum(t.count("Potential Impact on NATO") for t in body) == 1
    d0 = docs["000"]
    assert d0.title_is_fallback and d0.title.startswith("President Donald Trump’s recent actions")
    assert d0.date is None  # dates in the body ("January 20, 2025") are not the article's date
    assert d0.publisher == "Prime Business Africa"
    assert docs["003"].title.startswith("Trump and Putin’s Closer Ties")
    for key in ("001", "002", "003", "004"):
        assert docs[key].publisher is None


def test_broken_paragraph_rejoined(docs: dict[str, Document]) -> None:
    texts = [p.text for p in docs["004"].passages()]
    joined = [t for t in texts if "could result in the U.S. abandoning its support" in t]
    assert len(joined) == 1
    assert not any(t.startswith("abandoning") for t in texts)


def test_inline_markdown_markers_stripped(docs: dict[str, Document]) -> None:
    body = "\n".join(p.text for p in docs["001"].passages())
    assert "fears of disunity within" in body and "**" not in body


def test_passage_ids_sequential_and_stable(docs: dict[str, Document]) -> None:
    again = {d.id[:3]: d for d in brieftui.load([SEEDS]).documents}
    for key, doc in docs.items():
        ids = [p.id for p in doc.passages()]
        assert ids == [f"{doc.id}:{n}" for n in range(1, len(ids) + 1)]
        assert ids == [p.id for p in again[key].passages()]
        assert doc.fingerprint and doc.fingerprint == again[key].fingerprint
        assert doc.size == Path(doc.path).stat().st_size


# --- no body sentence lost -------------------------------------------------------------

_TEST_SPLIT = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"(]?[A-Z])")


def _sentences(line: str) -> list[str]:
    """An independent, deliberately naive splitter (the test must not reuse the code's)."""
    return [s.strip() for s in _TEST_SPLIT.split(line) if len(s.strip()) > 3]


@pytest.mark.parametrize("key", sorted(EXPECTED_HEADINGS))
def test_no_body_sentence_lost(docs: dict[str, Document], key: str) -> None:
    doc = docs[key]
    not_body = set(METADATA_LINES.get(key, [])) | {doc.title}
    for heading, _ in EXPECTED_HEADINGS[key]:
        not_body |= {heading, heading + ":"}
    about = doc.about or ""
    body_lines: list[str] = []
    for line in _raw_lines(key):
        if line in not_body or (about and line in about):
            continue
        for fragment in doc.removed:
            line = line.replace(fragment, "")
        if line.strip():
            body_lines.append(line.replace("**", "").strip())
    passages = [p.text for p in doc.passages()]
    checked = 0
    original = "\n".join(body_lines)
    for line in body_lines:
        for sentence in _sentences(line):
            in_passages = sum(p.count(sentence) for p in passages)
            assert in_passages >= 1, f"lost: {sentence!r}"
            assert in_passages == original.count(sentence), f"duplicated: {sentence!r}"
            assert sum(1 for p in passages if sentence in p) == 1 or original.count(sentence) > 1
            checked += 1
    assert checked >= 10
    # …and nothing in the passages that was not in the body (a rejoined paragraph
    # spans two original lines, hence the flat join).
    flat = " ".join(body_lines)
    for passage in passages:
        for sentence in _sentences(passage):
            assert sentence in flat, f"invented: {sentence!r}"
