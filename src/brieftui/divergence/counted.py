"""What a figure counts: its slot, read from the words around it (see :mod:`.figures`).

A figure's slot is a concept from :mod:`.lexicon` found in the words after it and
before it in its clause ("14 people were killed", "killing 14", "claimed 14 lives" are
all "dead"; "licensed to carry 120 passengers" is capacity, not the number on board),
else the noun right after it ("38 container ships"). Money is slotted by what it pays
for ("savings", "aid"), a rate ("a share", "per family"), or the noun after it ("a £40
million upgrade"); a percentage by what it measures ("premium", a company's share
price up or down); a length by what it measures or the place it is measured from
("3 km off the coast"); a duration by what lasts ("three days of mourning").
"""

from __future__ import annotations

from collections.abc import Sequence

from brieftui.divergence.facts import SUBORDINATORS
from brieftui.divergence.lexicon import (
    ANNUAL,
    COUNT_CONCEPTS,
    DURATION_CONCEPTS,
    FALL_WORDS,
    LIVES_DEAD,
    MONEY_CONCEPTS,
    MONTHS,
    PERCENT_CONCEPTS,
    RATES,
    RISE_WORDS,
    SHARE_WORDS,
    UNIT_LABEL,
)
from brieftui.divergence.people import person_key
from brieftui.divergence.tokens import NUM, WORD, Tok, is_content, stem

STOP_AFTER = frozenset({"and", "but", "or", "while", "whereas", "than"}) | SUBORDINATORS
"""Words that end the clause a figure's concept is looked for in."""
NOUN_SYNONYMS = {
    "vessel": "ship", "boat": "ship", "dockworker": "worker", "docker": "worker",
    "employe": "staff", "kid": "children", "child": "children", "home": "house",
    "shor": "coast", "coastlin": "coast", "offshor": "coast", "harbour": "harbor",
}  # fmt: skip
TIME_RATES = frozenset({"per day", "per year", "per month", "per week", "per hour"})
PEOPLE_NOUNS = frozenset(
    {"people", "peopl", "person", "other", "men", "women", "adult", "individual"}
)
"""Heads that say only "people": what they count is in the clause ("14 people were killed")."""
CLOSURES = {s: "closure" for s in ("suspend", "suspension", "clos", "closur", "shut", "shutdown")}
"""A line "suspended", "closed" or "shut" for some days: one slot."""
STOP_BEFORE = frozenset("by during from with among against despite across via".split())
"""Prepositions that end the words a figure's concept is looked for in, going back."""
CHANGES = frozenset(
    "increase increases decrease rise fall drop gain loss cut jump decline boost".split()
)
DISTANCE_PREPS = frozenset(
    "off from away offshore north south east west inland out outside beyond".split()
)


def _window(
    toks: Sequence[Tok], first: int, last: int, before: int, after: int
) -> tuple[list[Tok], list[Tok]]:
    """Words before ``first`` and from ``last`` on, within the clause (see module doc)."""
    n = len(toks)
    sent = toks[first].sent
    back: list[Tok] = []
    j = first - 1
    while j >= 0 and len(back) < before:
        t = toks[j]
        if t.sent != sent or t.text in ",;:()" or t.kind == NUM or t.low in STOP_AFTER:
            break
        if t.low in STOP_BEFORE:
            break  # "killed during demonstrations by tens of thousands": not the killed
        if t.kind == WORD:
            back.append(t)
        j -= 1
    fwd: list[Tok] = []
    j = last
    while j < n and len(fwd) < after:
        t = toks[j]
        if t.sent != sent or t.text in ",;:.()" or t.kind == NUM or t.low in STOP_AFTER:
            break
        if t.kind == WORD:
            fwd.append(t)
        j += 1
    return back, fwd


def _concept_of(word: str, table: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    return table.get(word) or table.get(stem(word))


_NOT_A_DEATH = frozenset("sentence sentences penalty row threat threats squad warrant".split())


def _drop_penalty_deaths(toks: Sequence[Tok], words: list[Tok]) -> list[Tok]:
    """ "the death penalty", "put to death", "death threats": not a count of the dead."""
    out = []
    for t in words:
        if t.low == "death":
            i = t.i
            after = toks[i + 1].low if i + 1 < len(toks) else ""
            before = toks[i - 1].low if i > 0 else ""
            if after in _NOT_A_DEATH or before == "to":
                continue
        out.append(t)
    return out


def _concept(words: Sequence[Tok], table: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for t in words:
        hit = table.get(t.low) or table.get(stem(t.low))
        if hit is not None and (best is None or hit[1] < best[1]):
            best = hit
    return best


def figure_slot(
    toks: Sequence[Tok], first: int, k: int, unit: str
) -> tuple[str, str, str, bool, int]:
    """``(slot, label, rate, strong, end of the noun phrase)``; slot "" when unknown."""
    back, fwd = _window(toks, first, k, 7, 6)
    back, fwd = _drop_penalty_deaths(toks, back), _drop_penalty_deaths(toks, fwd)
    noun, noun_end = _noun_after(toks, k)
    written = toks[noun_end - 1].low if noun else ""
    rate = _rate(toks, k, back + fwd)
    label_unit = UNIT_LABEL.get(unit, "")
    if unit in ("", "pt"):
        lives = _lives(back, fwd)
        if lives is not None:
            return lives[0], lives[0], rate, True, noun_end
        if noun and noun not in PEOPLE_NOUNS and _concept_of(noun, COUNT_CONCEPTS) is None:
            return noun, written, rate, False, noun_end  # "two businesses" counts businesses
        hit = _concept(fwd + back, COUNT_CONCEPTS)
        if hit is not None:
            return hit[0], hit[0], rate, True, noun_end
        if noun:
            return noun, written, rate, False, noun_end
        return "", "", rate, False, noun_end
    if unit == "%":
        move = _share_move(back)
        if move:
            return move, move, "", True, noun_end
        hit = _concept(fwd + back, PERCENT_CONCEPTS)
        if hit is not None:
            return hit[0], hit[0] + " (%)", "", True, noun_end
        return (
            (noun, written + " (%)", "", False, noun_end) if noun else ("", "", "", False, noun_end)
        )
    if unit in ("m", "ha", "kg"):
        ref = _distance_reference(toks, k)
        if ref:
            return "from " + ref, f"distance from {ref}", "", True, noun_end
        before = next((t for t in back if is_content(t)), None)
        measured = noun or (stem(before.low) if before else "")
        if measured:
            shown = written or (before.low if before else measured)
            return measured, f"{shown} ({label_unit})", "", False, noun_end
        return "", "", "", False, noun_end
    if unit == "h":  # durations are many in one story (sentences, terms): need shared context
        for t in fwd + back:
            s = stem(t.low)
            if s in DURATION_CONCEPTS:
                shown = "closure" if s in CLOSURES else t.low
                return CLOSURES.get(s, s), f"{shown} ({label_unit})", "", False, noun_end
        if noun:
            return noun, f"{written} ({label_unit})", "", False, noun_end
        return "", "", "", False, noun_end
    # money
    if k < len(toks) and toks[k].low in CHANGES:
        return "change", "change", rate, False, noun_end  # "a $50 billion increase"
    if _cash_part(toks, k):
        return "cash part", "cash part", rate, False, noun_end
    if rate == "per share":
        return "share", "price per share", rate, True, noun_end
    if rate and rate not in TIME_RATES:  # "€20,000 per family": the rate is the slot
        return "amount", f"amount {rate}", rate, True, noun_end
    hit = _concept(fwd + back, MONEY_CONCEPTS)
    if hit is not None:
        label = hit[0] + (f" {rate}" if rate else "")
        return hit[0], label, rate, True, noun_end
    if noun and not rate:  # "a £40 million upgrade": what the money is, said right after it
        return noun, written, rate, True, noun_end
    return "amount", f"amount {rate}".strip(), rate, False, noun_end


def _cash_part(toks: Sequence[Tok], k: int) -> bool:
    """ "$4.2 billion in cash and 57 million shares": a part of the price, not the price."""
    n = len(toks)
    if not (k + 1 < n and toks[k].low == "in" and toks[k + 1].low in ("cash", "stock", "shares")):
        return False
    sent = toks[k].sent
    for j in range(k + 2, min(n, k + 14)):
        if toks[j].sent != sent:
            break
        if toks[j].low in ("and", "plus", "remainder", "rest", "balance"):
            return True
    return False


def _lives(back: Sequence[Tok], fwd: Sequence[Tok]) -> tuple[str, int] | None:
    """ "claimed 11 lives" counts the dead, "saved 40 lives" the rescued."""
    if not fwd or fwd[0].low != "lives":
        return None
    verbs = {t.low for t in back}
    if verbs & LIVES_DEAD:
        return ("dead", 1)
    if "saved" in verbs or "save" in verbs:
        return ("rescued", 3)
    return None


_PLURALS = frozenset({"people", "men", "women", "children", "police", "staff", "cattle"})


def _noun_after(toks: Sequence[Tok], k: int) -> tuple[str, int]:
    """The head of the noun phrase right after a figure: "38 container ships" → "ship",
    "a dozen people remain" → "people" (a plural ends the phrase)."""
    n = len(toks)
    head = ""
    end = k
    for j in range(k, min(n, k + 2)):
        t = toks[j]
        if t.kind != WORD or not is_content(t) or t.low in STOP_AFTER:
            break
        if (t.cap and not t.first) or (j > k and t.low.endswith(("ed", "ing"))):
            break
        head = stem(t.low)
        end = j + 1
        if t.low in _PLURALS or (t.low.endswith("s") and not t.low.endswith("ss")):
            break
    return NOUN_SYNONYMS.get(head, head), end


def _rate(toks: Sequence[Tok], k: int, window: Sequence[Tok]) -> str:
    """ "a share", "per family", "each victim's family", "a year" / "annual"."""
    n = len(toks)
    j = k
    if j + 1 < n and toks[j].low in ("to", "for") and toks[j + 1].low in ("each", "every"):
        j += 1
    if j < n and toks[j].low in ("a", "an", "per", "each", "every"):
        found = ""
        j += 1
        taken = 0
        while j < n and taken < 3:
            t = toks[j]
            if t.text in ("'", "’") or (t.low == "s" and not t.space):
                j += 1
                continue
            if t.kind != WORD:
                break
            s = t.low if t.low in RATES else stem(t.low)
            if s in RATES:
                found = RATES[s]
            elif found or not is_content(t):
                break
            taken += 1
            j += 1
        if found:
            return found
    if any(t.low in ANNUAL for t in window):
        return "per year"
    return ""


def _share_move(back: Sequence[Tok]) -> str:
    """ "shares jumped 27%" → "share price up"; "stock slipped 2.1%" → "share price down"."""
    words = [t.low for t in back]
    if not any(stem(w) in SHARE_WORDS or w in SHARE_WORDS for w in words):
        return ""
    if any(w in RISE_WORDS for w in words):
        return "share price up"
    if any(w in FALL_WORDS for w in words):
        return "share price down"
    return ""


def share_subject(toks: Sequence[Tok], first: int) -> str:
    """The name whose shares moved: "Corvane shares jumped 27%" → "corvane"."""
    sent = toks[first].sent
    j = first - 1
    seen = 0
    while j >= 0 and seen < 6 and toks[j].sent == sent:
        t = toks[j]
        if t.kind == WORD:
            seen += 1
            if t.cap and t.low not in MONTHS and (stem(t.low) not in SHARE_WORDS):
                return t.low
        j -= 1
    return ""


def nearest_name(toks: Sequence[Tok], first: int) -> str:
    """Whose figure a figure is: the nearest capitalised word before it in its sentence
    ("Vaughn finished with 16 points"), so two players' points are not paired."""
    sent = toks[first].sent
    j = first - 1
    seen = 0
    while j >= 0 and seen < 10 and toks[j].sent == sent and toks[j].text not in ";:":
        t = toks[j]
        if t.kind == WORD:
            seen += 1
            if t.cap and is_content(t) and t.low not in MONTHS:
                return person_key(t.text)
        j -= 1
    return ""


def _distance_reference(toks: Sequence[Tok], k: int) -> str:
    """What a distance is measured from: "3 km off the coast" → "coast"."""
    n = len(toks)
    if k >= n or toks[k].low not in DISTANCE_PREPS:
        return ""
    if toks[k].low == "offshore":
        return "coast"
    j = k + 1
    ref = ""
    names: list[str] = []
    while j < n and j < k + 6:
        t = toks[j]
        if t.kind != WORD:
            break
        if t.low in ("of", "the", "a", "an", "from"):
            j += 1
            continue
        if t.cap and not t.first:
            names.append(t.low)
            j += 1
            continue
        if not is_content(t):
            break
        ref = stem(t.low)
        j += 1
    ref = NOUN_SYNONYMS.get(ref, ref)
    if names and ref not in ("coast",):
        ref = " ".join(names) + (f" {ref}" if ref else "")  # "north of Santa Rosa"
    return ref
