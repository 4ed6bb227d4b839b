"""Furniture in mostly clean scrapes, and metadata a text states: on fixtures written
after the rules (tests/ingest/fixtures/scraped/), every furniture line goes and every
line of prose stays, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

import brieftui
from brieftui.ingest.structure import parse_document

SCRAPED = Path(__file__).parent / "fixtures" / "scraped"

PROSE_STARTS = {
    "tram_fares": [
        "Tram fares in Halwick will rise by a fifth",
        "The council said the subsidy had become unaffordable",
        "Passenger groups said the rise would push people back",
        "The operator said it would keep the weekly pass frozen",  # "Sponsored by…" inside
    ],
    "library_hours": [
        "Four branch libraries will open on Sunday afternoons",
        "Readers at the Millbrook branch, one of the four in the trial.",  # a caption sentence
        "The branches were chosen because they are the busiest",
        '"Sunday is the only day many working parents',
    ],
}


@pytest.fixture(scope="module")
def docs():
    brief = brieftui.load([SCRAPED], cache=False)
    return {d.id: d for d in brief.documents}


@pytest.mark.parametrize("name", sorted(PROSE_STARTS))
def test_prose_kept_whole_and_nothing_else(docs, name: str) -> None:
    doc = docs[name]
    texts = [p.text for p in doc.passages()]
    assert len(texts) == len(PROSE_STARTS[name])
    for text, start in zip(texts, PROSE_STARTS[name], strict=True):
        assert text.startswith(start)
    raw = (SCRAPED / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    for text in texts:
        assert text in raw  # word for word: no sentence cut out of a paragraph
    assert [s.heading for s in doc.sections] == [None]


def test_tram_fares_furniture_and_metadata(docs) -> None:
    doc = docs["tram_fares"]
    assert doc.title == "Tram fares to rise by a fifth as city cuts its subsidy"
    assert doc.publisher == "THE HALWICK ARGUS"
    assert doc.author == "Nadia Brenner"
    assert doc.date == "2025-04-09"
    assert list(doc.removed) == [
        "Key points",
        "• Single fares go from £2.00 to £2.40 in June",
        "• Weekly passes are frozen for a year",
        "- ADVERTISEMENT -",
        "Image caption, A tram leaves the central depot on Tuesday morning",
        "Photo: Lars Eberly/Halwick Argus",
        "Watch the video: Riders react to the fare rise",
        "2:41",
        "ALSO READ Bus lanes on Ring Road to be made permanent",
        "Follow Nadia Brenner on X",
        "Contact the author at nadia.brenner@argus.example",
        "Subscribe to continue reading the Argus. Your first month is free.",
        "Reporting by Nadia Brenner; Editing by Paul Ames",
        "More from the Argus",
        "Council leader faces confidence vote over budget",
        "New cycle lanes open on Harbour Road",
        "Why Halwick's trams are slower than they were in 1990",
    ]


def test_library_hours_furniture_and_source_url(docs) -> None:
    doc = docs["library_hours"]
    assert doc.author == "Owen Castell"
    assert doc.date == "2025-05-14"
    assert doc.url == "https://county-herald.example/news/2025/05/14/libraries-sundays"
    assert "Owen Castell reported from Millbrook." in doc.removed
    assert "Related stories" in doc.removed and "Enlarge this image" in doc.removed
    assert not any("county-herald.example/news" in p.text for p in doc.passages())


BODY = (
    "The council voted on Tuesday to approve the long-delayed dredging of the harbour, "
    "ending a two-year dispute with fishermen and the port authority over costs."
)


def test_masthead_is_publisher_and_credit_is_author() -> None:
    text = f"PORT ELLERY POST\n\nHarbour dredging plan approved\n\n{BODY}\n\n(Reporting by Ann Lee; Editing by Tom Cole)\n"
    doc = parse_document(Path("p.txt"), text)
    assert doc.title == "Harbour dredging plan approved"
    assert doc.publisher == "PORT ELLERY POST"
    assert doc.author == "Ann Lee"
    assert [s.heading for s in doc.sections] == [None]
    assert [p.text for p in doc.passages()] == [BODY]


def test_outlet_under_byline_is_not_a_section() -> None:
    text = f"Harbour dredging plan approved\n\nBy Ann Lee\nContinental Press\n\n{BODY}\n"
    doc = parse_document(Path("p.txt"), text)
    assert doc.publisher == "Continental Press" and doc.author == "Ann Lee"
    assert [s.heading for s in doc.sections] == [None]


@pytest.mark.parametrize("outlet", ["Radio Costa", "TV Azteca"])
def test_a_broadcaster_under_the_headline_is_the_publisher_not_the_author(outlet: str) -> None:
    text = f"Harbour dredging plan approved\n\n{outlet}\n\nMarch 5, 2025\n\n{BODY}\n"
    doc = parse_document(Path("p.txt"), text)
    assert doc.publisher == outlet and doc.author is None
    assert [p.text for p in doc.passages()] == [BODY]


def test_a_wire_dateline_names_the_publisher_when_nothing_else_does() -> None:
    text = f"Harbour dredging plan approved\n\nBy Ann Lee\n\nVALMORA, March 4 (Harbour Press) -\n\n{BODY}\n"
    doc = parse_document(Path("p.txt"), text)
    assert doc.publisher == "Harbour Press" and doc.author == "Ann Lee"
    assert [p.text for p in doc.passages()] == [BODY]
    masthead = (
        f"PORT ELLERY POST\n\nHarbour dredging plan approved\n\nLONDON (Wire Service) -\n\n{BODY}\n"
    )
    assert parse_document(Path("p.txt"), masthead).publisher == "PORT ELLERY POST"


def test_a_place_named_channel_is_not_an_outlet() -> None:
    from brieftui.ingest.outlet import outlet_name

    assert outlet_name("Channel Islands") is None and outlet_name("Radio silence") is None


def test_front_matter_is_read_safely() -> None:
    text = (
        "---\n"
        'title: "Harbour: dredging approved"\n'
        "author:\n  - Ann Lee\n  - Tom Cole\n"
        "date: 2025-04-02T09:30:00Z\n"
        "source: The Port Ellery Post\n"
        "url: https://post.example/harbour\n"
        "evil: !!python/object/apply:os.system ['echo pwned']\n"
        "nested:\n  key: value\n"
        "---\n\n# Harbour: dredging approved\n\n" + BODY + "\n"
    )
    doc = parse_document(Path("p.md"), text, markdown=True)
    assert doc.title == "Harbour: dredging approved" and not doc.title_is_fallback
    assert doc.author == "Ann Lee, Tom Cole"
    assert doc.date == "2025-04-02"
    assert doc.publisher == "The Port Ellery Post"
    assert doc.url == "https://post.example/harbour"
    assert [p.text for p in doc.passages()] == [BODY]


def test_unclosed_front_matter_is_text() -> None:
    doc = parse_document(Path("p.md"), "---\ntitle: x\n\n" + BODY + "\n", markdown=True)
    assert doc.url is None and any(BODY in p.text for p in doc.passages())


@pytest.mark.parametrize(
    "line",
    [
        "Source: https://post.example/a",
        "https://post.example/a",
        "<https://post.example/a>",
        "Originally published at https://post.example/a",
        "Source: [Port Ellery Post](https://post.example/a)",
    ],
)
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_source_url_line(line: str, where: str) -> None:
    text = (
        f"{line}\n\nHarbour plan approved\n\n{BODY}\n"
        if where == "top"
        else f"Harbour plan approved\n\n{BODY}\n\n{line}\n"
    )
    doc = parse_document(Path("p.txt"), text)
    assert doc.url == "https://post.example/a"
    assert [p.text for p in doc.passages()] == [BODY]


@pytest.mark.parametrize(
    "line",
    [
        "Source: https://post.example/wiki/Harbour_(Ellery)",
        "[Post](https://post.example/wiki/Harbour_(Ellery))",
    ],
)
def test_a_source_url_with_parentheses(line: str) -> None:
    """From a trial: a URL holding "(…)" was no source line, but a section heading."""
    doc = parse_document(Path("p.txt"), f"Harbour plan approved\n\n{BODY}\n\n{line}\n")
    assert doc.url == "https://post.example/wiki/Harbour_(Ellery)"
    assert [p.text for p in doc.passages()] == [BODY]


def test_unsafe_source_url_is_ignored() -> None:
    doc = parse_document(
        Path("p.txt"), f"Harbour plan approved\n\n{BODY}\n\nSource: javascript:alert(1)\n"
    )
    assert doc.url is None
