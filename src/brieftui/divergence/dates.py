"""Dates and clock times, relative ones resolved against the article's date.

Dates: "3 November", "Nov. 3, 2025", "Monday 3 November", "2025-11-03", a weekday
("on Friday", "last Thursday's", "Monday evening"), "yesterday", "today", "last
night", "two days ago". A weekday is resolved against the article's date
(``Document.date``): to the latest such day on or before it, or, when its clause
speaks of the future ("will", "is expected", "next"), the first on or after it;
"last Friday" is strictly before the article's day and "next Friday" strictly after.
A day and month without a year take the year that puts them nearest the article's
date. Without an article date a weekday stays a weekday and is compared only with
weekdays.

Times: "7 p.m.", "7.15pm", "14:30", "noon", "midnight", in minutes after midnight,
widened by their qualifier: "about"/"around" ±20 minutes, "shortly after" up to 30
minutes after, "shortly before" up to 30 minutes before.

The slot of a date or time is the happening it dates, read from its clause (see
:func:`.facts.context_of`); pairing compares the clauses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from brieftui.divergence.facts import DATE, MAX_FACTS, TIME, DayValue, Fact, context_of
from brieftui.divergence.lexicon import (
    FUTURE_MARKERS,
    MONTHS,
    PARTS_OF_DAY,
    SPEECH_VERBS,
    UNITS,
    WEEKDAYS,
)
from brieftui.divergence.tokens import NUM, WORD, Tok

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_DATE_LEADS = frozenset(
    {"on", "last", "next", "this", "early", "late", "since", "by", "until", "from"}
)
_CLOCK_LEADS = frozenset({"at", "around", "about", "by", "until", "from", "after", "before"})
_TIME_QUALIFIERS: dict[tuple[str, ...], tuple[int, int]] = {
    ("shortly", "after"): (0, 30), ("just", "after"): (0, 30), ("soon", "after"): (0, 30),
    ("shortly", "before"): (-30, 0), ("just", "before"): (-30, 0),
    ("about",): (-20, 20), ("around",): (-20, 20), ("approximately",): (-20, 20),
    ("roughly",): (-20, 20), ("some", "time", "after"): (0, 60), ("after",): (0, 90),
    ("before",): (-90, 0), ("by",): (-180, 0), ("until",): (0, 0),
}  # fmt: skip


def parse_doc_date(value: str | None) -> date | None:
    """``Document.date`` (ISO ``YYYY-MM-DD`` or None) as a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_dates(toks: Sequence[Tok], doc_date: date | None) -> list[Fact]:
    """Every date and clock time in the passage, in order."""
    facts: list[Fact] = []
    n = len(toks)
    i = 0
    while i < n and len(facts) < MAX_FACTS:
        found = _date_at(toks, i, doc_date) or _time_at(toks, i)
        if found is None:
            i += 1
            continue
        fact, end = found
        facts.append(fact)
        i = max(end, i + 1)
    return facts


def _day(doc_date: date | None, month: int, day: int, year: int | None) -> DayValue | None:
    """A day and month (and year when given); without a year, the year that puts the day
    nearest the article's date."""
    if not (1 <= day <= 31):
        return None
    if year is not None:
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return DayValue(d.isoformat(), (month, day), d.weekday())
    if doc_date is None:
        return DayValue(None, (month, day), None, year_given=False)
    candidates = []
    for y in (doc_date.year - 1, doc_date.year, doc_date.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    best = min(candidates, key=lambda d: abs((d - doc_date).days))
    return DayValue(best.isoformat(), (month, day), best.weekday(), year_given=False)


def _from_date(d: date) -> DayValue:
    """A day worked out from the article's date ("yesterday"): no year in the text."""
    return DayValue(d.isoformat(), (d.month, d.day), d.weekday(), year_given=False)


def _clause_kind(toks: Sequence[Tok], start: int) -> str:
    """ "future" when the clause speaks of what is to come ("is due in court on Monday"),
    "said" when the date is when something was said ("said on Friday"), else ""."""
    if _future(toks, start):
        return "future"
    sent = toks[start].sent
    seen = 0
    j = start - 1
    while j >= 0 and seen < 3 and toks[j].sent == sent:
        if toks[j].kind == WORD:
            if toks[j].low in SPEECH_VERBS:
                return "said"
            seen += 1
        j -= 1
    return ""


def _future(toks: Sequence[Tok], i: int) -> bool:
    """Whether the clause before a weekday speaks of the future ("will meet on Friday")."""
    sent = toks[i].sent
    j = i - 1
    seen = 0
    while j >= 0 and seen < 8 and toks[j].sent == sent and toks[j].text not in ";":
        if toks[j].low in FUTURE_MARKERS:
            return True
        if toks[j].kind == WORD:
            seen += 1
        j -= 1
    return False


def _month_day_after(toks: Sequence[Tok], j: int) -> tuple[int, int, int | None, int] | None:
    """ "3 November [2025]" or "November 3[, 2025]" or "Nov. 3" at ``j``: (month, day, year, end)."""
    n = len(toks)
    if j < n and toks[j].kind == NUM and toks[j].text.isdigit() and len(toks[j].text) <= 2:
        k = j + 1
        if k < n and toks[k].low in ("st", "nd", "rd", "th") and not toks[k].space:
            k += 1
        if k + 1 < n and toks[k].low == "of":
            k += 1
        if k < n and toks[k].low in MONTHS and toks[k].cap:
            month = MONTHS[toks[k].low]
            k += 1
            if k < n and toks[k].text == "." and len(toks[k - 1].low) <= 4:
                k += 1
            year, k = _year_after(toks, k)
            return month, int(toks[j].text), year, k
        return None
    if j < n and toks[j].low in MONTHS and toks[j].cap:
        month = MONTHS[toks[j].low]
        k = j + 1
        if k < n and toks[k].text == ".":
            k += 1
        if k < n and toks[k].kind == NUM and toks[k].text.isdigit() and len(toks[k].text) <= 2:
            day = int(toks[k].text)
            k += 1
            if k < n and toks[k].low in ("st", "nd", "rd", "th") and not toks[k].space:
                k += 1
            year, k = _year_after(toks, k)
            return month, day, year, k
    return None


def _year_after(toks: Sequence[Tok], k: int) -> tuple[int | None, int]:
    n = len(toks)
    j = k + 1 if k < n and toks[k].text == "," else k
    if j < n and toks[j].kind == NUM and len(toks[j].text) == 4 and toks[j].text.isdigit():
        year = int(toks[j].text)
        if 1900 <= year <= 2100:
            return year, j + 1
    return None, k


def _date_at(toks: Sequence[Tok], i: int, doc_date: date | None) -> tuple[Fact, int] | None:
    tok = toks[i]
    n = len(toks)
    low = tok.low
    value: DayValue | None = None
    start = i
    end = i + 1
    if tok.kind == WORD and low in WEEKDAYS and tok.cap:
        prev = toks[i - 1] if i > 0 else None
        if (
            prev is not None
            and prev.kind == WORD
            and prev.cap
            and not prev.first
            and prev.low not in _DATE_LEADS
        ):
            return None  # "Black Friday", "Super Tuesday"
        weekday = WEEKDAYS[low]
        lead = prev.low if prev is not None and prev.low in _DATE_LEADS else ""
        if lead:
            start = i - 1
        k = i + 1
        if k < n and toks[k].text == ",":
            k += 1
        explicit = _month_day_after(toks, k)
        if explicit is not None:
            month, day, year, end = explicit
            value = _day(doc_date, month, day, year)
        else:
            value = _resolve_weekday(toks, i, weekday, lead, doc_date)
            value = replace(value, named_weekday=True, year_given=False)
        after = _part_of_day(toks, end)
        said = toks[end].low if end < after else ""
        part = (
            "early"
            if lead == "early"
            else "night"
            if lead == "late" or said in ("night", "overnight")
            else ""
        )
        if value is not None and part:
            value = replace(value, part=part)
        end = after
    elif tok.kind == WORD and low in ("yesterday", "today", "tonight", "tomorrow"):
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[low]
        value = _from_date(doc_date + timedelta(days=offset)) if doc_date else None
        end = _part_of_day(toks, i + 1)
    elif tok.kind == WORD and low == "last" and i + 1 < n and toks[i + 1].low == "night":
        value = _from_date(doc_date - timedelta(days=1)) if doc_date else None
        end = i + 2
    elif (
        (tok.kind == NUM or low in UNITS)
        and i + 2 < n
        and toks[i + 1].low in ("days", "day")
        and toks[i + 2].low == "ago"
    ):
        count = int(tok.text) if tok.kind == NUM and tok.text.isdigit() else UNITS.get(low)
        if count is None or doc_date is None:
            return None
        value = _from_date(doc_date - timedelta(days=count))
        end = i + 3
    else:
        if tok.kind == NUM and tok.text.isdigit() and len(tok.text) == 4 and i + 4 < n:
            iso = _iso_at(toks, i)
            if iso is not None:
                value, end = iso
        if value is None:
            explicit = _month_day_after(toks, i)
            if explicit is None:
                return None
            month, day, year, end = explicit
            value = _day(doc_date, month, day, year)
        if i > 0 and toks[i - 1].low in ("on", "since", "by", "until", "from"):
            start = i - 1
    if value is None:
        return None
    if _near_before(toks, start, _PAGE_DATES, 6) or _near_before(toks, start, ("between",), 8):
        return None  # when a page was posted, or one end of a period: not a happening's day
    context, names = context_of(toks, start, end, left=8, right=4, relative=True)
    first, last = toks[start], toks[end - 1]
    fact = Fact(
        kind=DATE,
        slot=_clause_kind(toks, start),
        label="date",
        start=first.start,
        end=last.end,
        text="",
        value=value,
        display=_day_display(value),
        context=context,
        names=names,
    )
    return fact, end


_PAGE_DATES = ("posted", "published", "updated", "dated", "modified")


def _near_before(toks: Sequence[Tok], start: int, words: Sequence[str], limit: int) -> bool:
    sent = toks[start].sent
    j = start - 1
    while j >= 0 and start - j <= limit and toks[j].sent == sent:
        if toks[j].low in words:
            return True
        j -= 1
    return False


def _iso_at(toks: Sequence[Tok], i: int) -> tuple[DayValue, int] | None:
    """ "2025-11-03" as tokens 2025 - 11 - 03."""
    parts = toks[i : i + 5]
    if [t.text for t in parts[1::2]] != ["-", "-"] or any(t.space for t in parts[1:]):
        return None
    try:
        d = date(int(parts[0].text), int(parts[2].text), int(parts[4].text))
    except ValueError:
        return None
    return _from_date(d), i + 5


def _part_of_day(toks: Sequence[Tok], k: int) -> int:
    """Take "evening" in "Thursday evening" and "'s" in "Thursday's" into the span."""
    n = len(toks)
    if k < n and toks[k].low in PARTS_OF_DAY:
        return k + 1
    if k + 1 < n and toks[k].text in ("'", "’") and toks[k + 1].low == "s":
        return k + 2
    return k


def _resolve_weekday(
    toks: Sequence[Tok], i: int, weekday: int, lead: str, doc_date: date | None
) -> DayValue:
    if doc_date is None:
        return DayValue(None, None, weekday)
    delta_back = (doc_date.weekday() - weekday) % 7
    if lead == "last":
        d = doc_date - timedelta(days=delta_back or 7)
    elif lead == "next":
        d = doc_date + timedelta(days=((weekday - doc_date.weekday()) % 7) or 7)
    elif _future(toks, i):
        d = doc_date + timedelta(days=(weekday - doc_date.weekday()) % 7)
    else:
        d = doc_date - timedelta(days=delta_back)
    return _from_date(d)


def _day_display(value: DayValue) -> str:
    if value.iso:
        d = date.fromisoformat(value.iso)
        return f"{_WEEKDAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"
    if value.month_day:
        return f"{value.month_day[1]} {_MONTH_NAMES[value.month_day[0] - 1]}"
    return _WEEKDAY_NAMES[value.weekday or 0]


# -- clock times -------------------------------------------------------------------------
def _time_at(toks: Sequence[Tok], i: int) -> tuple[Fact, int] | None:
    tok = toks[i]
    n = len(toks)
    minutes: int | None = None
    end = i + 1
    twelve = False
    if tok.kind == WORD and tok.low in ("noon", "midday", "midnight"):
        minutes = 720 if tok.low != "midnight" else 0
    elif tok.kind == NUM:
        hour, minute = _hour_minute(tok.text)
        if hour is None:
            return None
        k = i + 1
        meridian = ""
        if k < n and toks[k].low in ("am", "pm"):
            meridian, k = toks[k].low, k + 1
        elif (
            k + 2 < n
            and toks[k].low in ("a", "p")
            and toks[k + 1].text == "."
            and toks[k + 2].low == "m"
        ):
            meridian, k = toks[k].low + "m", k + 3
            if k < n and toks[k].text == "." and toks[k].start == toks[k - 1].end:
                k += 1
        elif (
            k + 1 < n and toks[k].text == ":" and not toks[k + 1].space and toks[k + 1].kind == NUM
        ):
            hour, minute = _hour_minute(tok.text + "." + toks[k + 1].text)
            if hour is None or minute is None:
                return None
            k += 2
            if k < n and toks[k].low in ("am", "pm"):
                meridian, k = toks[k].low, k + 1
            elif not (i > 0 and toks[i - 1].low in _CLOCK_LEADS) or (
                k < n and toks[k].low in ("to", "remaining", "left", "into")
            ):
                return None  # "with 7:41 to go", "2:09" as a duration: not a time of day
        else:
            return None
        if minute is None or hour > 23 or (meridian and not 1 <= hour <= 12):
            return None
        twelve = not meridian and 1 <= hour <= 12
        if meridian == "pm" and hour != 12:
            hour += 12
        elif meridian == "am" and hour == 12:
            hour = 0
        minutes = hour * 60 + minute
        end = k
    if minutes is None:
        return None
    lo_off, hi_off, start = 0, 0, i
    for length in (3, 2, 1):
        key = tuple(t.low for t in toks[max(0, i - length) : i])
        if len(key) == length and key in _TIME_QUALIFIERS:
            lo_off, hi_off = _TIME_QUALIFIERS[key]
            start = i - length
            break
    if start > 0 and toks[start - 1].low == "at":
        start -= 1
    context, names = context_of(toks, start, end, left=8, right=4, relative=True)
    fact = Fact(
        kind=TIME,
        slot=_clause_kind(toks, start),
        label="time",
        start=toks[start].start,
        end=toks[end - 1].end,
        text="",
        value=(float(minutes + lo_off), float(minutes + hi_off)),
        display=f"{minutes // 60:02d}:{minutes % 60:02d}" + (" (a.m. or p.m.)" if twelve else ""),
        unit="12h" if twelve else "",
        context=context,
        names=names,
    )
    return fact, end


def _hour_minute(text: str) -> tuple[int | None, int | None]:
    """ "7" → (7, 0); "7.15" → (7, 15); malformed → (None, None)."""
    hour_text, _, minute_text = text.partition(".")
    if not hour_text.isdigit() or len(hour_text) > 2:
        return None, None
    if minute_text and (
        not minute_text.isdigit() or len(minute_text) != 2 or int(minute_text) > 59
    ):
        return None, None
    return int(hour_text), int(minute_text or 0)
