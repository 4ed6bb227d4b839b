"""Weekdays made dates: "on Monday night" in an article dated Tuesday 4 March 2025 is 3 March.

News reports name the day of an event by its weekday far more often than by its
date ("The blaze broke out on Monday night"), and an event labelled with no date
cannot be placed or sorted. Which day a weekday means depends on the clause it
sits in, read from the article's own date:

* a past report ("broke out on Monday", "was arrested on Friday", "last Tuesday")
  means the latest such day on or before the article's date ("last": strictly before);
* a clause that plainly looks ahead from the article's day ("will vote on Thursday",
  "is due in court on Monday", "is to be voted on Thursday", "the reforms to be voted
  on Thursday", "scheduled for Friday", "is expected to … on", "is set to … on",
  "plans to … on", "next Thursday") means the first such day on or after it ("next":
  strictly after): a Wednesday report of a vote "to be voted on Thursday" is the next
  day, never the Thursday of the week before;
* a clause whose time is unclear gets no date: the future of a past moment ("would
  vote on Thursday", "was due to", "was expected to", "had planned to"), "by" or
  "until" a day, a sentence with a forward-looking word whose clause could not be
  read. A missing date only leaves an event unsorted; a wrong one misleads.

The clause is read from the nearest cue before the weekday (up to
:data:`LOOK_BACK` words, not across ``;``, ``:`` or a dash), else from the words just
after it ("On Thursday, parliament will vote"). Only articles that carry their own
date are read this way.

Each weekday reads a bounded window of text (linear on any input); the patterns have
bounded parts and no nested repetition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from brieftui.text import sentence_spans

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
"""English month names, not the locale's (``%B`` follows LC_TIME)."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

LOOK_BACK = 12
"""Words before a weekday read for a cue: enough for "plans to unveil its new phone at
an event in San Francisco on Thursday"."""
LOOK_AHEAD = 6
"""Words after a weekday read when nothing before it tells ("On Thursday, MPs will vote")."""

PAST, AHEAD, UNCLEAR = "past", "ahead", "unclear"

_WEEKDAY_RE = re.compile(
    r"\b(?:(?P<before>[Nn]ext|[Ll]ast|[Tt]his|[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ee]arly|[Ll]ate)\s+)?"
    r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)
_AHEAD_RE = re.compile(
    r"\b(?:will|won't|shall|is due|are due|is set to|are set to|plans? to|planned for"
    r"|is expected|are expected|scheduled|upcoming|next week|later this week)\b",
    re.IGNORECASE,
)
"""Any forward-looking word in a sentence: when the weekday's own clause tells nothing,
such a sentence gets no date (the weekday may be the day still to come)."""
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_CLAUSE_END = re.compile(r"[;:—–]|\s-\s")
_WINDOW = 160
"""Characters read each side of a weekday (more than :data:`LOOK_BACK` words of news prose)."""

_PRESENT_BE = frozenset({"is", "are", "am", "'s", "’s", "'re", "’re", "now"})
_PAST_AUX = frozenset({"was", "were", "had", "would", "'d", "’d"})
"""Before a forward word, the future of a past moment ("was due to", "would"): unclear."""
_MODAL_UNCLEAR = frozenset({"would", "might", "may", "should", "must"})
"""Not "could": as often the past of "can" ("could not be reached on Wednesday")."""
_WILL = frozenset({"will", "shall", "won't", "won’t", "'ll", "’ll"})
_PAST_STOP = frozenset({"was", "were", "had", "did", "said", "told", "ago"})
_IRREGULAR_PAST = frozenset(
    """broke began came went took fell struck died met left won lost shot found held gave
    made fought flew ran rose sank stole threw caught brought sought spoke wrote""".split()
)
_PARTICIPLE_AFTER = frozenset({"be", "been", "being", "is", "are", "was", "were", "to", "will"})
"""Before a participle ("be voted", "was held"): the auxiliary tells its time, not the verb."""
_SKIP_TO_AUX = frozenset({"be", "been", "being", "also", "still", "not", "now", "widely"})
_WITH_TO = frozenset({"plans", "plan", "planning", "intends", "intend", "aims", "hopes", "going"})
_SCHEDULED = frozenset({"scheduled", "rescheduled", "slated", "upcoming", "expected"})
_HEDGES = frozenset({"seems", "seem", "seemed", "appears", "appear", "likely", "thought"})
_NAMED_DAYS = frozenset(
    """patch super black cyber giving good easter ash palm holy maundy shrove bloody
    whit low""".split()
)
"""Capitalised words that make a weekday a name ("Patch Tuesday", "Black Friday", "Easter
Sunday"): no day of the week the report speaks of."""
_AHEAD_STOP = frozenset(
    {"who", "which", "that", "when", "after", "before", "as", "because", "while", "and", "but"}
)


def _aux(words: list[str], i: int) -> str:
    """The time of a forward word at ``i`` from its auxiliary: "was due", "had been
    expected", "would be set" → UNCLEAR (the future of a past moment); else AHEAD."""
    for j in range(i - 1, max(-1, i - 4), -1):
        w = words[j]
        if w in _PAST_AUX or w in _MODAL_UNCLEAR:
            return UNCLEAR
        if w not in _SKIP_TO_AUX:
            break
    return AHEAD


def _past_verb(words: list[str], i: int) -> bool:
    """A simple past verb at ``i`` ("broke", "arrested"), not a participle ("be voted")."""
    w = words[i]
    if w in _IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and w not in _SCHEDULED):
        return i == 0 or words[i - 1] not in _PARTICIPLE_AFTER
    return False


def _cue(words: list[str], i: int) -> str | None:
    """What the word at ``i`` says of its clause's time, or None when it says nothing."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    prev = words[i - 1] if i > 0 else ""
    if w in _WILL or w.endswith(("'ll", "’ll")):
        return AHEAD
    if w in _MODAL_UNCLEAR:
        return UNCLEAR
    if w == "to":
        if prev == "had":
            return PAST  # "had to be evacuated on Monday"
        if prev in _PAST_AUX:
            return UNCLEAR  # "was to be voted on Thursday": the past's future
        if prev in _PRESENT_BE:
            return AHEAD  # "is to visit on Monday"
        if i > 0 and (_past_verb(words, i - 1) or prev in _HEDGES):
            return None  # "appeared to be hurt on Monday": the verb before tells
        if nxt == "be" and not (i > 0 and _cue(words, i - 1)):
            return AHEAD  # "the reforms to be voted on Thursday"
        return None
    if w == "due":
        if prev in _PAST_AUX:
            return UNCLEAR
        if prev in _PRESENT_BE or nxt in ("in", "on", "at", "back", "out", "for", "before"):
            return AHEAD
        return None  # "cancelled due to snow on Monday": a cause, not a schedule
    if w in _SCHEDULED:
        return None if w == "expected" and prev == "as" else _aux(words, i)
    if w == "set" and (nxt == "for" or (nxt == "to" and prev in _PRESENT_BE | _PAST_AUX)):
        return _aux(words, i)
    if (w in _WITH_TO and nxt == "to") or (w == "planned" and nxt == "for"):
        return _aux(words, i)
    if w in _PAST_STOP or _past_verb(words, i):
        return PAST  # "broke out on Monday", "was arrested on Friday"
    return None


def _words(text: str) -> list[str]:
    """The words of ``text``, lower-cased; the month "May" is not the verb."""
    return ["<month>" if w == "May" else w.lower() for w in _WORD_RE.findall(text)]


def _clause_time(sentence: str, start: int, end: int) -> str | None:
    """PAST, AHEAD or UNCLEAR for the weekday at ``sentence[start:end]``; None when the
    words around it tell nothing."""
    before = sentence[max(0, start - _WINDOW) : start]
    ends = [cut.end() for cut in _CLAUSE_END.finditer(before)]
    if ends:
        before = before[ends[-1] :]
    words = _words(before)[-LOOK_BACK:]
    for i in range(len(words) - 1, -1, -1):
        found = _cue(words, i)
        if found is not None:
            return found
    after = sentence[end : end + _WINDOW]
    stop = _CLAUSE_END.search(after)
    if stop is not None:
        after = after[: stop.start()]
    ahead = _words(after)[:LOOK_AHEAD]
    if ahead and ahead[0] in ("s",):  # "Thursday's vote": a name of a day, not a clause
        return None
    for i, w in enumerate(ahead):
        if w in _AHEAD_STOP:
            break
        found = _cue(ahead, i)
        if found is not None:
            return found
    return None


_NEXT_BEFORE = 4
"""Words before a day read for "next" ("the next hearing is on 4 June")."""
_AHEAD_WORDS = frozenset({"next", "faces", "facing", "awaits", "awaiting", "upcoming"})
"""Words that look ahead to the day after them ("faces sentencing on June 21")."""


def looks_ahead_at(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int]] | None = None
) -> bool:
    """Whether the day at ``text[start:end]`` is a step still to come, or the future of a
    past moment ("will be sentenced on 4 June", "is due in court on", "was to meet on",
    "the next hearing is on", "faces sentencing on"): such a day is not when a reported
    happening took place.
    Read from the day's own sentence, by the same clause rule as weekdays; ``spans``:
    the text's :func:`~brieftui.text.sentence_spans` when the caller has them."""
    if spans is None:
        spans = sentence_spans(text)
    s, e = next(((a, b) for a, b in spans if a <= start < b), (0, len(text)))
    sentence = text[s:e]
    time = _clause_time(sentence, start - s, end - s)
    if time in (AHEAD, UNCLEAR):
        return True
    before = sentence[max(0, start - s - _WINDOW) : start - s]
    ends = [cut.end() for cut in _CLAUSE_END.finditer(before)]
    words = _words(before[ends[-1] :] if ends else before)
    return not _AHEAD_WORDS.isdisjoint(words[-_NEXT_BEFORE:])


def weekday_dates(sentence: str, dated: str | None) -> list[tuple[int, int, str, str]]:
    """``(start, end, shown, iso)`` for each weekday in ``sentence`` of an article dated
    ``dated`` (``YYYY-MM-DD``) whose day can be told (see the module docstring); none
    when the article has no date.

    >>> weekday_dates("The fire broke out on Monday night.", "2025-03-04")
    [(22, 34, 'Monday 3 March 2025', '2025-03-03')]
    >>> weekday_dates("The bill is to be voted on Thursday.", "2010-05-05")[0][2]
    'Thursday 6 May 2010'
    """
    if not dated or "day" not in sentence:
        return []
    try:
        today = date.fromisoformat(dated[:10])
    except ValueError:
        return []
    looks_ahead: bool | None = None
    found: list[tuple[int, int, str, str]] = []
    for m in _WEEKDAY_RE.finditer(sentence):
        before = (m.group("before") or "").lower()
        if before in ("by", "until"):
            continue  # a deadline: whether it has passed is not said
        if not before:
            name = _NAME_BEFORE.search(sentence, max(0, m.start() - 20), m.start())
            if name is not None and name.group(1).lower() in _NAMED_DAYS:
                continue
        weekday = WEEKDAYS.index(m.group("day").lower())
        if before == "next":
            time = AHEAD
        elif before in ("last", "since"):
            time = PAST
        else:
            time = _clause_time(sentence, m.start(), m.end())
            if time is None:
                if looks_ahead is None:
                    looks_ahead = _AHEAD_RE.search(sentence) is not None
                time = UNCLEAR if looks_ahead else PAST
        if time == UNCLEAR:
            continue
        if time == AHEAD:
            forward = (weekday - today.weekday()) % 7
            if before == "next" and forward == 0:
                forward = 7  # "next Wednesday" in a Wednesday article is a week on
            day = today + timedelta(days=forward)
        else:
            back = (today.weekday() - weekday) % 7
            if before == "last" and back == 0:
                back = 7  # "last Tuesday" in a Tuesday article is a week ago
            day = today - timedelta(days=back)
        shown = f"{m.group('day')} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
        start = m.start("day") if before in ("on", "") else m.start()
        found.append((start, m.end(), shown, day.isoformat()))
    return found


YEAR_WINDOW = 150
"""Days either side of the article's date within which a day written without a year
("Sept. 30") is taken to fall: late December in an early-January report is last year's.
Not six months: every day of the year is within six months of some year's, so that
window would decide nothing; a day five months or more off may be last year's or next
year's, and is left without a year."""
_HAS_YEAR = re.compile(r"\b\d{4}\b")


def year_near(month: int, day: int, dated: str | None) -> int | None:
    """The year that puts ``month``/``day`` nearest the article's date ``dated``, when
    that is within :data:`YEAR_WINDOW` days; else None (no date, no such day, too far).

    >>> year_near(12, 30, "2011-01-04")
    2010
    """
    if not dated:
        return None
    try:
        today = date.fromisoformat(dated[:10])
    except ValueError:
        return None
    best: date | None = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((d - today).days) < abs((best - today).days):
            best = d
    if best is None or abs((best - today).days) > YEAR_WINDOW:
        return None
    return best.year


def with_year(written: str, year: int) -> str:
    """A day as the article writes it, with its year: "Sept. 30" → "Sept. 30, 2010",
    "30 June" → "30 June 2010"; a day that has a year already stays."""
    if _HAS_YEAR.search(written):
        return written
    return (
        f"{written}, {year}"
        if written[-1:].isdigit() or written.endswith(("st", "nd", "rd", "th"))
        else f"{written} {year}"
    )
