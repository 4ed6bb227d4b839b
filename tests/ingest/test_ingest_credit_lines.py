"""Credit and dateline lines near the top of a plain-text article (from a new-user trial).

A line that only credits the outlet and dates the story ("*Associated Press, March 4,
2024*", "Reuters, 12 May 2025", "Washington (AP) —") is metadata: it must be neither a
passage (compare would make an event of it) nor a heading, and it gives the document its
date and publisher when nothing else does. A byline that names the outlet ("By Anna
Ortiz, Reuters", "By A | Reuters", "By A for the Guardian") gives the author without the
outlet, and the outlet as the publisher. Every fixture here is written for these tests;
the names are made up or are the wire agencies such lines name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brieftui.ingest.structure import parse_document

TITLE = "Council approves harbour dredging plan after long delay"
BODY = (
    "The city council approved a plan to dredge the old harbour on Friday, ending a "
    "dispute that had held up the work for nearly three years and cost the port two "
    "shipping contracts.\n\n"
    "The work will start in the autumn and take about eighteen months, officials said.\n\n"
    '"It is a good day for the harbour," the mayor told reporters.\n'
)
FIRST = "The city council approved a plan to dredge the old harbour on Friday"


def parse(text: str):
    return parse_document(Path("x.txt"), text, doc_id="x")


def texts(doc) -> list[str]:
    return [p.text for p in doc.passages()]


def headings(doc) -> list[str]:
    return [s.heading for s in doc.sections if s.heading]


@pytest.mark.parametrize(
    ("line", "iso", "publisher"),
    [
        ("*Associated Press, March 4, 2024*", "2024-03-04", "Associated Press"),
        ("Associated Press, March 4, 2024", "2024-03-04", "Associated Press"),
        ("Reuters, 12 May 2025", "2025-05-12", "Reuters"),
        ("Reuters, 12 May 2025.", "2025-05-12", "Reuters"),
        ("_Harbour Gazette, 3 June 2024_", "2024-06-03", "Harbour Gazette"),
        ("Associated Press — March 4, 2024", "2024-03-04", "Associated Press"),
        ("Associated Press | March 4, 2024", "2024-03-04", "Associated Press"),
        ("March 4, 2024, Associated Press", "2024-03-04", "Associated Press"),
        ("AFP, Tuesday 4 March 2025", "2025-03-04", "AFP"),
        ("Kyiv, 12 May 2025", "2025-05-12", None),  # a place, not an outlet
        ("WASHINGTON, March 4, 2024", "2024-03-04", None),
    ],
)
def test_a_credit_dateline_under_the_title_is_metadata(
    line: str, iso: str, publisher: str | None
) -> None:
    doc = parse(f"{TITLE}\n\n{line}\n\n{BODY}")
    assert doc.title == TITLE
    assert headings(doc) == []
    assert texts(doc)[0].startswith(FIRST)
    assert len(texts(doc)) == 3
    assert (doc.date, doc.publisher) == (iso, publisher)


def test_a_credit_dateline_above_the_title_is_metadata() -> None:
    doc = parse(f"*Associated Press, March 4, 2024*\n\n{TITLE}\n\n{BODY}")
    assert doc.title == TITLE
    assert headings(doc) == []
    assert len(texts(doc)) == 3
    assert (doc.date, doc.publisher) == ("2024-03-04", "Associated Press")


def test_a_credit_dateline_under_a_byline_is_metadata() -> None:
    doc = parse(f"{TITLE}\n\nBy Anna Ortiz\n\nReuters, 12 May 2025\n\n{BODY}")
    assert (doc.author, doc.date, doc.publisher) == ("Anna Ortiz", "2025-05-12", "Reuters")
    assert headings(doc) == [] and len(texts(doc)) == 3


def test_the_first_date_found_is_kept() -> None:
    doc = parse(f"{TITLE}\n\nBy Anna Ortiz | 4 March 2025\n\nReuters, 12 May 2025\n\n{BODY}")
    assert (doc.date, doc.publisher) == ("2025-03-04", "Reuters")
    assert len(texts(doc)) == 3


def test_a_stated_publisher_wins_over_the_credit_line() -> None:
    text = f"---\ntitle: {TITLE}\npublisher: Port Ellery Post\n---\n\nReuters, 12 May 2025\n\n"
    doc = parse_document(Path("x.md"), text + BODY, doc_id="x", markdown=True)
    assert doc.publisher == "Port Ellery Post"
    assert doc.date == "2025-05-12"
    assert len(texts(doc)) == 3


@pytest.mark.parametrize("line", ["Washington (AP) —", "Kyiv (Reuters) -", "(AP) —"])
def test_a_wire_dateline_in_any_case_is_metadata(line: str) -> None:
    doc = parse(f"{TITLE}\n\n{line}\n\n{BODY}")
    assert headings(doc) == []
    assert len(texts(doc)) == 3 and texts(doc)[0].startswith(FIRST)
    assert doc.publisher == line.split("(")[1].split(")")[0]


@pytest.mark.parametrize(
    "line",
    [
        "Yes.",
        "Reuters reported the deal on 12 May 2025.",
        "London, 12 May 2025, will be remembered as the day the strike ended.",
        "On March 4, 2024, the port closed.",
        "Nobody came.",
    ],
)
def test_one_line_paragraphs_stay_passages(line: str) -> None:
    doc = parse(f"{TITLE}\n\n{line}\n\n{BODY}")
    assert line in texts(doc)


def test_a_credit_dateline_deep_in_the_body_is_not_read() -> None:
    long_para = BODY.split("\n\n")[0]
    text = f"{TITLE}\n\n" + "\n\n".join([long_para] * 9) + "\n\nReuters, 12 May 2025.\n\nEnd.\n"
    doc = parse(text)
    assert doc.date is None and doc.publisher is None
    assert "Reuters, 12 May 2025." in texts(doc)


# -- bylines that name the outlet ---------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "author", "publisher"),
    [
        ("By Anna Ortiz, Reuters", "Anna Ortiz", "Reuters"),
        ("By Anna Ortiz and Ben Cole, Reuters", "Anna Ortiz and Ben Cole", "Reuters"),
        ("By Anna Ortiz, Ben Cole and Sam Lee, AFP", "Anna Ortiz, Ben Cole and Sam Lee", "AFP"),
        ("By Anna Ortiz | Reuters", "Anna Ortiz", "Reuters"),
        ("By Anna Ortiz – Reuters", "Anna Ortiz", "Reuters"),
        ("By Anna Ortiz for the Guardian", "Anna Ortiz", "Guardian"),
        ("By Anna Ortiz for Harbour Gazette", "Anna Ortiz", "Harbour Gazette"),
        ("By Anna Ortiz, Associated Press", "Anna Ortiz", "Associated Press"),
        ("By Anna Ortiz, The Associated Press", "Anna Ortiz", "The Associated Press"),
        ("By ANNA ORTIZ, Associated Press", "ANNA ORTIZ", "Associated Press"),
        ("By Anna Ortiz, Staff Writer, Reuters", "Anna Ortiz", "Reuters"),
        ("By Anna Ortiz in Kyiv for Reuters", "Anna Ortiz", "Reuters"),
        ("By Anna Ortiz, harbourgazette.com", "Anna Ortiz", "harbourgazette.com"),
    ],
)
def test_a_byline_naming_the_outlet(line: str, author: str, publisher: str) -> None:
    doc = parse(f"{TITLE}\n\n{line}\n\n{BODY}")
    assert (doc.author, doc.publisher) == (author, publisher)
    assert headings(doc) == [] and len(texts(doc)) == 3


def test_a_byline_with_outlet_and_date() -> None:
    doc = parse(f"{TITLE}\n\nBy Anna Ortiz, Reuters, March 4, 2024\n\n{BODY}")
    assert (doc.author, doc.publisher, doc.date) == ("Anna Ortiz", "Reuters", "2024-03-04")


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Anna Ortiz, Ben Cole and Sam Lee", "Anna Ortiz, Ben Cole and Sam Lee"),
        ("By Anna Ortiz and Ben Cole", "Anna Ortiz and Ben Cole"),
        ("By John Smith, Jr.", "John Smith, Jr"),
        ("By Anna Ortiz in Kyiv", "Anna Ortiz"),
    ],
)
def test_a_byline_without_an_outlet_is_unchanged(line: str, author: str) -> None:
    doc = parse(f"{TITLE}\n\n{line}\n\n{BODY}")
    assert (doc.author, doc.publisher) == (author, None)


def test_a_stated_publisher_wins_over_the_byline_outlet() -> None:
    text = f"---\ntitle: {TITLE}\npublisher: Port Ellery Post\n---\n\nBy Anna Ortiz, Reuters\n\n"
    doc = parse_document(Path("x.md"), text + BODY, doc_id="x", markdown=True)
    assert (doc.author, doc.publisher) == ("Anna Ortiz", "Port Ellery Post")


@pytest.mark.parametrize(
    "line", ["Anna Ortiz, Associated Press", "Hong Kong, AFP", "Middle East | Reuters"]
)
def test_a_name_and_an_outlet_without_by_is_not_the_publisher_alone(line: str) -> None:
    """A person or a place with the outlet, no "By": which it is cannot be told by shape,
    so neither is read (the whole line was once taken for the outlet's name)."""
    doc = parse(f"{TITLE}\n\n{line}\n\n{BODY}")
    assert (doc.author, doc.publisher) == (None, None)


def test_the_outlet_again_under_a_byline_that_named_it_is_metadata() -> None:
    doc = parse(f"{TITLE}\n\nBy Anna Ortiz, Associated Press\n\nAssociated Press\n\n{BODY}")
    assert (doc.author, doc.publisher) == ("Anna Ortiz", "Associated Press")
    assert headings(doc) == [] and len(texts(doc)) == 3
