"""Scoring: how alike two passages are, and when that means "the same event".

The fourth stage of compare, as small pure functions over vectors (after
bm25s/scoring.py: one function per variant, so another can stand beside it):

* :func:`sentence_score`: each sentence of one passage against its best
  sentence in the other; half the best of those maxima plus half their mean
  weighted by sentence mass. A paragraph that shares one sentence-level fact
  with another therefore scores well even when the rest of the paragraphs differ.
* :func:`lexical_score`: ``0.3 · passage cosine + 0.7 · sentence score`` (both
  directions averaged). Another score (a semantic one) would be one more
  function combined here.
* :func:`enough`: the gate. Two passages about one happening share at least
  :data:`MIN_SHARED` informative terms (weekdays and small counts such as
  "Monday" or "two" don't count: every story has them).
* :func:`calibrate`: the raw score mapped piecewise-linearly so that the
  threshold is 0.5; below 0.5 is never shown as a match.

The threshold was chosen on the gold sets in ``tests/compare``;
``bench/compare_accuracy.py`` prints top-1 and "not covered" precision and
recall for each, and ``--sweep`` the same at other thresholds.
"""

from __future__ import annotations

from collections.abc import Sequence

from brieftui.compare.index import PassageIndex, Unit
from brieftui.compare.terms import WEAK_EVIDENCE
from brieftui.compare.weights import INFORMATIVE_IDF, Vector

THRESHOLD = 0.16
"""Raw score at which two passages are taken to report the same event."""
HIGH = 0.70
"""Raw score mapped to 1.0."""
MIN_SHARED = 2
"""Informative terms (idf > 1, not a weekday or a small count) two passages must share."""
PASSAGE_FLOOR = 0.06
"""Passage cosine below which the sentence-level score is not computed."""
PASSAGE_WEIGHT = 0.3
"""The share of the passage cosine in the score (the rest is the sentence score)."""


def dot(a: Vector, b: Vector) -> float:
    """The dot product of two sparse vectors (their cosine: vectors are normalised)."""
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(w * get(t, 0.0) for t, w in a.items())


def sentence_score(a: Sequence[Vector], a_mass: Sequence[float], b: Sequence[Vector]) -> float:
    """Each sentence of ``a`` against its best sentence in ``b``: half best, half mass-weighted mean."""
    total = 0.0
    mass = 0.0
    top = 0.0
    for sv, m in zip(a, a_mass, strict=True):
        best = 0.0
        for tv in b:
            d = dot(sv, tv)
            if d > best:
                best = d
        total += m * best
        mass += m
        if best > top:
            top = best
    return 0.5 * top + 0.5 * (total / mass) if mass else 0.0


def lexical_score(cos: float, sent_ab: float, sent_ba: float) -> float:
    """The passage cosine and the sentence scores of both directions, combined."""
    sent = 0.5 * (sent_ab + sent_ba)
    return PASSAGE_WEIGHT * cos + (1 - PASSAGE_WEIGHT) * sent


def raw_score(index: PassageIndex, a: Unit, b: Unit, cos: float | None = None) -> float:
    """The raw (uncalibrated) score of two passages; sentence vectors are built on demand.

    Below :data:`PASSAGE_FLOOR` of cosine the sentences are not compared: two passages
    that share so little cannot share a sentence-level fact.
    """
    if cos is None:
        cos = dot(a.vec, b.vec)
    if cos < PASSAGE_FLOOR:
        return cos * PASSAGE_WEIGHT
    b_sents = index.sentences(b)
    a_sents = index.sentences(a)
    sent_ab = sentence_score(a_sents, a.sent_mass, b_sents)
    sent_ba = sentence_score(b_sents, b.sent_mass, a_sents)
    return lexical_score(cos, sent_ab, sent_ba)


def profile(vec: Vector, idf: dict[str, float]) -> list[str]:
    """The informative terms of ``vec`` (idf > 1, not a weekday or small count), for :func:`enough`."""
    return [t for t in vec if idf[t] > INFORMATIVE_IDF and t not in WEAK_EVIDENCE]


def enough(profile: list[str], b: Vector) -> bool:
    """Two passages about one happening share at least :data:`MIN_SHARED` informative terms.

    (A stricter gate, asking for "specific" terms used by few passages, was tried: in
    a brief of opinion pieces on one story the terms of a shared event are used by
    as many passages as the story's own vocabulary, and it lost more true matches
    than false ones; see ``bench/compare_accuracy.py``.)
    """
    n = 0
    for t in profile:
        if t in b:
            n += 1
            if n >= MIN_SHARED:
                return True
    return False


def calibrate(raw: float, threshold: float = THRESHOLD, high: float = HIGH) -> float:
    """Map a raw score to 0..1 so that ``threshold`` is 0.5 and ``high`` is 1."""
    if raw <= threshold:
        return round(max(0.0, 0.5 * raw / threshold), 4)
    return round(min(1.0, 0.5 + 0.5 * (raw - threshold) / (high - threshold)), 4)
