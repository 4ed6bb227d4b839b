"""Word families for search: "killed" finds "killing" and "kills", "injured" finds "injuring".

Why: a reader searches for the event, not for the form a writer chose. Prefixes already
carry a word being typed ("kill" → "killing"), and typos carry a letter or two, but a
finished inflected word ("killed") is neither a prefix nor a near spelling of its
siblings ("killing" is three edits away). So a query word's *family* (the vocabulary
terms with its light stem) is matched too, a little below the word itself.

The stem is deliberately light (English inflections only: -s, -es, -ies, -ed, -ied, -ing,
a doubled final consonant, a silent e), so that it joins forms of one word and rarely
two words: "united" → "unit" joins "units", a known cost of every light stemmer, paid
below an exact match. Linear: a few ``endswith`` checks per word.
"""

from __future__ import annotations

MIN_STEM = 4
"""Stems shorter than this are not made: "news" is not a plural of "new", and short
words are carried by prefixes and typos well enough."""

_KEEP_DOUBLE = frozenset("lsz")
"""Final doubles that belong to the word ("kill", "pass", "buzz"), not to the suffix."""


def inflection_stem(word: str) -> str:
    """The light stem of a folded word: "killed", "killing", "kills" → "kill";
    "injured", "injuring", "injures", "injure" → "injur"; "stopped" → "stop";
    "ceasefires" → "ceasefir"; "cities" → "city"; "agreed" and "news" stay. A word without an inflection keeps
    its form, less a silent final e."""
    stem = word
    if len(word) - 2 >= MIN_STEM and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if word.endswith("eed"):
        return word  # "agreed" (agree + d) or "proceed" (no suffix): cannot tell
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break  # "press", "bus", "analysis": not plurals
            stem = word[: -len(suffix)]
            if (
                suffix in ("ing", "ed")
                and len(stem) > MIN_STEM
                and stem[-1] == stem[-2]
                and stem[-1] not in _KEEP_DOUBLE
                and stem[-1] not in "aeiou"
            ):
                stem = stem[:-1]  # "stopped" → "stop", "running" → "run"
            break
    if len(stem) > MIN_STEM and stem.endswith("e") and not stem.endswith("ee"):
        stem = stem[:-1]  # "injure" → "injur", so it meets "injured" and "injuring"
    return stem
