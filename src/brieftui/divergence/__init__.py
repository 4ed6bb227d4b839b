"""Where sources disagree: figures, dates, places, roles and quotations that differ between
passages reporting the same event.

(The method is described in full below, after the public API.)
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
    "pairings_between",
    "passage_facts",
    "same_event_pairs",
]
