"""Tokens for fact extraction: words, numbers and single punctuation marks with spans.

Every extractor walks this one token list instead of running its own regular
expressions over the text, so the only regular expression that touches an
article is :data:`TOKEN_RE`, three alternatives with one quantifier each (no
nested quantifiers, so linear time on any input). Phrases ("more than", "per
cent", "Nov. 3") are then recognised by looking a bounded number of tokens
ahead or back, which is linear too.

A token knows its sentence (from :func:`brieftui.text.sentence_spans`, the
splitter the rest of brieftui uses), whether it starts one, whether a space
precedes it (so "COVID-19" or "CVN-204" are not the figure 19 or 204), and
whether it is capitalised.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from brieftui.text import STOPWORDS, fold, sentence_spans, spelling_key

TOKEN_RE = re.compile(r"\d[\d,.]*|[^\W\d_]+|\S", re.UNICODE)
"""A number (digits with separators), a run of letters, or one other visible character."""

WORD, NUM, PUNCT = 0, 1, 2


class Tok(NamedTuple):
    """One token: its text, span in the passage, lower-case form and shape."""

    text: str
    start: int
    end: int
    low: str
    kind: int
    cap: bool
    """Starts with an upper-case letter."""
    sent: int
    """Index of the sentence it is in."""
    first: bool
    """The first word of its sentence (after any opening quote or bracket)."""
    space: bool
    """Whitespace (or the start of the text) right before it."""
    i: int = 0
    """Its index in the token list."""


def tokenize(text: str) -> list[Tok]:
    """The tokens of ``text`` in order (linear time; numbers lose a trailing ``.``/``,``)."""
    sentences = sentence_spans(text) or [(0, len(text))]
    toks: list[Tok] = []
    sent = 0
    n_sent = len(sentences)
    first_pending = True
    prev_end = -1
    for m in TOKEN_RE.finditer(text):
        raw = m.group()
        start = m.start()
        while sent + 1 < n_sent and start >= sentences[sent + 1][0]:
            sent += 1
            first_pending = True
        ch = raw[0]
        if ch.isdigit():
            stripped = raw.rstrip(".,")
            kind = NUM
        elif ch.isalpha():
            stripped = raw
            kind = WORD
        else:
            stripped = raw
            kind = PUNCT
        end = start + len(stripped)
        space = start == 0 or prev_end < start or text[start - 1].isspace()
        is_first = False
        if kind != PUNCT and first_pending:
            is_first = True
            first_pending = False
        low = stripped.lower()
        toks.append(
            Tok(stripped, start, end, low, kind, ch.isupper(), sent, is_first, space, len(toks))
        )
        if stripped != raw:  # the dropped "." or "," is a token of its own
            for offset, mark in enumerate(raw[len(stripped) :]):
                at = end + offset
                toks.append(
                    Tok(mark, at, at + 1, mark, PUNCT, False, sent, False, False, len(toks))
                )
        prev_end = m.end()
    return toks


CLAUSE_BREAKS = frozenset('.;:!?()[]"“”')
"""Punctuation that ends a clause for the windows facts look through."""

EXTRA_STOP = frozenset(
    """told added according also just still even yet ago now then later earlier per cent
    percent around about nearly almost some more less least many much over under up
    there their its this those these that which who whom whose what when where while
    mr mrs ms dr new first last next time times year years day days week weeks month
    months""".split()
)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light stem of a lower-case word, so "announced"/"announcement", "ministers"/"minister"
    and "labour"/"labor" meet (British/American spellings through :func:`spelling_key`)."""
    w = spelling_key(fold(word))
    n = len(w)
    if n > 4 and (w.endswith("ies") or w.endswith("ied")):
        w = w[:-3] + "y"
    elif n > 6 and w.endswith("ments"):
        w = w[:-5]
    elif (n > 6 and w.endswith("ment")) or (n > 5 and w.endswith("ings")):
        w = w[:-4]
    elif n > 5 and w.endswith("ing"):
        w = w[:-3]
    elif n > 4 and (w.endswith("ed") or w.endswith("es")):
        w = w[:-2]
    elif n > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def is_content(tok: Tok) -> bool:
    """A word that says what a clause is about (not a stopword, not tiny)."""
    return (
        tok.kind == WORD
        and len(tok.low) > 2
        and tok.low not in STOPWORDS
        and tok.low not in EXTRA_STOP
    )


def is_name_word(tok: Tok) -> bool:
    """Capitalised and not just capitalised because it starts a sentence."""
    return tok.kind == WORD and tok.cap and not tok.first and len(tok.text) > 1
