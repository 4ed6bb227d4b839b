"""All the facts of one passage, extracted once and kept.

:func:`passage_facts` is what pairing and every view call: a pure function of the
passage text and its article's date, cached (``lru_cache``), so a screen that asks
for one pair's divergences pays for extraction once per passage.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from brieftui.divergence.dates import extract_dates, parse_doc_date
from brieftui.divergence.facts import DATE, Fact
from brieftui.divergence.figures import extract_figures
from brieftui.divergence.people import extract_places, extract_roles, name_runs
from brieftui.divergence.quotes import extract_quotes, quote_spans
from brieftui.divergence.tokens import tokenize

CACHE_SIZE = 50_000
"""Passages whose facts are kept (a 1,000-article brief has about 20,000)."""


@lru_cache(maxsize=CACHE_SIZE)
def passage_facts(text: str, doc_date: str | None = None) -> tuple[Fact, ...]:
    """The figures, dates, times, places, roles and quotations of a passage, in text order."""
    toks = tokenize(text)
    day = parse_doc_date(doc_date)
    runs = name_runs(toks)
    roles = extract_roles(toks, runs)
    people = {f.slot.removeprefix("person:") for f in roles}
    people |= {run.surname for run in runs if not run.org and len(run.words) >= 2}
    facts: list[Fact] = []
    facts += extract_figures(toks, day.year if day else None)
    facts += _outside_quotes_if_relative(text, extract_dates(toks, day))
    facts += extract_places(toks, runs, people)
    facts += roles
    facts += extract_quotes(text, toks, runs, roles)
    facts.sort(key=lambda f: (f.start, f.end))
    return tuple(replace(f, text=text[f.start : f.end]) for f in facts)


def _outside_quotes_if_relative(text: str, facts: list[Fact]) -> list[Fact]:
    """Dates less those written relative to the day they were said ("today", "on
    Friday", "last night") inside a quotation: the speaker's day, not the article's,
    so they date nothing (in a trial a chanted "today" was one Monday in one report and
    the Tuesday after in the next: a false divergence)."""
    if not facts or ('"' not in text and "“" not in text and "‘" not in text and "«" not in text):
        return facts
    quoted = quote_spans(text)
    if not quoted:
        return facts
    return [
        f
        for f in facts
        if f.kind != DATE
        or any(ch.isdigit() for ch in text[f.start : f.end])
        or not any(s <= f.start and f.end <= e for s, e in quoted)
    ]
