"""Removing what a scraper drags in with an article, and keeping a record of it.

``split_paragraphs`` turns decoded text into paragraphs (one per line in the
scraped style, blank-line blocks in markdown or hard-wrapped text);
``clean`` then removes boilerplate (see :mod:`.boilerplate` for the rules),
moves an author-bio block at the end to ``about``, and rejoins a paragraph that
a scraper broke mid-sentence. Every removed fragment is kept, in document
order, so the reader can show it and tests can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from brieftui.ingest import boilerplate as bp
from brieftui.ingest import furniture
from brieftui.ingest import metadata as meta
from brieftui.ingest.text import (
    ends_sentence,
    split_sentences,
    squeeze,
    starts_lower,
    strip_inline_markdown,
)
from brieftui.text import STOPWORDS

MD_HEADING = re.compile(r"#{1,6}\s+\S")
MD_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,2000}\)")
_LIST_ITEM = re.compile(r"(?:[-*+•]|\d{1,3}[.)])\s+\S")
_BULLET = re.compile(r"^[-*+]\s+(?=\S)")
_ABOUT_AUTHOR = re.compile(r"about (?:the )?(?:authors?|writer|contributor)s?\s*:?", re.IGNORECASE)
_BIO_START = re.compile(
    r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Sir|Dame)\.?\s+)?(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+){0,3})"
    r"(?:\s*,[^.]{0,250}?,)?\s+(?:is|was|has been|serves as|works as)\s+(?:a|an|the|currently)\b"
)
_PROFESSION = re.compile(
    r"\b(?:journalist|writer|author|editor|publisher|correspondent|columnist|reporter|analyst"
    r"|scholar|professor|researcher|fellow|contributor|lecturer|consultant|blogger|commentator"
    r"|freelance|producer|strategist|economist)s?\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|they|their|them)\b", re.IGNORECASE)

_PROMPT_INITIALS = frozenset("JFSLGDCTAjfslgdcta")
"""First letters of the prompts :func:`~.boilerplate.split_glued_prompt` knows."""
_NOT_PROMPT_SECOND = frozenset("bcfghjkmnqrsvwxyzBCFGHJKMNQRSVWXYZ0123456789 ,.;:!?'\"-") - set(
    "oOuUiIeElLaAtTdDpP"
)
"""Second characters none of those prompts can have (they go on "jo", "fo", "su", "si",
"li", "ge", "do", "cl", "ta", "st", "Ad", "Sp"): a set lookup spares two regex calls."""


def _needs_tidy(text: str) -> bool:
    """Cheap test: could inline markdown or doubled/odd whitespace be in ``text``?"""
    return (
        "*" in text
        or "_" in text
        or "`" in text
        or "](" in text
        or "  " in text
        or "\t" in text
        or "\xa0" in text
        or "\u2009" in text
        or "\u3000" in text
    )


PROSE_MIN = 150
"""A paragraph at least this long that ends a sentence is article prose, not page chrome."""


Removal = tuple[int, str, str]
"""One removed fragment: (index of the input paragraph it came from, text, why)."""


@dataclass
class Cleaned:
    """Kept paragraphs, removed fragments (with the index of the input paragraph each
    came from, for ordering, and why it was removed), and the author bio."""

    paragraphs: list[str]
    removed_at: list[Removal] = field(default_factory=list)
    about: str | None = None
    origins: list[int] = field(default_factory=list)

    @property
    def removed(self) -> list[str]:
        return [text for _, text, _why in sorted(self.removed_at, key=lambda item: item[0])]


def split_paragraphs(text: str, *, markdown: bool = False) -> list[str]:
    """Decoded text → paragraphs, blank lines dropped.

    Scraped text puts one paragraph on a line. Markdown and hard-wrapped text
    (most lines 40–100 characters, blank lines between blocks) put one on a
    block of lines; there consecutive lines are joined, except list items and
    ``#`` headings, which stay lines of their own.
    """
    lines = text.split("\n")
    if not markdown and not _looks_hard_wrapped(lines):
        return [s for line in lines if (s := line.strip())]
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        own_line = MD_HEADING.match(line) or _LIST_ITEM.match(line) or MD_IMAGE.fullmatch(line)
        if not own_line and (not current or ends_sentence(current[-1])):
            # A credit or prompt line inside a block ("Image: AFP") is not prose.
            own_line = bp.classify_line(line, zone=False) is not None
        if own_line:
            if current:
                paragraphs.append(" ".join(current))
            paragraphs.append(_BULLET.sub("• ", line, count=1))
            current = []
            continue
        if line.startswith(">"):
            line = line.lstrip("> ")
            if not line:  # an empty quote line (">"): nothing to add, and not a paragraph
                continue
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _looks_hard_wrapped(lines: list[str]) -> bool:
    sample = lines[:400]
    lengths: list[int] = []
    for line in sample:
        n = len(line)
        if n > 120:  # one long line: scraped one-paragraph-per-line text, not wrapped
            return False
        if n and (s := line.strip()):
            lengths.append(len(s))
    if len(lengths) < 6 or max(lengths) > 110:
        return False
    # wrapped text has blank lines between its blocks; one paragraph per line has none
    # (a final newline leaves one empty line at the end: that is not a blank line between)
    inner = "\n".join(sample).strip("\n").split("\n")
    if all(line.strip() for line in inner):
        return False
    wrapped = sum(1 for n in lengths if 40 <= n <= 110)
    return wrapped >= 0.6 * len(lengths)


def _is_prose(paragraph: str) -> bool:
    return len(paragraph) >= PROSE_MIN and (
        len(paragraph) > 2 * PROSE_MIN or ends_sentence(paragraph)
    )


def clean(paragraphs: list[str], markdown: bool = False) -> Cleaned:
    """Remove boilerplate from ``paragraphs``; see the module docstring."""
    # Whole-document gates (one C-level scan each) spare per-paragraph checks that
    # cannot fire: most articles have no glued trailing prompt and no markdown.
    whole = "\n".join(paragraphs)
    # Which paragraphs may end with a glued prompt (None: cannot tell cheaply, try all).
    trailing_at = bp.trailing_prompt_lines(paragraphs, whole)
    check_tidy = _needs_tidy(whole)
    removed: list[Removal] = []
    prose = [
        i
        for i, p in enumerate(paragraphs)
        if len(p) >= PROSE_MIN and (len(p) > 2 * PROSE_MIN or ends_sentence(p))
    ]  # _is_prose, inlined
    first_prose = prose[0] if prose else min(3, len(paragraphs))
    last_prose = prose[-1] if prose else len(paragraphs) - 4

    kept: list[tuple[int, str]] = []
    promo_cut: int | None = None  # a removed promo header after the last paragraph
    classify_line = bp.classify_line
    for i, para in enumerate(paragraphs):
        first = para[0]
        if first == "#" and MD_HEADING.match(para):
            kept.append((i, para))
            continue
        # (length tests inlined: this loop runs for every paragraph of every file)
        kind = (
            "image"
            if first == "!" and len(para) <= bp.MAX_CHROME and MD_IMAGE.fullmatch(para)
            else classify_line(para, zone=i < first_prose or i > last_prose)
            if len(para) <= bp.MAX_CHROME
            else None
        )
        if kind is not None:
            removed.append((i, para, str(kind)))
            if promo_cut is None and prose and i > last_prose and furniture.is_promo_header(para):
                promo_cut = i
            continue
        glued = (
            bp.split_glued_prompt(para)
            if first in _PROMPT_INITIALS and para[1:2] not in _NOT_PROMPT_SECOND
            else None
        )
        if glued is not None:
            removed.append((i, glued[0], "prompt glued to the text"))
            para = glued[1]
        trailing = (
            bp.split_trailing_prompt(para)
            if trailing_at is None or (trailing_at and i in trailing_at)
            else None
        )
        if trailing is not None:
            para = trailing[0]
            removed.append((i, trailing[1], "prompt after the text"))
        if para:
            kept.append((i, para))

    if promo_cut is not None:  # "Read Next" and the story links under it
        removed.extend((i, p, "related-story promo") for i, p in kept if i > promo_cut)
        kept[:] = [item for item in kept if item[0] < promo_cut]
    _remove_blocks(kept, removed, first_prose, last_prose if prose else None)
    # A tag list ends the page: short capitalised words after the last paragraph.
    while prose and kept and kept[-1][0] > last_prose and bp.is_tag_list(kept[-1][1]):
        removed.append((*kept.pop(), "tag list"))

    _remove_engagement(kept, removed)
    about = _take_bio(kept)
    paragraphs_out: list[str] = []
    origins: list[int] = []
    for i, para in _rejoin(kept):
        text = (
            squeeze(strip_inline_markdown(para, markdown))
            if check_tidy and _needs_tidy(para)
            else para
        )
        if text:
            paragraphs_out.append(text)
            origins.append(i)
    return Cleaned(paragraphs_out, [(i, squeeze(t), why) for i, t, why in removed], about, origins)


def _link_like(para: str) -> bool:
    """A story link under a promo header: a headline, not a sentence of the article."""
    return len(para) <= 150 and len(para.split()) >= 3 and not ends_sentence(para)


def _remove_blocks(
    kept: list[tuple[int, str]],
    removed: list[Removal],
    first_prose: int,
    last_prose: int | None,
) -> None:
    """Remove promo blocks (a header and its story links) and a highlight box at the top.

    After the last paragraph a promo header ("More Local News", "Explore more on these
    topics") ends the article: it and every line after it go. Inside the article it
    takes only the headline-like lines right under it, and only when there are two or
    more. A highlight box ("Key points" and its bullets) is removed only above the
    first paragraph of prose, where it summarises what follows.
    """
    k = 0
    while k < len(kept):
        i, para = kept[k]
        if furniture.is_promo_header(para):
            if last_prose is not None and i > last_prose:
                removed.extend((n, p, "related-story promo") for n, p in kept[k:])
                del kept[k:]
                return
            j = k + 1
            while j < len(kept) and j - k <= 6 and _link_like(kept[j][1]):
                j += 1
            if j - k >= 3:
                removed.extend((n, p, "related-story promo") for n, p in kept[k:j])
                del kept[k:j]
                continue
        elif i < first_prose and furniture.is_highlights_header(para):
            j = k + 1
            while j < len(kept) and kept[j][0] < first_prose and len(kept[j][1]) <= 300:
                j += 1
            if 1 < j - k <= 7:
                removed.extend((n, p, "highlight box") for n, p in kept[k:j])
                del kept[k:j]
                continue
        k += 1


def _remove_engagement(kept: list[tuple[int, str]], removed: list[Removal]) -> None:
    """Drop calls to comment/share from the last paragraphs, sentence by sentence."""
    for k in range(max(0, len(kept) - 3), len(kept)):
        i, para = kept[k]
        if len(para) > 3000 or not bp.may_engage(para):
            continue
        sentences = split_sentences(para)
        keep = [s for s in sentences if not bp.is_engagement(s)]
        if len(keep) == len(sentences):
            continue
        removed.extend((i, s, "call to comment/share") for s in sentences if bp.is_engagement(s))
        kept[k] = (i, " ".join(keep))
    kept[:] = [(i, p) for i, p in kept if p]


def _take_bio(kept: list[tuple[int, str]]) -> str | None:
    """Move an author-bio block at the end out of the body; return it as ``about``.

    The block starts with "About the author" or with a sentence that introduces
    a person by profession ("Jane Doe, a fellow at X, is a journalist…"), and
    every paragraph after it to the end talks about that person (a pronoun or
    their surname), who is not named anywhere in the body before it (else the
    article is about them). Only the last eight paragraphs are considered.
    """
    n = len(kept)
    for k in range(max(1, n - 8), n):
        para = kept[k][1]
        if _ABOUT_AUTHOR.fullmatch(para):
            bio = [p for _, p in kept[k + 1 :]]
            if not bio:
                continue
            del kept[k:]
            return "\n\n".join(squeeze(p) for p in bio)
        if len(para) > 1500:
            continue
        m = _BIO_START.match(para)
        if m is None:
            continue
        first = split_sentences(para[:600])[0]
        if not _PROFESSION.search(first):
            continue
        surname = m.group("name").split()[-1]
        if any(surname in p for _, p in kept[:k]):
            continue  # a person the article is about ("Trump is the author of…"), not its author
        rest = [p for _, p in kept[k + 1 :]]
        if all(len(p) <= 1500 and (_PRONOUN.search(p) or surname in p) for p in rest):
            bio = [p for _, p in kept[k:]]
            del kept[k:]
            return "\n\n".join(squeeze(p) for p in bio)
    return None


def _rejoin(kept: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A paragraph that starts lower-case continues the one before it, unless it is a
    dateline of its own ("on May 4, 2021 at 9:15 AM, updated …" under a headline)."""
    out: list[tuple[int, str]] = []
    for i, para in kept:
        if (
            out
            and para[0].islower()
            and starts_lower(para)
            and not MD_HEADING.match(out[-1][1])
            and not _own_dateline(para)
            and not (len(out) == 1 and _headline_shaped(out[0][1]))
        ):
            out[-1] = (out[-1][0], out[-1][1] + " " + para)
        else:
            out.append((i, para))
    return out


def _own_dateline(para: str) -> bool:
    """A short line of only a date or a publishing stamp, read as metadata later."""
    return len(para) <= 90 and (
        meta.dateline(para) is not None or meta.numeric_dateline(para)[0] or meta.time_stamp(para)
    )


def _headline_shaped(first: str) -> bool:
    """The first paragraph reads as a whole headline: short, no closing punctuation, and
    not cut off after a small word ("… voted to close the" continues; "… found guilty"
    does not). A lower-case paragraph under it starts the article, not the headline's
    second half (from a trial: "on the waterfront, …" ran on into the title)."""
    words = first.split()
    return 0 < len(first) <= 150 and first[-1].isalnum() and words[-1].lower() not in STOPWORDS
