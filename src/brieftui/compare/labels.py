"""Labels: an event named by its most central sentence, shortened, with its date.

The last stage of compare. A bag of distinctive words ("Trump · landscapes",
"Europe · reduces") does not read as an event; a sentence does. An event is
labelled by its *most central sentence*: the passage most like the event's
passages from other sources, and in it the sentence most like them, shortened to
who did what (:func:`shorten_sentence`: asides in brackets and dashes, appositives
after a name and trailing attributions dropped, then cut at a clause boundary),
followed by the event's date when its passages give one ("Bettie Page has died ·
December 11"). The whole sentence is kept beside the label (``Event.label_sentence``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain

import numpy as np

from brieftui.compare.firstseen import group_ids
from brieftui.compare.index import PassageIndex
from brieftui.compare.scoring import dot
from brieftui.compare.terms import DATE
from brieftui.compare.unitmatrix import UnitMatrix
from brieftui.compare.weights import vector
from brieftui.compare.when import weekday_dates
from brieftui.spans import shorten
from brieftui.text import is_question, sentence_spans

LIMIT = 120
"""Labels longer than this are cut at a clause boundary (or a word, with "…")."""
MEMBERS_MAX = 30
"""An event's label is chosen among (and against) at most this many of its passages."""


@dataclass(frozen=True)
class Label:
    """An event's label, the sentence it was shortened from, and its date (as written)."""

    text: str
    sentence: str
    date: str | None
    when: str | None = None
    """The date, sortable: ``2025-02-28``, or ``--02-28`` when the year is not given."""


_OPENERS = ("the ", "a ", "an ", "who ", "which ", "whose ", "one of ", "now ", "aged ")
_SAID = re.compile(
    r",\s+(?:(?:[\w.'’-]+\s+){0,4}(?:said|says|told|added|reported|announced)"
    r"(?:\s+[\w.'’-]+){0,4}|according\s+to\b[^,]{0,80})[.!]?$"
)
"""A trailing attribution (", police said.", ", according to her agent.")."""


def _drop_enclosed(text: str, opening: str, closing: str) -> str:
    """``text`` without what stands between ``opening`` and ``closing`` (one level, linear)."""
    if opening not in text:
        return text
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch == opening:
            depth += 1
        elif ch == closing and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def _drop_dash_asides(text: str) -> str:
    """ "A — an aside — B" → "A B" (em dash, en dash or a double hyphen, in pairs)."""
    for dash in (" — ", " – ", " -- "):
        while True:
            first = text.find(dash)
            if first < 0:
                break
            second = text.find(dash, first + len(dash))
            if second < 0:
                break
            text = text[:first] + " " + text[second + len(dash) :]
    return text


def _drop_appositive(text: str) -> str:
    """ "Bettie Page, the 1950s pin-up model, has died" → "Bettie Page has died".

    Only the first comma pair, only when it opens like an appositive, and only when
    something that is not a list follows it.
    """
    first = text.find(", ")
    if first < 0 or first > 60:
        return text
    rest = text[first + 2 :]
    if not rest.lower().startswith(_OPENERS):
        return text
    second = rest.find(", ")
    if second < 0:
        return text
    tail = rest[second + 2 :]
    if not tail or tail.lower().startswith(("and ", "or ")):
        return text
    return text[:first] + " " + tail


_LEAD_TIME = re.compile(
    r"^(?:(?:just|early|late|on|by|in|last|this)\s+)*"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2}\b)"
    r"[^,]{0,25},\s+",
    re.IGNORECASE,
)
"""A leading time phrase ("On Thursday, ", "Just on 28 February 2025, "): the date follows the label."""


_CONNECTIVE = re.compile(
    r"^(?:(?:moreover|however|meanwhile|furthermore|additionally|also|indeed|still|"
    r"nonetheless|nevertheless|therefore|thus|instead|in addition|in fact|in turn|"
    r"at the same time|as a result|for example|for instance|looking ahead|"
    r"on the other hand|in other words|by contrast|in short|today|now),\s+"
    r"|(?:but|and|so|yet|or)\s+)",
    re.IGNORECASE,
)
"""A sentence's link to the one before ("Moreover, ", "But "): it says nothing alone."""


def shorten_sentence(sentence: str, limit: int = LIMIT) -> str:
    """Who did what: asides, an appositive, a leading time phrase and a trailing
    attribution dropped, then cut at a clause boundary."""
    text = " ".join(sentence.split())
    m = _CONNECTIVE.match(text)
    if m is not None and len(text) - m.end() > 20:
        rest = text[m.end() :]
        text = rest[0].upper() + rest[1:]
    m = _LEAD_TIME.match(text)
    if m is not None and len(text) - m.end() > 30:
        rest = text[m.end() :]
        text = rest[0].upper() + rest[1:]
    text = _drop_enclosed(text, "(", ")")
    text = _drop_enclosed(text, "[", "]")
    text = _drop_dash_asides(text)
    text = _drop_appositive(text).lstrip(" —–-:")
    m = _SAID.search(text)
    if m is not None and m.start() > 20:
        text = text[: m.start()]
    text = " ".join(text.split()).strip(" ,;:")
    if text.endswith((".", "!")) and not text.endswith(".."):
        text = text[:-1]
    if len(text) <= limit:
        return text
    # a clause boundary before the limit reads better than a cut word (never inside a quote)
    for sep in ("; ", " — ", ": "):
        cut = text.rfind(sep, 0, limit)
        if cut >= limit // 2 and _quotes_closed(text[:cut]):
            return text[:cut].rstrip(" ,;:")
    cut_text = shorten(text, limit)
    if not _quotes_closed(cut_text):  # never stop inside a quote: stop before it
        opening = max(cut_text.rfind('"'), cut_text.rfind("“"))
        if opening >= limit // 3:
            return cut_text[:opening].rstrip(" ,;:") + "…"
    return cut_text


def _quotes_closed(text: str) -> bool:
    """True when every quote opened in ``text`` is closed (straight quotes counted in pairs)."""
    return text.count('"') % 2 == 0 and text.count("“") <= text.count("”")


def _sums(
    index: PassageIndex, members: list[int]
) -> tuple[dict[str, float], dict[int, dict[str, float]]]:
    """The sum of the members' vectors, and each member document's own sum.

    A sum of one vector is that vector (``0.0 + w`` is ``w``): the first member's
    vector starts the total, and a document with one member (most: an event's core
    holds one passage a document) is its vector, not a copy (nothing writes to these).
    """
    units = index.units
    total: dict[str, float] = dict(units[members[0]].vec)
    get = total.get
    for ui in members[1:]:
        for t, w in units[ui].vec.items():
            total[t] = get(t, 0.0) + w
    by_doc: dict[int, dict[str, float]] = {}
    copied: set[int] = set()
    for ui in members:
        u = units[ui]
        own = by_doc.get(u.doc)
        if own is None:
            by_doc[u.doc] = u.vec
            continue
        if u.doc not in copied:
            copied.add(u.doc)
            own = by_doc[u.doc] = dict(own)
        for t, w in u.vec.items():
            own[t] = own.get(t, 0.0) + w
    return total, by_doc


def _others(total: dict[str, float], own: dict[str, float]) -> dict[str, float]:
    """The sum of the vectors of the members of *other* documents than ``own``'s."""
    return {t: w - own.get(t, 0.0) for t, w in total.items()}


def _central(
    index: PassageIndex,
    members: list[int],
    total: dict[str, float],
    by_doc: dict[int, dict[str, float]],
) -> int:
    """The member most like the event's passages from other documents (linear: one dot
    product with the sum of the other documents' members).

    That sum holds every term of the member, so the dot product runs over the member's
    terms: it is computed term by term as :func:`.scoring.dot` would, without building
    the sum for every document (most of a label's time when it was).
    """
    units = index.units
    if len(members) == 1:
        return members[0]
    best, best_total = members[0], -1.0
    for ui in members:
        u = units[ui]
        own = by_doc[u.doc]
        score = sum(w * (total[t] - own.get(t, 0.0)) for t, w in u.vec.items())
        if score > best_total + 1e-12:
            best, best_total = ui, score
    return best


def sentence_label(index: PassageIndex, members: list[int]) -> Label:
    """The event's most central sentence, shortened, with its date."""
    units = index.units
    if len(members) > MEMBERS_MAX:  # a label needs a central sentence, not every passage
        members = members[:MEMBERS_MAX]
    total, by_doc = _sums(index, members)
    ui = _central(index, members, total, by_doc)
    unit = units[ui]
    other = _others(total, by_doc[unit.doc]) if len(by_doc) > 1 else unit.vec
    return _label(index, members, ui, other)


def sentence_labels(
    index: PassageIndex, events: list[list[int]], matrix: UnitMatrix | None = None
) -> list[Label]:
    """:func:`sentence_label` of many events at once: the same labels.

    The sums of an event's vectors and each member's centrality are formed for every
    event together with numpy (:mod:`.unitmatrix`), adding the same numbers in the
    same order as the loops of :func:`sentence_label` (a sum per event and document
    was most of the labels' time); only the choice of the sentence stays per event.
    """
    if not events:
        return []
    if matrix is None:
        matrix = UnitMatrix.of(index)
    units = index.units
    kept = [members[:MEMBERS_MAX] for members in events]
    sizes = np.fromiter(map(len, kept), dtype=np.int64, count=len(kept))
    flat = np.fromiter(chain.from_iterable(kept), dtype=np.int64, count=int(sizes.sum()))
    event_of = np.repeat(np.arange(len(kept)), sizes)
    doc_of = np.asarray(index.unit_doc, dtype=np.int64)[flat]
    pos, member = matrix.entries(flat)
    term = matrix.term[pos]
    w = matrix.weight[pos]
    e = event_of[member]
    n_terms = max(len(matrix.vocabulary), 1)
    # the sum of the event's vectors, and of each of its documents' members, per term:
    # bincount adds in array order (members in order, each in its vector's order), as
    # the dictionaries were summed
    total_of = group_ids(e * n_terms + term)
    totals = np.bincount(total_of, weights=w)
    n_docs = max(len(index.doc_ids), 1)
    own_of = group_ids((e * n_docs + doc_of[member]) * n_terms + term)
    owns = np.bincount(own_of, weights=w)
    others = totals[total_of] - owns[own_of]
    scores = np.bincount(member, weights=w * others, minlength=len(flat)).tolist()
    # events of one document: the central passage's own vector is "the others"
    docs_per_event = np.zeros(len(kept), dtype=np.int64)
    first_doc = np.unique(event_of * n_docs + doc_of) // n_docs
    np.add.at(docs_per_event, first_doc, 1)
    starts = (np.cumsum(sizes) - sizes).tolist()
    entry_start = np.searchsorted(member, np.arange(len(flat)), side="left").tolist()
    entry_end = np.searchsorted(member, np.arange(len(flat)), side="right").tolist()
    vocabulary = matrix.vocabulary
    reader = _OccReader(index)
    out: list[Label] = []
    for k, members in enumerate(kept):
        start = starts[k]
        best = 0
        if len(members) > 1:  # as _central: the first of (nearly) equal scores
            best_total = -1.0
            for j in range(len(members)):
                score = scores[start + j]
                if score > best_total + 1e-12:
                    best, best_total = j, score
        ui = members[best]
        if docs_per_event[k] > 1:
            lo, hi = entry_start[start + best], entry_end[start + best]
            other = dict(
                zip(
                    [vocabulary[t] for t in term[lo:hi].tolist()],
                    others[lo:hi].tolist(),
                    strict=True,
                )
            )
        else:
            other = units[ui].vec
        out.append(_label(index, members, ui, other, reader))
    return out


class _OccReader:
    """A unit's occurrences for labelling, read from the index's columns when it has
    them: a label reads the central passage and the dates of a few members, and making
    every occurrence tuple of their documents was a third of the labels' time. The
    same tuples as ``unit.occs``."""

    def __init__(self, index: PassageIndex) -> None:
        cols = getattr(index, "_columns", None)
        units = index.units
        if cols is not None and len(cols.occ_off) == len(units) + 1:
            self.occs = cols.unit_occs
            self.dated = cols.units_with(DATE).tolist()
        else:
            self.occs = lambda ui: units[ui].occs
            self.dated = [True] * len(units)


def _label(
    index: PassageIndex,
    members: list[int],
    ui: int,
    other: dict[str, float],
    reader: _OccReader | None = None,
) -> Label:
    """The label from the central passage ``ui`` and the vector it is measured against
    (the sum of the other documents' members; only its values on ``ui``'s terms count:
    a sentence's terms are terms of its passage)."""
    unit = index.units[ui]
    text = unit.text
    occs = reader.occs(ui) if reader is not None else unit.occs
    best_span: tuple[int, int] | None = None
    best_score = -1.0
    spans = sentence_spans(text) or [(0, len(text))]
    # a question or a dateline ("NASHVILLE, Tenn.", split off as a sentence) names no
    # event: such sentences are only chosen when there is nothing else
    telling = [
        (k, span)
        for k, span in enumerate(spans)
        if not is_question(text[span[0] : span[1]]) and len(text[span[0] : span[1]].split()) >= 5
    ] or list(enumerate(spans))
    for k, (s, e) in telling:
        terms = [o[0] for o in occs if s <= o[1] < e]
        vec, mass = vector(terms, index.tw)
        # shared weight, not just direction: a short sentence of the story's names
        # points straight at the event's passages but says little
        score = dot(vec, other) * math.sqrt(mass)
        score *= 1.0 - 0.02 * k  # the earlier of two equal sentences
        if score > best_score + 1e-12:
            best_span, best_score = (s, e), score
    s, e = best_span or (0, len(text))
    sentence = text[s:e].strip()
    found = _date(index, members, ui, (s, e), reader)
    date, when = found if found else (None, None)
    label = shorten_sentence(sentence) or shorten(sentence, LIMIT)
    if date and date not in label:
        label = f"{label} · {date}"
    return Label(label, sentence, date, when)


def _date(
    index: PassageIndex,
    members: list[int],
    central: int,
    span: tuple[int, int],
    reader: _OccReader | None = None,
) -> tuple[str, str] | None:
    """The event's date as written and sortable (``2025-02-28`` or ``--02-28``): in the
    central sentence, else the most common among the members."""
    units = index.units
    forms: Counter[tuple[str, str]] = Counter()
    for ui in members:
        unit = units[ui]
        if reader is not None and not reader.dated[ui]:
            continue
        occs = reader.occs(ui) if reader is not None else unit.occs
        dates = [o for o in occs if o[3] == DATE]
        if not dates:
            continue
        years = {(s, e): t[1:5] for t, s, e, _kind in dates if len(t) == 8}
        for t, s, e, _kind in dates:
            if len(t) == 6:  # @MM-DD: a day, not just a month
                shown = unit.text[s:e].rstrip(".,")
                year = years.get((s, e))
                when = f"{year}-{t[1:]}" if year else "--" + t[1:]
                weight = 100 if ui == central and span[0] <= s < span[1] else 1
                forms[(shown, when)] += weight
    if not forms:
        forms = _weekday_forms(index, members, central, span)
    if not forms:
        return None
    (shown, when), _n = max(forms.items(), key=lambda kv: (kv[1], len(kv[0][0]), kv[0]))
    return shown, when


WEEKDAY_MEMBERS = 8
"""Members read for a weekday when no member gives a date (a few agree or none do)."""


def _weekday_forms(
    index: PassageIndex, members: list[int], central: int, span: tuple[int, int]
) -> Counter[tuple[str, str]]:
    """("Monday 3 March 2025", "2025-03-03") forms from weekdays ("on Monday night") in
    the central passage and a few members, each read against its own article's date."""
    units = index.units
    forms: Counter[tuple[str, str]] = Counter()
    for ui in [central, *(m for m in members[:WEEKDAY_MEMBERS] if m != central)]:
        unit = units[ui]
        dated = index.doc_dates[unit.doc]
        if not dated or "day" not in unit.text:
            continue
        for s, e in sentence_spans(unit.text):
            for _ws, _we, shown, when in weekday_dates(unit.text[s:e], dated):
                weight = 100 if ui == central and span[0] <= s < span[1] else 1
                forms[(shown, when)] += weight
    return forms
