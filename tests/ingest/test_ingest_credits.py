"""Chrome found on a brief written after the rules were (tests/compare/fixtures/second_brief):
a share bar with filler words, a wire dateline on its own line, a desk credit."""

from __future__ import annotations

from pathlib import Path

from brieftui.ingest import parse_document

BODY = (
    "The Bank of England cut its benchmark interest rate by 25 basis points on Thursday.\n\n"
    "Governor Andrew Bailey said cuts would be gradual and careful.\n\n"
    "Markets had expected the move after weeks of weak data.\n"
)


def parse(text: str):
    return parse_document(Path("x.txt"), text, doc_id="x")


def headings(doc) -> list[str | None]:
    return [s.heading for s in doc.sections if s.heading]


def test_a_share_bar_with_filler_words_is_removed() -> None:
    doc = parse("Gilts Rally as the Bank Splits\n\nShare this article  Tweet  Email\n\n" + BODY)
    assert headings(doc) == []
    assert "Share this article Tweet Email" in doc.removed  # whitespace squeezed
    assert all("Tweet" not in p.text for p in doc.passages())


def test_a_wire_dateline_line_is_not_a_heading() -> None:
    doc = parse("BoE lowers key rate to 4.25%\n\nLONDON, May 8 (Wire) -\n\n" + BODY)
    assert headings(doc) == []
    assert "LONDON, May 8 (Wire) -" in doc.removed
    assert doc.passage_count == 3


def test_a_desk_credit_is_the_byline() -> None:
    doc = parse("Rate cut: what it means for your mortgage\n\nYour Money desk\n\n" + BODY)
    assert headings(doc) == []
    assert doc.author == "Your Money desk"


def test_prose_with_share_words_stays() -> None:
    text = "A Title Here\n\nShare prices fell as traders sold the story on Tuesday.\n\n" + BODY
    doc = parse(text)
    assert any(p.text.startswith("Share prices fell") for p in doc.passages())


def test_a_short_title_case_heading_is_still_a_heading() -> None:
    doc = parse("A Title Here\n\n" + BODY + "\nWhat Comes Next\n\n" + BODY)
    assert headings(doc) == ["What Comes Next"]


def test_a_date_and_credit_line_is_metadata() -> None:
    doc = parse(
        "Gilts Rally as the Bank Splits\n\nPosted 8 May 2025 | Markets Daily team\n\n" + BODY
    )
    assert headings(doc) == []
    assert (doc.date, doc.author) == ("2025-05-08", "Markets Daily team")
    doc = parse("Gilts Rally as the Bank Splits\n\nBy Jane Roe | 4 March 2025\n\n" + BODY)
    assert (doc.date, doc.author) == ("2025-03-04", "Jane Roe")
