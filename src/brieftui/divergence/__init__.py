"""Where sources disagree: figures, dates, places, roles and quotations that differ between
passages reporting the same event.

API::

    brief.divergences(progress=None) -> list[Divergence]     # the whole brief, per event
    brief.divergences_with(anchor, others) -> {passage_id: [Divergence]}  # Compare's columns
    divergences_of(brief, passage_a, passage_b) -> list[Divergence]   # one pair, no event check
    divergences_between(PassageText, PassageText) -> list[Divergence]  # no brief needed
    pairings_between(a, b) -> list[Pairing]     # every paired fact, agreements included
    same_event_pairs(brief) -> list[EventPair]  # which passages are compared (the switch)

A :class:`Divergence` has a kind, a slot (what it is about), and its values, each with
the passage, the text as written, its span in the passage text and the value
normalised; from :func:`divergences_of` the anchor's value comes first. Facts are
extracted once per passage and cached, so a screen asking for one pair pays one pairing.

The method (rules written by hand, no model; every rule is one place in the code):

1. **Tokens** (:mod:`.tokens`). One regular expression with three single-quantifier
   alternatives cuts a passage into numbers, words and marks (linear time on any input);
   every extractor then looks a bounded number of tokens around, so extraction is linear.
   At most :data:`.facts.MAX_FACTS` facts of a kind are read from one passage.
2. **Figures** (:mod:`.numbers`, :mod:`.figures`, :mod:`.counted`). "1,200", "1.2
   thousand", "$3.4bn", "3.4 billion dollars", "a dozen", "fourteen", "hundreds" become
   intervals: a figure stands for every value that rounds to it ("1.2 thousand" is 1,150
   to 1,250, "1,200" is exact); "about"/"some" widen it ±10%, "nearly" to 10% below,
   "more than"/"at least" to 25% above, "up to"/"fewer than" to 25% below, a range
   covers both ends. Two figures agree when their intervals meet: "1,200" and "1.2
   thousand" agree, "more than 1,200" and "1,250" agree, "more than 1,200" and "1,600"
   do not. Units are converted (miles to metres, days to hours); currencies never are.
   What a figure counts is its slot: a concept ("dead", "missing", "jobs", "on board",
   "capacity", "savings", "premium", "share price up"), a rate ("per share"), the noun
   after it, in that order; a distance measured from a stated point ("150 miles west
   of X", "13 miles from Y") only meets one from the same point. Years, days of the month, clock times, ages, identifiers,
   game statistics, parts ("1,900 of its 4,300 staff") and increments ("two more") are
   not figures; a figure whose clause names another year is about another time.
3. **Dates and times** (:mod:`.dates`). Calendar dates, weekdays, "yesterday", "two days
   ago", resolved against the article's date: a weekday is the latest such day on or
   before it, or the next one when the clause speaks of the future. They are compared at
   the precision both texts give: two bare weekdays by name, a weekday and a date through
   the resolution. Clock times become minute intervals ("shortly after 7 p.m.": 19:00
   to 19:30). A date's slot is its clause: what happened, was said or is due then (a
   relative clause, "…, which stayed shut on Tuesday", is a clause of its own).
4. **Places, people, quotations** (:mod:`.people`, :mod:`.quotes`). Places after
   "in/near/off/outside"; people with the role written around their name (before it, or
   in an apposition), roles normalised ("CEO" = "chief executive"), a rank kept
   ("deputy"), a former role dropped; quotations between quotation marks, three words or
   more, with the speaker named beside them (a "she said" resolved only when one person
   was named before).
5. **Pairing** (:mod:`.pairing`). Facts of one kind fill the same slot when their slots
   match and, where the slot alone is weak (dates, times, places, a noun, a duration),
   their clauses share words. Agreements are taken first; a divergence is reported only
   when each fact is the other's best candidate and no other candidate of a different
   value ties: what cannot be paired unambiguously is not guessed. Places are compared
   only with the same lead ("the village of") or preposition other than "in", and never
   when a passage also names the other's place (a town and its region). Quotations are
   compared after folding case, quotation marks, punctuation, spaces, contractions,
   numerals and editors' brackets; a quote that is part of the other (or of its pieces
   around an ellipsis) is a shortening, not a divergence.
6. **Which passages** (:mod:`.finder`). :func:`same_event_pairs`: every two passages of
   different sources in one event of ``brief.events()``; the one function to switch to
   compare's grades ("reports this") when they exist. Over a brief, pairwise divergences
   of an event that share a value are merged: one divergence per slot with every value.

Measured in ``bench/divergence_accuracy.py`` (gold briefs in ``tests/divergence``),
``bench/divergence_ecbplus.py`` and ``bench/bench_divergences.py``; the figures are in
the README ("Where sources disagree").
"""

from __future__ import annotations

from brieftui.divergence.extract import passage_facts
from brieftui.divergence.facts import Fact
from brieftui.divergence.finder import (
    EventPair,
    PassageText,
    brief_divergences,
    divergences_between,
    divergences_of,
    divergences_with,
    pairings_between,
    same_event_pairs,
)
from brieftui.divergence.pairing import AGREES, DIFFERS, SHORTENED, Pairing
from brieftui.divergence.results import Divergence, DivergenceValue

__all__ = [
    "AGREES",
    "DIFFERS",
    "SHORTENED",
    "Divergence",
    "DivergenceValue",
    "EventPair",
    "Fact",
    "Pairing",
    "PassageText",
    "brief_divergences",
    "divergences_between",
    "divergences_of",
    "divergences_with",
    "pairings_between",
    "passage_facts",
    "same_event_pairs",
]
