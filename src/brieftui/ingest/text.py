"""Small text helpers shared by the ingest steps: sentence ends, case, inline markdown.

Kept apart so that cleaning, metadata and heading rules agree on what a
"sentence end" or "Title Case" is; every regex here is compiled once and is
linear in the input, because a scraped file can be one 5 MB line.
"""

from __future__ import annotations

import re

from brieftui.text import CLOSERS, sentence_spans, split_sentences

__all__ = [
    "CLOSERS",
    "ends_sentence",
    "first_sentence_title",
    "is_title_case",
    "sentence_spans",
    "split_sentences",
    "squeeze",
    "starts_lower",
    "strip_inline_markdown",
    "words",
]

_FINAL_MARKS = frozenset(".!?…")
_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for with by from as per via vs vs. into onto "
    "over up than de la du von van".split()
)
_PARENS = re.compile(r"\([^()]*\)")
_LEADING_PUNCT = "\"'“‘([«*_-–—"

# Every quantifier is bounded and stops at its own delimiter, so no pattern here can
# scan past the next "*", "_" or bracket: linear on pathological input ("__a " × 1e6).
_BOLD = re.compile(
    r"\*\*(?=[^\s*])([^*\n]{1,500}?)(?<=[^\s*])\*\*|__(?=[^\s_])([^_\n]{1,500}?)(?<=[^\s_])__"
)
_STAR_BOLD = re.compile(r"\*\*(?=[^\s*])([^*\n]{1,500}?)(?<=[^\s*])\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,500}?)(?<=[^\s*])\*(?![\w*])")
_LINK = re.compile(
    r"!?\[([^\[\]\n]{0,300})\]\([^()\s\[\]]{0,1000}(?:\([^()\s]{0,200}\)[^()\s\[\]]{0,300})?\)"
)
_CODE = re.compile(r"`([^`\n]{1,500})`")
_WEB_LINK = re.compile(
    r"(?<!!)\[([^\[\]\n]{1,300})\]\(https?://[^()\s\[\]]{1,1000}(?:\([^()\s]{0,200}\)[^()\s\[\]]{0,300})?\)"
)
"""A markdown link to a web address; plain text keeps any other bracket and parenthesis."""


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with ., !, ? or … (optionally followed by quotes/brackets)."""
    return text[-12:].rstrip(CLOSERS)[-1:] in _FINAL_MARKS


def words(text: str) -> list[str]:
    return text.split()


def is_title_case(text: str) -> bool:
    """Every significant word starts with a capital (or a digit); small words may not.

    Parenthesised parts are ignored ("Short-Term (6-12 months)" is Title Case),
    so is leading punctuation ("“Trump-Putin Deal”").
    """
    if "(" in text:
        text = _PARENS.sub(" ", text)
    significant = 0
    for i, raw in enumerate(text.split()):
        word = raw.lstrip(_LEADING_PUNCT)
        if not word:
            continue
        first = word[0]
        if not first.isalpha():
            if first.isdigit():
                significant += 1
            continue
        if i > 0 and word.lower().rstrip(":,;.?!") in _SMALL_WORDS:
            continue
        if not first.isupper():
            return False
        significant += 1
    return significant > 0


def starts_lower(text: str) -> bool:
    """True for a line that starts with a lower-case word ("abandoning its…"), not "iPhone"."""
    if not text or not text[0].islower():
        return False
    head = text.split(" ", 1)[0]
    return not any(ch.isupper() for ch in head[1:])


def strip_inline_markdown(text: str, markdown: bool = True) -> str:
    """``**bold**``, ``*em*``, ``[text](url)`` and ```code``` → their words.

    ``markdown=False`` (a ``.txt`` file, a web page's text): only what plain text never
    means literally, ``**bold**`` and a link to a web address. Plain text keeps its
    ``__init__``, ``snake_case``, ``a*b*c`` and backticks exactly (from a trial: a
    ``.txt`` article's ``__init__`` read "init", so a quote of it was refused).
    """
    if markdown and ("*" in text or "_" in text):
        text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
        if "*" in text:
            text = _ITALIC.sub(r"\1", text)
    elif "**" in text:
        text = _STAR_BOLD.sub(r"\1", text)
    if "](" in text:
        text = (_LINK if markdown else _WEB_LINK).sub(r"\1", text)
    if markdown and "`" in text:
        text = _CODE.sub(r"\1", text)
    return text


def squeeze(text: str) -> str:
    """Collapse runs of whitespace (spaces, tabs, nbsp) to one space and strip the ends.

    ``str.split`` runs in C, several times faster than a regex over long text;
    zero-width characters are not whitespace to it, so they stay.
    """
    if "  " in text or "\t" in text or "\xa0" in text or "\u2009" in text or "\u3000" in text:
        return " ".join(text.split())
    return text.strip()


def first_sentence_title(text: str, limit: int = 100) -> str:
    """A fallback title: the first sentence, cut at a word boundary near ``limit``."""
    sentence = split_sentences(text[: limit * 4])[0] if text.strip() else text
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"
