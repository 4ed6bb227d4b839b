"""Weights: how much each term of a passage counts, as small pure functions.

The third stage of compare. A term weighs ``idf · boost``, and a passage (or a
sentence) is the L2-normalised vector of its terms at ``weight · (1 + ln tf)``.
The idf is BM25's (the Lucene variant, never negative); names, numbers and
dates get a boost, because shared names, figures and dates are the strongest
evidence that two passages report the same happening. Modifier and phrase terms
never weigh (:func:`~.names.is_weighed`): counting "Ukrainian", "President" and
"Volodymyr Zelenskyy" beside "Zelenskyy" counted one name three times, so a
shared background name ("Donald Trump") outweighed real evidence.

Tried on the gold sets and dropped, because they did not help across all of
them: document-frequency weighting, content bigrams, weights from general-English
word frequencies, within-document burstiness (see ``bench/compare_accuracy.py``).
Each is one more small function here, should the gold sets ever favour it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from brieftui.compare.names import is_weighed
from brieftui.compare.terms import Occ
from brieftui.text import is_question, sentence_spans

NAME_BOOST = 1.8
NUMBER_BOOST = 1.6
DATE_BOOST = 2.5
INFORMATIVE_IDF = 1.0
"""A term is informative above this idf (used by more than about a third of passages, not)."""
MIN_INFORMATIVE = 4
"""A passage with fewer informative terms is never matched (a dateline, a one-word heading)."""

Vector = dict[str, float]
"""Term → weight, L2-normalised: the dot product of two vectors is their cosine."""


def bm25_idf(df: int, n: int) -> float:
    """BM25's idf, Lucene variant: ``ln(1 + (n - df + 0.5) / (df + 0.5))``, never negative."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def log_tf(count: int) -> float:
    """Sub-linear term frequency, ``1 + ln tf``: a name said three times is not three names."""
    return 1.0 + math.log(count)


def boost(term: str, names: frozenset[str]) -> float:
    """The extra weight of a date (``@…``), a figure (``#…``) or a name."""
    first = term[0]
    if first == "@":
        return DATE_BOOST
    if first == "#":
        return NUMBER_BOOST
    if term in names:
        return NAME_BOOST
    return 1.0


def term_weights(idf: dict[str, float], names: frozenset[str]) -> dict[str, float]:
    """``idf · boost`` of every weighed term (modifier and phrase terms left out)."""
    return {t: w * boost(t, names) for t, w in idf.items() if is_weighed(t)}


def vector(terms: Iterable[str], weights: dict[str, float]) -> tuple[Vector, float]:
    """The normalised vector of ``terms`` and its norm before normalising (its *mass*)."""
    vec: dict[str, float] = {}
    get = weights.get
    log = math.log
    for term, count in Counter(terms).items():
        w = get(term)
        if w is None:
            continue
        vec[term] = w if count == 1 else w * (1.0 + log(count))  # log_tf, inlined
    if not vec:
        return {}, 0.0
    norm = math.hypot(*vec.values())
    if norm == 0:
        return {}, 0.0
    inv = 1.0 / norm
    return {t: w * inv for t, w in vec.items()}, norm


def sentence_vectors(
    text: str, occs: Iterable[Occ], whole: Vector, weights: dict[str, float]
) -> tuple[list[Vector], list[float]]:
    """One vector per sentence of a passage, with its mass (a question's halved).

    The mass says how much a sentence counts in the sentence-level score; a
    question reports nothing, so it counts half. A passage with no weighed
    sentence is one sentence: its ``whole`` vector.
    """
    sents: list[Vector] = []
    masses: list[float] = []
    by_start = sorted(occs, key=lambda o: o[1])
    k = 0
    for s, e in sentence_spans(text):
        chunk = []
        while k < len(by_start) and by_start[k][1] < e:
            if by_start[k][1] >= s:
                chunk.append(by_start[k][0])
            k += 1
        sv, mass = vector(chunk, weights)
        if is_question(text[s:e]):
            mass *= 0.5  # a question reports nothing
        if sv:
            sents.append(sv)
            masses.append(mass)
    if not sents and whole:
        sents.append(whole)
        masses.append(1.0)
    return sents, masses
