"""Property tests: any bytes parse without an exception; parsing is deterministic."""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brieftui.ingest.reader import decode
from brieftui.ingest.structure import parse_document

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# 100 examples keep the suite fast; BRIEFTUI_HYPOTHESIS_EXAMPLES=5000 for a deeper run.
SETTINGS = settings(
    max_examples=int(os.environ.get("BRIEFTUI_HYPOTHESIS_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

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
        assert not _CONTROL.search(text)  # plain text from the moment it is read
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
    assert first.id == ("doc.md" if markdown else "doc")
    assert ids == [f"{first.id}:{n}" for n in range(1, len(ids) + 1)]
    for passage in first.passages():
        assert passage.text and passage.text == passage.text.strip()
    for section in first.sections:
        assert section.level in (0, 1, 2)
        assert (section.heading is None) == (section.level == 0)


# --- no body sentence lost, whatever the boilerplate around it ---------------------------

_NOUNS = ["alliance", "minister", "talks", "sanctions", "border", "troops", "summit", "treaty",
          "budget", "pipeline", "ceasefire", "envoy", "vote", "convoy"]  # fmt: skip
_VERBS = ["met", "signed", "rejected", "delayed", "praised", "questioned", "funded", "reviewed"]
_PLACES = ["Brussels", "Kyiv", "Warsaw", "Ankara", "Geneva", "Riga"]
_CHROME = [
    "Advertisement",
    "Follow us on Twitter",
    "READ ALSO: Talks resume in Geneva",
    "Photo: Reuters",
    "Share this article",
    "Subscribe to our newsletter",
    "3 min read",
    "Related: What the treaty says",
]

SENTENCE = st.builds(
    lambda a, v, b, p: f"{a.capitalize()} {v} the {b} in {p}.",
    st.sampled_from(_NOUNS),
    st.sampled_from(_VERBS),
    st.sampled_from(_NOUNS),
    st.sampled_from(_PLACES),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=6).map(" ".join)
BLOCK = st.one_of(
    PARAGRAPH.map(lambda p: ("body", p)), st.sampled_from(_CHROME).map(lambda c: ("chrome", c))
)


@SETTINGS
@given(st.lists(BLOCK, min_size=1, max_size=25), st.booleans())
def test_no_body_sentence_lost(blocks: list[tuple[str, str]], blank_lines: bool) -> None:
    sep = "\n\n" if blank_lines else "\n"
    text = "A Headline For The Property Test" + sep + sep.join(t for _, t in blocks) + "\n"
    doc = parse_document(Path("p.txt"), text)
    passages = "\n".join(p.text for p in doc.passages())
    body = "\n".join(t for kind, t in blocks if kind == "body")
    for kind, block in blocks:
        if kind == "chrome":
            assert block in doc.removed
            continue
        for sentence in block.replace(". ", ".\n").split("\n"):
            assert passages.count(sentence) == body.count(sentence), sentence
    assert doc.title == "A Headline For The Property Test"
