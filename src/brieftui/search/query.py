"""Query syntax: plain words, exact phrases, exclusions and ``source:`` names.

See :mod:`brieftui.search` for the syntax. Every pattern here starts at a fixed literal
and consumes one negated class, so parsing is linear in the query's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brieftui.text import tokenize

__all__ = ["MAX_QUERY_WORDS", "Query", "parse_query", "query_words"]

MAX_QUERY_WORDS = 12


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: fuzzy words, required exact phrases, exclusions and source names."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...]
    excluded: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases or self.sources)


_SOURCE_RE = re.compile(r"""(?i)(?<!\S)source:(?:"([^"]*)"?|'([^']*)'?|(\S*))""")
_QUOTED_PHRASE_RE = re.compile(r"""(?<!\S)'(?:"([^"]*)"?|'([^']*)'?)""")
_EXCLUDED_RE = re.compile(r"""(?<!\S)-(?:"([^"]*)"?|([^\s"-]\S*))""")
_DOUBLE_QUOTED_RE = re.compile(r"""(?<!\S)"([^"]*)"?""")


def query_words(text: str) -> list[str]:
    """The words of ``text`` as a query sees them (at most :data:`MAX_QUERY_WORDS`)."""
    return [w for w, _, _ in tokenize(text)][:MAX_QUERY_WORDS]


def parse_query(query: str) -> Query:
    """Split ``query`` into fuzzy words, exact phrases and ``source:`` names."""
    query = query[:2000]
    sources: list[str] = []

    def take_source(m: re.Match[str]) -> str:
        name = next((g for g in m.groups() if g is not None), "").strip()
        if name:
            sources.append(name)
        return " "

    query = _SOURCE_RE.sub(take_source, query)
    phrases: list[tuple[str, ...]] = []

    def take_phrase(m: re.Match[str]) -> str:
        body = next((g for g in m.groups() if g is not None), "")
        words = tuple(query_words(body))
        if words:
            phrases.append(words)
        return " "

    query = _QUOTED_PHRASE_RE.sub(take_phrase, query)
    excluded: list[tuple[str, ...]] = []

    def take_excluded(m: re.Match[str]) -> str:
        body = next((g for g in m.groups() if g is not None), "")
        words = tuple(query_words(body))
        if words:
            excluded.append(words)
        return " "

    query = _EXCLUDED_RE.sub(take_excluded, query)
    query = _DOUBLE_QUOTED_RE.sub(take_phrase, query)
    words: list[str] = []
    rest = query.strip()
    if rest.startswith("'"):
        phrase = tuple(query_words(rest[1:]))
        if phrase:
            phrases.append(phrase)
    else:
        # A ' inside the rest ("nato 'ceasefire") starts a phrase that runs to the end.
        head, sep, tail = rest.partition(" '")
        words = query_words(head)
        if sep:
            phrase = tuple(query_words(tail))
            if phrase:
                phrases.append(phrase)
    return Query(tuple(words), tuple(phrases), tuple(sources), tuple(excluded))
