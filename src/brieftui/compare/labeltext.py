"""Shortening a sentence to an event label: who did what, without the asides.

Split from :mod:`.labels` (which chooses the sentence): asides in brackets and
dashes, appositives after a name and trailing attributions are dropped, then the
sentence is cut at a clause boundary (or a word, with "…") within :data:`LIMIT`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brieftui.spans import shorten

LIMIT = 120
"""Labels longer than this are cut at a clause boundary (or a word, with "…")."""


@dataclass(frozen=True)
class Label:
    """An event's label, the sentence it was shortened from, and its date (as written)."""

    text: str
    sentence: str
    date: str | None
    when: str | None = None
    """The date, sortable: ``2025-02-28``, or ``--02-28`` when the year is not given."""


_OPENERS = ("the ", "a ", "an ", "who ", "which ", "whose ", "one of ", "now ", "aged ")
_RELATIVE = ("who ", "which ", "whose ")
"""Openers of a clause that may follow any noun, not only a name."""
_SAID = re.compile(
    r",\s+(?:(?:[\w.'’-]+\s+){0,4}(?:said|says|told|added|reported|announced)"
    r"(?:\s+[\w.'’-]+){0,4}|according\s+to\b[^,]{0,80})[.!]?$"
)
"""A trailing attribution (", police said.", ", according to her agent.")."""


def _drop_enclosed(text: str, opening: str, closing: str) -> str:
    """``text`` without what stands between ``opening`` and ``closing`` (one level, linear)."""
    if opening not in text:
        return text
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch == opening:
            depth += 1
        elif ch == closing and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def _drop_dash_asides(text: str) -> str:
    """ "A — an aside — B" → "A B" (em dash, en dash or a double hyphen, in pairs)."""
    for dash in (" — ", " – ", " -- "):
        while True:
            first = text.find(dash)
            if first < 0:
                break
            second = text.find(dash, first + len(dash))
            if second < 0:
                break
            text = text[:first] + " " + text[second + len(dash) :]
    return text


def _drop_appositive(text: str) -> str:
    """ "Bettie Page, the 1950s pin-up model, has died" → "Bettie Page has died".

    Only the first comma pair, only when it opens like an appositive, and only when
    something that is not a list follows it.
    """
    first = text.find(", ")
    if first < 0 or first > 60:
        return text
    rest = text[first + 2 :]
    opener = rest.lower().startswith(_OPENERS)
    if not opener:
        return text
    # "the …", "a …" stand beside a name ("Bettie Page, the model,"); after anything
    # else the commas may hold the sentence itself ("around 1:30 a.m., the actress
    # checked in …, Calif.")
    before = text[:first].split()
    if not rest.lower().startswith(_RELATIVE) and not (before and before[-1][:1].isupper()):
        return text
    second = rest.find(", ")
    if second < 0:
        return text
    tail = rest[second + 2 :]
    if not tail or tail.lower().startswith(("and ", "or ")):
        return text
    return text[:first] + " " + tail


_LEAD_TIME = re.compile(
    r"^(?:(?:just|early|late|on|by|in|last|this|at|around|about|shortly\s+after)\s+)*"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2}\b"
    r"|\d{1,2}(?::\d{2})?\s*[ap]\.\s?m\.)"
    r"[^,]{0,25},\s+",
    re.IGNORECASE,
)
"""A leading time phrase ("On Thursday, ", "Just on 28 February 2025, ", "Around 1:30
a.m., "): the date follows the label."""


_CONNECTIVE = re.compile(
    r"^(?:(?:moreover|however|meanwhile|furthermore|additionally|also|indeed|still|"
    r"nonetheless|nevertheless|therefore|thus|instead|in addition|in fact|in turn|"
    r"at the same time|as a result|for example|for instance|looking ahead|"
    r"on the other hand|in other words|by contrast|in short|today|now|so far|thus far|"
    r"as yet),\s+"
    r"|(?:but|and|so|yet|or)\s+(?!\w+,))",  # not "So far, …": a phrase, not "so" alone
    re.IGNORECASE,
)
"""A sentence's link to the one before ("Moreover, ", "But "): it says nothing alone."""


def shorten_sentence(sentence: str, limit: int = LIMIT) -> str:
    """Who did what: asides, an appositive, a leading time phrase and a trailing
    attribution dropped, then cut at a clause boundary."""
    text = " ".join(sentence.split())
    m = _CONNECTIVE.match(text)
    if m is not None and len(text) - m.end() > 20:
        rest = text[m.end() :]
        text = rest[0].upper() + rest[1:]
    for _ in range(2):  # "Early Friday morning, around 1:30 a.m., the actress …"
        m = _LEAD_TIME.match(text)
        if m is None or len(text) - m.end() <= 30:
            break
        rest = text[m.end() :]
        text = rest[0].upper() + rest[1:]
    text = _drop_enclosed(text, "(", ")")
    text = _drop_enclosed(text, "[", "]")
    text = _drop_dash_asides(text)
    text = _drop_appositive(text).lstrip(" —–-:")
    m = _SAID.search(text)
    if m is not None and m.start() > 20:
        text = text[: m.start()]
    text = " ".join(text.split()).strip(" ,;:")
    if text.endswith((".", "!")) and not text.endswith(".."):
        text = text[:-1]
    if len(text) <= limit:
        return text
    # a clause boundary before the limit reads better than a cut word (never inside a quote)
    for sep in ("; ", " — ", ": "):
        cut = text.rfind(sep, 0, limit)
        if cut >= limit // 2 and _quotes_closed(text[:cut]):
            return text[:cut].rstrip(" ,;:")
    cut_text = shorten(text, limit)
    if not _quotes_closed(cut_text):  # never stop inside a quote: stop before it
        opening = max(cut_text.rfind('"'), cut_text.rfind("“"))
        if opening >= limit // 3:
            return cut_text[:opening].rstrip(" ,;:") + "…"
    return cut_text


def _quotes_closed(text: str) -> bool:
    """True when every quote opened in ``text`` is closed (straight quotes counted in pairs)."""
    return text.count('"') % 2 == 0 and text.count("“") <= text.count("”")


__all__ = ["LIMIT", "Label", "shorten_sentence"]
