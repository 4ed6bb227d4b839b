"""Numbers as written in news, read into values with the precision they were written at.

:func:`parse_number` reads one number starting at a token: digits with separators
("1,200", "3.4"), a scale word after them ("3.4bn", "1.2 thousand", "45 million"),
number words ("fourteen", "twenty-seven", "a dozen", "five thousand"), or a vague
plural ("dozens", "hundreds of thousands"). It returns the value and the half-width
of the precision it was written at: a figure stands for every value that rounds to
it, so "1,200" is exact, "1.2 thousand" means 1,150 to 1,250, "$3.4bn" $3.35bn to
$3.45bn and "92%" 91.5% to 92.5% (a hair less on each side, so 14 and 15 never meet).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from brieftui.divergence.lexicon import SCALES, TENS, UNITS, VAGUE
from brieftui.divergence.tokens import NUM, WORD, Tok

HALF = 0.49
"""Half a unit of the last written digit, a hair under so that 14 and 15 do not touch."""
_BIG_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from tokens ``[start, end)``."""

    value: float
    half: float
    start: int
    end: int
    vague: tuple[float, float] | None = None
    approx: bool = False
    """Written as an approximation by itself ("a dozen")."""
    scaled: bool = False
    """A scale word was read ("bn", "million"): "m" after it is not metres."""


def digits_value(text: str) -> tuple[float, float] | None:
    """``"4,800"`` → ``(4800.0, 0.49)``; ``"3.45"`` → ``(3.45, 0.0049)``; malformed → None."""
    if text.count(".") > 1:
        return None
    whole, _, frac = text.partition(".")
    if "," in frac:
        return None
    if "," in whole:
        groups = whole.split(",")
        if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
            return None
        whole = "".join(groups)
    if not whole.isdigit() or (frac and not frac.isdigit()):
        return None
    value = float(whole + ("." + frac if frac else ""))
    return value, HALF * 10.0 ** (-len(frac))


def parse_number(toks: Sequence[Tok], i: int, *, money: bool = False) -> Number | None:
    """The number that starts at ``toks[i]``, or None. ``money``: "m" after digits is million."""
    tok = toks[i]
    if tok.kind == NUM:
        parsed = digits_value(tok.text)
        if parsed is None:
            return None
        value, half = parsed
        end = i + 1
        scaled = False
        if end < len(toks) and toks[end].kind == WORD:
            nxt = toks[end]
            scale = SCALES.get(nxt.low)
            if nxt.low == "k" and nxt.space:
                scale = None
            if scale is None and nxt.low == "m" and money and not nxt.space:
                scale = 1e6
            if scale is not None:
                value, half, end, scaled = value * scale, half * scale, end + 1, True
        return Number(value, half, i, end, scaled=scaled)
    if tok.kind != WORD:
        return None
    return _parse_words(toks, i)


def _parse_words(toks: Sequence[Tok], i: int) -> Number | None:
    """Number words: "fourteen", "twenty-seven", "a dozen", "five thousand", "hundreds"."""
    n = len(toks)
    low = toks[i].low
    if low in VAGUE:
        lo, hi = VAGUE[low]
        end = i + 1
        # "hundreds of thousands", "tens of thousands"
        if end + 1 < n and toks[end].low == "of" and toks[end + 1].low in VAGUE:
            lo, hi = lo * 1000 if low != "tens" else 2e4, hi * 1000 if low != "tens" else 1e5
            end += 2
        return Number((lo + hi) / 2, 0.0, i, end, vague=(lo, hi))
    if low == "tens" and i + 2 < n and toks[i + 1].low == "of" and toks[i + 2].low == "thousands":
        return Number(6e4, 0.0, i, i + 3, vague=(2e4, 1e5))
    if low == "a" or low == "half":
        return _parse_article(toks, i)
    total = 0.0
    current = 0.0
    unit = 1.0
    j = i
    seen = False
    while j < n:
        w = toks[j].low
        if w in UNITS and (current % 100 == 0 or (current % 100 >= 20 and current % 10 == 0)):
            current += UNITS[w]
            unit = 1.0
        elif w in TENS and current % 100 == 0:
            current += TENS[w]
            unit = 1.0
            if (
                j + 2 < n
                and toks[j + 1].text == "-"
                and not toks[j + 1].space
                and toks[j + 2].low in UNITS
                and UNITS[toks[j + 2].low] < 10
            ):
                current += UNITS[toks[j + 2].low]
                j += 2
        elif w == "one" and j + 1 < n and toks[j + 1].low in ("hundred", *_BIG_SCALES):
            current += 1
        elif w == "hundred" and seen:
            current = max(current, 1.0) * 100
            unit = 100.0
        elif w in _BIG_SCALES and seen:
            total += max(current, 1.0) * _BIG_SCALES[w]
            unit = _BIG_SCALES[w]
            current = 0.0
        elif w == "dozen" and seen:
            current *= 12
        elif (
            w == "and"
            and seen
            and unit >= 100
            and j + 1 < n
            and (toks[j + 1].low in UNITS or toks[j + 1].low in TENS)
        ):
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    value = total + current
    return Number(value, HALF * unit, i, j)


def _parse_article(toks: Sequence[Tok], i: int) -> Number | None:
    """ "a dozen" (about twelve), "half a dozen", "a hundred", "a thousand", "a million"."""
    n = len(toks)
    if toks[i].low == "half":
        if i + 2 < n and toks[i + 1].low == "a" and toks[i + 2].low == "dozen":
            return Number(6.0, HALF, i, i + 3, approx=True)
        return None
    if i + 1 >= n:
        return None
    nxt = toks[i + 1].low
    if nxt == "dozen":
        return Number(12.0, HALF, i, i + 2, approx=True)
    if nxt == "hundred":
        return Number(100.0, HALF * 100, i, i + 2)
    if nxt in _BIG_SCALES:
        return Number(_BIG_SCALES[nxt], HALF * _BIG_SCALES[nxt], i, i + 2)
    return None


def format_value(value: float) -> str:
    """A value as a reader writes it: "14", "1,200", "3.4 billion", "0.25"."""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:,.3f}".rstrip("0").rstrip(".") + " " + word
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")
