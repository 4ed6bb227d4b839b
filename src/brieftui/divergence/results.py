"""What divergence finding answers: plain frozen dataclasses, no references into the model.

A :class:`Divergence` is one slot (what is counted, dated, quoted) on which passages
disagree, with every value as written and its span in its passage, so a view can
highlight both sides without extracting anything again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DivergenceValue:
    """One side of a divergence: what a passage says, where."""

    passage_id: str
    doc_id: str
    text: str
    """The words as written (a figure with what it counts, a date phrase, a quote, a name)."""
    span: tuple[int, int]
    """``(start, end)`` of ``text`` in the passage text."""
    value: str
    """The value normalised ("14", "about 1,200", "Thursday 13 March 2025", "minister")."""


@dataclass(frozen=True, slots=True)
class Divergence:
    """Passages that fill one slot with values that do not agree.

    From :func:`~brieftui.divergence.divergences_of` it holds exactly two values (the
    first passage's, then the second's); from ``Brief.divergences`` every value of
    an event's passages that takes part in a disagreement on the slot, in brief order
    (values that agree with each other appear side by side: "12, 12, 15").
    """

    kind: str
    """``figure``, ``date``, ``time``, ``place``, ``role``, ``quote`` (wording) or ``speaker``."""
    slot: str
    """What the values are about, for a reader ("dead", "price per share", "date")."""
    values: tuple[DivergenceValue, ...]
    event: str | None = None
    """The event id (``Brief.events``) when found over the brief."""

    def summary(self, source: Callable[[str], str] | None = None) -> str:
        """ "12 dead (S1) vs 15 dead (S3)": each distinct text with its sources.

        ``source(doc_id)`` names a source (default: the document id).
        """
        name = source or (lambda doc_id: doc_id)
        groups = self.groups(name)
        if self.kind == "quote":
            return " vs ".join(f"“{text}” ({', '.join(srcs)})" for text, srcs in groups)
        return " vs ".join(f"{text} ({', '.join(srcs)})" for text, srcs in groups)

    def groups(self, name: Callable[[str], str]) -> list[tuple[str, list[str]]]:
        """``(text, sources)`` for each distinct value: values that agree (the same
        normalised value, however written: "at least 40 people" and "At least 40
        people") are one, shown as first written, with all their sources."""
        out: dict[str, tuple[str, list[str]]] = {}
        for v in self.values:
            key = (v.value or " ".join(v.text.split())).casefold()
            _shown, sources = out.setdefault(key, (" ".join(v.text.split()), []))
            label = name(v.doc_id)
            if label not in sources:
                sources.append(label)
        return list(out.values())
