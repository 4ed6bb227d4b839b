"""Terms: the words, names-to-be, numbers and dates of a passage, with their spans.

The first stage of compare. A passage's text becomes a list of *occurrences*
``(term, start, end, kind)``: words folded with :mod:`brieftui.text` (the
tokenizer search uses, so evidence and search agree on what a word is), British
and American spellings joined, stopwords dropped and plurals lightly stemmed;
dates in the usual shapes become one date term (``@02-28``, ``@2025-02``) and
numbers ``#``-terms (``#2000``). Whether a word is a name is not known yet: that
needs the whole brief (see :mod:`.names`), so raw occurrences carry the word's
*shape* (lower, capitalised, sentence-initial, acronym) for that stage.

Occurrences are plain tuples of ``str`` and ``int``: the cyclic garbage collector
stops tracking such tuples after one pass, so a large built index costs nothing
to later collections (lists, or Enum members in the tuples, would be walked on
every full collection: about a second at 5,000 articles).
"""

from __future__ import annotations

import re

from brieftui.text import STOPWORDS, TOKEN_RE, fold, is_question, sentence_spans, spelling_key

# -- token kinds and shapes -----------------------------------------------------------
# Plain ints, not an Enum: occurrences are tuples of str and int, which the cyclic GC
# stops tracking after one pass (an Enum member would keep every tuple tracked).
WORD = 0
"""A content word (folded, spelling-neutral, stemmed; a name keeps its canonical form)."""
NUMBER = 1
"""A figure: ``#2000`` for "2,000", ``#2025`` for the year of a date."""
DATE = 2
"""A date: ``@02-28`` (day and month), ``@2025-02`` (month and year)."""
PHRASE = 3
"""Two adjacent names as one term ("oval office", "bank england"); never weighed."""

# The shape of a raw word occurrence, for telling names from ordinary words.
LOWER = 0
"""Starts lower-case (or is a number or date: shape is read for words only)."""
CAPITALISED = 1
"""Starts upper-case and is not the first word of a sentence: evidence of a name."""
INITIAL = 2
"""Starts upper-case as the first word of a sentence: says nothing."""
ACRONYM = 3
"""All capitals ("NATO", "U.S."): always a name."""
_UPPER = 4
"""From :func:`_token_info`: starts upper-case; CAPITALISED or INITIAL by position."""

NOT_INITIAL = frozenset({LOWER, CAPITALISED})
"""Word shapes whose case says whether a word is a name (a sentence's first word doesn't)."""

# A token occurrence: (term, start, end, kind), kind one of WORD, NUMBER, DATE, PHRASE.
Occ = tuple[str, int, int, int]
# Before names are known: (key, start, end, kind, shape).
RawOcc = tuple[str, int, int, int, int]


# -- dates ----------------------------------------------------------------------------
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH_RE = (
    r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_RE = re.compile(
    r"\b(?:"
    r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH_RE.format(g="m1")
    + r"(?:,?\s+(?P<y1>\d{4}))?"
    r"|" + _MONTH_RE.format(g="m2") + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{4}))?"
    r"|" + _MONTH_RE.format(g="m3") + r"\s+(?P<y3>\d{4})"
    r")\b"
)
_INITIAL_BEFORE = set('.!?:;"“”‘’(—–-•*')


def stem(word: str) -> str:
    """Light plural stemming: "allies" → "ally", "sanctions" → "sanction"."""
    n = len(word)
    if n > 4 and word.endswith("ies") and not word.endswith("eies"):
        return word[:-3] + "y"
    if n > 4 and word.endswith("sses"):
        return word[:-2]
    if n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "ics")):
        return word[:-1]
    return word


def stem_more(word: str) -> str:
    """Verb endings, for words that are not names: "increasing"/"increased"/"increase" → "increas"."""
    if len(word) > 6 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 5 and word.endswith("ed") and not word.endswith("eed"):
        word = word[:-2]
    if len(word) > 5 and word.endswith("e"):
        word = word[:-1]
    return word


def only_questions(text: str) -> bool:
    """True for a passage made only of questions ("Is this a move toward peace?"): it reports nothing."""
    # the last sentence ends the text: when that is no question, no split is needed
    # (most passages with a "?" quote a question inside a statement)
    if "?" not in text or not is_question(text):
        return False
    return all(is_question(text[s:e]) for s, e in sentence_spans(text))


_WORD = re.compile(r"[^\W\d_]{3,}")


def table_row(text: str) -> bool:
    """True for a passage that is a row of a table ("25 | Ann Lee | 530 | 0 | 1", "Valmora
    14 11 6 15 — 44"): figures in cells, no sentence. It reports no happening of its own,
    and an event labelled by it says nothing (from a trial on saved sports pages)."""
    if len(text) > 300:
        return False
    if text.count("|") >= 3:
        return True
    digits = sum(ch.isdigit() for ch in text)
    letters = sum(ch.isalpha() for ch in text)
    return digits >= 6 and digits >= letters and len(_WORD.findall(text)) < 5


def _is_initial(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, a quote or a list item (its capital says nothing)."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _INITIAL_BEFORE


_MONTH_GATE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_TOKEN_FINDALL = TOKEN_RE.finditer


SPELLING_ENDINGS = (
    *("isation", "isations", "ise", "ises", "ised", "ising", "iser", "isers"),
    *("yse", "yses", "ysed", "ysing", "fence", "fences", "cence", "cences"),
    *("sence", "sences", "tence", "tences", "tre", "tres", "ogue", "ogues"),
    *("our", "ours", "oured", "ouring", "ourite", "ourites", "ourable", "ourably"),
    *("ourful", "ourless"),
)
"""Every ending a rule of :func:`brieftui.text.spelling_key` can change (its rules are
anchored at the word's end): a word ending otherwise is its own key, with no regex run
(most words; ``tests/compare/test_columns.py`` checks the two agree)."""


def _token_info(raw: str) -> tuple[str, int, int] | None:
    """(key, kind, shape) of one raw token, or None when it carries nothing.

    ``shape`` is ACRONYM, LOWER, or ``_UPPER`` (resolved by position in the text).
    """
    if raw[0].isdigit():
        value = raw.replace(",", "")
        if value.count(".") == 1:
            value = value.rstrip("0").rstrip(".") or "0"
        return (f"#{value}", NUMBER, LOWER)
    folded = fold(raw)
    letters = raw.replace(".", "").replace("'", "").replace("’", "")
    acronym = len(letters) >= 2 and letters.isupper() and letters.isalpha()
    if not acronym and (folded in STOPWORDS or len(folded) < 2):
        return None
    if not folded.isalpha() and any(ch.isdigit() for ch in folded):
        return (f"#{folded}", NUMBER, LOWER)
    if acronym:
        return (folded, WORD, ACRONYM)
    if folded.endswith(SPELLING_ENDINGS):
        folded = spelling_key(folded)
    return (stem(folded), WORD, _UPPER if raw[0].isupper() else LOWER)


_UNSEEN: tuple[str, int, int] = ("", -1, -1)
"""The token cache's "not looked at yet" (None means "carries nothing")."""


def date_occurrences(text: str) -> tuple[list[RawOcc], list[tuple[int, int]]]:
    """The date and year occurrences of ``text`` and the spans they cover (the tokens
    inside a date span are not terms of their own), in text order."""
    out: list[RawOcc] = []
    date_spans: list[tuple[int, int]] = []
    if not _MONTH_GATE.search(text):
        return out, date_spans
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        month_word = g["m1"] or g["m2"] or g["m3"]
        month = MONTHS.get(month_word.lower().rstrip("."), 0)
        day = g["d1"] or g["d2"]
        year = g["y1"] or g["y2"] or g["y3"]
        if month == 5 and month_word == "May" and day is None and year is None:
            continue
        if day is not None and not 1 <= int(day) <= 31:
            continue
        date_spans.append((m.start(), m.end()))
        if day is not None:
            out.append((f"@{month:02d}-{int(day):02d}", m.start(), m.end(), DATE, LOWER))
        if year is not None:
            out.append((f"@{year}-{month:02d}", m.start(), m.end(), DATE, LOWER))
            out.append((f"#{year}", m.start(), m.end(), NUMBER, LOWER))
    return out, date_spans


def raw_occurrences(
    text: str, cache: dict[str, tuple[str, int, int] | None] | None = None
) -> list[RawOcc]:
    """(key, start, end, kind, shape) for each content token of ``text``.

    ``shape`` (LOWER, CAPITALISED, INITIAL, ACRONYM) matters for words only. Date spans
    replace the tokens inside them. ``cache`` maps a raw token to its
    :func:`_token_info` (one dict per build: most tokens repeat).
    """
    if cache is None:
        cache = {}
    out, date_spans = date_occurrences(text)
    dated = bool(out)
    di = 0
    nd = len(date_spans)
    get = cache.get
    append = out.append
    initial_before = _INITIAL_BEFORE
    # the per-token loop of the whole compare build (millions of tokens): no calls
    # but the match's own, _is_initial inlined
    for m in _TOKEN_FINDALL(text):
        raw = m.group()
        info = get(raw, _UNSEEN)
        if info is _UNSEEN:
            info = cache[raw] = _token_info(raw)
        if info is None:
            continue
        s = m.start()
        if nd:
            while di < nd and date_spans[di][1] <= s:
                di += 1
            if di < nd and date_spans[di][0] <= s < date_spans[di][1]:
                continue
        key, kind, shape = info
        if shape == _UPPER:
            i = s - 1
            while i >= 0 and text[i].isspace():
                i -= 1
            shape = INITIAL if i < 0 or text[i] in initial_before else CAPITALISED
        append((key, s, s + len(raw), kind, shape))
    if dated:
        out.sort(key=lambda o: (o[1], o[0]))
    return out


WEAK_EVIDENCE = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday week
    two three four five six seven eight nine ten first second third""".split()
)
"""Words every news story uses for its own days and counts: weighted, never specific evidence."""
