"""Which paragraphs are headings, and at what level.

Plain-text rules (a scraper flattens ``<h2>`` to a line of its own):

* a heading is short (≤ 16 words, ≤ 140 characters), starts with a capital and
  is followed by more text;
* ending in "?" it must be Title Case ("So, What Does Trump Want?"), because a
  sentence-case question is a question in the text (or a list item);
* ending in ":" it must be Title Case and is a sub-heading, level 2
  ("Short-Term (6-12 months):"); a sentence ending in ":" introduces a list;
* ending in ., !, ;, or , it is never a heading;
* with no final punctuation it is a heading when Title Case, or when it is a
  short sentence-case line (≤ 12 words, ≤ 100 characters), which is how many
  sites style headings ("Trump’s current policies are consistent with his past
  actions") — except inside a list (after a sentence ending in ":"), where
  such lines (and single words) are list items;
* a heading directly under a level-1 heading is its sub-heading (level 2).

Markdown ``#`` headings, when a document has any, are the only headings: the
shallowest level used becomes level 1, deeper ones level 2.
"""

from __future__ import annotations

import re

from brieftui.ingest.text import CLOSERS, is_title_case, starts_lower

MD_HEADING = re.compile(r"(#{1,6})\s+")
r"""The opening ``#`` marks of a markdown heading; the closing ones are stripped in code.

Not one pattern ``(#{1,6})\s+(.*?)\s*#*\s*$``: its lazy text and the three runs
after it competing for the same spaces made it cubic (a 5,000-character heading
line with a run of spaces took minutes)."""
_LIST_ITEM = re.compile(r"(?:[-*+•▪●–—]|\d{1,3}[.)])\s")

MAX_WORDS = 16
MAX_CHARS = 140


def md_heading(paragraph: str) -> tuple[int, str] | None:
    """``(depth, text)`` for a markdown ``#`` heading line."""
    if not paragraph.startswith("#") or "\n" in paragraph:
        return None
    m = MD_HEADING.match(paragraph)
    if m is None:
        return None
    # The closing sequence: trailing spaces, then "#"s, then spaces ("## Title ##").
    text = paragraph[m.end() :].rstrip().rstrip("#").rstrip()
    if not text:
        return None
    return len(m.group(1)), text


def plain_level(paragraph: str, *, in_list: bool) -> int:
    """1 or 2 when ``paragraph`` reads as a heading in plain text, else 0."""
    if len(paragraph) > MAX_CHARS or not paragraph or starts_lower(paragraph):
        return 0
    if _LIST_ITEM.match(paragraph) or not (paragraph[0].isupper() or paragraph[0] in "“\"‘'"):
        return 0
    n_words = len(paragraph.split())
    if n_words > MAX_WORDS:
        return 0
    # 'a party girl. "': tokenised text puts a space before the closing quote
    last = paragraph.rstrip(CLOSERS + " ")[-1:] or paragraph[-1]
    if last == "?":
        return 1 if is_title_case(paragraph) else 0
    if last == ":":
        return 2 if is_title_case(paragraph) else 0
    if last in ".!…;,":
        return 0
    if in_list:
        # Inside a list only a multi-word Title Case line is a heading; "Next" is an item.
        return 1 if n_words >= 2 and is_title_case(paragraph) else 0
    if is_title_case(paragraph):
        return 1
    return 1 if n_words <= 12 and len(paragraph) <= 100 else 0


def heading_levels(paragraphs: list[str]) -> list[int]:
    """For each paragraph its heading level (1 or 2), or 0 for body text."""
    md = [md_heading(p) if p[:1] == "#" else None for p in paragraphs]
    if any(md):
        depths = [d[0] for d in md if d]
        top = min(depths)
        return [0 if d is None else (1 if d[0] == top else 2) for d in md]
    levels: list[int] = []
    in_list = False
    last_index = len(paragraphs) - 1
    for i, para in enumerate(paragraphs):
        short = len(para) <= MAX_CHARS
        level = plain_level(para, in_list=in_list) if short and i < last_index else 0
        if level == 1 and levels and levels[-1] == 1:
            level = 2
        levels.append(level)
        if level:
            in_list = False
        elif para.endswith(":"):
            in_list = True
        elif len(para) > 300:
            in_list = False
    return levels


def heading_text(paragraph: str) -> str:
    """The heading as shown: ``#`` marks and a final ":" removed."""
    md = md_heading(paragraph)
    text = md[1] if md else paragraph
    return text[:-1].rstrip() if text.endswith(":") else text
