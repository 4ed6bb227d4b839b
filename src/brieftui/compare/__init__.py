"""Compare: the stories of a brief, how each source covers the same event, and the events.

Stories first, then alignment within a story, then a learned decision, as news
aggregators and the good SemEval-2022 Task 8 systems do; lexical at its core, with
an optional semantic stage (static embeddings, ``pip install 'brieftui[semantic]'``):

1. **Terms** (:mod:`.terms`). Every passage is split into sentences and words with
   :mod:`brieftui.text` (the tokenizer search uses, the sentence splitter ingest
   uses). Words are folded, British/American spellings joined (``spelling_key``),
   stopwords dropped and plurals lightly stemmed ("allies" → "ally", "sanctions" →
   "sanction"). Dates in any of the usual shapes ("28 February 2025", "February 28,
   2025", "Feb. 28") become one date term (``@02-28``, plus ``@2025-02`` when the year
   is given); numbers become ``#``-terms ("2,000" → ``#2000``).
2. **Names** (:mod:`.names`). A word is a *name* when, across the brief, it is
   capitalised wherever it is not the first word of a sentence (or is an acronym such
   as NATO or WHO). Adjacent names give a phrase term ("bank england") and a name
   right before another is a *modifier* ("Paris" in "Paris Climate Agreement"), so it
   never passes for the name alone. Name variants are joined on the *vocabulary*
   (Zelensky / Zelenskyy / Zelenskiy; judgement / judgment) with rapidfuzz.
3. **Weights** (:mod:`.weights`, built into a :mod:`.index`). TF-IDF with a BM25-style
   idf over passages and ``1 + ln tf``; names, numbers and dates get extra weight.
4. **Stories** (:mod:`.stories`). Documents are grouped into news stories before any
   passage is aligned: document vectors (title and lead doubled; the brief's idf, an
   idf smoothed for one-story briefs, and names, figures and dates alone), a learned
   document-pair model over those similarities *relative to the brief's own
   distribution* (each document's nearest neighbour, the brief's median and mean),
   their dates and, with the semantic stage, their embeddings; then average linkage.
   A one-story brief stays one story; a folder of many stories splits.
5. **Similarity** (:mod:`.scoring`, :mod:`.semantic`). The lexical score: ``0.3 ·
   passage cosine + 0.7 · sentence score`` (each sentence against its best in the
   other passage, both directions). With the semantic stage, the cosine of the
   passages' mean token embeddings and the best sentence-pair cosine (wordllama's
   256-dimension ``l2_supercat`` table, loaded from its wheel, never downloaded).
6. **Alignment** (:mod:`.align`). Within the anchor's story (``widen`` for the whole
   brief): inverted postings give candidates, the best few per source by a partial
   dot product, scored (the lexical score lifted by the best sentence-pair cosine
   with the semantic stage); a source's passages are shown most probable first, as
   the covered model ranks them, in paragraphs the shown ones in a ranking model's
   order (:func:`.covered.order`). A :class:`Match`
   computes its evidence and spans (:mod:`.evidence`) on first access.
7. **Covered** (:mod:`.covered`, :mod:`.linear`). Whether a source reports the
   anchor's event is a calibrated decision, not a threshold on one score: a small
   logistic regression over the lexical (and semantic) scores, shared names, figures
   and dates, the candidate's margin in its document, the anchor's level across
   sources, the document-level story probability, positions, and whether the scope
   is sentence-style (one sentence a passage) or paragraphs. Its probability is
   shown; three grades a journalist reads: "reports this", "touches on it", "not
   covered". Trained by ``train/train_compare.py`` on development data (held-out
   topics kept apart), weights in ``model.json``: no scikit-learn at run time.
8. **Events** (:mod:`.events`; the best matches found with numpy by
   :mod:`.neighbours`). Within each story, passages that are each other's
   best match in their documents are linked when the covered model finds the pair
   probable enough; linked passages form cores (never two passages of one
   document), and near misses join a core without chaining (a joining passage may
   be a second of a document the core has). A passage no other
   source reports is a single-source event when it carries specific facts.
9. **Labels** (:mod:`.labels`). An event is named by its most central sentence,
   shortened to who did what (asides, appositives and attributions dropped), with its
   date ("Bettie Page has died · December 11").

:class:`Comparer` (:mod:`.comparer`) is the small facade over the stages, and the
result dataclasses are in :mod:`.results`. ``bench/compare_accuracy.py`` measures the
method (gold briefs, ECB+ held-out topics, mixed briefs, stories) and
``bench/bench_compare.py`` its speed.

The index is built for the whole brief at once (:mod:`.columns`: the stages above
over integer columns with numpy, no Python step per token) and keeps every passage's
occurrences and vector as flat arrays; a passage's tuples are made when first read.
Occurrences are tuples of ``str`` and ``int`` (the garbage collector stops walking
them), and :meth:`Comparer.cache_state` is plain data only (no class instances, sets
or functions; the index's columns as bytes of arrays), so the on-disk cache never
needs to unpickle code.
"""

from __future__ import annotations

from brieftui.compare.comparer import Comparer
from brieftui.compare.results import (
    CompareResult,
    Event,
    EventPassage,
    Evidence,
    Match,
    SourceCoverage,
    Story,
)
from brieftui.compare.scoring import MIN_SHARED, THRESHOLD

__all__ = [
    "MIN_SHARED",
    "THRESHOLD",
    "CompareResult",
    "Comparer",
    "Event",
    "EventPassage",
    "Evidence",
    "Match",
    "SourceCoverage",
    "Story",
]
