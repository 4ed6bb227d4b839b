"""How a typed source name picks documents: search's ``source:`` and the Events filter.

One rule in both places, so a name that finds a source in search finds it in
Events too: the name, folded (case, accents, apostrophes, dots; see
:func:`brieftui.text.fold`) as typed and as its query words, is looked for in a
document's folded id, title, publisher and author; a name of four characters or
more also matches within rapidfuzz ``partial_ratio`` 85, so a typo ("bundresen"
for Bundersen, "reuterz") still finds the source, but only when no document holds the
name as typed (:func:`matching_sources`): "3_6ecbplus" is that document, not also
its neighbours "3_4ecbplus" and "3_9ecbplus" one character away (from a trial).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from brieftui.search.query import query_words
from brieftui.text import fold

__all__ = [
    "FUZZY_MIN_LEN",
    "FUZZY_SCORE",
    "matching_sources",
    "source_fields",
    "source_matcher",
]

FUZZY_MIN_LEN = 4
"""Shorter names match only exactly: "s3" must not find every title with an "s"."""
FUZZY_SCORE = 85


def source_fields(*values: str | None) -> str:
    """What a name is matched against: the folded fields, joined (empty ones left out)."""
    return " | ".join(fold(v) for v in values if v)


def _variants(name: str) -> list[str]:
    variants = [fold(name.strip()), " ".join(fold(w) for w in query_words(name))]
    return [v for v in dict.fromkeys(variants) if v]


def source_matcher(name: str, *, fuzzy: bool = True) -> Callable[[str], bool]:
    """A test of :func:`source_fields` strings for the typed ``name`` (as typed, or
    with ``fuzzy`` within a typo)."""
    variants = _variants(name)
    near = [v for v in variants if len(v) >= FUZZY_MIN_LEN] if fuzzy else []

    def matches(fields: str) -> bool:
        return any(v in fields for v in variants) or any(
            fuzz.partial_ratio(v, fields, score_cutoff=FUZZY_SCORE) for v in near
        )

    return matches


def matching_sources(name: str, fields: Sequence[str]) -> list[int]:
    """The positions of the ``fields`` (:func:`source_fields` strings) that ``name``
    picks: those holding it as typed, or when none does, those within a typo of it."""
    exact = source_matcher(name, fuzzy=False)
    found = [k for k, f in enumerate(fields) if exact(f)]
    if found:
        return found
    near = source_matcher(name)
    return [k for k, f in enumerate(fields) if near(f)]
