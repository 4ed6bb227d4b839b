"""Figures: a number, what it measures (currency, %, length, duration, or a count) and what
it counts, read from the tokens of one passage.

A figure's value is an interval (see :mod:`.numbers` for the precision rule) that its
qualifier widens: "about"/"some" ±10%, "nearly"/"almost" 10% below to the figure,
"more than"/"at least" the figure to 25% above it, "up to"/"fewer than" 25% below to
the figure, and a range ("12 to 15") both ends. Two figures agree when their
intervals meet. Units are converted (miles to metres, days to hours); currencies are
never converted, so figures in two currencies are not compared.

What a figure counts is its *slot* (:mod:`.counted`): "14 people were killed",
"killing 14" and "claimed 14 lives" are all "dead"; a rate ("a share", "per family",
"annual") is part of the slot. Numbers that are
not figures are skipped: years, days of a month, clock times, ordinals, ages,
identifiers ("CVN-204", "G7", "No. 10"), a currency conversion in brackets, and
the part in "1,900 of its 4,300 employees".
"""

from __future__ import annotations

from collections.abc import Sequence

from brieftui.divergence.counted import figure_slot, nearest_name, share_subject
from brieftui.divergence.facts import FIGURE, MAX_FACTS, Fact, context_of
from brieftui.divergence.lexicon import (
    APPROX,
    APPROX_REL,
    AT_LEAST,
    AT_MOST,
    BOUND_REL,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    EXACT,
    MONTHS,
    NEARLY,
    QUALIFIER_MAX,
    QUALIFIERS,
    TENS,
    UNIT_LABEL,
    UNITS,
    UNITS_OF_MEASURE,
    VAGUE,
)
from brieftui.divergence.numbers import Number, format_value, parse_number
from brieftui.divergence.tokens import NUM, WORD, Tok, is_content, is_name_word, stem

SPORTS_STATS = frozenset(
    """point rebound yard pass carri carry touchdown td goal assist run hit inning strikeout
    save tackl sack catch reception lap wicket homer steal turnover block shot foul birdie
    bogey ace""".split()
)
"""Game statistics: a story about a game holds many per player and per period."""
IDENT_WORDS = frozenset(
    """no number article section chapter flight route page room platform gate level grade
    category phase stage round district highway road channel vol volume episode season code
    model version pier terminal block unit ward bus""".split()
)
"""Words after which a number is a name, not a figure ("Article 5", "Flight 370")."""
INCREMENTS = frozenset("more additional other others further new extra".split())
"""After a number they make it a part or an increase ("two more victims"), not the total."""
_WORD_STARTS = frozenset(UNITS) | frozenset(TENS) | frozenset(VAGUE) | {"a", "half", "one", "tens"}


def extract_figures(toks: Sequence[Tok], doc_year: int | None) -> list[Fact]:
    """Every figure in the passage, in order (a number that is not a figure is skipped)."""
    facts: list[Fact] = []
    i = 0
    n = len(toks)
    while i < n and len(facts) < MAX_FACTS:
        tok = toks[i]
        if tok.kind == NUM or (tok.kind == WORD and tok.low in _WORD_STARTS):
            found = _figure_at(toks, i, doc_year, facts)
            if found is not None:
                fact, end = found
                if fact is not None:
                    facts.append(fact)
                i = max(end, i + 1)
                continue
        i += 1
    return facts


def _attached(toks: Sequence[Tok], i: int) -> bool:
    """An identifier: digits glued to letters ("G7") or hyphenated after them ("CVN-204")."""
    tok = toks[i]
    if tok.space or i == 0:
        return False
    prev = toks[i - 1]
    if prev.kind == WORD:
        return True
    if prev.text in ":." and i > 1 and toks[i - 2].kind == NUM and not prev.space:
        return True  # "7:41", the "41" of a clock or a score
    return prev.text in "-/" and i > 1 and not prev.space and toks[i - 2].kind in (WORD, NUM)


def _qualifier(toks: Sequence[Tok], start: int) -> tuple[str, int]:
    """The qualifier right before ``toks[start]`` and where it starts."""
    for length in range(QUALIFIER_MAX, 0, -1):
        first = start - length
        if first < 0:
            continue
        key = tuple(t.low for t in toks[first:start])
        mode = QUALIFIERS.get(key)
        if mode is not None:
            return mode, first
    return EXACT, start


def _is_time_or_date_after(toks: Sequence[Tok], k: int) -> bool:
    if k >= len(toks):
        return False
    nxt = toks[k]
    if nxt.low in ("am", "pm", "gmt", "bst", "hrs", "h") and not (nxt.low == "h" and nxt.space):
        return True
    if (
        nxt.low in ("a", "p")
        and k + 2 < len(toks)
        and toks[k + 1].text == "."
        and toks[k + 2].low == "m"
    ):
        return True
    if nxt.text == ":" and k + 1 < len(toks) and toks[k + 1].kind == NUM and not toks[k + 1].space:
        return True
    if nxt.low in ("st", "nd", "rd", "th") and not nxt.space:
        return True
    if nxt.low in MONTHS and (nxt.cap or nxt.low != "may"):
        return True
    return nxt.low == "o" and k + 2 < len(toks) and toks[k + 2].low == "clock"


def _is_date_before(toks: Sequence[Tok], i: int) -> bool:
    j = i - 1
    if j >= 0 and toks[j].text == ".":
        j -= 1
    return j >= 0 and toks[j].low in MONTHS and toks[j].cap


def _figure_at(
    toks: Sequence[Tok], i: int, doc_year: int | None, facts: list[Fact]
) -> tuple[Fact | None, int] | None:
    """The figure starting at ``toks[i]``: ``(fact or None, end)``; None when no number starts."""
    n = len(toks)
    tok = toks[i]
    if tok.kind == NUM and (_attached(toks, i) or (i > 0 and toks[i - 1].low in IDENT_WORDS)):
        return None, i + 1
    currency = ""
    first = i
    if i > 0 and toks[i - 1].text in CURRENCY_SYMBOLS and tok.kind == NUM:
        currency = CURRENCY_SYMBOLS[toks[i - 1].text]
        first = i - 1
        if (
            first > 0
            and toks[first - 1].text in ("US", "A", "C", "NZ", "HK")
            and not toks[i - 1].space
        ):
            first -= 1
    num = parse_number(toks, i, money=bool(currency))
    if num is None:
        return None
    k = num.end
    if _is_time_or_date_after(toks, k) or (tok.kind == NUM and _is_date_before(toks, i)):
        return None, k
    if (
        tok.kind == NUM
        and not currency
        and "," not in tok.text
        and "." not in tok.text
        and len(tok.text) == 4
        and 1800 <= int(tok.text) <= 2100
        and k == i + 1
    ):
        return None, k  # a year
    if _is_age(toks, i, k):
        return None, k
    if (
        i > 0
        and toks[i - 1].low in ("at", "on")
        and k < n
        and toks[k].cap
        and toks[k].kind == WORD
        and toks[k].low not in MONTHS
    ):
        return None, k  # "at 24 Independent Street": an address
    if k < n and toks[k].low in INCREMENTS:
        return None, k + 1  # "two more victims", "20 additional payments"
    if currency and first > 0 and toks[first - 1].low in ("including", "incl"):
        return None, k  # "$334 million, including $281 million in cash": a part
    # a conversion in brackets right after another money figure: "45 million euros ($52 million)"
    if (
        currency
        and first > 0
        and toks[first - 1].text == "("
        and facts
        and facts[-1].unit not in ("", "%")
        and facts[-1].end >= toks[first - 1].start - 2
    ):
        return None, k
    mode, qual_start = _qualifier(toks, first)
    if num.approx and mode == EXACT and qual_start == first:
        mode = APPROX
    hi_num: Number | None = None
    # a range: "12 to 15", "12-15", "between 12 and 15", "$3bn-$4bn"; "from 12 to 15" is a change
    if k + 1 < n and toks[k].low in ("to", "-", "–", "and", "or"):
        j = k + 1
        if j < n and toks[j].text in CURRENCY_SYMBOLS and currency:
            j += 1
        if j < n and (toks[k].low != "and" or (first > 0 and toks[first - 1].low == "between")):
            second = parse_number(toks, j, money=bool(currency))
            if second is not None and second.value >= num.value and second.vague is None:
                if first > 0 and toks[first - 1].low == "from" and toks[k].low == "to":
                    num, mode, qual_start = second, EXACT, j
                else:
                    hi_num = second
                k = second.end
    if k < n and (toks[k].low in SPORTS_STATS or stem(toks[k].low) in SPORTS_STATS):
        return None, k + 1  # a player's statistics: per player and per game, never compared
    before_unit = k
    unit, factor, k, skip = _unit_after(toks, k, num)
    if skip:
        return None, k
    unit_word = toks[k - 1].low if unit in UNIT_LABEL and k > before_unit else ""
    if k + 1 < n and toks[k].text == "-" and not toks[k].space and toks[k + 1].kind == WORD:
        return None, k + 2  # "a 6.7-strength quake", "a 10-point lead": a modifier, not a count
    if k < n and (toks[k].low in SPORTS_STATS or stem(toks[k].low) in SPORTS_STATS):
        return None, k + 1  # a player's statistics: per player and per game, never compared
    if not currency and k < n and toks[k].low in CURRENCY_WORDS:
        currency = CURRENCY_WORDS[toks[k].low]
        k += 1
    if currency:
        unit, factor = currency, 1.0
    if k < n and toks[k].low == "ago":
        return None, k
    # trailing qualifiers: "12 or more", "40-plus", "40-odd"
    if k + 1 < n and toks[k].low == "or" and toks[k + 1].low == "more":
        mode, k = AT_LEAST, k + 2
    elif (
        k < n and toks[k].low in ("plus", "odd") and (not toks[k].space or toks[k - 1].text == "-")
    ):
        mode, k = (AT_LEAST if toks[k].low == "plus" else APPROX), k + 1
    elif k + 1 < n and toks[k].text == "-" and toks[k + 1].low in ("plus", "odd"):
        mode, k = (AT_LEAST if toks[k + 1].low == "plus" else APPROX), k + 2
    if k < n and toks[k].low == "of" and unit in ("", *CURRENCY_SYMBOLS.values()):
        return None, k  # "1,900 of its 4,300 employees", "$281 million of the price": a part
    lo, hi = _interval(num, hi_num, mode)
    lo, hi = lo * factor, hi * factor
    slot, label, rate, strong, noun_end = figure_slot(toks, first, k, unit)
    if not slot:
        return None, k
    start_tok = qual_start if qual_start < first else first
    end_tok = max(k, noun_end)
    start, end = toks[start_tok].start, toks[end_tok - 1].end
    context, names = context_of(toks, start_tok, end_tok)
    text = ""  # filled by the caller that holds the passage text
    distance = unit == "m" or slot in _LENGTH_NOUNS  # "nautical miles" is a noun here
    reference = distance_reference(toks, end_tok) if distance else ""
    fact = Fact(
        kind=FIGURE,
        slot=f"{unit}|{slot}|{rate}" + (f"|{reference}" if reference else ""),
        label=label,
        start=start,
        end=end,
        text=text,
        value=(lo, hi),
        display=_display(num, hi_num, mode, unit, unit_word),
        unit=unit,
        rate=rate,
        strong=strong,
        context=context,
        names=names,
        subject=share_subject(toks, first)
        if slot.startswith("share price")
        else ("" if strong else nearest_name(toks, first)),
        era=_era(toks, start_tok, end_tok, doc_year),
    )
    return fact, k


_DIRECTIONS = frozenset(
    """north south east west northeast northwest southeast southwest north-east north-west
    south-east south-west northern southern eastern western away""".split()
)
_FROM = frozenset({"of", "from", "off"})
_LENGTH_NOUNS = frozenset({stem(w) for w in ("miles", "kilometres", "kilometers", "metres")})
"""Counted nouns that are distances (a unit word after a qualifier: "nautical miles")."""


def distance_reference(toks: Sequence[Tok], k: int) -> str:
    """What a distance is measured from, when the text says ("150 miles west of Aden",
    "13 miles from the frigate", "20 km off Crete"): the first content word after
    "of"/"from"/"off", folded; "" when none is given. Two distances from different points
    are two facts, not one told differently (a trial: an attack's distance west of a
    port against the ship's distance from a warship)."""
    n = len(toks)
    j = k
    while j < n and j < k + 3 and toks[j].low in _DIRECTIONS:
        j += 1
    if j >= n or toks[j].low not in _FROM:
        return ""
    j += 1
    for m in range(j, min(n, j + 4)):
        tok = toks[m]
        if tok.sent != toks[k - 1].sent or tok.text in ",;.()":
            break
        if is_content(tok):
            return stem(tok.low)
    return ""


def _is_age(toks: Sequence[Tok], i: int, k: int) -> bool:
    """ "34-year-old", "aged 34", "34 years old", and "Dimitris Kostas, 36," after a name."""
    n = len(toks)
    if i > 0 and toks[i - 1].low == "aged":
        return True
    j = k + 1 if k < n and toks[k].text == "-" else k
    if j < n and toks[j].low in ("year", "years"):
        after = j + 1
        if after < n and toks[after].text == "-":
            after += 1
        if after < n and toks[after].low == "old":
            return True
    return (
        i > 1
        and toks[i - 1].text == ","
        and is_name_word(toks[i - 2])
        and k < n
        and toks[k].text in ",."
    )


def _unit_after(toks: Sequence[Tok], k: int, num: Number) -> tuple[str, float, int, bool]:
    """``(unit, factor, new k, skip)`` for %, per cent, points and units of measure."""
    n = len(toks)
    if k >= n:
        return "", 1.0, k, False
    t = toks[k]
    if t.text == "%" or t.low in ("percent", "pc"):
        k += 1
    elif t.low == "per" and k + 1 < n and toks[k + 1].low == "cent":
        k += 2
    elif t.low == "percentage" and k + 1 < n and toks[k + 1].low in ("point", "points"):
        return "pt", 1.0, k + 2, False
    else:
        j = k + 1 if t.text == "-" and not t.space and k + 1 < n else k
        w = toks[j].low if j < n else ""
        if (
            w == "square"
            and j + 1 < n
            and toks[j + 1].low in ("km", "kilometres", "kilometers", "miles", "mile")
        ):
            factor = 100.0 if toks[j + 1].low.startswith("k") else 258.999
            return "ha", factor, j + 2, False
        if w in ("year", "years"):
            after = j + 1
            if after < n and toks[after].text == "-":
                after += 1
            if after < n and toks[after].low in ("old", "ago"):
                return "", 1.0, after + 1, True
            return "h", 8760.0, j + 1, False
        if w in UNITS_OF_MEASURE and not (w == "m" and num.scaled):
            if j + 1 < n and toks[j + 1].text == "/" and not toks[j + 1].space:
                return "", 1.0, j + 2, True  # a speed, km/h: not compared
            dim, factor = UNITS_OF_MEASURE[w]
            return dim, factor, j + 1, False
        return "", 1.0, k, False
    return "%", 1.0, k, False


def _interval(num: Number, hi_num: Number | None, mode: str) -> tuple[float, float]:
    if num.vague is not None:
        return num.vague
    v = num.value
    lo, hi = v - num.half, (hi_num.value + hi_num.half) if hi_num is not None else v + num.half
    top = hi_num.value if hi_num is not None else v
    if mode == APPROX:
        lo, hi = min(lo, v * (1 - APPROX_REL)), max(hi, top * (1 + APPROX_REL))
    elif mode == NEARLY:
        lo = min(lo, v * (1 - APPROX_REL))
    elif mode == AT_LEAST:
        hi = max(hi, top * (1 + BOUND_REL))
    elif mode == AT_MOST:
        lo = min(lo, v * (1 - BOUND_REL))
    return lo, hi


def _display(num: Number, hi_num: Number | None, mode: str, unit: str, unit_word: str = "") -> str:
    text = format_value(num.value)
    if num.vague is not None:
        text = f"{format_value(num.vague[0])}–{format_value(num.vague[1])}"
    elif hi_num is not None:
        text += "–" + format_value(hi_num.value)
    prefix = {APPROX: "about ", NEARLY: "nearly ", AT_LEAST: "at least ", AT_MOST: "up to "}
    text = prefix.get(mode, "") + text
    if unit in ("%", "pt"):
        return text + ("%" if unit == "%" else " points")
    if len(unit) == 3:
        return f"{text} {unit}"
    if unit_word:
        return f"{text} {unit_word}"
    return text


def _era(toks: Sequence[Tok], first: int, last: int, doc_year: int | None) -> str:
    """A year in the figure's clause that is not the article's ("in 2009, which killed 23")."""
    sent = toks[first].sent
    lo = max(0, first - 12)
    hi = min(len(toks), last + 8)
    for j in range(lo, hi):
        t = toks[j]
        if t.sent != sent or t.kind != NUM or len(t.text) != 4 or not t.text.isdigit():
            continue
        if j > 0 and toks[j - 1].text in CURRENCY_SYMBOLS:
            continue
        year = int(t.text)
        if 1900 <= year <= 2100 and year != doc_year:
            return t.text
    return ""


__all__ = ["extract_figures"]
