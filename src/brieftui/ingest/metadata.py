"""Article metadata from the head of the text: bylines, datelines, publisher.

Only lines near the top (the head, before the first real paragraph) are read
as bylines and datelines, so a date mentioned in the body never becomes the
article's date. Missing fields stay ``None``: nothing is guessed.
"""

from __future__ import annotations

import re
from datetime import date

from brieftui.ingest.outlet import outlet_like

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<{g}>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may\.?|june?|july?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DATE = re.compile(
    r"\b(?:"
    r"(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?"
    r"|" + _MONTH.format(g="mon2") + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.format(g="mon3")
    + r",?\s+(?P<y3>\d{4})"
    r")(?!\w|-(?!\d{1,2}:\d{2}))",  # "June 9, 2020-5:12 pm": a time may follow a dash
    re.IGNORECASE,
)
# What may surround a date on a dateline: labels, weekdays, times, separators.
_DATELINE_NOISE = re.compile(
    r"(?:published|updated|last updated|edited|posted|posted on|first|originally|date|time|on|at"
    r"|am|pm|a\. ?m\.|p\. ?m\.|(?<=\d)[ap]\b"  # "5:03p"
    r"|gmt|utc|hrs|hkt|jst|sgt|aest|aedt|nzst|nzdt|msk|eet|eest|sast|wib"
    r"|(?<!\d)\d{4}(?= ?(?:gmt|utc|hkt|ist|[ecmp][sd]t)\b)"  # "1052 GMT": a time, no colon
    r"|[ecmp][sd]?t|bst|cet|cest|wat|ist|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|wed|thu|fri|sat|sun|\d{1,2}:\d{2}(?::\d{2})?|(?<!\d)\d+\s*(?:min|mins|minutes?)\s*read"
    r"|last modified|modified|\d{1,2}\.\d{2}|[+-]\d{1,2}(?::?\d{2})?(?!\d)"
    r"|\d{1,3} ?(?:seconds?|minutes?|mins?|hours?|hrs?|days?) ago"
    r"|[|,:·•/()–—.@-]+)",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")
_STAMP_LABEL = re.compile(r"(?i)\b(?:published|updated|posted|modified)\b")

_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|la|le|du|der|den|di|da|dos|das|del|van|von|bin|al|y))*"
# Linear: "and" between names must be a word of its own (``\band\b``), else a name such as
# "AandAandA…" could be cut at every "and" in 2^n ways (a 110-character line took minutes);
# "\s*:?\s+" was two runs of spaces competing for the same spaces, now "(?:\s*:)?\s+".
_BYLINE = re.compile(
    r"(?i:by|written by|words by|author|story by|reporting by)(?:\s*:)?\s+"
    r"(?P<name>" + _NAME + r"(?:\s*(?:,|\band\b|&)\s*" + _NAME + r")*)"
    r"(?P<rest>\s*(?:[|,•·–—-]|\bon\b|\bfor\b|\bin\b).*)?",
)
_PUBLISHER = re.compile(
    r"\b(?:is|as) (?:the )?(?i:publisher|founder and publisher|editor-in-chief|editor) of "
    r"(?P<name>(?:The )?[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,5})"
    r"|\b(?i:publishers?) of (?P<name2>(?:The )?[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,5})"
    r"|\b(?:originally |first )?(?:published|appeared) (?:on|in|by) (?P<name3>(?:The )?[A-Z]"
    r"[\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,4})"
)
_COPYRIGHT_OWNER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?"
    r"(?P<name>(?:The )?[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){0,5})[.,]?\s+all rights reserved\.?",
    re.IGNORECASE,
)
_AGENCY_DATELINE = re.compile(
    r"[A-Z][A-Z .,'-]{1,40}\((?P<agency>Reuters|AP|AFP|Bloomberg|Xinhua|TASS|Anadolu)\)\s*[-–—]"
)


def parse_date(text: str) -> str | None:
    """The first calendar date in ``text`` as ISO 8601 ``YYYY-MM-DD``, or None."""
    for m in _DATE.finditer(text):
        if m.group("y1"):
            y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
        elif m.group("y2"):
            y, mo, d = int(m.group("y2")), _MONTHS[m.group("mon2")[:3].lower()], int(m.group("d2"))
        else:
            y, mo, d = int(m.group("y3")), _MONTHS[m.group("mon3")[:3].lower()], int(m.group("d3"))
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


# A desk or team credit under the headline: "Your Money desk", "Markets Daily team".
_DESK_CREDIT = re.compile(
    r"(?:[A-Z][\w&’'.-]*\s+){0,4}(?i:desk|team|staff|newsroom|bureau|editorial board)"
)
# A wire dateline on a line of its own: "LONDON, May 8 (Wire) -", "WASHINGTON —".
_WIRE_DATELINE = re.compile(
    r"[A-Z][A-Z .'’-]{1,40}(?:, ?[A-Z][a-z.]{1,20}(?: [A-Z][a-z.]{1,20})?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\((?P<agency>[^()]{1,30})\))?\s*[-–—]+"
)
_AGENCY_NAME = re.compile(r"[A-Z][\w&’'.-]*(?: [A-Z][\w&’'.-]*){0,4}")


def desk_credit(line: str) -> str | None:
    """The credit when ``line`` names a desk or team rather than a person."""
    line = line.strip()
    return line if len(line) <= 60 and _DESK_CREDIT.fullmatch(line) else None


def date_and_credit(line: str) -> tuple[str, str | None] | None:
    """``(date, credit)`` for a "|"-separated line of only a date and bylines or credits."""
    if "|" not in line or len(line) > 160:
        return None
    date: str | None = None
    credit: str | None = None
    for part in (p.strip() for p in line.split("|")):
        if not part:
            continue
        if date is None and (found := dateline(part)) is not None:
            date = found
            continue
        by = byline(part)
        name = by[0] if by is not None else desk_credit(part)
        if name is None or credit is not None:
            return None
        credit = name
    return (date, credit) if date is not None else None


def _wire_match(line: str) -> re.Match[str] | None:
    if len(line) > 80:
        return None
    line = line.strip()
    return _WIRE_DATELINE.fullmatch(line) or _AGENCY_WIRE_DATELINE.fullmatch(line)


def wire_dateline(line: str) -> bool:
    """Whether ``line`` is only a wire dateline (the place, maybe a date and an agency):
    "LONDON, May 8 (Wire) -", "WASHINGTON —", and with the agency named, the place in
    any case or left out: "Washington (AP) —", "(AP) —"."""
    return _wire_match(line) is not None


def wire_dateline_agency(line: str) -> str | None:
    """The agency a wire dateline of its own names ("VALMORA, March 4 (Harbour Press) -"
    → "Harbour Press"): the story's publisher when nothing else names one."""
    m = _wire_match(line)
    agency = (m.group("agency") or "").strip() if m else ""
    return agency if _AGENCY_NAME.fullmatch(agency) else None


# A place in any case, then the agency in brackets and a dash: "Washington (AP) —",
# "Kyiv, Ukraine (Reuters) -", "(AP) —". The bracketed agency is what makes it a
# dateline (a Title Case place and a dash alone could be anything).
_AGENCY_WIRE_DATELINE = re.compile(
    r"(?:[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3}(?:, ?[A-Z][\w.'’-]{0,30}){0,2} ?)?"
    r"\((?P<agency>[A-Z][^()]{0,29})\) ?[-–—]+"
)

# What may stand beside the date and the names on a credit dateline: labels,
# weekdays, times and zones, as whole words (a name is never eaten into).
_CREDIT_NOISE = re.compile(
    r"\b(?:published|updated|last updated|posted|first published|dated?|on|at|am|pm"
    r"|gmt|utc|[ecmp][sd]t|bst|cet|cest|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?"
    r"|\b\d{1,2}[:.]\d{2}(?::\d{2})?\b|\b[ap]\.m\.",
    re.IGNORECASE,
)
_CREDIT_SEPARATORS = re.compile(r"[|,·•–—/:]|(?<!\w)-+(?!\w)")
_CREDIT_NAME = re.compile(
    r"[A-Z][\w&’'.-]{0,30}(?: (?:[A-Z0-9][\w&’'.-]{0,30}|of|the|and|&|de|la|du|von|van|al)){0,5}"
    r"|[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40}){0,3}\.[a-z]{2,12}"  # a domain
)


def credit_dateline(line: str) -> tuple[str, str | None] | None:
    """``(date, outlet)`` when ``line`` is only a date with an outlet or a place beside it.

    "*Associated Press, March 4, 2024*", "Reuters, 12 May 2025.", "AFP | Tuesday 4 March
    2025", "March 4, 2024, Associated Press" → the date and the outlet; "Kyiv, 12 May
    2025" → the date and ``None`` (a place is not an outlet: see
    :func:`~.outlet.outlet_like`). Besides the date there may be one or two names
    (capitalised words, or a domain), separated from it and from each other by commas,
    bars or dashes, and the labels a dateline carries ("Published", a weekday, a time);
    any other word, a verb, a lower-case word, makes it prose ("Reuters reported the
    deal on 12 May 2025.") and ``None``.
    """
    line = line.strip().strip("*_").strip().rstrip(".").rstrip()
    if len(line) > 90 or not line:
        return None
    m = _DATE.search(line)
    if m is None:
        return None
    iso = parse_date(m.group(0))
    if iso is None:
        return None
    rest = _CREDIT_NOISE.sub(" ", line[: m.start()] + " | " + line[m.end() :])
    names = [p for p in (" ".join(q.split()) for q in _CREDIT_SEPARATORS.split(rest)) if p]
    if not names or len(names) > 2:
        return None
    if not all(_CREDIT_NAME.fullmatch(name) for name in names):
        return None
    return iso, next(filter(None, map(outlet_like, names)), None)


def dateline(line: str) -> str | None:
    """The ISO date when ``line`` is a dateline (a date and nothing but labels/times),
    the date written in words or ISO ("March 4, 2025", "2025-03-04") or in numbers
    ("First Posted 21:14:00 07/07/2016": see :func:`numeric_dateline`)."""
    if len(line) > 90:
        return None
    m = _DATE.search(line)
    if m is None:
        return numeric_dateline(line)[1]
    rest = _DATE.sub(" ", line)  # "PUBLISHED: … 4 June 2022 | UPDATED: … 4 June 2022"
    if _DATELINE_NOISE.sub(" ", rest).strip():
        return None
    return parse_date(line)


# What else a wire dateline may hold besides the date: an agency's or a place's name in
# capitals ("PTI Mar 9, 2014, 07.12AM IST CHENNAI:", "NEW DELHI: March 4, 2025"); at
# most three such words, so a sentence in capitals is not one.
_CAPS_WORD = re.compile(r"[A-Z]{2,15}")
_TOKEN_SPLIT = re.compile(r"[\s|,:·•/()–—]+")


def time_stamp(line: str) -> bool:
    """A publishing stamp with a time but no date ("Updated 5:40 p. m. ET"): metadata,
    never a heading or a passage, and it dates nothing."""
    return (
        len(line) <= 60
        and _CLOCK.search(line) is not None
        and _STAMP_LABEL.search(line) is not None
        and not _DATELINE_NOISE.sub(" ", line).strip()
    )


def caps_dateline(line: str) -> str | None:
    """The ISO date of a wire dateline that also names, in capitals, its agency or place
    ("PTI Mar 9, 2014, 07.12AM IST CHENNAI:"). Asked after :func:`credit_dateline`, which
    keeps "AFP, 4 March 2025" as a dateline *and* a publisher."""
    if len(line) > 90:
        return None
    m = _DATE.search(line)
    if m is None:
        return None
    words = 0
    for token in _TOKEN_SPLIT.split(line[: m.start()] + " " + line[m.end() :]):
        if not _DATELINE_NOISE.sub("", token):
            continue  # a label, a time, a zone ("05.51AM", "IST")
        if not _CAPS_WORD.fullmatch(token):
            return None
        words += 1
    return parse_date(line) if words <= 3 else None


# Day, month and year in numbers, one separator throughout: "07/07/2016", "08/08/14",
# "25.03.2024", "2024/03/25". Not inside a longer run of numbers and separators.
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.:-])(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})(?![\w/:-]|\.\d)"
)
# A US time zone on the line ("07:05 PM ET EDT", "10:03 a.m. PT"): the site dates month first.
_US_ZONE = re.compile(r"\b(?:[ECMP][SD]T|ET|CT|PT)\b")


def numeric_dateline(line: str) -> tuple[bool, str | None]:
    """``(is a dateline, ISO date)`` for a line of only a date in numbers and a dateline's
    labels, times and zones ("First Posted 21:14:00 07/07/2016", "08/08/14 09:40 PM ET
    EDT", "Updated: 25/03/2024 14:10").

    The order of day and month is told by a part above 12 ("25/03/2024"), by both orders
    giving the same day ("07/07/2016"), or, for a truly ambiguous date ("04/05/2010"), by
    a US time zone on the line (ET, EDT, PT…: month first). Nothing else about the
    article is read here, so without such a zone a truly ambiguous line is still a
    dateline (metadata, neither heading nor passage) but gives no date: ``(True, None)``.
    Four digits first is year, month, day. A two-digit year is 20xx below 70, else 19xx.
    ``(False, None)`` when the line is anything else (prose, an impossible date).
    """
    if len(line) > 90:
        return False, None
    m = _NUMERIC_DATE.search(line)
    if m is None:
        return False, None
    rest = line[: m.start()] + " " + line[m.end() :]
    if _DATELINE_NOISE.sub(" ", rest).strip():
        return False, None
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4:
        return (True, found) if (found := _ymd(int(a), int(b), int(c))) else (False, None)
    if len(a) > 2 or len(c) == 3:
        return False, None
    year = int(c) if len(c) == 4 else (2000 if int(c) < 70 else 1900) + int(c)
    month_first = _ymd(year, int(a), int(b))
    day_first = _ymd(year, int(b), int(a))
    if month_first is None and day_first is None:
        return False, None
    if month_first is None or day_first is None or month_first == day_first:
        return True, month_first or day_first
    return True, month_first if _US_ZONE.search(line) else None


def _ymd(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def byline(line: str) -> tuple[str, str | None] | None:
    """``(author, date)`` when ``line`` is a byline ("By: Jane Doe", "By Jane Doe | 4 March 2025").

    The outlet a byline names is not part of the author ("By Anna Ortiz, Reuters" →
    "Anna Ortiz"); :func:`byline_outlet` gives it.
    """
    parts = _byline_parts(line)
    return None if parts is None else (parts[0], parts[1])


def byline_outlet(line: str) -> str | None:
    """The outlet a byline names: "By A, Reuters", "By A and B, AFP", "By A | Reuters",
    "By A – Reuters", "By A for the Guardian", "By A in Kyiv for Reuters"."""
    parts = _byline_parts(line)
    return None if parts is None else parts[2]


# After the names: a separator and a piece, or "for (the) Outlet" (maybe after "in Place").
_REST_PIECES = re.compile(r"[|,•·–—]|(?<!\S)-+(?!\S)")
# "(in Place) for (the) Outlet"; the spaces in front are taken once, where they start
# (``(?<!\s)``), so a search over a run of spaces stays linear.
_FOR_OUTLET = re.compile(
    r"(?<!\s)\s*(?:in\s+[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}\s+)?for\s+(?P<outlet>(?:the\s+)?"
    r"[A-Z][\w&’'.-]*(?:\s+(?:[A-Z][\w&’'.-]*|of|and|&)){0,5})"
)


def _byline_parts(line: str) -> tuple[str, str | None, str | None] | None:
    """``(author, date, outlet)`` of a byline, or None when ``line`` is not one.

    The names are a comma list ("A, B and C"), so an outlet after the last comma is
    read as a name by the pattern: it is taken off the end when it has an outlet's
    shape (:func:`~.outlet.outlet_like`), never a person's two or three words.
    """
    if len(line) > 160:
        return None
    m = _BYLINE.fullmatch(line)
    if m is None:
        return None
    name = m.group("name").strip().rstrip(".,")
    if len(name.split()) > 8:
        return None
    rest = m.group("rest") or ""
    found: str | None = None
    head, sep, last = name.rpartition(",")
    if sep and head.strip() and (found := outlet_like(last)) is not None:
        name = head.strip().rstrip(",")
    if found is None and rest:
        by_for = _FOR_OUTLET.match(rest)
        if by_for is not None and by_for.end() == len(rest.rstrip(" .")):
            found = outlet_like(by_for.group("outlet")) or _capitalised_name(by_for.group("outlet"))
        else:
            for piece in _REST_PIECES.split(rest):
                if piece.strip() and (found := outlet_like(piece.strip().rstrip("."))):
                    break
    return name, parse_date(rest) if rest else None, found


def _capitalised_name(name: str) -> str | None:
    """ "the Guardian" → "Guardian": the name after "for" in a byline, whatever its shape."""
    name = name.strip().rstrip(".")
    if name.startswith("the "):
        name = name[4:]
    return name if name[:1].isupper() and len(name.split()) <= 6 else None


def publisher_in(text: str) -> str | None:
    """A publisher the text names explicitly ("…is the Publisher of Prime Business Africa")."""
    m = _PUBLISHER.search(text[:5000])
    if m is None:
        return None
    name = m.group("name") or m.group("name2") or m.group("name3")
    return name.strip() if name else None


def copyright_owner(line: str) -> str | None:
    """The owner named by "© 2025 Northern Post. All rights reserved." (a publisher)."""
    if len(line) > 200:
        return None
    m = _COPYRIGHT_OWNER.fullmatch(line.strip())
    return m.group("name").rstrip(".") if m else None


def agency_dateline(paragraph: str) -> str | None:
    """ "WASHINGTON (Reuters) - …" names the agency that published the story."""
    m = _AGENCY_DATELINE.match(paragraph[:80])
    return m.group("agency") if m else None


_URL_MAX = 2000


def clean_url(value: str | None) -> str | None:
    """``value`` when it is an absolute http(s) URL safe to show and to open, else None.

    A document's URL is shown in the byline and opened in a browser, so only
    ``http://`` and ``https://`` with a host are kept: never ``javascript:``,
    ``file:`` or a relative path, never one with spaces or control characters.
    """
    if not value:
        return None
    value = value.strip()
    if not value or len(value) > _URL_MAX or not value.isprintable() or " " in value:
        return None
    scheme, sep, rest = value.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return None
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rpartition("@")[2]
    if not host or host.startswith(":") or "\\" in host:
        return None
    return scheme.lower() + "://" + rest
