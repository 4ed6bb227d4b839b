"""Property tests: any bytes parse without an exception; parsing is deterministic."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brieftui.ingest.reader import decode
from brieftui.ingest.structure import parse_document

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text built from pieces that exercise the rules: prompts, headings, dates, markdown.
PIECES = st.sampled_from(
    [
        "Join our WhatsApp Channel",
        "Follow us on X",
        "READ ALSO: ",
        "By: ",
        "March 04, 2025",
        "Leave a Reply",
        "# ",
        "## ",
        "**",
        "*",
        "[",
        "](",
        ")",
        "© ",
        "Short-Term (6-12 months):",
        "The Economic Dimension",
        "abandoning its support",
        "Donald Trump Nato",
        "\n",
        "\n\n",
        "\r\n",
        ". ",
        "? ",
        ": ",
        "“",
        "”",
        "The talks ended on Friday without a deal.",
        "Dr Jane Doe is a journalist.",
        "He has written two books.",
        "About the author",
    ]
)
SCRAPED_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=60).map("".join)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_never_raise(data: bytes) -> None:
    text, _problem = decode(data)
    if text is not None:
        doc = parse_document(Path("any.txt"), text)
        assert doc.title


@SETTINGS
@given(SCRAPED_TEXT, st.booleans())
def test_scraped_like_text_parses_and_is_stable(text: str, markdown: bool) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = parse_document(Path("doc.md" if markdown else "doc.txt"), text, markdown=markdown)
    second = parse_document(Path("doc.md" if markdown else "doc.txt"), text, markdown=markdown)
    assert first == second
    ids = [p.id for p in first.passages()]
    assert ids == [f"doc:{n}" for n in range(1, len(ids) + 1)]
    for passage in first.passages():
        assert passage.text and passage.text == passage.text.strip()
    for section in first.sections:
        assert section.level in (0, 1, 2)
        assert (section.heading is None) == (section.level == 0)
