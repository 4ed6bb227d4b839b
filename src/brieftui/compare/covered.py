"""Covered: does a source report the anchor's event? A calibrated, learned decision.

One score and one threshold cannot say it: inside one story every article shares
the story's names, and how high a right match scores depends on the brief. So the
decision is a small logistic regression (:mod:`.linear`, trained by
``train/train_compare.py``) over what a journalist would weigh, for each candidate
passage of a source:

* the lexical score (:func:`.scoring.raw_score`) and passage cosine; with the
  semantic stage, the cosine of the passages' embeddings, plain and with the story's
  mean vector taken away (:meth:`.semantic.PassageVectors.centred_cosines`);
* how many informative names, figures, dates and other words the two share;
* the candidate's rank and margin within its document (is it clearly that
  source's best passage?);
* how it stands among the anchor's best matches in every source (a match far above
  the anchor's usual level is a real one; in a one-story brief everything shares
  the story's vocabulary);
* the document-level probability that the two articles tell one story
  (:mod:`.stories`), and where the two passages stand in their documents.

The model gives the probability that a candidate reports the anchor's event; a
source's passages are shown most probable first (:func:`order`; ties by
:attr:`Candidate.rank_score`, the lexical score lifted with the semantic stage by the
best sentence-pair cosine), and a source's probability is its first passage's. The
model is trained on every candidate of a source, each source weighing as one (not
only on the passage the lexical score puts first), so that it ranks as well as it
decides. Three grades a journalist understands: **reports this**
(at least the model's ``reports`` cut), **touches on it** (at least ``touches``),
**not covered** (below: no match is shown).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from brieftui.compare.index import PassageIndex, Unit
from brieftui.compare.weights import Vector
from brieftui.text import is_one_sentence

REPORTS = "reports this"
TOUCHES = "touches on it"
NOT_COVERED = "not covered"
GRADES = (REPORTS, TOUCHES, NOT_COVERED)

LEXICAL = (
    "lex",
    "cos",
    "lex_margin",
    "lex_rel",
    "lex_over_median",
    "shared_names",
    "shared_numbers",
    "shared_dates",
    "shared_words",
    "anchor_terms",
    "candidate_terms",
    "anchor_position",
    "candidate_position",
    "story",
    "log_sources",
    "reverse_rank",
    "reverse_margin",
    "specific",
    "sentence_style",
    "para_lex",
    "para_lex_margin",
    "para_lex_rel",
    "para_reverse_margin",
    "para_specific",
)
"""The lexical pair features, in model order. The ``para_`` ones repeat a feature in
paragraph-style scopes only (0 in sentence-style ones): a sentence and a paragraph
weigh a shared name or a margin differently, and a logistic regression is linear."""
SEMANTIC = (
    "sem",
    "sem_margin",
    "sem_rel",
    "sem_sentence",
    "para_sem",
    "para_sem_sentence",
    "sem_centred",
    "sem_centred_margin",
    "para_sem_centred",
)
"""Added with the semantic stage (``hybrid`` models)."""
MAX_RANK = 5
RANK_SEMANTIC = 0.3
"""With the semantic stage, the lexical order of a source's passages
(:attr:`Candidate.rank_score`) is ``lex + 0.3 · the best sentence-pair cosine``: one
sentence told in other words lifts a paragraph (on the gold briefs, top-1 when every
source is taken as covering: 0.80 → 0.87; ECB+ sentences are unchanged). It orders the
training rows and breaks ties of :func:`order`, which ranks by probability."""


SENTENCE_STYLE = 0.7
"""A scope whose passages are mostly (this share) single sentences is *sentence-style*."""


def cuts_for(cuts: dict[str, float], sentences: bool) -> dict[str, float]:
    """The cuts to use in a sentence-style scope (one sentence a passage) or a paragraph one.

    The model's probability is calibrated on both kinds of brief at once; what a
    missed source costs against a false one differs between them (a sentence holds one
    fact, a paragraph several), so each has its own cuts, chosen on the training data
    (``train/train_compare.py``).
    """
    if not sentences:
        return cuts
    out = dict(cuts)
    for key in ("reports", "touches"):
        if f"{key}_sentences" in cuts:
            out[key] = cuts[f"{key}_sentences"]
    return out


def sentence_style(index: PassageIndex, docs: Sequence[int]) -> bool:
    """True when at least :data:`SENTENCE_STYLE` of the eligible passages of ``docs`` are
    single sentences (a brief read from one-sentence-a-line text, such as ECB+)."""
    units = index.units
    eligible = [ui for d in docs for ui in index.doc_units[d] if units[ui].eligible]
    need = SENTENCE_STYLE * len(eligible)
    single = 0
    left = len(eligible)
    for ui in eligible:  # stops as soon as the answer is known (a story is read once)
        single += is_one_sentence(units[ui].text)
        left -= 1
        if single >= need:
            return True
        if single + left < need:
            return False
    return False


def grade(probability: float, cuts: dict[str, float]) -> str:
    """The journalist's grade of a probability under a model's cuts."""
    if probability >= cuts.get("reports", 0.7):
        return REPORTS
    if probability >= cuts.get("touches", 0.5):
        return TOUCHES
    return NOT_COVERED


def specific(index: PassageIndex, a: Vector, b: Vector, docs: int) -> float:
    """Weight of the informative terms two passages share that few sources use.

    A shared name, figure or word that only a few of the scope's sources use is
    evidence of one happening; the story's own vocabulary, which every source
    uses, is not.
    """
    if len(a) > len(b):
        a, b = b, a
    idf = index.idf
    ddf = index.ddf
    limit = max(2, 0.3 * docs)
    useful = index.informative_terms
    return sum(idf[t] for t in a if t in b and ddf[t] <= limit and t in useful)


def reverse(index: PassageIndex, anchor_ui: int, unit: Unit) -> tuple[int, float]:
    """Where the anchor ranks among its own document's passages for ``unit`` (by cosine).

    ``(rank, margin)``: rank 0 when the anchor is the passage of its document most
    like the candidate (a mutual best match), and by how much.
    """
    anchor_doc = index.units[anchor_ui].doc
    postings = index.doc_postings(anchor_doc)
    acc: dict[int, float] = {}
    for t, w in unit.vec.items():
        hits = postings.get(t)
        if hits is not None:
            for ui, wu in hits:
                acc[ui] = acc.get(ui, 0.0) + w * wu
    mine = acc.pop(anchor_ui, 0.0)
    rank = sum(1 for s in acc.values() if s > mine)
    best_other = max(acc.values(), default=0.0)
    return rank, mine - max(best_other, 0.0)


def informative(index: PassageIndex, vec: Vector) -> int:
    """How many informative terms (idf above 1, not a weekday or small count) a passage has."""
    return len(index.informative_terms.intersection(vec))


def shared_counts(index: PassageIndex, a: Vector, b: Vector) -> tuple[int, int, int, int]:
    """Shared informative (names, figures, dates, other words) of two passage vectors."""
    if len(a) > len(b):
        a, b = b, a
    useful = index.informative_terms
    names = index.names
    n = f = d = w = 0
    for t in a:
        if t not in b or t not in useful:
            continue
        if t[0] == "@":
            d += 1
        elif t[0] == "#":
            f += 1
        elif t in names:
            n += 1
        else:
            w += 1
    return n, f, d, w


@dataclass
class Candidate:
    """One candidate passage of a source for an anchor: its scores and features."""

    unit: int
    doc: int
    lex: float
    cos: float
    sem: float = 0.0
    sentence: float = 0.0
    """The best sentence-pair embedding cosine (semantic stage)."""
    centred: float = 0.0
    """The embedding cosine once the scope's mean vector is taken away (semantic stage,
    :meth:`.semantic.PassageVectors.centred_cosines`)."""
    features: list[float] | None = None
    probability: float = 0.0
    rank: float = 0.0
    """The ranking model's score (:func:`order`; paragraph-style scopes only)."""

    @property
    def rank_score(self) -> float:
        """The lexical order of a source's passages, lifted by a sentence told in other words
        (ties of :func:`order`; the order the training rows are built in)."""
        return self.lex + RANK_SEMANTIC * self.sentence


def order(cands: list[Candidate], touches: float | None = None) -> None:
    """Sort one source's candidates as a reader sees them: most probable first.

    Ranking by the learned probability rather than by the lexical score alone puts the
    passage that reports the event before a lead that merely shares the story's names
    (cross-validated by topic on the ECB+ training topics, top-1 in the partner
    article 0.851 → 0.863 lexical, 0.856 → 0.861 with the semantic stage).

    ``touches``: in a paragraph-style scope, the candidates at or above this cut (the
    ones shown) come first in the order of the *ranking* model (:attr:`Candidate.rank`),
    the rest after them by probability. The probability answers "does this source
    report it at all", trained on every candidate of every source; which of a covering
    source's paragraphs reports it best is another question, learned from pairs of a
    right and a wrong paragraph of one source (``train/train_compare.py``): on the gold
    briefs, leave-one-brief-out, top-1 84 → 87 of 118 (lexical), with "not covered"
    unchanged (the source's probability is still its most probable passage's).
    """
    cands.sort(key=lambda c: (-c.probability, -c.rank_score, c.unit))
    if touches is None:
        return
    shown = sum(1 for c in cands if c.probability >= touches)
    if shown > 1:
        cands[:shown] = sorted(cands[:shown], key=lambda c: (-c.rank, -c.probability, c.unit))


def position(index: PassageIndex, unit: Unit, ui: int) -> float:
    """``ln(1 + n)`` for the passage's 0-based position in its document."""
    first = index.doc_units[unit.doc][0] if index.doc_units[unit.doc] else ui
    return math.log1p(max(0, ui - first))


def _ranks(values: list[float]) -> tuple[list[int], list[float]]:
    """Rank (0 = best) and margin over the best other value, for each value of one source."""
    order = sorted(range(len(values)), key=lambda i: (-values[i], i))
    ranks = [0] * len(values)
    for r, i in enumerate(order):
        ranks[i] = r
    margins = []
    for i, v in enumerate(values):
        others = [values[j] for j in range(len(values)) if j != i]
        margins.append(v - max(others) if others else v)
    return ranks, margins


@dataclass(frozen=True)
class AnchorStats:
    """What the features need to know of the anchor and its best match in every source."""

    anchor_ui: int
    best_top: float
    median_top: float
    best_sem: float
    terms: float
    position: float
    log_sources: float
    scope_docs: int
    sentence_style: bool = False
    """The scope's passages are single sentences (see :func:`sentence_style`)."""


def anchor_stats(
    index: PassageIndex,
    anchor_ui: int,
    tops: list[float],
    sem_tops: list[float],
    scope_docs: int,
    style: bool = False,
) -> AnchorStats:
    """The anchor's stats from its best lexical (and semantic) score in each source."""
    anchor = index.units[anchor_ui]
    return AnchorStats(
        anchor_ui,
        max(tops, default=0.0) or 1e-6,
        sorted(tops)[len(tops) // 2] if tops else 0.0,
        max(sem_tops, default=0.0) or 1e-6,
        math.log1p(informative(index, anchor.vec)),
        position(index, anchor, anchor_ui),
        math.log1p(len(tops)),
        scope_docs,
        style,
    )


def lexical_row(
    index: PassageIndex,
    stats: AnchorStats,
    c: Candidate,
    margin: float,
    doc_p: float,
    rev: tuple[int, float],
    pair: tuple[tuple[int, int, int, int], float] | None = None,
    candidate_terms: int | None = None,
) -> list[float]:
    """The :data:`LEXICAL` features of candidate ``c`` for the anchor of ``stats``.

    ``pair``: the pair's :func:`shared_counts` and :func:`specific` when already known
    (both are symmetric); ``candidate_terms``: :func:`informative` of the candidate.
    """
    anchor = index.units[stats.anchor_ui]
    unit = index.units[c.unit]
    if pair is None:
        pair = (
            shared_counts(index, anchor.vec, unit.vec),
            specific(index, anchor.vec, unit.vec, stats.scope_docs),
        )
    (n, f, dt, w), spec = pair
    if candidate_terms is None:
        candidate_terms = informative(index, unit.vec)
    return [
        c.lex,
        c.cos,
        margin,
        c.lex / stats.best_top,
        c.lex - stats.median_top,
        math.log1p(n),
        math.log1p(f),
        math.log1p(dt),
        math.log1p(w),
        stats.terms,
        math.log1p(candidate_terms),
        stats.position,
        position(index, unit, c.unit),
        doc_p,
        stats.log_sources,
        float(min(rev[0], MAX_RANK)),
        rev[1],
        spec,
        1.0 if stats.sentence_style else 0.0,
        *(
            (0.0,) * 5
            if stats.sentence_style
            else (c.lex, margin, c.lex / stats.best_top, rev[1], spec)
        ),
    ]


def _log1p_of(counts: np.ndarray) -> np.ndarray:
    """``math.log1p`` of non-negative integers, exactly as :func:`lexical_row` takes it."""
    if not len(counts):
        return np.zeros(0)
    table = np.asarray([math.log1p(k) for k in range(int(counts.max()) + 1)], dtype=np.float64)
    return table[counts]


def lexical_matrix(
    lex: np.ndarray,
    cos: np.ndarray,
    margin: np.ndarray,
    best_top: np.ndarray,
    median_top: np.ndarray,
    shared: np.ndarray,
    anchor_terms: np.ndarray,
    candidate_terms: np.ndarray,
    anchor_position: np.ndarray,
    candidate_index: np.ndarray,
    doc_p: np.ndarray,
    log_sources: np.ndarray,
    rank: np.ndarray,
    rev_margin: np.ndarray,
    spec: np.ndarray,
    style: np.ndarray,
) -> np.ndarray:
    """:func:`lexical_row` of many candidates at once, as columns: the same values, bit
    for bit (the same float operations; logarithms of counts from ``math.log1p``).

    The anchor's stats come as columns (``best_top``, ``median_top``, ``anchor_terms``,
    ``anchor_position``, ``log_sources``, ``style``, as in :class:`AnchorStats`);
    ``shared`` is ``(rows, 4)`` of :func:`shared_counts`; ``candidate_terms`` the
    :func:`informative` count and ``candidate_index`` the candidate's 0-based place in
    its document (:func:`position` takes its ``log1p``). For the events of a large brief,
    where a row at a time was most of the time of linking.
    """
    rel = lex / best_top
    para = ~style
    zero = np.zeros(len(lex))
    columns = [
        lex,
        cos,
        margin,
        rel,
        lex - median_top,
        *(_log1p_of(shared[:, k]) for k in range(4)),
        anchor_terms,
        _log1p_of(candidate_terms),
        anchor_position,
        _log1p_of(candidate_index),
        doc_p,
        log_sources,
        np.minimum(rank, MAX_RANK).astype(np.float64),
        rev_margin,
        spec,
        style.astype(np.float64),
        *(np.where(para, col, zero) for col in (lex, margin, rel, rev_margin, spec)),
    ]
    return np.stack(columns, axis=1) if len(lex) else np.zeros((0, len(LEXICAL)))


def add_features(
    index: PassageIndex,
    anchor_ui: int,
    by_doc: dict[int, list[Candidate]],
    story_p: Callable[[int, int], float],
    hybrid: bool,
    scope_docs: int,
    sentence_sem: Callable[[int, int], float] | None = None,
    style: bool = False,
) -> None:
    """Fill each candidate's feature vector (:data:`LEXICAL`, then :data:`SEMANTIC`)."""
    anchor = index.units[anchor_ui]
    tops = [max(c.lex for c in cands) for cands in by_doc.values() if cands]
    sem_tops = [max(c.sem for c in cands) for cands in by_doc.values() if cands]
    stats = anchor_stats(index, anchor_ui, tops, sem_tops, scope_docs, style)
    for d, cands in by_doc.items():
        doc_p = story_p(anchor.doc, d)
        if hybrid and sentence_sem is not None:
            for c in cands:
                c.sentence = sentence_sem(anchor_ui, c.unit)
        _lex_rank, lex_margin = _ranks([c.lex for c in cands])
        _sem_rank, sem_margin = _ranks([c.sem for c in cands]) if hybrid else ([], [])
        _c_rank, c_margin = _ranks([c.centred for c in cands]) if hybrid else ([], [])
        for k, c in enumerate(cands):
            rev = reverse(index, anchor_ui, index.units[c.unit])
            row = lexical_row(index, stats, c, lex_margin[k], doc_p, rev)
            if hybrid:
                para = 0.0 if style else 1.0
                row += [
                    c.sem,
                    sem_margin[k],
                    c.sem / stats.best_sem,
                    c.sentence,
                    para * c.sem,
                    para * c.sentence,
                    c.centred,
                    c_margin[k],
                    para * c.centred,
                ]
            c.features = row
