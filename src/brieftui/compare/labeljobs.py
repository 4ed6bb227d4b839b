"""An event's label from its central passage: the sentence, shortened, with its date.

:mod:`.labels` chooses each event's central passage (for every event at once, with
numpy); what is left is per event and plain Python: split the passage into
sentences, score each against the other sources, find the date, shorten. Here that
work is cut in two:

* :func:`job_of` gathers, in the process that holds the index, everything an event's
  label reads (the passage's text and weighed terms, the vector it is measured
  against, its members' dates, weekdays to read against their articles' dates);
* :func:`label_of` makes the label from that job alone.

So a big brief's labels can be made on two cores (:func:`labels_of_jobs`): the jobs
of most of the events go to a worker process, a chunk at a time as they are made,
while this one makes the rest of the jobs and labels its share. A job holds only plain data; a label is the same wherever it is made.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import numpy as np

from brieftui import workers
from brieftui.compare.columns import Columns
from brieftui.compare.index import PassageIndex
from brieftui.compare.labeltext import LIMIT, Label, shorten_sentence
from brieftui.compare.scoring import dot
from brieftui.compare.terms import DATE
from brieftui.compare.weights import vector
from brieftui.compare.when import looks_ahead_at, weekday_dates, with_year, year_near
from brieftui.spans import shorten
from brieftui.text import is_question, sentence_spans

_YEAR_AFTER = re.compile(r",? \d{4}$")
WEEKDAY_MEMBERS = 8
"""Members read for a weekday when no member gives a date (a few agree or none do)."""
PARALLEL_MIN = 4000
"""Events from which half the labels are made in a worker process: below, starting
it and sending the jobs cost more than the second core saves."""
OWN_SHARE = 0.35
"""The share of the labels made here when a worker makes the rest: this process also
makes every job (at 10,000 articles jobs 1.6 s, labels from them 4.6 s, and the worker
needs about 0.5 s to start and send its labels back; its jobs go first). Chosen so
both end together: at 0.45 the worker was done 0.4–1.6 s before this process asked
for its labels."""
SEND = 1000
"""Jobs sent to the worker at a time (about a megabyte: see :meth:`.workers.SpareWorker.map`)."""
SLICE_ROWS = 65536
"""Occurrences turned into Python lists at a time (a few milliseconds each)."""
PRELOAD = (__name__,)


_WORD = re.compile(r"\w+")


class LabelJob(NamedTuple):
    """What one event's label reads (plain data: it may be sent to a worker)."""

    text: str
    """The central passage."""
    terms: list[str]
    """Its weighed terms as they occur, and where each starts."""
    starts: list[int]
    weights: dict[str, float]
    """The brief's weight of each of those terms."""
    other: dict[str, float]
    """The vector the passage's sentences are measured against."""
    dates: list[tuple[bool, int, str, str, int, bool]]
    """Days named by the members: (in the central passage, start, as shown, sortable,
    the member's document, its sentence tells the central passage's happening:
    :func:`_tells_the_same`)."""
    weekdays: list[tuple[bool, str, str, int]]
    """When no member names a day: (is the central passage, text, its article's date,
    its document) of the central passage and a few members that name a weekday."""


def _date_rows(cols: Columns) -> dict[int, list[tuple[str, int, int, int]]]:
    """Unit → its date occurrences as ``(term, start, end, kind)``, for the units that have any."""
    rows = np.flatnonzero(np.asarray(cols.occ_kind) == DATE)
    owner = np.searchsorted(np.asarray(cols.occ_off, dtype=np.int64), rows, side="right") - 1
    out: dict[int, list[tuple[str, int, int, int]]] = {}
    for ui, term, start, end in zip(
        owner.tolist(),
        map(cols.vocab.__getitem__, cols.occ_term[rows].tolist()),
        cols.occ_start[rows].tolist(),
        cols.occ_end[rows].tolist(),
        strict=True,
    ):
        found = out.get(ui)
        if found is None:
            out[ui] = [(term, start, end, DATE)]
        else:
            found.append((term, start, end, DATE))
    return out


class OccReader:
    """A unit's occurrences for labelling, read from the index's columns when it has
    them: a label reads the central passage and the dates of a few members, and making
    every occurrence tuple of their documents was a third of the labels' time. The
    same tuples as ``unit.occs``."""

    def __init__(self, index: PassageIndex, columns: bool = True) -> None:
        cols = getattr(index, "_columns", None) if columns else None
        units = index.units
        self.tw = index.tw
        self._dates: dict[int, list[tuple[str, int, int, int]]] | None = None
        if cols is not None and len(cols.occ_off) == len(units) + 1:
            self.cols = cols
            self.occs = cols.unit_occs
            self._dates = _date_rows(cols)
        else:
            self.cols = None
            self.occs = lambda ui: units[ui].occs

    def dates(self, ui: int) -> list[tuple[str, int, int, int]]:
        """The unit's date occurrences, in order (the same tuples as its ``occs`` give):
        from one pass over the columns' dates when there are columns, since making every
        occurrence of a member to find its few dates was a third of the jobs' time."""
        if self._dates is not None:
            return self._dates.get(ui, [])
        return [o for o in self.occs(ui) if o[3] == DATE]

    def weighed_terms(self, units: list[int]) -> list[tuple[list[str], list[int]]]:
        """Each unit's weighed terms as they occur and where each starts (what
        :func:`job_of` reads of its central passage), for many units at once: one pass
        over the columns, not a tuple per occurrence per unit."""
        cols, tw = self.cols, self.tw
        if cols is None or not units:
            return [_weighed(self.occs(ui), tw) for ui in units]
        vocab = cols.vocab
        weighed = np.fromiter((t in tw for t in vocab), dtype=bool, count=len(vocab))
        off = np.asarray(cols.occ_off, dtype=np.int64)
        at = np.asarray(units, dtype=np.int64)
        lo, lens = off[at], off[at + 1] - off[at]
        rows = np.repeat(lo - (np.cumsum(lens) - lens), lens) + np.arange(int(lens.sum()))
        keep = weighed[cols.occ_term[rows]]
        owner = np.repeat(np.arange(len(at)), lens)
        ends = np.cumsum(np.bincount(owner[keep], minlength=len(at))).tolist()
        rows = rows[keep]
        # a slice at a time: over a million terms at 10,000 articles, one C loop of
        # tolist and lookups held the interpreter (and the reader's keys) for 0.1 s
        terms: list[str] = []
        starts: list[int] = []
        for at_row in range(0, len(rows), SLICE_ROWS):
            part = rows[at_row : at_row + SLICE_ROWS]
            terms += map(vocab.__getitem__, cols.occ_term[part].tolist())
            starts += cols.occ_start[part].tolist()
        out: list[tuple[list[str], list[int]]] = []
        begin = 0
        for end in ends:
            out.append((terms[begin:end], starts[begin:end]))
            begin = end
        return out


def _weighed(occs: Sequence[tuple], tw: dict[str, float]) -> tuple[list[str], list[int]]:
    terms: list[str] = []
    starts: list[int] = []
    for o in occs:
        if o[0] in tw:
            terms.append(o[0])
            starts.append(o[1])
    return terms, starts


def job_of(
    index: PassageIndex,
    members: list[int],
    ui: int,
    other: dict[str, float],
    reader: OccReader | None = None,
    weighed: tuple[list[str], list[int]] | None = None,
) -> LabelJob:
    """The job of an event of ``members`` whose central passage is ``ui``, measured
    against ``other`` (the sum of the other documents' members); ``weighed``: the
    central passage's weighed terms and starts when read already
    (:meth:`OccReader.weighed_terms`)."""
    reader = reader or OccReader(index, columns=False)  # one event: its units' own
    units = index.units
    unit = units[ui]
    tw = index.tw
    terms, starts = weighed if weighed is not None else _weighed(reader.occs(ui), tw)
    weights = {t: tw[t] for t in terms}
    dates: list[tuple[bool, int, str, str, int, bool]] = []
    central_words: set[str] | None = None
    for mi in members:
        found = reader.dates(mi)
        if not found:
            continue
        years = {(s, e): t[1:5] for t, s, e, _kind in found if len(t) == 8}
        text = units[mi].text
        all_spans = sentence_spans(text)
        spans = all_spans if mi != ui else []
        if spans and central_words is None:
            central_words = _words(unit.text)
        dated = index.doc_dates[units[mi].doc]
        for t, s, e, _kind in found:
            if len(t) == 6 and not looks_ahead_at(text, s, e, all_spans):  # a day, not a month
                # (and not a step still to come: "will be sentenced on 4 June")
                year = years.get((s, e))
                written = text[s:e].rstrip(".,")
                if year is None:  # "Sept. 30": the year nearest the article's date
                    near = year_near(int(t[1:3]), int(t[4:6]), dated)
                    if near is not None:
                        year, written = str(near), with_year(written, near)
                when = f"{year}-{t[1:]}" if year else "--" + t[1:]
                related = mi == ui or _tells_the_same(text, spans, s, central_words or set())
                dates.append((mi == ui, s, written, when, units[mi].doc, related))
    weekdays: list[tuple[bool, str, str, int]] = []
    if not any(related for *_rest, related in dates):  # only read when no day will do
        for mi in [ui, *(m for m in members[:WEEKDAY_MEMBERS] if m != ui)]:
            dated = index.doc_dates[units[mi].doc]
            text = units[mi].text
            if dated and "day" in text:
                weekdays.append((mi == ui, text, dated, units[mi].doc))
    return LabelJob(unit.text, terms, starts, weights, other, dates, weekdays)


def label_of(job: LabelJob) -> Label:
    """The label: the sentence of the central passage most like the other sources'
    passages, shortened, with the event's date."""
    text = job.text
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
    pairs = list(zip(job.terms, job.starts, strict=True))
    for k, (s, e) in telling:
        vec, mass = vector([t for t, at in pairs if s <= at < e], job.weights)
        # shared weight, not just direction: a short sentence of the story's names
        # points straight at the event's passages but says little
        score = dot(vec, job.other) * math.sqrt(mass)
        score *= 1.0 - 0.02 * k  # the earlier of two equal sentences
        if score > best_score + 1e-12:
            best_span, best_score = (s, e), score
    s, e = best_span or (0, len(text))
    sentence = text[s:e].strip()
    found = _date(job, (s, e))
    date, when = found if found else (None, None)
    label = shorten_sentence(sentence) or shorten(sentence, LIMIT)
    if date and date not in label:
        bare = _without_year(date)
        if bare != date and bare in label:  # "on Sept. 30" → "on Sept. 30, 2010"
            label = label.replace(bare, date, 1)
        else:
            label = f"{label} · {date}"
    return Label(label, sentence, date, when)


def _without_year(shown: str) -> str:
    """A day as written before :func:`.when.with_year` gave it a year ("Sept. 30, 2010"
    → "Sept. 30"); any other text unchanged."""
    return _YEAR_AFTER.sub("", shown)


CENTRAL_SENTENCE = 100
CENTRAL_PASSAGE = 10
AGREEING_SOURCES = 2
"""A day named only outside the central passage dates the event when this many sources
name it: one passage's date is often of something else it recalls (from a trial: an
event on Trump's re-election dated by a passage's "21 January 2025", the WHO
withdrawal; a conviction dated by another article's "Tuesday")."""


def _date(job: LabelJob, span: tuple[int, int]) -> tuple[str, str] | None:
    """The event's date as written and sortable (``2025-02-28`` or ``--02-28``).

    A day counts when it is in the label's sentence, or in a sentence (of the central
    passage, or of another member) that tells the same happening
    (:func:`_tells_the_same`), or when :data:`AGREEING_SOURCES` sources name it; the
    label's sentence outweighs the rest. Else weekdays ("on Monday night"), read
    against their articles' dates, by the same rule.
    """
    label_words = _words(job.text[span[0] : span[1]])
    spans = sentence_spans(job.text)

    def weigh_central(central: bool, s: int, related: bool) -> bool:
        if not central:
            return related
        return span[0] <= s < span[1] or _tells_the_same(job.text, spans, s, label_words)

    days = [
        (central, s, shown, when, doc, weigh_central(central, s, related))
        for central, s, shown, when, doc, related in job.dates
    ]
    found = _weighed_days(days, span)
    if found is None and job.weekdays:
        passage_words = _words(job.text)
        days = []
        for central, text, dated, doc in job.weekdays:
            member_spans = sentence_spans(text)
            for s, e in member_spans:
                for ws, we, shown, when in weekday_dates(text[s:e], dated):
                    if looks_ahead_at(text, s + ws, s + we, member_spans):
                        continue  # "will be sentenced on Friday": a step still to come
                    related = (
                        weigh_central(True, s, False)
                        if central
                        else _tells_the_same(text, member_spans, s, passage_words)
                    )
                    days.append((central, s, shown, when, doc, related))
        found = _weighed_days(days, span)
    return found


RELATED_SHARE = 0.3
"""A member's sentence tells the central passage's happening when this share of its
longer words are in the central passage too."""


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) >= 4}


def _tells_the_same(text: str, spans: list[tuple[int, int]], at: int, central: set[str]) -> bool:
    """Whether the sentence of ``text`` holding offset ``at`` shares
    :data:`RELATED_SHARE` of its longer words with the central passage (``central``)."""
    for s, e in spans:
        if s <= at < e:
            words = _words(text[s:e])
            return bool(words) and len(words & central) >= RELATED_SHARE * len(words)
    return False


def _weighed_days(
    days: Iterable[tuple[bool, int, str, str, int, bool]], span: tuple[int, int]
) -> tuple[str, str] | None:
    forms: Counter[tuple[str, str]] = Counter()
    sources: dict[tuple[str, str], set[int]] = {}
    in_central: set[tuple[str, str]] = set()
    for central, s, shown, when, doc, related in days:
        key = (shown, when)
        sources.setdefault(key, set()).add(doc)
        if central and span[0] <= s < span[1]:
            forms[key] += CENTRAL_SENTENCE
        elif related:
            forms[key] += CENTRAL_PASSAGE
        else:
            forms[key] += 1
        if related:
            in_central.add(key)
    kept = {
        key: n
        for key, n in forms.items()
        if key in in_central or len(sources[key]) >= AGREEING_SOURCES
    }
    if not kept:
        return None
    (shown, when), _n = max(kept.items(), key=lambda kv: (kv[1], len(kv[0][0]), kv[0]))
    return shown, when


def labels_of_jobs(jobs: Sequence[LabelJob]) -> list[tuple[str, str, str | None, str | None]]:
    """In a worker: the labels of these jobs, as plain tuples."""
    return [(lb.text, lb.sentence, lb.date, lb.when) for lb in map(label_of, jobs)]


def label_all(make_job: Callable[[int], LabelJob], n: int) -> list[Label]:
    """The labels of events ``0…n-1``, ``make_job(k)`` giving event ``k``'s job: the
    later ones in a worker process when there are many and a core is idle."""
    half = int(n * OWN_SHARE)
    spare = workers.spare_worker(PRELOAD) if n >= PARALLEL_MIN else None
    if spare is None:
        return [label_of(make_job(k)) for k in range(n)]
    # the worker's jobs first, each chunk sent as soon as it is made (the worker
    # starts on the first while the rest are made), then this process's own
    chunks = ([make_job(k) for k in range(at, min(at + SEND, n))] for at in range(half, n, SEND))
    worker = spare.map(labels_of_jobs, chunks)
    out = [label_of(make_job(k)) for k in range(half)]
    try:
        if worker is None:
            raise RuntimeError("the jobs could not be sent")
        made = [Label(*row) for rows in worker.results() for row in rows]
        if len(made) != n - half:
            raise ValueError("a worker's labels do not match its jobs")
    except Exception:  # the worker failed: label its share here
        made = [label_of(make_job(k)) for k in range(half, n)]
    return out + made


__all__ = ["LabelJob", "OccReader", "job_of", "label_all", "label_of", "labels_of_jobs"]
