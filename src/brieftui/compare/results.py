"""What compare answers: plain result objects, no references into the model.

A :class:`CompareResult` lists every other source with its :class:`Match` es
(best first; none means "not covered"); an :class:`Event` lists the passages
that report one happening. They are frozen, compare by value and pickle as
plain data, so the CLI, the app and the cache can keep or send them freely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "CompareResult",
    "Event",
    "EventPassage",
    "Evidence",
    "Match",
    "SourceCoverage",
    "Story",
]

Spans = list[tuple[int, int]]
"""Character spans ``(start, end)`` in a text, sorted and not overlapping."""


@dataclass(frozen=True)
class Evidence:
    """What two passages share, as it appears in the matched text (display form)."""

    terms: list[str]
    names: list[str]
    numbers: list[str]
    dates: list[str]


NO_EVIDENCE = Evidence([], [], [], [])

Explain = Callable[[], tuple[Evidence, Spans]]
"""Computes a match's evidence and spans when they are first asked for."""


class Match:
    """One matching passage of a source.

    ``evidence`` and ``spans`` are computed on first access by the ``explain``
    callable the aligner gives (a compare over a large brief finds hundreds of
    matches; the UI shows a few), then kept and the callable dropped. A pickled
    or compared Match is always fully computed, plain data.
    """

    __slots__ = (
        "_evidence",
        "_explain",
        "_spans",
        "doc_id",
        "grade",
        "passage_id",
        "probability",
        "score",
        "text",
    )

    passage_id: str
    doc_id: str
    text: str
    score: float
    """0..1, the lexical similarity calibrated so that 0.5 was the old fixed threshold
    (kept for callers that rank by it; the decision is :attr:`probability`)."""
    probability: float
    """0..1, the learned probability that this passage reports the anchor's event."""
    grade: str
    """"reports this" or "touches on it" (a passage "not covered" is never a match)."""

    def __init__(
        self,
        passage_id: str,
        doc_id: str,
        text: str,
        score: float,
        evidence: Evidence | None = None,
        spans: Spans | None = None,
        explain: Explain | None = None,
        probability: float | None = None,
        grade: str = "",
    ) -> None:
        self.passage_id = passage_id
        self.doc_id = doc_id
        self.text = text
        self.score = score
        self.probability = score if probability is None else probability
        self.grade = grade
        self._evidence = evidence
        self._spans = spans
        self._explain = explain if evidence is None else None

    def _fill(self) -> None:
        explain = self._explain
        if explain is None:
            self._evidence, self._spans = NO_EVIDENCE, []
            return
        self._evidence, self._spans = explain()
        self._explain = None

    @property
    def evidence(self) -> Evidence:
        """What the match shares with the anchor (display forms)."""
        if self._evidence is None:
            self._fill()
        return self._evidence  # type: ignore[return-value]

    @property
    def spans(self) -> Spans:
        """Character spans in ``text`` of the shared terms, for highlighting."""
        if self._spans is None:
            self._fill()
        return self._spans  # type: ignore[return-value]

    def _key(self) -> tuple:
        return (
            self.passage_id,
            self.doc_id,
            self.text,
            self.score,
            self.evidence,
            self.spans,
            self.probability,
            self.grade,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Match):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.passage_id, self.doc_id, self.score))

    def __repr__(self) -> str:
        return (
            f"Match(passage_id={self.passage_id!r}, doc_id={self.doc_id!r}, "
            f"score={self.score!r}, probability={self.probability!r}, grade={self.grade!r}, "
            f"evidence={self.evidence!r}, spans={self.spans!r})"
        )

    def __reduce__(self) -> tuple:
        return (
            Match,
            (
                self.passage_id,
                self.doc_id,
                self.text,
                self.score,
                self.evidence,
                self.spans,
                None,
                self.probability,
                self.grade,
            ),
        )


@dataclass(frozen=True)
class SourceCoverage:
    """How one source covers the anchor's event."""

    doc_id: str
    title: str
    matches: list[Match]
    """Best first (the learned order, :func:`.covered.order`); empty when this source does
    not cover the event."""
    probability: float = 0.0
    """The probability that this source reports the anchor's event (its most probable
    candidate's, which in paragraphs need not be the first shown)."""
    grade: str = "not covered"
    """"reports this", "touches on it" or "not covered" (see :mod:`.covered`)."""

    @property
    def covered(self) -> bool:
        return bool(self.matches)


@dataclass(frozen=True)
class CompareResult:
    """The anchor (a passage, or free text when ``anchor_passage_id`` is None) and every source."""

    anchor_passage_id: str | None
    anchor_doc_id: str | None
    anchor_text: str
    anchor_spans: Spans
    sources: list[SourceCoverage]
    """Every other document of the scope (the anchor's story, or the whole brief when
    widened or for free text), in brief order."""
    story: str | None = None
    """The anchor's story id (``s1``…), ``None`` for free text."""
    widened: bool = False
    """True when the sources are the whole brief rather than the anchor's story."""


@dataclass(frozen=True)
class EventPassage:
    """One passage of an event."""

    passage_id: str
    doc_id: str


@dataclass(frozen=True)
class Event:
    """Passages that report one happening; ``doc_ids`` in brief order."""

    id: str
    label: str
    passages: list[EventPassage]
    doc_ids: list[str]
    story: str | None = None
    """The story the event belongs to (``s1``…)."""
    label_sentence: str = ""
    """The event's most central sentence, whole (the label is it shortened)."""
    date: str | None = None
    """The date the event happened, as written, when its passages give one."""
    when: str | None = None
    """:attr:`date` sortable: ``2025-02-28``, or ``--02-28`` when no year is given."""

    @property
    def single_source(self) -> bool:
        """True when only one source reports this."""
        return len(self.doc_ids) == 1


@dataclass(frozen=True)
class Story:
    """Documents of the brief that tell one news story; ``doc_ids`` in brief order."""

    id: str
    label: str
    """The title of the story's most central document, shortened."""
    doc_ids: list[str]
