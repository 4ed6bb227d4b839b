"""Evidence: what a match shares with its anchor, as the reader sees it, and where.

The sixth stage of compare, and the only one that looks back at the text as
written: shared names as whole runs ("Volodymyr Zelenskyy", though only
"Zelenskyy" weighs in the score), then figures, dates and the informative words,
most weighty first, each in its display form (possessive dropped), with the
character spans to highlight. A compare finds hundreds of matches in a large
brief and the reader looks at a few, so each :class:`~.results.Match` computes
its evidence on first access through :func:`explainer`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from brieftui.compare.index import PassageIndex, Unit
from brieftui.compare.names import PHRASE_GAPS, is_weighed
from brieftui.compare.results import Evidence, Explain, Spans
from brieftui.compare.terms import DATE, NUMBER, PHRASE, WORD, Occ
from brieftui.compare.weights import INFORMATIVE_IDF
from brieftui.spans import merge_spans


def evidence(
    index: PassageIndex, anchor_terms: dict[str, float], unit: Unit
) -> tuple[Evidence, Spans]:
    """What ``unit`` shares with the anchor, and where, for display.

    ``anchor_terms``: the anchor's weighted terms, plus its modifier and phrase
    terms at weight 0 (see :func:`display_terms`), so that a shared name is shown
    whole ("Volodymyr Zelenskyy") though only its head weighs in the score.
    """
    vec = unit.vec
    shared = {t for t, _s, _e, _k in unit.occs if t in anchor_terms}
    weight = {t: anchor_terms[t] * vec.get(t, 0.0) for t in shared}
    first: dict[str, tuple[int, int, int]] = {}
    spans: list[tuple[int, int]] = []
    for term, s, e, kind in unit.occs:
        if term in shared:
            spans.append((s, e))
            first.setdefault(term, (s, e, kind))
    order = sorted(shared, key=lambda t: (-weight[t], first[t][0]))
    # names: maximal runs of adjacent shared names ("Ukrainian President Volodymyr Zelensky")
    runs: dict[int, tuple[int, int]] = {}
    run_weight: dict[int, float] = {}
    last: tuple[int, int] | None = None
    for term, s, e, kind in unit.occs:
        if kind != WORD or term not in shared or term not in index.names:
            continue
        start = last[0] if last is not None and unit.text[last[1] : s].strip() in PHRASE_GAPS else s
        runs[start] = (start, e)
        run_weight[start] = run_weight.get(start, 0.0) + weight[term]
        last = (start, e)
    names: list[str] = []
    days: list[str] = []  # "Saturday", "March": capitalised, hence names to the brief
    for start in sorted(runs, key=lambda k: (-run_weight[k], k)):
        shown = display(unit.text[runs[start][0] : runs[start][1]])
        if calendar_word_run(shown):
            if shown not in days:
                days.append(shown)
        elif not any(shown in n for n in names):  # "Zelensky" after "Volodymyr Zelensky"
            names.append(shown)
    numbers: list[str] = []
    dates: list[str] = []
    words: list[str] = []
    seen: set[str] = set(names) | set(days)
    for t in order:
        s, e, kind = first[t]
        shown = display(unit.text[s:e])
        if shown in seen or kind == PHRASE or t in index.names:
            continue
        seen.add(shown)
        if kind == DATE:
            dates.append(shown)
        elif kind == NUMBER:
            if not any(shown in d for d in dates):
                numbers.append(shown)
        elif index.idf[t] > INFORMATIVE_IDF:
            words.append(shown)
    dates += [d for d in days if not any(d in shown for shown in dates)]  # "Monday" is a when
    return Evidence(words[:12], names[:8], numbers[:6], dates[:4]), merge_spans(spans)


CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)
"""Day and month names. A brief counts them as names (they are capitalised wherever they
stand), and that stays so for the scores; shown alone, they are dates, not names."""


def calendar_word_run(shown: str) -> bool:
    """Whether a run of names, as shown, is only day or month names ("Saturday", "May"),
    so not a name to list: "Theresa May" and "Saturday Night Live" are names."""
    words = shown.replace("-", " ").split()
    return bool(words) and all(w.lower() in CALENDAR_WORDS for w in words)


def display_terms(vec: dict[str, float], occs: Iterable[Occ]) -> dict[str, float]:
    """``vec`` plus the modifier and phrase terms of ``occs`` at weight 0, for :func:`evidence`."""
    out = dict(vec)
    for t, _s, _e, _k in occs:
        if t not in out and not is_weighed(t):
            out[t] = 0.0
    return out


def display(text: str) -> str:
    """A term as shown to the reader: possessive dropped ("Trump’s" → "Trump")."""
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def explainer(index: PassageIndex, anchor_terms: dict[str, float], unit: Unit) -> Explain:
    """A callable that computes ``unit``'s evidence against the anchor when first asked."""
    return functools.partial(evidence, index, anchor_terms, unit)


def anchor_spans(occs: Iterable[Occ], shared: set[str] | dict[str, float]) -> Spans:
    """Where in the anchor the terms it shares with its matches stand."""
    return merge_spans((s, e) for t, s, e, _k in occs if t in shared)
