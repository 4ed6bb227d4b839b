"""Compare: how each source covers the same event, and the events of a brief.

The method is lexical (no embeddings, no numpy), in the spirit of the good
SemEval-2022 Task 8 systems minus the neural part:

1. **Terms** (:mod:`.terms`). Every passage is split into sentences and words with
   :mod:`brieftui.text` (the tokenizer search uses, the sentence splitter ingest
   uses). Words are folded, British/American spellings joined (``spelling_key``),
   stopwords dropped and plurals lightly stemmed ("allies" → "ally", "sanctions" →
   "sanction"). Dates in any of the usual shapes ("28 February 2025", "February 28,
   2025", "Feb. 28") become one date term (``@02-28``, plus ``@2025-02`` when the year
   is given); numbers become ``#``-terms ("2,000" → ``#2000``).
2. **Names** (:mod:`.names`). A word is a *name* when, across the brief, it is
   capitalised wherever it is not the first word of a sentence (or is an acronym such
   as NATO or WHO). Adjacent names (also across "of": "Bank of England") give a phrase
   term ("oval office", "bank england"), and a name right before another name is a
   *modifier* with its own term ("Paris" in "Paris Climate Agreement", "Eastern" in
   "Eastern Europe"), so it never passes for the name alone. Name variants are joined
   by fuzzy matching on the *vocabulary*, not on the passages: names of five letters
   or more that share a three-letter prefix and lie within edit distance 1 (2 from
   eight letters) become one canonical term (Zelensky / Zelenskyy / Zelenskiy);
   ordinary long words are joined only when they differ by one edit away from both
   ends (judgement / judgment). rapidfuzz computes the distances within each bucket.
   Only the head of a run of names weighs in similarity; modifiers and phrases are
   kept for the evidence shown and for labels.
3. **Weights** (:mod:`.weights`, built into a :mod:`.index`). TF-IDF with a BM25-style
   idf over passages and ``1 + ln tf``; names, numbers and dates get extra weight
   because shared names, figures and dates are the strongest evidence that two
   passages report the same happening. (Tried on the gold sets and dropped, because
   they did not help across all of them: document-frequency weighting, content
   bigrams, weights from general-English word frequencies, within-document burstiness,
   and a gate asking for "specific" rare terms; see ``bench/compare_accuracy.py``.)
4. **Similarity** (:mod:`.scoring`). ``score = 0.3 · passage cosine + 0.7 · sentence
   score``, where the sentence score takes, for each sentence of one passage, its best
   matching sentence in the other and takes half the best of those maxima plus half
   their mean weighted by sentence mass, in both directions, averaged. A paragraph
   that shares one sentence-level fact with another therefore scores well even when
   the rest of the paragraphs differ.
5. **Calibration** (:mod:`.scoring`). A pair is "the same event" when the raw score
   reaches :data:`THRESHOLD` and the two passages share at least :data:`MIN_SHARED`
   informative terms (weekdays and small counts such as "Monday" or "two" don't count:
   every story has them). A passage made only of questions reports nothing and is
   never matched. The threshold was chosen on the gold sets in ``tests/compare`` (the
   seeds, a Bank of England brief, a wildfire brief and a port-strike brief written
   blind to the method); ``bench/compare_accuracy.py`` prints top-1 and "not covered"
   precision and recall for each. Reported scores are the raw score mapped
   piecewise-linearly so that the threshold is 0.5: below 0.5 is never shown as a
   match, and an empty match list means "not covered".
6. **Alignment and speed** (:mod:`.align`). Inverted postings (term → passages) give
   candidates; only the best few candidates per document (by a partial dot product
   over the anchor's most informative terms) are scored, and only the
   ``SENTENCE_BUDGET`` best of all candidates get the sentence-level score (sentence
   vectors are built on first use). A :class:`Match` computes its evidence and spans
   (:mod:`.evidence`) on first access: a compare over a large brief finds hundreds of
   matches and the reader looks at a few. The build tokenises each passage once, with
   one cache per build from raw token to normalised term.
7. **Events** (:mod:`.events`). In a small brief every passage is matched against
   every other document (the same candidate pruning, full score). In a large one (more
   than ``EVENT_LARGE`` passages) a passage looks only at passages that share at least
   two of its rarest informative terms (postings of terms used by at most
   ``EVENT_MAX_DF`` of passages, counted by ``Counter``) and links by cosine. Two
   passages are linked when each is the other's best match in its document (mutual
   best match) and the pair clears the threshold; linked passages form the event
   cores, strongest pairs first (one union-find, :mod:`.unionfind`), and a core never
   holds two passages of one document. Passages that clear the threshold against a
   core passage but are not mutual best matches join the best such core, without
   linking further, so events do not chain into one giant event. Passages with no
   match in any other document become single-source events only when they carry
   specific facts a reader would want flagged (a date, a figure, names found in no
   other document, or ``OWN_WORDS`` words found in no other passage).
8. **Labels** (:mod:`.labels`). An event is labelled by its most distinctive whole
   name as written (a run of adjacent names, titles and demonyms trimmed: "Volodymyr
   Zelenskyy", "Bank of England", "United States"), a second name when nearly as
   distinctive, else a distinctive pair of adjacent words or a word (not a bare verb
   form), and a date or figure ("Volodymyr Zelenskyy · 28 February 2025"). A term is
   distinctive when many of the event's sources use it and few others do.

The stages are modules and mostly pure functions of a :class:`~.index.PassageIndex`;
:class:`Comparer` (:mod:`.comparer`) is the small facade over them, and the result
dataclasses are in :mod:`.results`. Where a next stage slots in:

* **stories** (documents about one news story, clustered first): a stage that maps
  document numbers to a story, and a ``docs`` filter on :func:`.align.matches_for` and
  :func:`.events.detect_events`;
* **semantic alignment**: one more score function in :mod:`.scoring`, combined with
  :func:`.scoring.lexical_score`;
* **a learned "covered"**: a decision that replaces the threshold and
  :func:`.scoring.enough` where :mod:`.align` and :mod:`.events` gate a pair;
* **readable event labels**: another :data:`.events.Labeller`.

Occurrences are tuples of ``str`` and ``int`` (the garbage collector stops
walking them), and :meth:`Comparer.cache_state` is plain data only (no class
instances, sets or functions), so the on-disk cache never needs to unpickle code.
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
