"""Weekdays made dates: "on Monday night" in an article dated Tuesday 4 March 2025 is 3 March.

News reports name the day of an event by its weekday far more often than by its
date ("The blaze broke out on Monday night"), and an event labelled with no date
cannot be placed or sorted. A weekday in a past-tense report means the latest such
day on or before the article's own date; a weekday after "next", or in a sentence
that looks ahead ("will", "is due to", "plans to"), is left alone, since it may be
a day still to come. Only articles that carry their own date are read this way.

One pattern with bounded parts and no nested repetition (linear on any input).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
"""English month names, not the locale's (``%B`` follows LC_TIME)."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

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
_FUTURE_BEFORE = frozenset({"next", "until", "by"})


def weekday_dates(sentence: str, dated: str | None) -> list[tuple[int, int, str, str]]:
    """``(start, end, shown, iso)`` for each past weekday in ``sentence`` of an article
    dated ``dated`` (``YYYY-MM-DD``); none when the article has no date or the sentence
    looks ahead.

    >>> weekday_dates("The fire broke out on Monday night.", "2025-03-04")
    [(22, 34, 'Monday 3 March 2025', '2025-03-03')]
    """
    if not dated or "day" not in sentence:
        return []
    try:
        today = date.fromisoformat(dated[:10])
    except ValueError:
        return []
    if _AHEAD_RE.search(sentence):
        return []
    found: list[tuple[int, int, str, str]] = []
    for m in _WEEKDAY_RE.finditer(sentence):
        before = (m.group("before") or "").lower()
        if before in _FUTURE_BEFORE:
            continue
        weekday = WEEKDAYS.index(m.group("day").lower())
        back = (today.weekday() - weekday) % 7
        if before == "last" and back == 0:
            back = 7  # "last Tuesday" in a Tuesday article is a week ago
        day = today - timedelta(days=back)
        shown = f"{m.group('day')} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
        start = m.start("day") if before in ("on", "") else m.start()
        found.append((start, m.end(), shown, day.isoformat()))
    return found
